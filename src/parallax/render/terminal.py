"""Render the JSON report dict to a terminal with rich.

Every article-derived string goes into a ``Text`` object, never into a markup
string: article text is hostile and ``[bold]`` or ``[link=...]`` in it must be
shown as typed. Control characters are replaced too, because rich passes ESC
through and an article could otherwise drive the user's terminal.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parallax.render.framing import framing_view
from parallax.render.json import JSONDict, article_labels, article_numbers

# C0/C1 controls (bar newline and tab) and the bidi overrides that can reorder what a reader sees.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_DIFF = re.compile(r"\[-(.*?)-\]|\{\+(.*?)\+\}", re.S)

_DEL_STYLE = "red strike"
_INS_STYLE = "green"


def clean(value: Any) -> str:
    """Article text made safe to show: a string with no terminal control characters."""
    return _UNSAFE.sub("\ufffd", "" if value is None else str(value))


def _text(value: Any, style: str = "") -> Text:
    return Text(clean(value), style=style)


def _story_articles(report: JSONDict, story: JSONDict) -> list[JSONDict]:
    wanted = set(story.get("articles", []))
    return [a for a in report.get("articles", []) if a.get("id") in wanted]


def diff_parts(diff: str) -> list[tuple[str, str]]:
    """Split a ``--word-diff=plain`` string into (kind, text) runs: kind is same, del or ins."""
    parts: list[tuple[str, str]] = []
    pos = 0
    for match in _DIFF.finditer(diff):
        if match.start() > pos:
            parts.append(("same", diff[pos : match.start()]))
        if match.group(1) is not None:
            parts.append(("del", match.group(1)))
        else:
            parts.append(("ins", match.group(2)))
        pos = match.end()
    if pos < len(diff):
        parts.append(("same", diff[pos:]))
    return parts


def _diff_text(rendering: JSONDict, coloured: bool) -> Text:
    """The rendering with its word differences: struck and green in colour, ``[-…-]``/``{+…+}`` without
    (piped to a file, a deletion and an insertion would otherwise read as one garbled sentence)."""
    diff = rendering.get("diff") or ""
    if not diff:
        return _text(rendering.get("text"))
    styles = {"same": "", "del": _DEL_STYLE, "ins": _INS_STYLE}
    marks = {"same": ("", ""), "del": ("[-", "-]"), "ins": ("{+", "+}")}
    out = Text()
    for kind, part in diff_parts(str(diff)):
        before, after = ("", "") if coloured else marks[kind]
        out.append(before + clean(part) + after, style=styles[kind])
    return out


def _heading(console: Console, title: str) -> None:
    console.print(Text(title, style="bold underline"))


def _none(console: Console, items: Iterable[Any]) -> bool:
    """Print a placeholder for an empty section, so every section is always visible."""
    if not list(items):
        console.print(Text("  (none)", style="dim"))
        return True
    return False


def _cited_labels(citations: Iterable[JSONDict], labels: dict[str, str]) -> list[str]:
    seen: list[str] = []
    for c in citations:
        label = labels.get(str(c.get("article")), str(c.get("article")))
        if label not in seen:
            seen.append(label)
    return seen


def _articles_table(articles: list[JSONDict], labels: dict[str, str], numbers: dict[str, int]) -> Table:
    table = Table("#", "Outlet", "Kind", "Title", "Published", "Via", "Boilerplate removed")
    for a in articles:
        table.add_row(
            str(numbers[str(a.get("id"))]),
            _text(labels[str(a.get("id"))], "bold"),
            "opinion" if a.get("opinion") else "news",
            _text(a.get("title") or "(untitled)"),
            _text(a.get("published") or "date unknown"),
            _text(a.get("via") or "—"),
            str(len(a.get("removed") or [])),
        )
    return table


def _findings(story: JSONDict, kind: str) -> list[JSONDict]:
    return [f for f in story.get("findings", []) if f.get("kind") == kind]


def _confidence(finding: JSONDict) -> str:
    """The optional confidence of a conflict, as a percentage, or nothing when absent."""
    value = finding.get("confidence")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return f" ({value:.0%} confidence)"


def _conflicts(console: Console, story: JSONDict, labels: dict[str, str]) -> None:
    _heading(console, "Conflicts")
    conflicts = _findings(story, "conflict")
    if _none(console, conflicts):
        return
    for f in conflicts:
        kind = clean(f.get("conflict_type") or "conflict") + _confidence(f)
        console.print(Text("  ⚠ ", style="yellow") + _text(f"{kind}: ", "yellow") + _text(f.get("text")))
        for side in f.get("sides", []):
            label = labels.get(str(side.get("article")), str(side.get("article")))
            console.print(Text("      ") + _text(label, "bold") + Text(": ") + _text(side.get("text")))


def _outlets(finding: JSONDict) -> str:
    n = int(finding.get("outlets") or 0)
    return f"{n} outlet{'' if n == 1 else 's'}"


def _shared(console: Console, story: JSONDict, labels: dict[str, str]) -> None:
    _heading(console, "Shared facts")
    shared = _findings(story, "shared")
    if _none(console, shared):
        return
    for f in shared:
        outlets = ", ".join(_cited_labels(f.get("citations", []), labels))
        console.print(Text("  • ") + _text(f.get("text")))
        background = f"; background: {f['background']}" if f.get("background") else ""
        console.print(_text(f"      reported by {outlets} ({_outlets(f)}{background})", "dim"))


def _quotes(console: Console, story: JSONDict, labels: dict[str, str]) -> None:
    _heading(console, "Quotes")
    quotes = _findings(story, "quote")
    if _none(console, quotes):
        return
    for f in quotes:
        console.print(Text("  ❝ ") + _text(f.get("speaker") or "unattributed", "bold") + Text(": "))
        console.print(Text("      ") + _text(f.get("text"), "italic"))
        for r in f.get("renderings", []):
            label = labels.get(str(r.get("article")), str(r.get("article")))
            head = Text("      ") + _text(label, "bold") + _text(f" [{r.get('class')}] ", "cyan")
            console.print(head + _diff_text(r, coloured=console.color_system is not None))
            if r.get("closest"):
                console.print(
                    _text(f"        ★ likely closest to the original: {r.get('why_closest')}", "dim")
                )


def _unique(
    console: Console,
    story: JSONDict,
    labels: dict[str, str],
    kind: str = "unique",
    title: str = "Unique facts",
) -> None:
    _heading(console, title)
    unique = _findings(story, kind)
    if _none(console, unique):
        return
    groups: dict[str, list[JSONDict]] = {}
    for f in unique:
        # one outlet's fact, listed once under its first article (the others it cites say it again)
        groups.setdefault((_cited_labels(f.get("citations", []), labels) or ["(uncited)"])[0], []).append(f)
    for label, found in groups.items():
        console.print(Text("  ") + _text(label, "bold"))
        for f in found:
            reason = _text(f"  ({f.get('reason')})", "dim") if f.get("reason") else Text("")
            console.print(Text("    • ") + _text(f.get("text")) + reason)


def _omissions(console: Console, story: JSONDict, labels: dict[str, str]) -> None:
    _heading(console, "Left out")
    omissions = _findings(story, "omission")
    if _none(console, omissions):
        return
    groups: dict[str, list[JSONDict]] = {}
    for f in omissions:
        for label in dict.fromkeys(labels.get(str(a), str(a)) for a in f.get("omitted_by", [])):
            groups.setdefault(label, []).append(f)
    for label, found in groups.items():
        console.print(Text("  ") + _text(label, "bold") + Text(" leaves out"))
        for f in found:
            console.print(Text("    • ") + _text(f.get("text")) + _text(f"  ({_outlets(f)})", "dim"))


def _framing(console: Console, report: JSONDict, story: JSONDict, labels: dict[str, str]) -> None:
    _heading(console, "Framing")
    view = framing_view(report, story)
    if view.empty:
        console.print(Text("  (none)", style="dim"))
        return
    for f in view.loaded:
        share = f"{float(f.get('score') or 0):.0%} of its clauses"
        head = Text("  ") + _text(f.get("outlet"), "bold") + _text(f" loaded words ({share}): ", "magenta")
        console.print(head + _text(", ".join(clean(t) for t in f.get("terms", []))))
    for f in view.perspective:
        console.print(Text("  ◆ ") + _text(f.get("text")))
    for title, rows in (("Naming", view.labels), ("Tone", view.tone)):
        if rows:
            table = Table(title, *(clean(labels.get(a, a)) for a in view.articles))
            for row in rows:
                cells = [_text(row.cells[a].text) if a in row.cells else Text("—") for a in view.articles]
                table.add_row(_text(row.entity, "bold"), *cells)
            console.print(table)


def _dates(console: Console, report: JSONDict, ids: set[str], labels: dict[str, str]) -> None:
    _heading(console, "Dates")
    dates = [d for d in report.get("dates", []) if d.get("article") in ids]
    if _none(console, dates):
        return
    table = Table("Outlet", "Text", "Value")
    for d in dates:
        inferred = " (inferred)" if d.get("inferred") else ""  # no column of its own: it is mostly empty
        value = d.get("value") or "unresolved"
        label = labels.get(str(d.get("article")), "")
        table.add_row(_text(label), _text(d.get("text")), Text("→ ") + _text(value) + _text(inferred, "dim"))
    console.print(table)


def _entities(console: Console, report: JSONDict, ids: set[str]) -> None:
    _heading(console, "Entities")
    rows: list[tuple[Text, Text, Text]] = []
    for e in report.get("entities", []):
        mentions = [m for m in e.get("mentions", []) if m.get("article") in ids]
        if not mentions:
            continue
        variants = list(dict.fromkeys(clean(m.get("text")) for m in mentions))
        rows.append((_text(e.get("name"), "bold"), _text(e.get("type")), Text(" · ".join(variants))))
    if _none(console, rows):
        return
    table = Table("Entity", "Type", "Variants")
    for row in rows:
        table.add_row(*row)
    console.print(table)


def _brief(console: Console, story: JSONDict, numbers: dict[str, int], labels: dict[str, str]) -> None:
    """The brief, each sentence marked with the numbers of the articles it cites."""
    _heading(console, "Brief")
    brief = story.get("brief", [])
    if _none(console, brief):
        return
    for sentence in brief:
        cited = dict.fromkeys(numbers.get(str(c.get("article")), 0) for c in sentence.get("citations", []))
        marker = f" [{','.join(str(n) for n in cited)}]" if cited else ""
        console.print(Text("  ") + _text(sentence.get("text")) + Text(marker, style="cyan"))
    for aid, n in numbers.items():
        console.print(Text(f"    [{n}] ", style="cyan") + _text(labels.get(aid, aid)))


def _story(console: Console, report: JSONDict, story: JSONDict, labels: dict[str, str]) -> None:
    articles = _story_articles(report, story)
    console.rule(_text(f"Story {story.get('id')}", "bold"))
    in_report = article_numbers(report)
    numbers = {str(a.get("id")): in_report[str(a.get("id"))] for a in articles}
    console.print(_articles_table(articles, labels, numbers))
    _conflicts(console, story, labels)
    _shared(console, story, labels)
    _quotes(console, story, labels)
    _unique(console, story, labels)
    _unique(console, story, labels, "context", "Background only one outlet gives")
    _omissions(console, story, labels)
    _framing(console, report, story, labels)
    ids = {str(a.get("id")) for a in articles}
    _dates(console, report, ids, labels)
    _entities(console, report, ids)
    _brief(console, story, numbers, labels)


def _errors_and_notes(console: Console, report: JSONDict) -> None:
    _heading(console, "Errors")
    errors = report.get("errors", [])
    if not _none(console, errors):
        for e in errors:
            console.print(
                Text("  ✗ ", style="red")
                + _text(e.get("source"), "bold")
                + Text(": ")
                + _text(e.get("reason"))
            )
    _heading(console, "Notes")
    notes = report.get("notes", [])
    if not _none(console, notes):
        for note in notes:
            console.print(Text("  • ") + _text(note))


def render_terminal(report: JSONDict, console: Console | None = None) -> None:
    """Print the report dict (from ``report_to_dict``) to ``console`` (stdout by default)."""
    console = console or Console()
    labels = article_labels(report)
    if not report.get("stories"):
        console.print(Text("No stories found.", style="dim"))
    for story in report.get("stories", []):
        _story(console, report, story, labels)
    _errors_and_notes(console, report)


def render_quote_groups(console: Console, report: JSONDict) -> None:
    """The statements quoted by several outlets, story by story, with each outlet's rendering."""
    labels = article_labels(report)
    for story in report.get("stories", []):
        _quotes(console, story, labels)
