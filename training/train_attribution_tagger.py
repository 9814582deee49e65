"""Experiment: a CRF attribution tagger stacked on the rules of `extract_quotes`, on PolNeAR.

Tokens are tagged BIO for SOURCE, CUE and CONTENT, one paragraph at a time (PolNeAR's articles put a
blank line between paragraphs; an attribution's roles nearly always lie in one paragraph, a content
often in the sentence before its cue, and quote marks pair within a paragraph). Besides lexical,
parse and quote-mark features, each token carries the role the rules gave it (a stacked tagger).

Tags decode into attributions (see `link`), scored with `benchmarks/quotes.py`'s `Scorer` on dev beside
the rules alone, the hybrid and rules-first combinations (see `combine` and `systems`), in one run. c1/c2
and the combination are chosen on a held-out tenth of train, never on dev.

    .venv/bin/python training/train_attribution_tagger.py            # select, train, score, write
    .venv/bin/python training/train_attribution_tagger.py --c1 1.0 --c2 0.05   # one grid point only
    .venv/bin/python training/train_attribution_tagger.py --no-write  # print, leave the results file
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import argparse
import bisect
import datetime as dt
import functools
import pickle
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

import pycrfsuite  # noqa: E402
import quotes as bq  # noqa: E402
from spacy.tokens import Doc, DocBin, Token  # noqa: E402

from parallax.annotate.nlp import load_nlp, parse  # noqa: E402
from parallax.annotate.quotes import COMPLEMENTS, CUE_LEMMAS, find_quoted, learned_cues  # noqa: E402

# Parsed splits are cached here (spaCy DocBin): parsing train takes minutes; each run checks the texts match.
CACHE = Path(os.environ.get("PARALLAX_PARSE_CACHE", "/tmp/parallax-polnear"))
MODEL = Path("/tmp/attribution_crf.model")
PREDICTIONS = Path("/tmp/attribution_crf_predictions.pkl")
RESULTS = ROOT / "benchmarks" / "results" / "quotes_crf_experiment.md"
ROLE_TAGS = {"source": "SOURCE", "cue": "CUE", "content": "CONTENT"}
# A token in several roles (nested attributions: "X said that Y claimed Z") keeps the innermost one.
PRIORITY = ("content", "source", "cue")
GRID = ((0.2, 0.05), (0.5, 0.05), (1.0, 0.05))
HELD_OUT_EVERY = 10  # every 10th train article is held out for choosing c1/c2
REPORTED = ("source/exact", "source/overlap", "cue/overlap", "content/exact", "content/overlap")

Seq = list[Token]


# ---------------------------------------------------------------- data


def load_split(split: str) -> tuple[list[bq.Sample], list[Doc]]:
    """The split's articles and their spaCy parses (cached DocBin when present, else parsed now)."""
    samples = bq.read_split(bq.DEFAULT_DATA, split, None)
    cache = CACHE / f"{split}-None.pkl"
    nlp = load_nlp()
    if cache.exists():
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
    else:
        docs = parse([s.text for s in samples])
        CACHE.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(DocBin(docs=docs).to_bytes())
    assert len(docs) == len(samples) and all(d.text == s.text for d, s in zip(docs, samples, strict=True))
    return samples, docs


def rule_predictions(samples: Sequence[bq.Sample], docs: Sequence[Doc]) -> tuple[list[list[Any]], float]:
    """The rules' attributions (entity stage + `extract_quotes`, merged by cue) and their seconds."""
    run = bq.run_parallax(samples, docs, 1)
    seconds = run["timing"]["entities_s"][0] + run["timing"]["quotes_s"][0]
    return run["predictions"], seconds


def paragraphs(doc: Doc) -> list[Seq]:
    """The article's tokens, without whitespace tokens, cut at blank lines (and at any line break)."""
    seqs: list[Seq] = []
    current: Seq = []
    for tok in doc:
        if tok.is_space or "\n" in tok.text:
            if "\n" in tok.text or "\n" in tok.whitespace_:
                if current:
                    seqs.append(current)
                current = []
            continue
        current.append(tok)
        if "\n" in tok.whitespace_:
            seqs.append(current)
            current = []
    if current:
        seqs.append(current)
    return seqs


