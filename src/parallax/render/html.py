"""Render the JSON report dict as one self-contained HTML page.

The page loads nothing: CSS is inline, the one small script is pinned by hash
in a strict Content-Security-Policy, and article text, which is hostile, is
escaped everywhere (``esc``). Article bodies are cut at every span boundary so
that overlapping spans become flat, non-nested segments: the markup is always
well formed and the text of a body column is exactly the article body.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from html import escape
from itertools import pairwise
from typing import Any
from urllib.parse import urlsplit

from parallax.render.coverage import coverage
from parallax.render.framing import Row, framing_view
from parallax.render.json import JSONDict, article_labels
from parallax.render.terminal import diff_parts

_REL = "noopener noreferrer nofollow"

_CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:1rem 2rem;color:#222;background:#fff}
h1,h2,h3{line-height:1.2}
.columns{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1rem}
.col{border:1px solid #ccc;border-radius:6px;padding:.5rem 1rem;min-width:0}
.col .body{white-space:pre-wrap;overflow-wrap:anywhere}
.meta{color:#666;font-size:.9em}
.seg{color:inherit;text-decoration:none}
.shared{background:#d6eaff}.unique{background:#fff0b3}.context{background:#eadcff}
.conflict{background:#ffd6d6;text-decoration:underline wavy #c00}
.quote{font-style:italic;border-bottom:2px solid #4a4}
.cited{box-shadow:inset 0 -2px #999}
.framing{text-decoration:underline wavy #a0a;text-decoration-skip-ink:none}
.loaded-term{color:#808;font-weight:600}
.hl{outline:2px solid #06c}:target{outline:3px solid #f80}
del{color:#b00;background:#fdd}ins{color:#070;background:#dfd;text-decoration:none}
.closest{color:#555;font-size:.9em;white-space:nowrap}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
.legend span{padding:0 .3rem;margin-right:.5rem}
"""

