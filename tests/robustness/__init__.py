"""Robustness: crashes, damaged files, old schemas, hostile input, no network, concurrency, privacy (issue 9)."""
