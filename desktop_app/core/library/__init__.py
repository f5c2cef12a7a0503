"""The library: the SQLite store, its models and migrations, recovery, and the facade the CLI and the window talk to."""