# Hovering a span outlines every span of the same finding, in every column.
_JS = (
    "document.addEventListener('mouseover',function(e){"
    "document.querySelectorAll('.hl').forEach(function(x){x.classList.remove('hl')});"
    "var t=e.target.closest&&e.target.closest('[data-finding]');if(!t)return;"
    "document.querySelectorAll('[data-findings~=\"'+CSS.escape(t.dataset.finding)+'\"]')"
    ".forEach(function(x){x.classList.add('hl')});});"
)


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(_JS.encode()).digest()).decode()
    return (
        "default-src 'none'; style-src 'unsafe-inline'; "
        f"script-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    )


def esc(value: Any) -> str:
    """Escape anything for HTML text and quoted attributes."""
    return escape("" if value is None else str(value), quote=True)


def safe_url(url: Any) -> str | None:
    """``url`` if it is a plain http(s) link, else None: javascript:, data: and the like never get out."""
    if not isinstance(url, str) or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in {"http", "https"} and parts.netloc else None


def anchor(article: Any, start: Any) -> str:
    """The id of a span in an article column; brief and finding links jump to it."""
    return f"a-{article}-{start}"


@dataclass(frozen=True)
class Mark:
    """A highlighted stretch of an article: a finding's citation, with its CSS class."""

    start: int
    end: int
    cls: str
    finding: str | None
    order: int


def _range(span: JSONDict, length: int) -> tuple[int, int] | None:
    """The span's offsets clamped to the body, or None when they are not usable."""
    start, end = span.get("start"), span.get("end")
    if type(start) is not int or type(end) is not int:
        return None
    start, end = max(0, start), min(length, end)
    return (start, end) if start < end else None


def _finding_spans(finding: JSONDict) -> list[JSONDict]:
    spans = list(finding.get("citations", []))
    spans += finding.get("renderings", [])
    for side in finding.get("sides", []):
        spans += side.get("citations", [])
    return spans


def _marks(story: JSONDict, fids: list[str], aid: str, length: int) -> list[Mark]:
    raw: list[tuple[JSONDict, str, str | None]] = []
    for finding, finding_id in zip(story.get("findings", []), fids, strict=True):
        if finding.get("kind") == "omission":
            continue  # it cites the shared claim where others report it; that text is marked shared already
        if finding.get("aspect") in ("label", "tone"):
            continue  # names and whole sentences: shown side by side in the framing tables, not in the text
        raw += [(s, str(finding.get("kind")), finding_id) for s in _finding_spans(finding)]
    for sentence in story.get("brief", []):
        raw += [(c, "cited", None) for c in sentence.get("citations", [])]
    marks: dict[tuple[int, int, str, str | None], Mark] = {}
    for span, cls, fid in raw:
        bounds = _range(span, length) if str(span.get("article")) == aid else None
        if bounds and (*bounds, cls, fid) not in marks:
            marks[(*bounds, cls, fid)] = Mark(*bounds, cls, fid, len(marks))
    return list(marks.values())


def _segment(text: str, covering: list[Mark], seg_id: str | None) -> str:
    if not covering and seg_id is None:
        return esc(text)
    classes = " ".join(["seg", *sorted({m.cls for m in covering})])
    attrs = f' class="{esc(classes)}"' + (f' id="{esc(seg_id)}"' if seg_id else "")
    with_finding = [m for m in covering if m.finding]
    if not with_finding:
        return f"<span{attrs}>{esc(text)}</span>"
    # The innermost span names the finding: it is the most specific claim under the pointer.
    ranked = sorted(with_finding, key=lambda m: (m.end - m.start, m.order))
    fid = esc(ranked[0].finding)
    # Every covering finding, so hovering one claim also lights segments it shares with crossing claims.
    every = esc(" ".join(dict.fromkeys(str(m.finding) for m in ranked)))
    return f'<a{attrs} data-finding="{fid}" data-findings="{every}" href="#{fid}">{esc(text)}</a>'


def _highlight(body: str, aid: str, marks: list[Mark], used_ids: set[str]) -> str:
    """The body cut at every span boundary, each segment wrapped with the classes covering it."""
    bounds = sorted({0, len(body)} | {m.start for m in marks} | {m.end for m in marks})
    starts = {m.start for m in marks}
    out = []
    for a, b in pairwise(bounds):
        seg_id: str | None = anchor(aid, a) if a in starts else None
        if seg_id in used_ids:  # an article shown in two stories keeps its ids on the first
            seg_id = None
        if seg_id:
            used_ids.add(seg_id)
        out.append(_segment(body[a:b], [m for m in marks if m.start <= a and b <= m.end], seg_id))
    return "".join(out)


def _title(article: JSONDict) -> str:
    title = esc(article.get("title") or "(untitled)")
    url = safe_url(article.get("url"))
    return f'<a href="{esc(url)}" rel="{_REL}">{title}</a>' if url else title


def _removed(article: JSONDict) -> str:
    removed = article.get("removed") or []
    items = "".join(f"<li><em>{esc(r.get('reason'))}</em>: {esc(r.get('text'))}</li>" for r in removed)
    return f"<details><summary>Removed boilerplate ({len(removed)})</summary><ul>{items}</ul></details>"


def _column(article: JSONDict, label: str, story: JSONDict, fids: list[str], used: set[str]) -> str:
    aid = str(article.get("id"))
    body = str(article.get("body") or "")
    meta = [
        "opinion" if article.get("opinion") else None,
        article.get("published") or "date unknown",
        article.get("author"),
        article.get("via"),
    ]
    meta_html = " · ".join(esc(m) for m in meta if m)
    marks = _marks(story, fids, aid, len(body))
    return (
        f'<article class="col" data-article="{esc(aid)}"><header><h3>{esc(label)}</h3>'
        f'<p class="title">{_title(article)}</p><p class="meta">{meta_html}</p></header>'
        f'<div class="body" data-article="{esc(aid)}">{_highlight(body, aid, marks, used)}'
        f"</div>{_removed(article)}</article>"
    )


def _cites(citations: list[JSONDict], labels: dict[str, str]) -> str:
    links = []
    for c in citations:
        label = esc(labels.get(str(c.get("article")), c.get("article")))
        links.append(f'<a href="#{esc(anchor(c.get("article"), c.get("start")))}">{label}</a>')
    return f' <span class="cites">[{", ".join(links)}]</span>' if links else ""


def _items(story: JSONDict, fids: list[str], kind: str) -> list[tuple[JSONDict, str]]:
    return [(f, fid) for f, fid in zip(story.get("findings", []), fids, strict=True) if f.get("kind") == kind]


def _list(title: str, items: list[str]) -> str:
    inner = f"<ul>{''.join(items)}</ul>" if items else "<p><em>None.</em></p>"
    return f"<h3>{esc(title)}</h3>{inner}"


def _confidence(finding: JSONDict) -> str:
    value = finding.get("confidence")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return ""
    return f" ({value:.0%} confidence)"


def _conflicts(story: JSONDict, fids: list[str], labels: dict[str, str]) -> str:
    items = []
    for f, fid in _items(story, fids, "conflict"):
        sides = "".join(
            f"<li><strong>{esc(labels.get(str(s.get('article')), s.get('article')))}</strong>: "
            f"{esc(s.get('text'))}{_cites(s.get('citations', []), labels)}</li>"
            for s in f.get("sides", [])
        )
        kind = esc(f.get("conflict_type") or "conflict") + _confidence(f)
        items.append(f'<li id="{fid}"><strong>{kind}</strong>: {esc(f.get("text"))}<ul>{sides}</ul></li>')
    return _list("Conflicts", items)


def _diff(rendering: JSONDict) -> str:
    diff = str(rendering.get("diff") or "")
    if not diff:
        return esc(rendering.get("text"))
    tags = {"same": "{}", "del": "<del>{}</del>", "ins": "<ins>{}</ins>"}
    return "".join(tags[kind].format(esc(part)) for kind, part in diff_parts(diff))


def _closest(rendering: JSONDict) -> str:
    if not rendering.get("closest"):
        return ""
    why = esc(rendering.get("why_closest"))
    return f' <span class="closest" title="{why}">★ likely closest to the original ({why})</span>'


def _quotes(story: JSONDict, fids: list[str], labels: dict[str, str]) -> str:
    items = []
    for f, fid in _items(story, fids, "quote"):
        rows = "".join(
            f"<li>{_cites([r], labels)} <em>({esc(r.get('class'))})</em>: {_diff(r)}{_closest(r)}</li>"
            for r in f.get("renderings", [])
        )
        speaker = esc(f.get("speaker") or "unattributed")
        items.append(f'<li id="{fid}"><strong>{speaker}</strong>: “{esc(f.get("text"))}”<ul>{rows}</ul></li>')
    return _list("Quotes", items)


def _outlets(finding: JSONDict) -> str:
    n = int(finding.get("outlets") or 0)
    return f"{n} outlet{'' if n == 1 else 's'}"


def _facts(story: JSONDict, fids: list[str], labels: dict[str, str], kind: str, title: str) -> str:
    items = []
    for f, fid in _items(story, fids, kind):
        meta = _outlets(f) + (f"; {f.get('reason')}" if f.get("reason") else "")
        meta += f"; background: {f.get('background')}" if f.get("background") else ""
        items.append(
            f'<li id="{fid}" class="{esc(kind)}-item">{esc(f.get("text"))} <span class="meta">'
            f"({esc(meta)})</span>{_cites(f.get('citations', []), labels)}</li>"
        )
    return _list(title, items)


def _omissions(story: JSONDict, fids: list[str], labels: dict[str, str]) -> str:
    items = []
    for f, fid in _items(story, fids, "omission"):
        missing = ", ".join(dict.fromkeys(labels.get(str(a), str(a)) for a in f.get("omitted_by", [])))
        items.append(
            f'<li id="{fid}" class="omission-item"><strong>{esc(missing)}</strong> leaves out: '
            f'{esc(f.get("text"))} <span class="meta">(reported by {esc(_outlets(f))})</span>'
            f"{_cites(f.get('citations', []), labels)}</li>"
        )
    return _list("Left out", items)


def _framing(report: JSONDict, story: JSONDict, fids: list[str], labels: dict[str, str]) -> str:
    """Loaded words and voice per outlet; naming and tone side by side (rows entities, columns outlets)."""
    view = framing_view(report, story)
    fid_of = {id(f): fid for f, fid in zip(story.get("findings", []), fids, strict=True)}
    items = []
    for f in view.loaded:
        terms = ", ".join(f'<span class="loaded-term">{esc(t)}</span>' for t in f.get("terms", []))
        share = f"{float(f.get('score') or 0):.0%} of its clauses"
        items.append(
            f'<li id="{fid_of[id(f)]}"><strong>{esc(f.get("outlet"))}</strong> '
            f'<span class="meta">({esc(share)})</span>: {terms}</li>'
        )
    items += [
        f'<li id="{fid_of[id(f)]}">{esc(f.get("text"))}{_cites(f.get("citations", []), labels)}</li>'
        for f in view.perspective
    ]
    html = _list("Framing: loaded language and voice", items)
    for title, rows in (("Naming, side by side", view.labels), ("Tone toward each person", view.tone)):
        if rows:
            html += _side_by_side(title, rows, view.articles, labels, fid_of)
    return html


def _side_by_side(
    title: str, rows: list[Row], articles: list[str], labels: dict[str, str], fid_of: dict[int, str]
) -> str:
    head = "".join(f"<th>{esc(labels.get(a, a))}</th>" for a in articles)
    body = ""
    for row in rows:
        cells = ""
        for a in articles:
            cell = row.cells.get(a)
            if cell is None:
                cells += "<td>—</td>"
                continue
            loaded = set(cell.finding.get("terms", [])) if cell.score > 0 else set()
            terms = f' <span class="meta">({esc(", ".join(sorted(loaded)))})</span>' if loaded else ""
            cells += (
                f'<td id="{fid_of[id(cell.finding)]}">{esc(cell.text)}{terms}'
                f"{_cites(cell.finding.get('citations', [])[:1], labels)}</td>"
            )
        body += f"<tr><th>{esc(row.entity)}</th>{cells}</tr>"
    return (
        f'<h3>{esc(title)}</h3><table class="framing-table"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _coverage(story: JSONDict, fids: list[str], labels: dict[str, str]) -> str:
    """Facts × outlets: who reports what at a glance; a cell links to the outlet's wording."""
    rows = coverage(story)
    if not rows:
        return ""
    fid_of = {id(f): fid for f, fid in zip(story.get("findings", []), fids, strict=True)}
    articles = [str(a) for a in story.get("articles", [])]
    head = "".join(f"<th>{esc(labels.get(a, a))}</th>" for a in articles)
    body = ""
    for row in rows:
        cells = ""
        for a in articles:
            cite = next((c for c in row.finding.get("citations", []) if str(c.get("article")) == a), None)
            mark = "✓ (copy)" if a in row.copies else "✓"
            cells += (
                f'<td><a href="#{esc(anchor(a, cite.get("start")))}">{mark}</a></td>'
                if cite
                else "<td>—</td>"
            )
        text = esc(row.finding.get("text"))
        body += f'<tr><td><a href="#{fid_of[id(row.finding)]}">{text}</a></td>{cells}</tr>'
    return (
        f'<h3>Coverage</h3><table class="coverage"><thead><tr><th>Fact</th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


def _brief(story: JSONDict, labels: dict[str, str]) -> str:
    items = [
        f"<li>{esc(b.get('text'))}{_cites(b.get('citations', []), labels)}</li>"
        for b in story.get("brief", [])
    ]
    return _list("Brief", items)


def _table(title: str, head: list[str], rows: list[list[Any]]) -> str:
    if not rows:
        return f"<h3>{esc(title)}</h3><p><em>None.</em></p>"
    th = "".join(f"<th>{esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<h3>{esc(title)}</h3><table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _dates(report: JSONDict, ids: set[str], labels: dict[str, str]) -> str:
    rows = [
        [
            labels.get(str(d.get("article")), ""),
            d.get("text"),
            d.get("value") or "unresolved",
            "inferred" if d.get("inferred") else "",
        ]
        for d in report.get("dates", [])
        if d.get("article") in ids
    ]
    return _table("Dates", ["Outlet", "Text", "Value", "Inferred"], rows)


def _entities(report: JSONDict, ids: set[str]) -> str:
    rows = []
    for e in report.get("entities", []):
        texts = [str(m.get("text")) for m in e.get("mentions", []) if m.get("article") in ids]
        if texts:
            rows.append([e.get("name"), e.get("type"), " · ".join(dict.fromkeys(texts))])
    return _table("Entities", ["Entity", "Type", "Variants"], rows)


def _story(report: JSONDict, story: JSONDict, fids: list[str], used: set[str]) -> str:
    labels = article_labels(report)
    wanted = set(story.get("articles", []))
    articles = [a for a in report.get("articles", []) if a.get("id") in wanted]
    ids = {str(a.get("id")) for a in articles}
    columns = "".join(_column(a, labels[str(a.get("id"))], story, fids, used) for a in articles)
    return (
        f'<section class="story"><h2>Story {esc(story.get("id"))}</h2>'
        '<p class="legend"><span class="shared">shared</span><span class="unique">unique</span>'
        '<span class="context">context</span><span class="conflict">conflict</span>'
        '<span class="quote">quote</span><span class="framing">loaded language</span></p>'
        f'<div class="columns">{columns}</div>'
        + _conflicts(story, fids, labels)
        + _coverage(story, fids, labels)
        + _quotes(story, fids, labels)
        + _facts(story, fids, labels, "shared", "Shared facts")
        + _facts(story, fids, labels, "unique", "Unique facts")
        + _facts(story, fids, labels, "context", "Background only one outlet gives")
        + _omissions(story, fids, labels)
        + _framing(report, story, fids, labels)
        + _brief(story, labels)
        + _dates(report, ids, labels)
        + _entities(report, ids)
        + "</section>"
    )


def _finding_ids(report: JSONDict) -> list[list[str]]:
    """Ids f-1, f-2, … numbered across the whole page, so they stay unique over stories."""
    out: list[list[str]] = []
    n = 0
    for story in report.get("stories", []):
        count = len(story.get("findings", []))
        out.append([f"f-{n + i + 1}" for i in range(count)])
        n += count
    return out


def _errors_and_notes(report: JSONDict) -> str:
    errors = [
        f"<li><strong>{esc(e.get('source'))}</strong>: {esc(e.get('reason'))}</li>"
        for e in report.get("errors", [])
    ]
    notes = [f"<li>{esc(n)}</li>" for n in report.get("notes", [])]
    return _list("Errors", errors) + _list("Notes", notes)


def render_html(report: JSONDict) -> str:
    """The report dict (from ``report_to_dict``) as one self-contained HTML document."""
    used: set[str] = set()
    stories = report.get("stories", [])
    sections = "".join(_story(report, s, f, used) for s, f in zip(stories, _finding_ids(report), strict=True))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_csp())}">'
        '<meta name="referrer" content="no-referrer">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Parallax report</title><style>{_CSS}</style></head><body>"
        f"<h1>Parallax report</h1>{sections or '<p><em>No stories found.</em></p>'}"
        f"{_errors_and_notes(report)}<script>{_JS}</script></body></html>\n"
    )
