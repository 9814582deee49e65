"""What every benchmark script shares: the machine it ran on, Markdown tables, writing its results, the
annotation of a set of articles cached between runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import pickle
import platform
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def machine() -> dict[str, Any]:
    return {
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "python": platform.python_version(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def write_results(name: str, payload: dict[str, Any], markdown: str) -> None:
    """``results/NAME.json`` (every figure) and ``results/NAME.md`` (the tables a reader wants)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(markdown, encoding="utf-8")
    print(f"wrote {RESULTS / f'{name}.json'} and {RESULTS / f'{name}.md'}")


def annotated_cached(articles: list[Any], embedder: Any, path: Path | None) -> tuple[Any, Any, float]:
    """``annotate`` and ``_embed_claims`` over the articles, and their seconds, from ``path`` when it holds
    them (the caller's key says what the cache is good for: the texts, the code). The spaCy Docs are kept
    as ``DocBin`` bytes beside the rest of the annotation, pickled; a cached run keeps the seconds of the
    run that made it."""
    from spacy.tokens import DocBin

    from parallax.annotate.nlp import load_nlp
    from parallax.pipeline import _embed_claims, annotate

    if path is not None and path.exists():
        stored = pickle.loads(path.read_bytes())
        docs = list(DocBin().from_bytes(stored["docs"]).get_docs(load_nlp().vocab))
        annotated = dataclasses.replace(stored["annotated"], docs=dict(zip(stored["ids"], docs, strict=True)))
        return annotated, stored["vectors"], float(stored.get("seconds", 0.0))
    started = time.perf_counter()
    annotated = annotate(articles)
    vectors = _embed_claims(articles, annotated, embedder)
    seconds = time.perf_counter() - started
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        ids = list(annotated.docs)
        docbin = DocBin(store_user_data=True)
        for doc_id in ids:
            docbin.add(annotated.docs[doc_id])
        payload = {
            "ids": ids,
            "docs": docbin.to_bytes(),
            "annotated": dataclasses.replace(annotated, docs={}),
            "vectors": vectors,
            "seconds": seconds,
        }
        path.write_bytes(pickle.dumps(payload))
    return annotated, vectors, seconds
