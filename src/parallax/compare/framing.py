"""Framing per outlet: the loaded words it writes, how it names each entity, its own voice, its tone.

Findings of kind ``framing`` with an ``aspect``:

- ``loaded``: loaded words in the outlet's own prose (never inside quotation marks, which hold the
  speaker's wording; reported speech is the outlet's): the epithets, loaded verbs and intensifiers of
  ``data/loaded_terms.tsv``, scare quotes (a short quoted phrase nobody is quoted as saying), and, when
  the BABE model is built
  (``make framing-model``), the words it finds carrying bias in the clauses it scores as biased.
  ``score`` is the share of the outlet's clauses that carry any of them.
- ``label``: how the outlet names one entity ("strongman Vladimir Putin", "the Putin regime"), from
  ``compare.labels``; ``score`` is the share of its describing words that are loaded.
- ``perspective``: the outlet speaking in the first person ("our government"), opinion markers, and
  a republication of another outlet's (translated) text.
- ``tone``: the outlet's tone toward a person it names in several sentences, from ``parallax.tone``;
  ``score`` runs from -1 (negative) to 1 (positive).

Every finding cites the spans that carry it, so the HTML can highlight the words themselves.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.annotate.quote_marks import QUOTE_MARK_CHARS, quotation_spans
from parallax.annotate.quotes import SCARE_QUOTE_WORDS
from parallax.brief import OPINION, loaded_terms
from parallax.compare.labels import Label, entity_labels
from parallax.embed import Embedder, Vectors
from parallax.model import Article, Claim, Entity, Finding, FramingAspect, Mention, Quote, Span

MODEL_SETTING = "PARALLAX_FRAMING_MODEL"  # "off": lexicon only, even when the BABE model is built
FIRST_PERSON = re.compile(r"\b(?:[Ww]e|[Oo]ur|[Oo]urs|[Uu]s)\b")
MAX_TONE_SENTENCES = 3  # per person and outlet: enough for a tendency, cheap to embed
MAX_TONE_PEOPLE = 4  # the people most outlets name; each costs two embeddings per sentence
TONE_MARGIN = 0.2  # a mean tone within ±0.2 of zero reads as neutral
TRANSLATION = re.compile(r"\b(?:translated (?:from|by)|machine[- ]translat\w+|translation)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FramingInput:
    """What the framing stage reads of one story."""

    articles: Sequence[Article]
    docs: dict[str, Any]
    mentions: dict[str, list[Mention]]
    entities: Sequence[Entity]
    claims: Sequence[Claim]
    claim_vectors: Vectors
    quotes: Sequence[Quote]


@dataclass(frozen=True)
class Hit:
    """One loaded word or phrase in an article."""

    start: int
    end: int
    term: str


NAME_LABELS = frozenset({"PERSON", "ORG"})


def framing_findings(story: FramingInput, embedder: Embedder) -> list[Finding]:
    """Loaded language, labels, perspective and tone, per outlet, in the order of the articles."""
    modelled = _model_hits(story)
    findings: list[Finding] = []
    labels: dict[str, list[Label]] = {}
    for article in story.articles:
        prose = _prose_regions(article)
        # A label inside a quotation is the speaker's word choice, not the outlet's.
        found = entity_labels(article.id, story.docs[article.id], story.mentions[article.id], story.entities)
        labels[article.id] = [label for label in found if _inside(prose, label.start, label.end)]
        own = [h for h in modelled[article.id] if _inside(prose, h.start, h.end)]
        worded = _lexicon_hits(article.body, prose) + own
        # A name is no word choice, tagged or not ("Dean Shuly Rubin Schwartz": the tagger missed her).
        body, mentions = article.body, story.mentions[article.id]
        worded = [
            h for h in worded if not _a_name(body, h, mentions) and not _part_of_name(body, h.start, h.end)
        ]
        hits = worded + _scare_quotes(article, story.quotes)
        findings += _loaded_finding(
            article, _dedupe(hits), [c for c in story.claims if c.article == article.id]
        )
        findings += _perspective_finding(article, prose)
    findings += _label_findings(story, labels)
    findings += _tone_findings(story, embedder)
    return findings


def _finding(
    article: Article,
    aspect: FramingAspect,
    text: str,
    spans: Iterable[tuple[int, int]],
    terms: tuple[str, ...],
    score: float,
    entity: str | None = None,
) -> Finding:
    """A framing finding about one article's wording, citing the spans that carry it."""
    return Finding(
        "framing",
        text,
        tuple(Span(article.id, start, end) for start, end in spans),
        aspect=aspect,
        article=article.id,
        outlet=article.label,
        entity=entity,
        terms=terms,
        score=score,
    )


