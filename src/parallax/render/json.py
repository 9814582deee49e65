"""The JSON report: the contract every other renderer and the API read (docs/report-format.md)."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from parallax.clean import opinion_piece
from parallax.model import (
    Article,
    BriefSentence,
    Entity,
    Finding,
    Quote,
    Rendering,
    Report,
    Span,
    Story,
    TimeExpr,
)

JSONDict = dict[str, Any]


def span_dict(span: Span) -> JSONDict:
    return {"article": span.article, "start": span.start, "end": span.end}


def _article(article: Article) -> JSONDict:
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "url": article.url,
        "published": article.published,
        "author": article.author,
        "language": article.language,
        "country": article.country,
        "via": article.via,
        "opinion": opinion_piece(article),
        "body": article.body,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
    }


def _entity(entity: Entity) -> JSONDict:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type,
        "mentions": [
            {"article": m.article, "start": m.start, "end": m.end, "text": m.text} for m in entity.mentions
        ],
    }


def _date(expr: TimeExpr) -> JSONDict:
    return {
        "article": expr.article,
        "start": expr.start,
        "end": expr.end,
        "text": expr.text,
        "value": expr.value,
        "inferred": expr.inferred,
        "anchor": expr.anchor,
    }


def _optional_span(span: Span | None, body: str) -> JSONDict | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": body[span.start : span.end]}


def quote_dict(quote: Quote, body: str) -> JSONDict:
    return {
        "article": quote.article,
        "kind": quote.kind,
        "content": _optional_span(quote.content, body),
        "cue": _optional_span(quote.cue, body),
        "source": _optional_span(quote.source, body),
        "speaker": {"id": quote.speaker, "name": quote.speaker_name} if quote.speaker_name else None,
        "group": quote.group,
    }


def rendering_dict(rendering: Rendering) -> JSONDict:
    return {
        "article": rendering.article,
        "start": rendering.start,
        "end": rendering.end,
        "text": rendering.text,
        "class": rendering.cls,
        "diff": rendering.diff,
        "closest": rendering.closest,
        "why_closest": rendering.why_closest or None,
    }


def _finding(finding: Finding) -> JSONDict:
    data: JSONDict = {
        "kind": finding.kind,
        "text": finding.text,
        "outlets": finding.outlets,
        "citations": [span_dict(c) for c in finding.citations],
    }
    if finding.kind == "quote":
        data["speaker"] = finding.speaker
        data["renderings"] = [rendering_dict(r) for r in finding.renderings]
    if finding.kind in ("unique", "context"):
        data["distinctiveness"] = finding.confidence
    if finding.kind == "shared":
        data["background"] = finding.reason or None  # why the shared fact reads as background, if it does
    if finding.kind == "context" or (finding.kind == "unique" and finding.reason):
        data["reason"] = finding.reason  # a unique quotation says what makes it one outlet's
    if finding.kind == "unique" and finding.speaker:
        data["speaker"] = finding.speaker
    if finding.kind == "omission":
        data["omitted_by"] = list(finding.omitted_by)
    if finding.kind == "framing":
        data["aspect"] = finding.aspect
        data["article"] = finding.article
        data["outlet"] = finding.outlet
        data["entity"] = finding.entity
        data["terms"] = list(finding.terms)
        data["score"] = finding.score
    if finding.kind == "conflict":
        data["conflict_type"] = finding.conflict_type
        data["confidence"] = finding.confidence
        data["sides"] = [
            {"article": s.article, "text": s.text, "citations": [span_dict(c) for c in s.citations]}
            for s in finding.sides
        ]
    return data


def _brief(sentence: BriefSentence) -> JSONDict:
    return {"text": sentence.text, "citations": [span_dict(c) for c in sentence.citations]}


def _story(story: Story) -> JSONDict:
    return {
        "id": story.id,
        "label": story.label,
        "articles": list(story.articles),
        "first_published": story.first_published,
        "last_published": story.last_published,
        "key_entities": list(story.key_entities),
        "duplicates": [dataclasses.asdict(d) for d in story.duplicates],
        "findings": [_finding(f) for f in story.findings],
        "brief": [_brief(b) for b in story.brief],
    }


def report_to_dict(report: Report) -> JSONDict:
    bodies = {a.id: a.body for a in report.articles}
    return {
        "version": report.version,
        "articles": [_article(a) for a in report.articles],
        "entities": [_entity(e) for e in report.annotations.entities],
        "dates": [_date(d) for d in report.annotations.dates],
        "quotes": [quote_dict(q, bodies[q.article]) for q in report.annotations.quotes],
        "stories": [_story(s) for s in report.stories],
        "brief": [dict(_brief(b), story=s.id) for s in report.stories for b in s.brief],
        "errors": [{"source": e.source, "reason": e.reason} for e in report.errors],
        "notes": list(report.notes),
    }


def render_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def article_labels(report: JSONDict) -> dict[str, str]:
    """Each article's name in citations: its outlet, and its number in the report when the outlet has
    several articles there ("www.nytimes.com #1" / "#8"), or a citation could point at either."""
    articles = report.get("articles", [])
    names = [str(a.get("outlet") or a.get("source") or a.get("id")) for a in articles]
    several = {name for name in names if names.count(name) > 1}
    return {
        str(a.get("id")): f"{name} #{n}" if name in several else name
        for n, (a, name) in enumerate(zip(articles, names, strict=True), 1)
    }


def article_numbers(report: JSONDict) -> dict[str, int]:
    """Each article's number in the report, as the article tables and labels show it."""
    return {str(a.get("id")): n for n, a in enumerate(report.get("articles", []), 1)}
