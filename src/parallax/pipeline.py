"""The orchestrator: documents in, one Report out. Each stage is a function of the stage before.

ingest → clean → annotate (sentences, entities, quotes) → embed → stories (grouping and copies) → per
story: dates, compare, brief. A bad input becomes an InputError in the report and the rest go on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from parallax.annotate.dates import resolve_article_dates, story_anchor
from parallax.annotate.entities import RawMention, build_entities, collect_mentions
from parallax.annotate.nlp import parse
from parallax.annotate.quote_marks import unclosed_marks
from parallax.annotate.quotes import extract_quotes
from parallax.clean import clean
from parallax.compare.claims import claims as claims_of
from parallax.compare.claims import sentences as sentences_of
from parallax.compare.story import StoryInput, compare_story
from parallax.embed import Embedder, Vectors, default_embedder
from parallax.errors import InputProblem
from parallax.language import MIN_ENGLISH_SHARE, detected_language, english_share
from parallax.model import (
    Annotations,
    Article,
    Claim,
    Document,
    Duplicate,
    Entity,
    InputError,
    Mention,
    Quote,
    Report,
    Sentence,
    Story,
    TimeExpr,
)
from parallax.stories import StoryGroup, cluster, describe


@dataclass(frozen=True)
class Annotated:
    """Per-article annotations, before stories are formed."""

    docs: dict[str, Any]
    sentences: dict[str, list[Sentence]]
    claims: dict[str, list[Claim]]
    mentions: dict[str, list[Mention]]
    entities: list[Entity]
    quotes: dict[str, list[Quote]]
    notes: list[str]


def clean_all(documents: Sequence[Document]) -> tuple[list[Article], list[InputError], list[str]]:
    """Clean each document; drop exact copies (same body) with a note, report failures as errors."""
    articles: list[Article] = []
    errors: list[InputError] = []
    notes: list[str] = []
    seen: dict[str, str] = {}
    for document in documents:
        try:
            article = clean(document)
            check_language(article)
        except InputProblem as problem:
            errors.append(InputError(problem.source, problem.reason))
            continue
        if article.id in seen:
            notes.append(f"{article.source}: same text as {seen[article.id]}; counted once")
            continue
        seen[article.id] = article.source
        articles.append(article)
    return articles, errors, notes


def check_language(article: Article) -> None:
    """Parallax reads English; anything else is refused with a reason instead of analysed as noise."""
    if article.language and not article.language.lower().startswith("en"):
        raise InputProblem(article.source, f"language {article.language!r} is not supported (English only)")
    share = english_share(article.body)
    if share is None:
        raise InputProblem(article.source, "no words in the text")
    if share < MIN_ENGLISH_SHARE:
        found = detected_language(article.body)
        seen = f"; it reads as {found[0]!r}" if found and found[0] != "en" else ""
        raise InputProblem(article.source, f"does not look like English text (English only{seen})")


def annotate(articles: Sequence[Article]) -> Annotated:
    docs = dict(zip([a.id for a in articles], parse([a.body for a in articles]), strict=True))
    sentences = {a.id: sentences_of(a.id, docs[a.id]) for a in articles}
    claims = {a.id: claims_of(a.id, docs[a.id], sentences[a.id]) for a in articles}
    raw: list[RawMention] = [m for a in articles for m in collect_mentions(a.id, docs[a.id])]
    entities = build_entities(raw)
    mentions: dict[str, list[Mention]] = {a.id: [] for a in articles}
    for entity in entities:
        for mention in entity.mentions:
            mentions[mention.article].append(mention)
    names = {e.id: e.name for e in entities}
    quotes = {
        a.id: extract_quotes(docs[a.id], a.id, sorted(mentions[a.id], key=lambda m: m.start), names)
        for a in articles
    }
    notes = [
        f"{a.source}: quote mark at offset {offset} is never closed; its quote is read to the paragraph end"
        for a in articles
        for offset in unclosed_marks(a.body)
    ]
    return Annotated(docs, sentences, claims, mentions, entities, quotes, notes)


def _dates_for(articles: Sequence[Article], docs: dict[str, Any]) -> dict[str, list[TimeExpr]]:
    """Resolve each article's dates against its own date, else one lent by the story (marked inferred)."""
    found = {}
    for article in articles:
        others = [a.published for a in articles if a.id != article.id]
        extra = [(e.start_char, e.end_char) for e in docs[article.id].ents if e.label_ == "DATE"]
        found[article.id] = resolve_article_dates(
            article.id,
            article.body,
            article.published,
            fallback_anchor=story_anchor(others),
            extra_spans=extra,
            doc=docs[article.id],
        )
    return found


