"""Article storage: one small protocol (``base.Store``) and its backends.

``open_store`` is the factory: a plain path (or ``sqlite:///path``) opens the
SQLite backend. A server backend plugs in here without touching the stages.
"""

from __future__ import annotations

from pathlib import Path

from storyline.store.base import FileMark, Store
from storyline.store.sqlite import SQLiteStore, StoreError

__all__ = ["FileMark", "Store", "SQLiteStore", "StoreError", "open_store"]


def open_store(location: str | Path) -> Store:
    """Open the store at ``location``: a file path or a ``sqlite:///`` URL."""
    text = str(location)
    if text.startswith("sqlite:///"):
        text = text[len("sqlite:///") :]
    elif "://" in text:
        scheme = text.split("://", 1)[0]
        raise StoreError(f"unknown store scheme {scheme!r}; use a file path or sqlite:///path")
    return SQLiteStore(Path(text))