def role_tokens(doc: Doc, attributions: Iterable[bq.Attribution]) -> list[str]:
    """BIO tags over the whole doc: a token takes a role when it shares a character with that extent.

    Longer contents go first so that a nested content starts its own span; sources then cues go last
    (they win over the content they sit in).
    """
    starts = [int(t.idx) for t in doc]
    role = [""] * len(doc)
    begin = [False] * len(doc)

    def mark(extent: bq.Extent, name: str) -> None:
        for start, end in extent.fragments:
            first = True
            for i in range(max(0, bisect.bisect_right(starts, start) - 1), len(doc)):
                tok = doc[i]
                if tok.idx >= end:
                    break
                if tok.idx + len(tok.text) <= start or tok.is_space:
                    continue
                role[i], begin[i] = name, first
                first = False

    attributions = list(attributions)
    for name in PRIORITY:
        items = [(a, a.role(name)) for a in attributions]
        for _, extent in sorted(
            ((a, e) for a, e in items if e is not None), key=lambda p: -(p[1].end - p[1].start)
        ):
            mark(extent, name)
    tags = []
    for i in range(len(doc)):
        if not role[i]:
            tags.append("O")
            continue
        fresh = begin[i] or i == 0 or role[i - 1] != role[i]
        tags.append(("B-" if fresh else "I-") + ROLE_TAGS[role[i]])
    return tags


# ---------------------------------------------------------------- features


def bucket(n: int) -> str:
    return str(n) if n < 4 else "4-7" if n < 8 else "8-15" if n < 16 else "16+"


@functools.cache
def best_share() -> dict[str, float]:
    """Lemma → the highest attribution share of its learned (lemma, complement) pairs."""
    shares: dict[str, float] = {}
    for (lemma, _), share in learned_cues().items():
        shares[lemma] = max(share, shares.get(lemma, 0.0))
    return shares


@dataclass
class Article:
    """One article ready for the CRF: paragraph sequences with features (and gold tags when known)."""

    seqs: list[Seq]
    features: list[list[dict[str, Any]]]
    gold: list[list[str]]