def _story_inputs(
    articles: Sequence[Article],
    annotated: Annotated,
    vectors: dict[str, Vectors],
    embedder: Embedder,
    one_story: bool = False,
) -> list[StoryInput]:
    clustering = cluster(articles, embedder)  # also when one story: it links copies to originals
    groups = (describe(articles),) if one_story else clustering.stories
    by_id = {a.id: a for a in articles}
    return [
        story_input(
            group.id,
            [by_id[i] for i in group.articles],
            annotated,
            vectors,
            group,
            tuple(d for d in clustering.duplicates if d.article in group.articles),
        )
        for group in groups
    ]


def story_input(
    story_id: str,
    articles: Sequence[Article],
    annotated: Annotated,
    vectors: dict[str, Vectors],
    group: StoryGroup | None = None,
    duplicates: tuple[Duplicate, ...] = (),
) -> StoryInput:
    """What compare needs of one story's annotated articles."""
    ids = [a.id for a in articles]
    wanted = set(ids)
    claims = [c for i in ids for c in annotated.claims[i]]
    # One row per claim: an article without claims contributes none (never a placeholder row, which
    # would shift every later article's claims against their vectors).
    rows = [vectors[i][: len(annotated.claims[i])] for i in ids]
    claim_vectors = np.concatenate(rows) if claims else np.zeros((0, 384), np.float32)
    return StoryInput(
        story_id,
        list(articles),
        {i: annotated.docs[i] for i in ids},
        claims,
        claim_vectors,
        {i: annotated.mentions[i] for i in ids},
        _dates_for(articles, annotated.docs),
        [q for i in ids for q in annotated.quotes[i]],
        group,
        duplicates,
        tuple(e for e in annotated.entities if any(m.article in wanted for m in e.mentions)),
    )


def _embed_claims(
    articles: Sequence[Article], annotated: Annotated, embedder: Embedder
) -> dict[str, Vectors]:
    texts = [a.body[c.start : c.end] for a in articles for c in annotated.claims[a.id]]
    flat = embedder.embed(texts)
    vectors, offset = {}, 0
    for article in articles:
        n = len(annotated.claims[article.id])
        vectors[article.id] = flat[offset : offset + n]
        offset += n
    return vectors


def _date_notes(articles: Sequence[Article]) -> list[str]:
    undated = [a.label for a in articles if not a.published]
    if not undated:
        return []
    if len(undated) == len(articles):
        return [
            "No article has a publication date: relative dates are resolved only as far as the texts allow."
        ]
    return [f"No publication date for {', '.join(undated)}: its dates are inferred from the other articles."]


def compare_documents(
    documents: Sequence[Document], embedder: Embedder | None = None, *, one_story: bool = False
) -> Report:
    """Run every stage over the documents and return the report (``one_story``: see ``compare_articles``)."""
    articles, errors, notes = clean_all(documents)
    return compare_articles(articles, embedder, errors, notes, one_story=one_story)


def compare_articles(
    articles: Sequence[Article],
    embedder: Embedder | None = None,
    errors: Sequence[InputError] = (),
    notes: Sequence[str] = (),
    *,
    one_story: bool = False,
) -> Report:
    """Every stage after cleaning: articles already cleaned (read back from a store, say) to a report.

    The articles are grouped into stories first, one comparison each; with ``one_story`` the caller
    vouches that they report one event (a story the store already holds, a set a reader picked), so
    they are compared as one story, whatever their wording makes the grouping think. Copies are still
    linked to their originals.
    """
    errors, notes = list(errors), list(notes)
    if not articles:
        return Report((), Annotations(), (), tuple(errors), tuple(notes))
    embedder = embedder or default_embedder()
    annotated = annotate(articles)
    notes.extend(annotated.notes)
    vectors = _embed_claims(articles, annotated, embedder)
    stories: list[Story] = []
    quotes: list[Quote] = []
    dates: list[TimeExpr] = []
    for story_input in _story_inputs(articles, annotated, vectors, embedder, one_story):
        story, story_quotes = compare_story(story_input, embedder)
        stories.append(story)
        quotes.extend(story_quotes)
        dates.extend(d for a in story_input.articles for d in story_input.dates[a.id])
        if len(story_input.articles) == 1:
            notes.append(f"Story {story.id} has one article: nothing to compare it with.")
    annotations = Annotations(
        tuple(s for a in articles for s in annotated.sentences[a.id]),
        tuple(annotated.entities),
        tuple(dates),
        tuple(quotes),
    )
    notes.extend(_date_notes(articles))
    return Report(tuple(articles), annotations, tuple(stories), tuple(errors), tuple(notes))
