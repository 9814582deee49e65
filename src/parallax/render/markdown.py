"""Render the JSON report dict as Markdown (CommonMark with GFM tables and strikethrough).

Article text is hostile: every article-derived string goes through ``md_escape``
so that HTML, links, images or emphasis in it are shown literally and never
rendered by a Markdown viewer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from parallax.render.framing import Row, framing_view
from parallax.render.json import JSONDict, article_labels, article_numbers
from parallax.render.terminal import diff_parts

# Characters that start inline constructs (emphasis, code, links, autolinks, HTML, tables, strikethrough).
_INLINE = re.compile(r"([\\`*_\[\]{}|~!#])")
# Constructs that only count at the start of a line: bullet and ordered lists, setext underlines.
_LINE_START = re.compile(r"^(\s*(?:\d+(?=[.)]))?)([-+=.)])")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def md_escape(value: Any) -> str:
    """Make ``value`` literal Markdown text on one line."""
    # One line: a newline in article text could otherwise start a heading or list. Edge spaces stay,
    # because diff runs are escaped piecewise and the spaces between them matter.
    text = re.sub(r"\s+", " ", "" if value is None else str(value))
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    # Entities rather than backslashes for HTML: they also hold inside raw HTML blocks.
    return "".join(_HTML.get(ch, ch) for ch in text)


def _findings(story: JSONDict, kind: str) -> list[JSONDict]:
    return [f for f in story.get("findings", []) if f.get("kind") == kind]


def _cite(citations: Iterable[JSONDict], labels: dict[str, str]) -> str:
    """Citations as ``(Outlet, chars 10–40)``: readable without links, exact enough to check."""
    refs = []
    for c in citations:
        label = md_escape(labels.get(str(c.get("article")), c.get("article")))
        refs.append(f"({label}, chars {int(c.get('start', 0))}–{int(c.get('end', 0))})")
    return " ".join(refs)


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"### {title}", "", *(lines or ["_None._"]), ""]


def _articles(articles: list[JSONDict], labels: dict[str, str], numbers: dict[str, int]) -> list[str]:
    lines = [
        "| # | Outlet | Kind | Title | Published | Via | Boilerplate removed |",
        "|---|---|---|---|---|---|---|",
    ]
    for a in articles:
        cells = [
            md_escape(labels[str(a.get("id"))]),
            "opinion" if a.get("opinion") else "news",
            md_escape(a.get("title") or "(untitled)"),
            md_escape(a.get("published") or "date unknown"),
            md_escape(a.get("via") or "—"),
            str(len(a.get("removed") or [])),
        ]
        lines.append(f"| {numbers[str(a.get('id'))]} | " + " | ".join(cells) + " |")
    return lines


def _confidence(finding: JSONDict) -> str:
    value = finding.get("confidence")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return f" ({value:.0%} confidence)"


def _conflicts(story: JSONDict, labels: dict[str, str]) -> list[str]:
    lines = []
    for f in _findings(story, "conflict"):
        kind = md_escape(f.get("conflict_type") or "conflict") + _confidence(f)
        lines.append(f"- **{kind}**: {md_escape(f.get('text'))}")
        for side in f.get("sides", []):
            label = md_escape(labels.get(str(side.get("article")), side.get("article")))
            cite = _cite(side.get("citations", []), labels)
            lines.append(f"  - **{label}**: {md_escape(side.get('text'))} {cite}".rstrip())
    return lines


def _outlets(finding: JSONDict) -> str:
    n = int(finding.get("outlets") or 0)
    return f"{n} outlet{'' if n == 1 else 's'}"


def _shared(story: JSONDict, labels: dict[str, str]) -> list[str]:
    return [
        f"- {md_escape(f.get('text'))} — {_outlets(f)}{_background(f)} "
        + _cite(f.get("citations", []), labels)
        for f in _findings(story, "shared")
    ]


def _background(finding: JSONDict) -> str:
    why = finding.get("background")
    return f" _(background: {md_escape(why)})_" if why else ""


def _diff(rendering: JSONDict) -> str:
    diff = str(rendering.get("diff") or "")
    if not diff:
        return md_escape(rendering.get("text"))
    marks = {"same": "{}", "del": "~~{}~~", "ins": "**{}**"}
    out = []
    for kind, part in diff_parts(diff):
        escaped = md_escape(part)
        core = escaped.strip()
        # Emphasis markers must hug non-space text or Markdown ignores them, so edge spaces go outside.
        lead, trail = escaped[: len(escaped) - len(escaped.lstrip())], escaped[len(escaped.rstrip()) :]
        out.append(lead + marks[kind].format(core) + trail if core else escaped)
    return "".join(out).strip() or md_escape(rendering.get("text"))


def _quotes(story: JSONDict, labels: dict[str, str]) -> list[str]:
    lines = []
    for f in _findings(story, "quote"):
        lines.append(f"- **{md_escape(f.get('speaker') or 'unattributed')}**: “{md_escape(f.get('text'))}”")
        for r in f.get("renderings", []):
            label = md_escape(labels.get(str(r.get("article")), r.get("article")))
            lines.append(f"  - **{label}** _({md_escape(r.get('class'))})_: {_diff(r)}")
            if r.get("closest"):
                lines.append(f"    - ★ likely closest to the original: {md_escape(r.get('why_closest'))}")
    return lines


def _unique(story: JSONDict, labels: dict[str, str], kind: str = "unique") -> list[str]:
    """Unique (or context) findings grouped by the outlet that reports them; context with its reason."""
    groups: dict[str, list[str]] = {}
    for f in _findings(story, kind):
        cited = [labels.get(str(c.get("article")), "") for c in f.get("citations", [])]
        reason = f" _({md_escape(f.get('reason'))})_" if f.get("reason") else ""
        line = f"  - {md_escape(f.get('text'))}{reason} {_cite(f.get('citations', []), labels)}"
        # one outlet's fact, listed once under its first article (the others it cites say it again)
        groups.setdefault(cited[0] if cited else "(uncited)", []).append(line)
    return [ln for label, items in groups.items() for ln in [f"- **{md_escape(label)}**", *items]]


def _omissions(story: JSONDict, labels: dict[str, str]) -> list[str]:
    """What each outlet leaves out that most others report, grouped by the outlet that leaves it out."""
    groups: dict[str, list[str]] = {}
    for f in _findings(story, "omission"):
        line = f"  - {md_escape(f.get('text'))} — {_outlets(f)} " + _cite(f.get("citations", []), labels)
        for label in dict.fromkeys(labels.get(str(a), str(a)) for a in f.get("omitted_by", [])):
            groups.setdefault(label, []).append(line)
    return [ln for label, items in groups.items() for ln in [f"- **{md_escape(label)}** leaves out", *items]]


def _dates(report: JSONDict, ids: set[str], labels: dict[str, str]) -> list[str]:
    dates = [d for d in report.get("dates", []) if d.get("article") in ids]
    if not dates:
        return []
    lines = ["| Outlet | Text | Value | Inferred |", "|---|---|---|---|"]
    for d in dates:
        cells = [labels.get(str(d.get("article")), ""), d.get("text"), d.get("value") or "unresolved"]
        inferred = "inferred" if d.get("inferred") else ""
        lines.append("| " + " | ".join(md_escape(c) for c in cells) + f" | {inferred} |")
    return lines


def _entities(report: JSONDict, ids: set[str]) -> list[str]:
    lines = []
    for e in report.get("entities", []):
        texts = [m.get("text") for m in e.get("mentions", []) if m.get("article") in ids]
        if texts:
            variants = " · ".join(md_escape(t) for t in dict.fromkeys(texts))
            lines.append(f"- **{md_escape(e.get('name'))}** ({md_escape(e.get('type'))}): {variants}")
    return lines


def _framing(report: JSONDict, story: JSONDict, labels: dict[str, str]) -> list[str]:
    """Loaded words and voice per outlet; how each names each entity, and its tone, side by side."""
    view = framing_view(report, story)
    lines = []
    for f in view.loaded:
        terms = ", ".join(md_escape(t) for t in f.get("terms", []))
        share = f"{float(f.get('score') or 0):.0%} of its clauses"
        lines.append(f"- **{md_escape(f.get('outlet'))}** loaded words ({share}): {terms}")
    lines += [
        f"- {md_escape(f.get('text'))} {_cite(f.get('citations', []), labels)}" for f in view.perspective
    ]
    for title, rows in (("Naming", view.labels), ("Tone", view.tone)):
        if rows:
            lines += ["", *_side_by_side(title, rows, view.articles, labels)]
    return lines


def _side_by_side(title: str, rows: list[Row], articles: list[str], labels: dict[str, str]) -> list[str]:
    head = "| " + " | ".join([title, *(md_escape(labels.get(a, a)) for a in articles)]) + " |"
    lines = [head, "|" + "---|" * (len(articles) + 1)]
    for row in rows:
        cells = [md_escape(row.cells[a].text) if a in row.cells else "—" for a in articles]
        lines.append("| " + " | ".join([f"**{md_escape(row.entity)}**", *cells]) + " |")
    return lines


def _brief(story: JSONDict, labels: dict[str, str]) -> list[str]:
    return [
        f"{md_escape(b.get('text'))} {_cite(b.get('citations', []), labels)}".rstrip() + "\n"
        for b in story.get("brief", [])
    ]


def _story(report: JSONDict, story: JSONDict, labels: dict[str, str]) -> list[str]:
    wanted = set(story.get("articles", []))
    articles = [a for a in report.get("articles", []) if a.get("id") in wanted]
    ids = {str(a.get("id")) for a in articles}
    return [
        f"## Story {md_escape(story.get('id'))}",
        "",
        *_section("Articles", _articles(articles, labels, article_numbers(report))),
        *_section("Conflicts", _conflicts(story, labels)),
        *_section("Shared facts", _shared(story, labels)),
        *_section("Quotes", _quotes(story, labels)),
        *_section("Unique facts", _unique(story, labels)),
        *_section("Background only one outlet gives", _unique(story, labels, "context")),
        *_section("Left out", _omissions(story, labels)),
        *_section("Framing", _framing(report, story, labels)),
        *_section("Dates", _dates(report, ids, labels)),
        *_section("Entities", _entities(report, ids)),
        *_section("Brief", _brief(story, labels)),
    ]


def render_markdown(report: JSONDict) -> str:
    """The report dict (from ``report_to_dict``) as one Markdown document."""
    labels = article_labels(report)
    lines = ["# Parallax report", ""]
    for story in report.get("stories", []):
        lines += _story(report, story, labels)
    errors = [
        f"- **{md_escape(e.get('source'))}**: {md_escape(e.get('reason'))}" for e in report.get("errors", [])
    ]
    lines += ["## Errors", "", *(errors or ["_None._"]), ""]
    notes = [f"- {md_escape(n)}" for n in report.get("notes", [])]
    lines += ["## Notes", "", *(notes or ["_None._"]), ""]
    return "\n".join(lines)
