"""Group the renderings of one statement across outlets, classify them, and show word-level differences.

Two quotes from different articles render the same statement when their words largely coincide (one
contained in the other: a partial quote) or their meaning does (cosine of the content vectors: a
translation or paraphrase), and their speakers do not disagree. When both speakers are known and
differ, the pair is an attribution conflict instead (see conflicts.py).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from parallax.embed import Embedder
from parallax.model import Finding, Quote, Rendering, RenderingClass, Span

SAME_STATEMENT = 0.70  # MiniLM cosine above which two quoted passages say the same thing
CONTAINED = 0.8  # share of the shorter quote's words found in the longer one
MINOR_EDIT = 0.85  # difflib ratio of word sequences for a light edit (tense, article, punctuation)
MIN_WORDS = 2  # one-word scare quotes ("experts") are not statements
RANK: dict[RenderingClass, int] = {
    "verbatim": 3,
    "minor edit": 2,
    "partial": 1,
    "paraphrase or translation": 0,
}
WORD = re.compile(r"[\w’'-]+")


@dataclass(frozen=True)
class QuoteGroups:
    quotes: list[Quote]  # every input quote, with its group id set
    findings: list[Finding]  # one finding per statement quoted by two or more articles
    misattributed: list[tuple[Quote, Quote]]  # same statement, different known speakers


def words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in WORD.findall(text)]


def _containment(a: list[str], b: list[str]) -> float:
    """Share of the shorter word list found, in order, in the longer one."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 0.0
    matcher = difflib.SequenceMatcher(a=short, b=long_, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(short)


def classify(text: str, other: str) -> RenderingClass:
    """How `text` renders the statement that `other` renders too."""
    a, b = words(text), words(other)
    if a == b:
        return "verbatim"
    ratio = difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()
    if ratio >= MINOR_EDIT:
        return "minor edit"
    if _containment(a, b) >= CONTAINED:
        return "partial" if len(a) < len(b) else "verbatim"
    return "paraphrase or translation"


def word_diff(text: str, reference: str) -> str:
    """A word diff from `reference` to `text`: removed words as [-w-], added as {+w+}."""
    a, b = reference.split(), text.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(b[j1:j2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _text(quote: Quote, bodies: dict[str, str]) -> str:
    return bodies[quote.article][quote.content.start : quote.content.end]


def group_quotes(
    quotes: Sequence[Quote], bodies: dict[str, str], embedder: Embedder, outlet_of: dict[str, str]
) -> QuoteGroups:
    """Group quotes of one story's articles into statements and build quote findings.

    Pairs are joined strongest first, and a group never takes two quotes from one article: a short
    fragment ("constructive role") is contained in many longer quotes, and joining transitively would
    pull unrelated statements into one group.
    """
    candidates = [
        i for i, q in enumerate(quotes) if q.kind != "indirect" and len(words(_text(q, bodies))) >= MIN_WORDS
    ]
    texts = [_text(quotes[i], bodies) for i in candidates]
    vectors = embedder.embed(texts)
    pairs: list[tuple[float, int, int]] = []
    misattributed: list[tuple[Quote, Quote]] = []
    for x, y in itertools.combinations(range(len(candidates)), 2):
        qx, qy = quotes[candidates[x]], quotes[candidates[y]]
        if outlet_of[qx.article] == outlet_of[qy.article]:
            continue
        cosine = float(vectors[x] @ vectors[y])
        contained = _containment(words(texts[x]), words(texts[y]))
        if cosine < SAME_STATEMENT and contained < CONTAINED:
            continue
        if qx.speaker and qy.speaker and qx.speaker != qy.speaker:
            misattributed.append((qx, qy))
        else:
            pairs.append((cosine + contained, candidates[x], candidates[y]))
    groups = {i: [i] for i in candidates}
    for _, i, j in sorted(pairs, reverse=True):
        gi, gj = groups[i], groups[j]
        if gi is gj or {quotes[k].article for k in gi} & {quotes[k].article for k in gj}:
            continue
        gi.extend(gj)
        for k in gj:
            groups[k] = gi
    unique_groups = list({id(g): g for g in groups.values()}.values())
    return _finish(quotes, bodies, outlet_of, unique_groups, misattributed)


def _finish(
    quotes: Sequence[Quote],
    bodies: dict[str, str],
    outlet_of: dict[str, str],
    groups: list[list[int]],
    misattributed: list[tuple[Quote, Quote]],
) -> QuoteGroups:
    labelled = list(quotes)
    findings: list[Finding] = []
    ordered = sorted(groups, key=lambda g: (quotes[g[0]].article, quotes[g[0]].content.start))
    for number, group in enumerate(ordered, start=1):
        group_id = f"q{number}"
        for i in group:
            labelled[i] = replace(quotes[i], group=group_id)
        if len({outlet_of[quotes[i].article] for i in group}) > 1:
            findings.append(_finding([labelled[i] for i in group], bodies, outlet_of))
    return QuoteGroups(labelled, findings, misattributed)


def _finding(group: list[Quote], bodies: dict[str, str], outlet_of: dict[str, str]) -> Finding:
    texts = [_text(q, bodies) for q in group]
    reference = max(range(len(group)), key=lambda i: len(texts[i]))
    renderings = []
    for i, quote in enumerate(group):
        others = [k for k in range(len(group)) if outlet_of[group[k].article] != outlet_of[quote.article]]
        classes = [classify(texts[i], texts[k]) for k in others]
        best = max(classes, key=lambda c: RANK[c])
        against = reference if i != reference else max(others, key=lambda k: len(texts[k]))
        renderings.append(
            Rendering(
                quote.article,
                quote.content.start,
                quote.content.end,
                texts[i],
                best,
                word_diff(texts[i], texts[against]),
            )
        )
    speaker = next((q.speaker_name for q in group if q.speaker), None) or next(
        (q.speaker_name for q in group if q.speaker_name), None
    )
    citations = tuple(Span(q.article, q.content.start, q.content.end) for q in group)
    outlets = len({outlet_of[q.article] for q in group})
    return Finding(
        "quote", texts[reference], citations, speaker=speaker, renderings=tuple(renderings), outlets=outlets
    )
