"""The framing findings of one story arranged for side-by-side display: one row per entity, one column
per outlet. Every renderer (terminal, Markdown, HTML, web) reads this view of the JSON report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

JSONDict = dict[str, Any]


@dataclass(frozen=True)
class Cell:
    """What one outlet writes about one entity: its naming forms, or its tone."""

    text: str
    score: float
    finding: JSONDict


@dataclass(frozen=True)
class Row:
    entity: str  # the canonical name
    cells: dict[str, Cell] = field(default_factory=dict)  # article id → cell


@dataclass(frozen=True)
class FramingView:
    articles: list[str]  # article ids, in the story's order
    loaded: list[JSONDict]  # one finding per outlet that writes loaded words
    perspective: list[JSONDict]
    labels: list[Row]
    tone: list[Row]

    @property
    def empty(self) -> bool:
        return not (self.loaded or self.perspective or self.labels or self.tone)


def framing_view(report: JSONDict, story: JSONDict) -> FramingView:
    findings = [f for f in story.get("findings", []) if f.get("kind") == "framing"]
    bodies = {str(a.get("id")): str(a.get("body") or "") for a in report.get("articles", [])}
    names = {str(e.get("id")): str(e.get("name")) for e in report.get("entities", [])}
    return FramingView(
        [str(a) for a in story.get("articles", [])],
        [f for f in findings if f.get("aspect") == "loaded"],
        [f for f in findings if f.get("aspect") == "perspective"],
        _rows(findings, "label", names, lambda f: _forms(f, bodies)),
        _rows(findings, "tone", names, _tone_text),
    )


def _rows(findings: list[JSONDict], aspect: str, names: dict[str, str], text_of: Any) -> list[Row]:
    rows: dict[str, Row] = {}
    for f in findings:
        if f.get("aspect") != aspect:
            continue
        entity = str(f.get("entity"))
        row = rows.setdefault(entity, Row(names.get(entity, entity)))
        row.cells[str(f.get("article"))] = Cell(text_of(f), float(f.get("score") or 0.0), f)
    return list(rows.values())


def _forms(finding: JSONDict, bodies: dict[str, str]) -> str:
    """The distinct ways the outlet names the entity, as written."""
    forms: dict[str, None] = {}
    for c in finding.get("citations", []):
        body = bodies.get(str(c.get("article")), "")
        start, end = c.get("start"), c.get("end")
        if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(body):
            forms[" ".join(body[start:end].split())] = None
    return " · ".join(forms)


def _tone_text(finding: JSONDict) -> str:
    terms = finding.get("terms") or ["?"]
    n = len(finding.get("citations", []))
    return f"{terms[0]} ({float(finding.get('score') or 0.0):+.2f}, {n} sentence{'s' * (n != 1)})"
