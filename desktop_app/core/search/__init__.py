"""Searching the phrase library: the in-memory index and the search terms worked out when a phrase is saved."""