def featurize(doc: Doc, rules: Sequence[bq.Attribution], gold: Sequence[bq.Attribution] | None) -> Article:
    text = str(doc.text)
    learned = learned_cues()
    learned_lemmas = best_share()
    sent_of = [0] * len(doc)
    for sent in doc.sents:
        sent_of[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
    # quote marks: inside, right after the opener, right before the closer
    inside = [False] * (len(text) + 1)
    opens, closes = [], []
    for m in find_quoted(text):
        inside[m.start : m.end] = [True] * (m.end - m.start)
        opens.append(m.open)
        if m.close is not None:
            closes.append(m.close)
    rule_tags = role_tokens(doc, rules)
    gold_tags = role_tokens(doc, gold) if gold is not None else None
    # per sentence: where its known cues are
    cue_at: set[int] = set()
    for tok in doc:
        comps = {c.dep_ for c in tok.children if c.dep_ in COMPLEMENTS}
        if tok.pos_ in ("VERB", "AUX", "NOUN") and (
            tok.lemma_ in CUE_LEMMAS or any((tok.lemma_, r) in learned for r in comps)
        ):
            cue_at.add(tok.i)
    sent_cues: dict[int, list[int]] = {}
    for sent in doc.sents:
        sent_cues[sent.start] = sorted(i for i in range(sent.start, sent.end) if i in cue_at)

    seqs = paragraphs(doc)
    feats: list[list[dict[str, Any]]] = []
    golds: list[list[str]] = []
    for seq in seqs:
        base: list[dict[str, Any]] = []
        n_quotes_before = 0
        for tok in seq:
            start = int(tok.idx)
            end = start + len(tok.text)
            q_in = any(inside[start:end])
            n_quotes_before = bisect.bisect_left(opens, start)
            last_close = bisect.bisect_left(closes, start)
            cues = sent_cues.get(sent_of[tok.i], [])
            left = sum(c < tok.i for c in cues)
            comps = [c.dep_ for c in tok.children if c.dep_ in COMPLEMENTS]
            share = max((learned.get((tok.lemma_, r), 0.0) for r in comps), default=0.0)
            f: dict[str, Any] = {
                "w": tok.lower_,
                "lem": tok.lemma_.lower(),
                "pos": tok.pos_,
                "tag": tok.tag_,
                "dep": tok.dep_,
                "hlem": tok.head.lemma_.lower(),
                "hdep": tok.head.dep_,
                "hpos": tok.head.pos_,
                "ent": tok.ent_type_ or "-",
                "shape": tok.shape_,
                "q": "in" if q_in else "out",
                "qopen": bool(opens) and 0 <= start - opens[max(0, n_quotes_before - 1)] <= 2,
                "qclose": bool(closes) and last_close < len(closes) and 0 <= closes[last_close] - end <= 2,
                "cue": tok.lemma_ in CUE_LEMMAS,
                "lcue": f"{learned_lemmas.get(tok.lemma_, 0.0):.1f}",
                "lcuec": f"{share:.1f}",
                "hcue": tok.head.i in cue_at,
                "scue": f"{left}<{len(cues) - left}" if cues else "none",
                "rule": rule_tags[tok.i],
                "rrole": rule_tags[tok.i][2:] or "O",
                "sstart": tok.is_sent_start,
                "punct": tok.is_punct,
            }
            base.append(f)
        # neighbours ±2 (a few of each token's features), and the paragraph-level quote share
        words = len(seq)
        quoted = sum(f["q"] == "in" for f in base)
        para = "none" if not quoted else "all" if quoted == words else "some"
        out: list[dict[str, Any]] = []
        for k, f in enumerate(base):
            g = dict(f)
            g["bias"] = 1.0
            g["para_q"] = para
            for d in (-2, -1, 1, 2):
                j = k + d
                if 0 <= j < words:
                    nb = base[j]
                    for key in ("w", "pos", "dep", "q", "rule", "cue"):
                        g[f"{d}:{key}"] = nb[key]
                else:
                    g[f"{d}:edge"] = True
            g["-1:rule|rule"] = f"{base[k - 1]['rrole'] if k else '^'}|{f['rrole']}"
            out.append(crf_items(g))
        feats.append(out)
        if gold_tags is not None:
            golds.append([gold_tags[t.i] for t in seq])
    return Article(seqs, feats, golds)


def crf_items(f: dict[str, Any]) -> dict[str, Any]:
    """pycrfsuite's form: strings become name=value indicators, booleans indicators, floats weights."""
    out: dict[str, Any] = {}
    for k, v in f.items():
        if isinstance(v, bool):
            if v:
                out[k] = 1.0
        elif isinstance(v, float):
            out[k] = v
        else:
            out[f"{k}={v}"] = 1.0
    return out


# ---------------------------------------------------------------- decoding


@dataclass(frozen=True)
class Chunk:
    role: str
    para: int
    first: int  # doc token indices
    last: int
    sent: int

    def gap(self, other: Chunk) -> int:
        """Tokens between the two chunks (0 when adjacent or overlapping)."""
        return max(0, other.first - self.last - 1, self.first - other.last - 1)


def sent_start(tok: Token) -> int:
    """The index of the first token of the token's sentence (without building a Span)."""
    i = tok.i
    doc = tok.doc
    while i > 0 and not doc[i].is_sent_start:
        i -= 1
    return i


def chunks(article: Article, tags: Sequence[Sequence[str]]) -> list[Chunk]:
    found: list[Chunk] = []
    for p, (seq, seq_tags) in enumerate(zip(article.seqs, tags, strict=True)):
        k = 0
        while k < len(seq):
            tag = seq_tags[k]
            if tag == "O":
                k += 1
                continue
            role = tag[2:]
            j = k + 1
            while j < len(seq) and seq_tags[j] == f"I-{role}":
                j += 1
            found.append(Chunk(role, p, seq[k].i, seq[j - 1].i, sent_start(seq[k])))
            k = j
    return found


def extent(doc: Doc, items: Iterable[Chunk]) -> bq.Extent:
    return bq.Extent.of((int(doc[c.first].idx), int(doc[c.last].idx) + len(doc[c.last].text)) for c in items)


def link(doc: Doc, found: Sequence[Chunk]) -> list[bq.Attribution]:
    """Attributions from tagged chunks.

    Each CONTENT chunk goes to the nearest CUE chunk: cost = tokens between them, +30 when the cue is
    in another sentence, +100 in another paragraph; cues more than one paragraph away are not
    considered. Contents sharing a cue are one attribution (a quote split around its cue). Each cue
    then takes the nearest SOURCE chunk by the same cost, within its paragraph; a SOURCE is used by
    the cues that pick it (PolNeAR repeats a source for each of its attributions). A content with no
    cue within reach is an attribution without cue or source; a cue with no content is dropped.
    """
    cues = [c for c in found if c.role == "CUE"]
    sources = [c for c in found if c.role == "SOURCE"]

    def cost(a: Chunk, b: Chunk) -> float:
        return a.gap(b) + (30 if a.sent != b.sent else 0) + 100 * abs(a.para - b.para)

    by_cue: dict[int, list[Chunk]] = {}
    orphans: list[Chunk] = []
    for c in (c for c in found if c.role == "CONTENT"):
        near = [(cost(c, q), n) for n, q in enumerate(cues) if abs(q.para - c.para) <= 1]
        if near:
            by_cue.setdefault(min(near)[1], []).append(c)
        else:
            orphans.append(c)
    out: list[bq.Attribution] = []
    for n, contents in by_cue.items():
        cue = cues[n]
        near_src = [(cost(cue, s), k) for k, s in enumerate(sources) if s.para == cue.para]
        source = extent(doc, [sources[min(near_src)[1]]]) if near_src else None
        out.append(bq.Attribution(extent(doc, contents), extent(doc, [cue]), source, "crf"))
    out.extend(bq.Attribution(extent(doc, [c]), None, None, "crf") for c in orphans)
    return sorted(out, key=lambda a: a.content.start)


# ---------------------------------------------------------------- train, tag, score


def train(articles: Sequence[Article], c1: float, c2: float, path: Path, iterations: int) -> float:
    start = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for art in articles:
        for x, y in zip(art.features, art.gold, strict=True):
            trainer.append(pycrfsuite.ItemSequence(x), y)
    trainer.set_params(
        {"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True}
    )
    trainer.train(str(path))
    return time.perf_counter() - start


def tag_all(path: Path, docs: Sequence[Doc], articles: Sequence[Article]) -> list[list[bq.Attribution]]:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    out = []
    for doc, art in zip(docs, articles, strict=True):
        tags = [tagger.tag(pycrfsuite.ItemSequence(x)) for x in art.features]
        out.append(link(doc, chunks(art, tags)))
    tagger.close()
    return out


def content_probs(path: Path, docs: Sequence[Doc], articles: Sequence[Article]) -> list[list[float]]:
    """Per doc token: the CRF's marginal probability that it is CONTENT (B or I); 0 for whitespace."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    out = []
    for doc, art in zip(docs, articles, strict=True):
        prob = [0.0] * len(doc)
        for seq, x in zip(art.seqs, art.features, strict=True):
            tagger.set(pycrfsuite.ItemSequence(x))
            for k, tok in enumerate(seq):
                prob[tok.i] = tagger.marginal("B-CONTENT", k) + tagger.marginal("I-CONTENT", k)
        out.append(prob)
    tagger.close()
    return out


def mean_prob(doc: Doc, prob: Sequence[float], ext: bq.Extent) -> float:
    """The mean content probability of the non-space tokens that share a character with the extent."""
    values = [
        prob[t.i]
        for start, end in ext.fragments
        for t in doc.char_span(start, end, alignment_mode="expand") or ()
        if not t.is_space
    ]
    return sum(values) / len(values) if values else 0.0


def score(samples: Sequence[bq.Sample], preds: Sequence[Sequence[bq.Attribution]]) -> dict[str, Any]:
    scorer = bq.Scorer()
    for sample, pred in zip(samples, preds, strict=True):
        scorer.add(bq.TextIndex(sample.text), sample.gold, pred)
    metrics: dict[str, Any] = scorer.summary()["metrics"]
    return metrics


def hybrid(rules: Sequence[bq.Attribution], crf: Sequence[bq.Attribution], text: str) -> list[bq.Attribution]:
    """The CRF's attributions, plus the rules' whose content no CRF content overlaps."""
    index = bq.TextIndex(text)
    extra = [r for r in rules if not any(bq.shared(index, r.content, c.content) for c in crf)]
    return sorted([*crf, *extra], key=lambda a: a.content.start)


# Rules-first combinations: the rules' attributions stay; the CRF only fills in or adjusts.


def partner(
    index: bq.TextIndex, rule: bq.Attribution, crf: Sequence[bq.Attribution]
) -> bq.Attribution | None:
    """The CRF attribution whose content shares the most letters with the rule's (None when none does)."""
    best, most = None, 0
    for c in crf:
        n = bq.shared(index, rule.content, c.content)
        if n > most:
            best, most = c, n
    return best


def combine(
    rules: Sequence[bq.Attribution],
    crf: Sequence[bq.Attribution],
    text: str,
    *,
    add: bool = False,
    source: str = "",
    bounds: bool = False,
) -> list[bq.Attribution]:
    """The rules' attributions, adjusted by the CRF.

    add: the CRF's attributions whose content overlaps no rule content join (a content the rules miss).
    source "missing": a rule attribution without source takes its CRF partner's (the CRF attribution
    whose content overlaps it most); "always": the partner's source, when it has one, replaces the rule's.
    bounds: a rule content takes its partner's content extent.
    """
    index = bq.TextIndex(text)
    out: list[bq.Attribution] = []
    for r in rules:
        c = partner(index, r, crf)
        if c is None:
            out.append(r)
            continue
        src = r.source
        if c.source is not None and (source == "always" or (source == "missing" and src is None)):
            src = c.source
        out.append(bq.Attribution(c.content if bounds else r.content, r.cue, src, r.label))
    if add:
        out.extend(c for c in crf if not any(bq.shared(index, c.content, r.content) for r in rules))
    return sorted(out, key=lambda a: a.content.start)


COMBINATIONS: dict[str, dict[str, Any]] = {
    "rules + CRF's new contents": {"add": True},
    "rules + CRF source where none": {"source": "missing"},
    "rules + CRF source always": {"source": "always"},
    "rules + CRF content bounds": {"bounds": True},
    "rules + new contents + source where none": {"add": True, "source": "missing"},
    "rules + new contents + source always": {"add": True, "source": "always"},
    "rules + new contents + source where none + bounds": {"add": True, "source": "missing", "bounds": True},
}


ADD_AT = (0.5, 0.7, 0.9)  # a new CRF content joins when its mean content probability is at least this
DROP_BELOW = (0.02, 0.05, 0.1, 0.2)  # a rules' indirect attribution goes when the CRF's is below this


def systems(
    samples: Sequence[bq.Sample],
    docs: Sequence[Doc],
    rules: Sequence[Sequence[bq.Attribution]],
    crf: Sequence[Sequence[bq.Attribution]],
    probs: Sequence[Sequence[float]],
) -> dict[str, list[list[bq.Attribution]]]:
    """Every system scored: the rules, the CRF, the hybrid and the rules-first combinations.

    The thresholded ones use the CRF's content marginals: "rules + new contents p≥τ" adds a CRF content
    that overlaps no rule content when its tokens' mean content probability is at least τ; "rules −
    indirect p<τ" drops a rules' indirect attribution (the least precise kind) whose content the CRF
    gives a mean content probability below τ.
    """
    rows = list(zip(rules, crf, samples, docs, probs, strict=True))
    out: dict[str, list[list[bq.Attribution]]] = {
        "rules (extract_quotes)": [list(r) for r in rules],
        "CRF (stacked)": [list(c) for c in crf],
        "hybrid (CRF + rules' others)": [hybrid(r, c, s.text) for r, c, s, _, _ in rows],
    }
    for name, options in COMBINATIONS.items():
        out[name] = [combine(r, c, s.text, **options) for r, c, s, _, _ in rows]
    new = []
    for r, c, s, _, _ in rows:
        index = bq.TextIndex(s.text)
        new.append([a for a in c if not any(bq.shared(index, a.content, b.content) for b in r)])
    for tau in ADD_AT:
        out[f"rules + new contents p≥{tau}"] = [
            sorted([*r, *(a for a in n if mean_prob(d, p, a.content) >= tau)], key=lambda a: a.content.start)
            for (r, _, _, d, p), n in zip(rows, new, strict=True)
        ]
    for tau in DROP_BELOW:
        out[f"rules − indirect p<{tau}"] = [
            [a for a in r if a.label != "indirect" or mean_prob(d, p, a.content) >= tau]
            for r, _, _, d, p in rows
        ]
    return out


def headline(metrics: dict[str, Any]) -> float:
    """What the c1/c2 choice maximises: the mean of the target metrics and attribution F1."""
    keys = ("source/exact", "source/overlap", "content/overlap", "attribution/overlap")
    return sum(metrics[k]["all"]["f1"] for k in keys) / len(keys)


# ---------------------------------------------------------------- main


def prepared(split: str) -> tuple[list[bq.Sample], list[Doc], list[list[Any]], list[Article], float, float]:
    """Samples, docs, rule predictions, featurized articles, rule seconds and featurization seconds."""
    samples, docs = load_split(split)
    print(f"{split}: {len(samples)} articles; running rules ...", flush=True)
    rules, rule_s = rule_predictions(samples, docs)
    start = time.perf_counter()
    articles = [featurize(d, r, s.gold) for d, r, s in zip(docs, rules, samples, strict=True)]
    feat_s = time.perf_counter() - start
    print(f"  rules {rule_s:.1f} s, features {feat_s:.1f} s", flush=True)
    return samples, docs, rules, articles, rule_s, feat_s


def row(name: str, metrics: dict[str, Any]) -> str:
    cells = []
    for key in (*REPORTED, "attribution/overlap"):
        m = metrics[key]["all"]
        cells.append(f"{m['p']:.3f} / {m['r']:.3f} / **{m['f1']:.3f}**")
    return f"| {name} | " + " | ".join(cells) + f" | {headline(metrics):.3f} |"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--c1", type=float, default=None)
    parser.add_argument("--c2", type=float, default=None)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--model", type=Path, default=MODEL)
    parser.add_argument("--no-write", action="store_true", help="print only; leave the results file alone")
    args = parser.parse_args(argv)

    tr_samples, tr_docs, tr_rules, tr_articles, _, _ = prepared("train")
    print(f"  {sum(len(a.seqs) for a in tr_articles)} paragraphs", flush=True)
    fit = [a for i, a in enumerate(tr_articles) if i % HELD_OUT_EVERY]
    held = [i for i in range(len(tr_articles)) if i % HELD_OUT_EVERY == 0]
    held_samples = [tr_samples[i] for i in held]
    held_rules = [tr_rules[i] for i in held]
    grid = GRID if args.c1 is None or args.c2 is None else ((args.c1, args.c2),)
    selection: list[tuple[float, float, float, float]] = []
    held_crf: dict[tuple[float, float], list[list[bq.Attribution]]] = {}
    for c1, c2 in grid:
        path = Path(f"/tmp/attribution_crf_{c1}_{c2}.model")
        seconds = train(fit, c1, c2, path, args.iterations)
        preds = tag_all(path, [tr_docs[i] for i in held], [tr_articles[i] for i in held])
        value = headline(score(held_samples, preds))
        selection.append((c1, c2, value, seconds))
        held_crf[(c1, c2)] = preds
        print(f"  c1={c1} c2={c2}: held-out headline {value:.3f} ({seconds:.0f} s)", flush=True)
    c1, c2 = max(selection, key=lambda s: s[2])[:2]
    held_docs = [tr_docs[i] for i in held]
    held_probs = content_probs(
        Path(f"/tmp/attribution_crf_{c1}_{c2}.model"), held_docs, [tr_articles[i] for i in held]
    )
    for g1, g2 in grid:
        Path(f"/tmp/attribution_crf_{g1}_{g2}.model").unlink()
    held_results = {
        name: score(held_samples, preds)
        for name, preds in systems(
            held_samples, held_docs, held_rules, held_crf[(c1, c2)], held_probs
        ).items()
    }
    chosen = max(
        (n for n in held_results if n != "rules (extract_quotes)"), key=lambda n: headline(held_results[n])
    )
    print(f"held-out train (c1={c1} c2={c2}); chosen: {chosen}")
    show(held_results)
    print(f"training on all of train with c1={c1} c2={c2} ...", flush=True)
    train_s = train(tr_articles, c1, c2, args.model, args.iterations)
    size = args.model.stat().st_size
    print(f"  {train_s:.0f} s, model {size / 1e6:.2f} MB", flush=True)
    del tr_articles

    samples, docs, rules, articles, rule_s, feat_s = prepared("dev")
    start = time.perf_counter()
    crf = tag_all(args.model, docs, articles)
    tag_s = time.perf_counter() - start
    probs = content_probs(args.model, docs, articles)
    results = {
        name: score(samples, preds) for name, preds in systems(samples, docs, rules, crf, probs).items()
    }
    # Both splits' predictions, for trying other combinations without training again.
    dump = {
        "held": (held_samples, held_rules, held_crf, (c1, c2), held_probs),
        "dev": (samples, rules, crf, probs),
    }
    PREDICTIONS.write_bytes(pickle.dumps(dump))
    n = len(samples)
    timing = {"rules_s": rule_s, "features_s": feat_s, "tag_decode_s": tag_s}
    print("dev")
    show(results)
    print(timing, flush=True)
    if not args.no_write:
        write_report(results, held_results, chosen, selection, (c1, c2), train_s, size, timing, n, args)
    return 0


def show(results: dict[str, Any]) -> None:
    for name, metrics in results.items():
        cells = " ".join(f"{k} {metrics[k]['all']['f1']:.3f}" for k in (*REPORTED, "attribution/overlap"))
        print(f"  {name:52} {cells} headline {headline(metrics):.3f}", flush=True)


def write_report(
    results: dict[str, Any],
    held_results: dict[str, Any],
    chosen_system: str,
    selection: Sequence[tuple[float, float, float, float]],
    chosen: tuple[float, float],
    train_s: float,
    size: int,
    timing: dict[str, float],
    n: int,
    args: argparse.Namespace,
) -> None:
    crf_s = timing["rules_s"] + timing["features_s"] + timing["tag_decode_s"]
    header = [
        "| system | source exact | source overlap | cue overlap | content exact | content overlap | "
        "attribution | headline |",
        "|---|---|---|---|---|---|---|---|",
    ]
    lines = [
        "# Quote attribution: a stacked CRF tagger beside the rules (PolNeAR dev) — an experiment, not in "
        "the pipeline",
        "",
        f"Run {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')} with "
        f"`training/train_attribution_tagger.py`; {n} dev articles, scored by `benchmarks/quotes.py`'s "
        "`Scorer` (micro-averaged P / R / F1, all attributions). Headline = mean F1 of source exact, source "
        "overlap, content overlap and attribution.",
        "",
        "## Dev",
        "",
        *header,
        *(row(name, metrics) for name, metrics in results.items()),
        "",
        f"Chosen on held-out train (best headline there, the rules aside): **{chosen_system}**.",
        "",
        "## Held-out train (every 10th train article; the CRF trained on the other nine tenths)",
        "",
        *header,
        *(row(name, metrics) for name, metrics in held_results.items()),
        "",
        "## Model",
        "",
        f"- CRF (python-crfsuite, L-BFGS, {args.iterations} iterations), c1={chosen[0]}, c2={chosen[1]}; "
        f"trained on all 840 train articles in {train_s:.0f} s; model file {size / 1e6:.2f} MB "
        f"(`{args.model}`, not in the repo).",
        "- Sequence unit: a paragraph (blank-line separated); labels BIO × SOURCE, CUE, CONTENT; a token "
        "in several gold roles keeps the innermost (cue > source > content).",
        "- Features: word, lemma, POS, tag, dep, head lemma/dep/POS, entity type, shape, in quote marks, "
        "right after an opening / before a closing mark, paragraph quote share, known cue lemma, learned "
        "cue share (lemma and lemma+complement), head is a cue, cues left/right in the sentence, the rules' "
        "BIO tag and role (+ previous role), neighbours ±2 (word, POS, dep, quote, rule tag, cue).",
        "",
        "## Choosing c1/c2 (every 10th train article held out; never dev)",
        "",
        "| c1 | c2 | held-out headline (CRF) | train seconds |",
        "|---|---|---|---|",
        *(f"| {c1} | {c2} | {v:.3f} | {s:.0f} |" for c1, c2, v, s in selection),
        "",
        "## Speed on dev (parse excluded)",
        "",
        "| step | seconds | articles/s |",
        "|---|---|---|",
        f"| rules (entities + extract_quotes) | {timing['rules_s']:.2f} | {n / timing['rules_s']:.1f} |",
        f"| CRF features | {timing['features_s']:.2f} | {n / timing['features_s']:.1f} |",
        f"| CRF tag + link | {timing['tag_decode_s']:.2f} | {n / timing['tag_decode_s']:.1f} |",
        f"| CRF total (rules + features + tag) | {crf_s:.2f} | {n / crf_s:.1f} |",
        "",
        "## Linking rule",
        "",
        " ".join(line.strip() for line in (link.__doc__ or "").splitlines()[2:] if line.strip()),
        "",
        "Hybrid: the CRF's attributions plus the rules' attributions whose content overlaps no CRF content.",
        "",
        "Rules-first combinations (`combine`): "
        + " ".join(line.strip() for line in (combine.__doc__ or "").splitlines()[2:] if line.strip()),
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    sys.exit(main())