# --- where the outlet speaks in its own words ---------------------------------------------------------


def _prose_regions(article: Article) -> list[tuple[int, int]]:
    """The body minus its quotations: the stretches in the outlet's own words. Reported speech ("Blinken
    said Washington believes … the Putin regime") stays: the outlet chose those words, not the speaker."""
    body = article.body
    regions, last = [], 0
    for start, end in quotation_spans(body):
        if start > last:
            regions.append((last, start))
        last = max(last, end)
    if last < len(body):
        regions.append((last, len(body)))
    return regions


def _inside(regions: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in regions)


def _finditer(pattern: re.Pattern[str], body: str, regions: Sequence[tuple[int, int]]) -> Iterable[Hit]:
    for a, b in regions:
        for match in pattern.finditer(body, a, b):
            text = match.group().strip()
            start = match.start()
            yield Hit(start, start + len(text), text)


# --- loaded words ---------------------------------------------------------------------------------------


def _lexicon_hits(body: str, prose: Sequence[tuple[int, int]]) -> list[Hit]:
    hits: list[Hit] = []
    for term in loaded_terms():
        hits += _finditer(term.pattern, body, prose)  # names are sifted out with the model's hits
    return hits


def _a_name(body: str, hit: Hit, mentions: Sequence[Mention]) -> bool:
    """A person's or body's name is no word choice: "Benjamin Jealous", "Mr. Jealous", and the family
    name alone where the tagger missed it ("Jealous added …")."""
    if any(m.start < hit.end and hit.start < m.end for m in mentions if m.label in NAME_LABELS):
        return True
    family = {m.text.split()[-1] for m in mentions if m.label == "PERSON"}
    return body[hit.start : hit.start + 1].isupper() and body[hit.start : hit.end] in family


def _part_of_name(body: str, start: int, end: int) -> bool:
    """A capitalised word inside a run of capitalised words is a name ("Radical Party"), not a label."""
    if not body[start : start + 1].isupper():
        return False
    before = body[max(0, start - 2) : start]
    at_sentence_start = start == 0 or before.rstrip()[-1:] in {".", "!", "?", "\n", "“", '"', ""}
    following = body[end : end + 2].lstrip()[:1]
    return not at_sentence_start or following.isupper()


def _scare_quotes(article: Article, quotes: Sequence[Quote]) -> list[Hit]:
    """Short quoted phrases that no quote attributes to anyone: the writer keeping a word at a distance."""
    attributed = [
        (q.content.start, q.content.end) for q in quotes if q.article == article.id and q.cue is not None
    ]
    hits = []
    for start, end in quotation_spans(article.body):
        inner = article.body[start:end].strip(QUOTE_MARK_CHARS + " ")
        words = inner.split()
        if not words or len(words) > SCARE_QUOTE_WORDS or inner[-1:] in ".!?,":
            continue
        if any(a <= start + 1 and end - 1 <= b for a, b in attributed):
            continue
        hits.append(Hit(start, end, article.body[start:end]))
    return hits


def _model_hits(story: FramingInput) -> dict[str, list[Hit]]:
    """The BABE model's carrier words in the clauses it scores as biased, when the model is built."""
    found: dict[str, list[Hit]] = {a.id: [] for a in story.articles}
    model = _framing_model()
    if model is None or not story.claims:
        return found
    bodies = {a.id: a.body for a in story.articles}
    texts = [bodies[c.article][c.start : c.end] for c in story.claims]
    for claim, text, verdict in zip(
        story.claims, texts, model.score(texts, story.claim_vectors), strict=True
    ):
        if verdict.biased:
            found[claim.article] += _locate(bodies[claim.article], claim, text, verdict.words)
    return found


