"""Actors: the offline knowledge base (data/) and its lookup (kb.py)."""
