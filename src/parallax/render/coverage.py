"""The coverage matrix of one story: each fact (shared or unique) against the outlets that report it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

JSONDict = dict[str, Any]
MAX_ROWS = 40  # the most widely reported facts first; the rest are listed in their own sections


@dataclass(frozen=True)
class CoverageRow:
    finding: JSONDict
    reported_by: frozenset[str]  # article ids citing the fact
    copies: frozenset[str]  # article ids whose report is a copy of another's (counted once)


def coverage(story: JSONDict) -> list[CoverageRow]:
    """Shared facts by the number of independent outlets, then unique facts in story order."""
    copies = {str(d.get("article")) for d in story.get("duplicates", [])}
    rows = []
    for f in story.get("findings", []):
        if f.get("kind") in ("shared", "unique"):
            cited = frozenset(str(c.get("article")) for c in f.get("citations", []))
            rows.append(CoverageRow(f, cited, cited & copies))
    rows.sort(key=lambda r: (r.finding.get("kind") != "shared", -int(r.finding.get("outlets") or 0)))
    return rows[:MAX_ROWS]
