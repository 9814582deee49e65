"""View models for the pages: report dicts turned into plain structures that templates only loop over.

Nothing here builds HTML: templates autoescape every string, so article text cannot become markup.
Each article body is cut into its sentences (the citation targets, ``id="s-<article>-<start>"``) and
each sentence at every finding boundary, so highlighted segments never nest or cross.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from parallax.render.coverage import CoverageRow, coverage
from parallax.render.framing import FramingView, framing_view
from parallax.render.html import Mark, safe_url
from parallax.render.json import JSONDict, article_labels
from parallax.render.terminal import diff_parts

_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+|\n+")


@dataclass(frozen=True)
class Segment:
    text: str
    classes: str = ""
    finding: str | None = None  # the innermost finding: where a click on the segment goes
    findings: str = ""  # every covering finding, for the hover highlight


@dataclass(frozen=True)
class SentenceView:
    id: str | None  # None for the text between sentences (line breaks)
    segments: list[Segment]


@dataclass(frozen=True)
class Cite:
    label: str
    href: str


@dataclass
class ArticleView:
    id: str
    label: str
    title: str
    url: str | None  # only http(s): anything else is shown as text, never linked
    meta: list[str]
    removed: list[JSONDict]
    sentences: list[SentenceView] = field(default_factory=list)


def sentence_id(article: str, start: int) -> str:
    return f"s-{article}-{start}"


class Anchors:
    """Where a citation points: the sentence that holds the cited span's start."""

    def __init__(self, sentences: dict[str, list[tuple[int, int]]]) -> None:
        self._starts = {aid: [s for s, _ in spans] for aid, spans in sentences.items()}

    def href(self, article: str, start: Any, page: str = "") -> str:
        starts = self._starts.get(article, [])
        at = start if isinstance(start, int) else 0
        index = bisect.bisect_right(starts, at) - 1
        return f"{page}#{sentence_id(article, starts[index])}" if index >= 0 else f"{page}#art-{article}"


def fallback_sentences(body: str) -> list[tuple[int, int]]:
    """Rough sentence spans for a body whose pipeline sentences are not cached."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(body):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(body):
        spans.append((start, len(body)))
    return spans


def _spans_of(finding: JSONDict) -> list[JSONDict]:
    spans = list(finding.get("citations", [])) + list(finding.get("renderings", []))
    for side in finding.get("sides", []):
        spans += side.get("citations", [])
    return spans


def _marks(
    findings: Sequence[JSONDict], fids: Sequence[str], brief: Iterable[JSONDict], aid: str, n: int
) -> list[Mark]:
    raw: list[tuple[JSONDict, str, str | None]] = [
        (s, str(f.get("kind")), fid)
        for f, fid in zip(findings, fids, strict=True)
        if f.get("aspect") not in ("label", "tone")  # names and sentences: the framing tables show them
        for s in _spans_of(f)
    ]
    raw += [(c, "cited", None) for b in brief for c in b.get("citations", [])]
    marks: dict[tuple[int, int, str, str | None], Mark] = {}
    for span, cls, fid in raw:
        start, end = span.get("start"), span.get("end")
        if span.get("article") != aid or type(start) is not int or type(end) is not int:
            continue
        start, end = max(0, start), min(n, end)
        if start < end and (start, end, cls, fid) not in marks:
            marks[(start, end, cls, fid)] = Mark(start, end, cls, fid, len(marks))
    return list(marks.values())


def _segment(text: str, covering: list[Mark]) -> Segment:
    classes = " ".join(sorted({m.cls for m in covering}))
    ranked = sorted((m for m in covering if m.finding), key=lambda m: (m.end - m.start, m.order))
    every = " ".join(dict.fromkeys(str(m.finding) for m in ranked))
    return Segment(text, classes, ranked[0].finding if ranked else None, every)


def _with_gaps(spans: list[tuple[int, int]], n: int) -> list[tuple[int, int, bool]]:
    """The sentences in order, plus the stretches between them: (start, end, is_sentence)."""
    out, pos = [], 0
    for start, end in sorted(spans):
        start, end = max(start, pos), min(end, n)
        if start >= end:
            continue
        if start > pos:
            out.append((pos, start, False))
        out.append((start, end, True))
        pos = end
    if pos < n:
        out.append((pos, n, False))
    return out


def highlight(body: str, aid: str, spans: list[tuple[int, int]], marks: list[Mark]) -> list[SentenceView]:
    """The body as sentences of segments; the segments' text joined is exactly the body."""
    cuts = {m.start for m in marks} | {m.end for m in marks}
    views = []
    for start, end, is_sentence in _with_gaps(spans, len(body)):
        bounds = sorted({start, end} | {c for c in cuts if start < c < end})
        segments = [
            _segment(body[a:b], [m for m in marks if m.start <= a and b <= m.end])
            for a, b in pairwise(bounds)
        ]
        views.append(SentenceView(sentence_id(aid, start) if is_sentence else None, segments))
    return views


