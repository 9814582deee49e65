"""Learn which words report an attribution, and through which complement, from PolNeAR's train split.

For every verb, noun or adjective in the training articles and each complement it governs (``ccomp``:
"said that …", ``xcomp``: "wants to …", ``dobj``: "cited the report", ``prep:about``: "talked about the
wall", ``mark:for``: "called for X to …", ``nsubjpass``: "was criticized"; for nouns ``n:acl``: "his plan
to …", ``n:prep:of``: "criticism of …"; for adjectives ``a:ccomp``: "is confident that …"; see
``complement_relations`` in ``parallax.annotate.quotes``; a phrasal verb is keyed with its particle),
count how often that (lemma, relation) pair is an annotated cue whose content is that complement. Only
the candidates the extractor can meet are counted: words outside quote marks (PolNeAR annotates no
attribution inside a quotation) and outside the reported clause of a listed speech verb ("said he wants
…": "wants" is content). Pairs seen often enough go to ``src/parallax/data/attribution_cues.tsv`` with
their precision, shrunk for rare pairs (cue / (seen + 3)); the extractor uses those above its floor.
Only the train split is read: the dev split stays for ``benchmarks/quotes.py``.

    .venv/bin/python training/learn_cues.py [--data ../shared/data/polnear] [--min-seen 4]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from quotes import DEFAULT_DATA, Attribution, read_split  # noqa: E402  (the benchmark's PolNeAR reader)

# Rare pairs are shrunk towards 0: precision = cue / (seen + SHRINK).
SHRINK = 3
OUTPUT = ROOT / "src" / "parallax" / "data" / "attribution_cues.tsv"


def _gold_pairs(doc: Any, gold: list[Attribution]) -> set[tuple[int, str]]:
    """(cue token index, relation) for each gold attribution whose content is a complement of its cue."""
    from parallax.annotate.quotes import complement_relations

    found = set()
    for attribution in gold:
        if attribution.cue is None:
            continue
        cue = [t for t in doc if any(s <= t.idx < e for s, e in attribution.cue.fragments)]
        content = {t.i for t in doc if any(s <= t.idx < e for s, e in attribution.content.fragments)}
        for token in cue:
            for relation, child in complement_relations(token):
                if child.i in content:
                    found.add((token.i, relation))
    return found


def _candidates(doc: Any) -> list[Any]:
    """Words the extractor may take as cues: outside quote marks and outside a speech verb's clause."""
    from parallax.annotate.quote_marks import find_quoted
    from parallax.annotate.quotes import CUE_LEMMAS

    quoted = [(m.open, m.outer_end) for m in find_quoted(str(doc.text))]

    def outside(token: Any) -> bool:
        return not any(a <= token.idx < b for a, b in quoted)

    reported: set[int] = set()
    for token in doc:
        if token.pos_ == "VERB" and token.lemma_.lower() in CUE_LEMMAS and outside(token):
            for child in token.children:
                if child.dep_ == "ccomp":
                    reported |= {t.i for t in child.subtree}
    return [t for t in doc if t.i not in reported and outside(t)]


def count(
    docs: list[Any], golds: list[list[Attribution]]
) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    from parallax.annotate.quotes import complement_relations, cue_lemma

    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    for doc, gold in zip(docs, golds, strict=True):
        positive = _gold_pairs(doc, gold)
        for token in _candidates(doc):
            for relation in {r for r, _ in complement_relations(token)}:
                key = (cue_lemma(token), relation)
                seen[key] += 1
                hits[key] += (token.i, relation) in positive
    return seen, hits


def _parsed(texts: list[str], cache: Path | None) -> list[Any]:
    from spacy.tokens import DocBin

    from parallax.annotate.nlp import load_nlp, parse

    if cache is not None and cache.exists():
        return list(DocBin().from_bytes(cache.read_bytes()).get_docs(load_nlp().vocab))
    print(f"parsing {len(texts)} training articles ...", flush=True)
    docs = parse(texts)
    if cache is not None:
        cache.write_bytes(DocBin(docs=docs).to_bytes())
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--min-seen", type=int, default=4, help="drop pairs seen fewer times than this")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument(
        "--cache", type=Path, help="a spaCy DocBin of the parsed split: read if present, else written"
    )
    args = parser.parse_args()
    if not (args.data / "train").is_dir():
        print(f"PolNeAR train split not found under {args.data}; nothing learned")
        return 1
    samples = read_split(args.data, "train", None)
    docs = _parsed([s.text for s in samples], args.cache)
    seen, hits = count(docs, [list(s.gold) for s in samples])
    rows = sorted(
        (
            (lemma, rel, hits[(lemma, rel)], n)
            for (lemma, rel), n in seen.items()
            if n >= args.min_seen and hits[(lemma, rel)]
        ),
        key=lambda r: (-r[2] / (r[3] + SHRINK), -r[2]),
    )
    lines = [
        f"# lemma\trelation\tcue\tseen\tprecision   (cue / (seen + {SHRINK}); "
        "learned by training/learn_cues.py on PolNeAR train)"
    ]
    lines += [f"{lemma}\t{rel}\t{hit}\t{n}\t{hit / (n + SHRINK):.3f}" for lemma, rel, hit, n in rows]
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(rows)} pairs to {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