def _framing_model() -> Any:
    if os.environ.get(MODEL_SETTING, "").lower() in {"off", "0", "no"}:
        return None
    from parallax.framing import ModelMissing, framing_model

    try:
        return framing_model()
    except ModelMissing:
        return None


def _locate(body: str, claim: Claim, text: str, words: Sequence[str]) -> list[Hit]:
    hits = []
    for word in words:
        pattern = re.compile(r"\b" + r"\W+".join(re.escape(w) for w in word.split()) + r"\b", re.IGNORECASE)
        match = pattern.search(text)
        if match:
            hits.append(Hit(claim.start + match.start(), claim.start + match.end(), match.group().lower()))
    return hits


def _dedupe(hits: Sequence[Hit]) -> list[Hit]:
    """Overlapping hits keep the longest; the rest in text order."""
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if not any(h.start < hit.end and hit.start < h.end for h in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _loaded_finding(article: Article, hits: Sequence[Hit], claims: Sequence[Claim]) -> list[Finding]:
    if not hits:
        return []
    terms = tuple(dict.fromkeys(h.term.lower() for h in hits))
    carrying = sum(any(c.start <= h.start < c.end for h in hits) for c in claims)
    share = round(carrying / len(claims), 3) if claims else 1.0
    shown = ", ".join(f"“{t}”" for t in terms[:8])
    spans = [(h.start, h.end) for h in hits]
    return [
        _finding(article, "loaded", f"{article.label} uses loaded language: {shown}", spans, terms, share)
    ]


# --- perspective ----------------------------------------------------------------------------------------


def _perspective_finding(article: Article, prose: Sequence[tuple[int, int]]) -> list[Finding]:
    body = article.body
    voice = list(_finditer(FIRST_PERSON, body, prose))
    opinion = list(_finditer(OPINION, body, prose))
    translated = list(_finditer(TRANSLATION, body, prose))
    parts = []
    if voice:
        parts.append(f"writes in the first person ({_examples(body, voice)})")
    if opinion:
        parts.append(f"uses opinion markers ({_examples(body, opinion)})")
    if article.via or translated:
        via = f" of {article.via}" if article.via else ""
        parts.append(f"republishes a translation{via}" if translated else f"republishes the text{via}")
    if not parts:
        return []
    hits = _dedupe(voice + opinion + translated)
    terms = tuple(dict.fromkeys(h.term.lower() for h in hits))
    text = f"{article.label} " + "; ".join(parts)
    spans = [(h.start, h.end) for h in hits]
    return [_finding(article, "perspective", text, spans, terms, float(len(voice) + len(opinion)))]


def _examples(body: str, hits: Sequence[Hit]) -> str:
    """Each hit with a few words of context, at most three."""
    shown = []
    for hit in hits[:3]:
        end = body.find(" ", body.find(" ", hit.end + 1) + 1)
        end = len(body) if end < 0 else end
        shown.append(f"“{' '.join(body[hit.start : end].split())}”")
    return ", ".join(shown)


# --- labels ---------------------------------------------------------------------------------------------


def _label_findings(story: FramingInput, labels: dict[str, list[Label]]) -> list[Finding]:
    """Per entity named with describing words by some outlet: each outlet's naming of it, side by side."""
    names = {e.id: e.name for e in story.entities}
    loaded = {t.term for t in loaded_terms()}
    by_entity: dict[str, dict[str, list[Label]]] = defaultdict(lambda: defaultdict(list))
    for article_id, found in labels.items():
        for label in found:
            by_entity[label.entity][article_id].append(label)
    findings = []
    for entity, per_article in by_entity.items():
        described = any(label.terms for found in per_article.values() for label in found)
        if not described or entity not in names:
            continue
        for article in story.articles:
            found = per_article.get(article.id, [])
            if found:
                findings.append(_label_finding(article, names[entity], entity, found, loaded))
    return findings


def _label_finding(
    article: Article, name: str, entity: str, found: Sequence[Label], loaded: set[str]
) -> Finding:
    forms = list(dict.fromkeys(" ".join(label.text.split()) for label in found))
    terms = tuple(dict.fromkeys(t for label in found for t in label.terms))
    loaded_share = sum(any(t == w or t.startswith(w + " ") for w in loaded) for t in terms) / max(
        len(terms), 1
    )
    text = f"{article.label} names {name}: " + ", ".join(f"“{f}”" for f in forms[:6])
    spans = [(label.start, label.end) for label in found]
    return _finding(article, "label", text, spans, terms, round(loaded_share, 3), entity)


# --- tone -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ToneItem:
    """One sentence naming one main person: the unit the tone model scores."""

    article: str
    entity: str
    sentence: Span
    start: int  # the mention, offsets within the sentence
    end: int


def _tone_findings(story: FramingInput, embedder: Embedder) -> list[Finding]:
    """Each outlet's tone toward the people most articles name (two or more; alone, named twice)."""
    people = _main_people(story)
    items = [
        item
        for a in story.articles
        for item in _tone_items(a.id, story.docs[a.id], story.mentions[a.id], people)
    ]
    if not items:
        return []
    from parallax.tone import tone_toward  # lazily: its model loads on first use

    bodies = {a.id: a.body for a in story.articles}
    sentences = [(bodies[i.article][i.sentence.start : i.sentence.end], i.start, i.end) for i in items]
    grouped: dict[tuple[str, str], list[tuple[Span, float]]] = defaultdict(list)
    for item, tone in zip(items, tone_toward(sentences, embedder), strict=True):
        grouped[(item.article, item.entity)].append((item.sentence, tone.score))
    articles = {a.id: a for a in story.articles}
    return [
        _tone_finding(articles[article_id], entity, people[entity], scored)
        for (article_id, entity), scored in grouped.items()
    ]


def _main_people(story: FramingInput) -> dict[str, str]:
    """Person entity id → name, for the people the story is about."""
    present: dict[str, set[str]] = defaultdict(set)
    counts: dict[str, int] = defaultdict(int)
    for article_id, mentions in story.mentions.items():
        for mention in mentions:
            present[mention.entity].add(article_id)
            counts[mention.entity] += 1
    wanted = 2 if len(story.articles) > 1 else 1
    people = [
        e for e in story.entities if e.type == "PERSON" and len(present[e.id]) >= wanted and counts[e.id] >= 2
    ]
    people.sort(key=lambda e: (-len(present[e.id]), -counts[e.id], e.id))
    return {e.id: e.name for e in people[:MAX_TONE_PEOPLE]}


def _tone_items(
    article_id: str, doc: Any, mentions: Sequence[Mention], people: dict[str, str]
) -> list[ToneItem]:
    """The first mention of each main person in each sentence, at most MAX_TONE_SENTENCES per person."""
    items: list[ToneItem] = []
    taken: dict[str, int] = defaultdict(int)
    seen: set[tuple[str, int]] = set()
    for mention in sorted(mentions, key=lambda m: m.start):
        if mention.entity not in people or taken[mention.entity] >= MAX_TONE_SENTENCES:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or (mention.entity, span.sent.start_char) in seen:
            continue
        start, end = span.sent.start_char, span.sent.end_char
        seen.add((mention.entity, start))
        taken[mention.entity] += 1
        sentence = Span(article_id, start, end)
        items.append(
            ToneItem(article_id, mention.entity, sentence, mention.start - start, mention.end - start)
        )
    return items


def _tone_finding(article: Article, entity: str, name: str, scored: Sequence[tuple[Span, float]]) -> Finding:
    mean = sum(score for _, score in scored) / len(scored)
    word = "negative" if mean <= -TONE_MARGIN else "positive" if mean >= TONE_MARGIN else "neutral"
    n = len(scored)
    text = f"{article.label}'s tone toward {name}: {word} ({mean:+.2f} over {n} sentence{'s' * (n != 1)})"
    spans = [(span.start, span.end) for span, _ in scored]
    return _finding(article, "tone", text, spans, (word,), round(mean, 3), entity)