def article_view(article: JSONDict, label: str) -> ArticleView:
    meta = [
        "opinion" if article.get("opinion") else None,
        article.get("published") or "date unknown",
        article.get("author"),
        article.get("via"),
    ]
    return ArticleView(
        id=str(article["id"]),
        label=label,
        title=str(article.get("title") or "(untitled)"),
        url=safe_url(article.get("url")),
        meta=[f"via {m}" if m == article.get("via") else str(m) for m in meta if m],
        removed=list(article.get("removed") or []),
    )


def diff_view(rendering: JSONDict) -> list[tuple[str, str]]:
    diff = str(rendering.get("diff") or "")
    return diff_parts(diff) if diff else [("same", str(rendering.get("text") or ""))]


@dataclass
class StoryView:
    """Everything the story page shows."""

    articles: list[ArticleView]
    findings: dict[str, list[tuple[str, JSONDict]]]  # kind -> (finding id, finding)
    brief: list[JSONDict]
    entities: list[JSONDict]
    notes: list[str]
    anchors: Anchors
    labels: dict[str, str]
    framing: list[FramingView] = field(default_factory=list)
    coverage: list[tuple[list[str], list[CoverageRow]]] = field(default_factory=list)  # (articles, rows)
    fid_of: dict[int, str] = field(default_factory=dict)  # id() of a finding dict -> its finding id

    def fid(self, finding: JSONDict) -> str:
        return self.fid_of.get(id(finding), "")

    def cite_in(self, finding: JSONDict, article: str) -> str | None:
        """The link to ``article``'s wording of the finding, or None when it does not report it."""
        for c in finding.get("citations", []):
            if str(c.get("article")) == article:
                return self.anchors.href(article, c.get("start"))
        return None

    def cites(self, citations: Iterable[JSONDict]) -> list[Cite]:
        return [
            Cite(
                self.labels.get(str(c.get("article")), "?"),
                self.anchors.href(str(c.get("article")), c.get("start")),
            )
            for c in citations
        ]


def story_view(report: JSONDict, sentences: dict[str, list[tuple[int, int]]]) -> StoryView:
    names = article_labels(report)
    all_findings = [f for s in report.get("stories", []) for f in s.get("findings", [])]
    fids = [f"f-{n + 1}" for n in range(len(all_findings))]
    spans = {
        str(a["id"]): sentences.get(str(a["id"])) or fallback_sentences(str(a["body"]))
        for a in report["articles"]
    }
    articles = []
    for article in report.get("articles", []):
        aid, body = str(article["id"]), str(article.get("body") or "")
        view = article_view(article, names[aid])
        view.sentences = highlight(
            body, aid, spans[aid], _marks(all_findings, fids, report.get("brief", []), aid, len(body))
        )
        articles.append(view)
    by_kind: dict[str, list[tuple[str, JSONDict]]] = defaultdict(list)
    for fid, finding in zip(fids, all_findings, strict=True):
        by_kind[str(finding.get("kind"))].append((fid, finding))
    return StoryView(
        articles,
        dict(by_kind),
        report.get("brief", []),
        entity_rows(report),
        report.get("notes", []),
        Anchors(spans),
        names,
        [framing_view(report, s) for s in report.get("stories", [])],
        [([str(a) for a in s.get("articles", [])], coverage(s)) for s in report.get("stories", [])],
        {id(f): fid for fid, f in zip(fids, all_findings, strict=True)},
    )


def entity_rows(report: JSONDict) -> list[JSONDict]:
    """Each entity of the report with its name variants, most mentioned first."""
    rows = []
    for e in report.get("entities", []):
        variants = Counter(str(m.get("text")) for m in e.get("mentions", []))
        rows.append(
            {
                "id": e["id"],
                "name": e["name"],
                "type": e["type"],
                "count": sum(variants.values()),
                "variants": variants.most_common(),
            }
        )
    return sorted(rows, key=lambda r: (-r["count"], r["name"]))


@dataclass(frozen=True)
class MentionView:
    outlet: str
    story: str
    href: str
    before: str
    text: str
    after: str


def mention_views(
    mentions: Iterable[JSONDict],
    bodies: dict[str, tuple[str, str]],
    anchors: dict[str, Anchors],
    width: int = 70,
) -> list[MentionView]:
    """Each mention with a little of the text around it; ``bodies``: article id -> (label, body)."""
    out = []
    for m in mentions:
        aid, start, end, story = str(m["article"]), int(m["start"]), int(m["end"]), str(m["story"])
        label, body = bodies.get(aid, ("?", ""))
        href = (
            anchors[story].href(aid, start, page=f"/stories/{story}")
            if story in anchors
            else f"/stories/{story}"
        )
        before = body[max(0, start - width) : start]
        out.append(
            MentionView(
                label,
                story,
                href,
                ("…" if start > width else "") + before,
                body[start:end],
                body[end : end + width] + "…",
            )
        )
    return out


def variants_by_outlet(
    mentions: Iterable[JSONDict], outlet_of: dict[str, str]
) -> list[tuple[str, list[tuple[str, int]]]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        counts[outlet_of.get(str(m["article"]), "?")][str(m["text"])] += 1
    return sorted((outlet, c.most_common()) for outlet, c in counts.items())
