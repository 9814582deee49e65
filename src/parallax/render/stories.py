"""The output of ``parallax cluster``: stories, each article's story, and copies with their originals."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from parallax.model import REPORT_VERSION, Article, InputError
from parallax.stories import Clustering


def clustering_to_dict(
    clustering: Clustering, articles: Sequence[Article], errors: Sequence[InputError], notes: Sequence[str]
) -> dict[str, Any]:
    story_of = {a: s.id for s in clustering.stories for a in s.articles}
    return {
        "version": REPORT_VERSION,
        "stories": [dataclasses.asdict(s) for s in clustering.stories],
        "articles": [
            {
                "id": a.id,
                "source": a.source,
                "outlet": a.outlet,
                "title": a.title,
                "published": a.published,
                "story": story_of[a.id],
            }
            for a in articles
        ],
        "duplicates": [dataclasses.asdict(d) for d in clustering.duplicates],
        "errors": [dataclasses.asdict(e) for e in errors],
        "notes": list(notes),
    }


def render_clustering_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def render_clustering_terminal(data: dict[str, Any], console: Any) -> None:
    """One block per story: label, dates, key names, then its articles with copies marked."""
    from rich.markup import escape

    by_id = {a["id"]: a for a in data["articles"]}
    copies = {d["article"]: d for d in data["duplicates"]}
    console.print(f"[bold]{len(data['stories'])} stories[/] from {len(data['articles'])} articles")
    for story in data["stories"]:
        span = " – ".join(dict.fromkeys(d for d in (story["first_published"], story["last_published"]) if d))
        console.print()
        console.print(f"[bold cyan]{escape(story['label'] or story['id'])}[/]  [dim]{story['id']} {span}[/]")
        if story["key_entities"]:
            console.print("  [dim]names:[/] " + escape(", ".join(story["key_entities"])))
        for article_id in story["articles"]:
            console.print("  • " + escape(_article_line(by_id[article_id], copies.get(article_id), by_id)))
    for note in data["notes"]:
        console.print(f"[yellow]note:[/] {escape(note)}")


def _article_line(article: dict[str, Any], copy: dict[str, Any] | None, by_id: dict[str, Any]) -> str:
    name = article["outlet"] or article["source"]
    line = f"{name}: {article['title'] or article['source']}"
    if copy is not None:
        original = by_id[copy["original"]]
        line += f"  ({copy['kind']} copy of {original['outlet'] or original['source']})"
    return line
