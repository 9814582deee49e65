"""The quote report of ``parallax quotes``: each article's quotes, and the statements several outlets quote.

Built from the same Report as ``compare``, so the quotes and group ids are the ones its report holds.
"""

from __future__ import annotations

import json

from rich.console import Console
from rich.table import Table
from rich.text import Text

from parallax.model import Finding, Report
from parallax.render.json import JSONDict, article_labels, quote_dict, rendering_dict, report_to_dict
from parallax.render.terminal import clean


def _group_of(report: Report) -> dict[tuple[str, int], str]:
    return {(q.article, q.content.start): q.group for q in report.annotations.quotes if q.group}


def _group(finding: Finding, story: str, groups: dict[tuple[str, int], str]) -> JSONDict:
    first = finding.renderings[0]
    return {
        "id": groups.get((first.article, first.start)),
        "story": story,
        "speaker": finding.speaker,
        "outlets": finding.outlets,
        "text": finding.text,
        "renderings": [rendering_dict(r) for r in finding.renderings],
    }


def quotes_to_dict(report: Report) -> JSONDict:
    """Per article its quotes (offsets into ``body``); ``groups`` are statements two or more outlets quote."""
    groups = _group_of(report)
    by_article: dict[str, list[JSONDict]] = {a.id: [] for a in report.articles}
    bodies = {a.id: a.body for a in report.articles}
    for quote in sorted(report.annotations.quotes, key=lambda q: (q.article, q.content.start)):
        entry = quote_dict(quote, bodies[quote.article])
        del entry["article"]
        by_article[quote.article].append(entry)
    return {
        "version": report.version,
        "articles": [
            {
                "id": a.id,
                "source": a.source,
                "outlet": a.outlet,
                "title": a.title,
                "body": a.body,
                "quotes": by_article[a.id],
            }
            for a in report.articles
        ],
        "groups": [_group(f, s.id, groups) for s in report.stories for f in s.findings if f.kind == "quote"],
        "errors": [{"source": e.source, "reason": e.reason} for e in report.errors],
        "notes": list(report.notes),
    }


def render_quotes_json(report: Report) -> str:
    return json.dumps(quotes_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def _span_text(span: JSONDict | None) -> Text:
    return Text(clean(span["text"])) if span else Text("—", style="dim")


def render_quotes_terminal(report: Report, console: Console) -> None:
    """One table of quotes per article, then the renderings of each statement quoted across outlets."""
    data = quotes_to_dict(report)
    labels = article_labels(data)
    for article in data["articles"]:
        console.print(Text(clean(labels[article["id"]]), style="bold underline"))
        table = Table(expand=True)
        for name in ("Kind", "Speaker", "Cue"):
            table.add_column(name, no_wrap=True, max_width=24)
        table.add_column("Quote", ratio=1)
        table.add_column("Group", no_wrap=True)
        for quote in article["quotes"]:
            speaker = quote["speaker"]["name"] if quote["speaker"] else None
            table.add_row(
                quote["kind"],
                Text(clean(speaker)) if speaker else Text("unknown", style="dim"),
                _span_text(quote["cue"]),
                _span_text(quote["content"]),
                Text(
                    clean((quote["group"] or "").rpartition(".")[2])
                ),  # the story prefix is the same for all
            )
        console.print(table if article["quotes"] else Text("  (no quotes)", style="dim"))
    if not data["groups"]:
        return
    # The grouped renderings print exactly as compare's report prints them.
    from parallax.render.terminal import render_quote_groups

    render_quote_groups(console, report_to_dict(report))
