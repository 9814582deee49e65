"""The repository itself: no half-finished merge is committed."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT_SUFFIXES = {".py", ".md", ".toml", ".txt", ".cfg", ".yml", ".yaml", ".html", ".js", ".css", ".tsv"}
CONFLICT_MARKER = re.compile(r"^(?:<{7}|>{7})(?: |$)|^={7}$", re.MULTILINE)


def tracked_text_files() -> list[Path]:
    """The repository's text files, environments and build output left out (walked, not descended)."""
    skipped = {".git", ".venv", "node_modules", "build", "dist", "__pycache__", ".mypy_cache", ".ruff_cache"}
    found = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [s for s in subfolders if s not in skipped and not s.endswith(".egg-info")]
        found.extend(Path(folder, name) for name in names if Path(name).suffix in TEXT_SUFFIXES)
    return found


def test_no_merge_conflict_markers() -> None:
    files = tracked_text_files()
    assert len(files) > 50  # the walk found the sources, docs and tests
    marked = [
        str(path.relative_to(ROOT))
        for path in files
        if CONFLICT_MARKER.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert marked == []
