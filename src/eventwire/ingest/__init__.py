"""Readers: every input format to `Article` records (see readers.py)."""

from .readers import ReadOptions, Source, content_hash, read_articles

__all__ = ["ReadOptions", "Source", "content_hash", "read_articles"]
