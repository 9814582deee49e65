"""Parallax: compare how several outlets report one news event."""

__version__ = "0.1.0"
