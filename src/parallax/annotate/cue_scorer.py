"""A learned scorer for attribution cues: is this word, through this complement, reporting an attribution?

``said that …`` is an attribution almost always; ``wants to …``, ``cited the report`` or ``his plan to …``
only in some contexts: with a person or organisation as subject, without negation, a clause rather than a
noun phrase. A logistic regression over cheap features of the parse (the cue's lemma and relation, its
subject's kind, the complement's shape, the word above it, the per-pair precision of the cue lexicon)
scores each (cue, complement) candidate; ``training/train_cue_scorer.py`` fits it on PolNeAR's train
split and writes its weights to ``src/parallax/data/cue_scorer.tsv`` (read here, no scikit-learn at run
time). The extractor takes a complement whose probability reaches the file's threshold.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

# Entity labels of a subject, as the kind of speaker they name.
SUBJECT_KINDS = {"PERSON": "person", "ORG": "org", "GPE": "place", "NORP": "group"}
SPEAKING_PRONOUNS = frozenset({"he", "she", "i", "we", "they", "you", "who"})
QUOTE_MARKS = frozenset({"“", "”", '"', "''", "``"})
MARKERS = frozenset({"that", "if", "whether", "to", "for", "because", "as"})


@functools.cache
def learned_cues() -> dict[tuple[str, str], float]:
    """(lemma, complement relation) → the share of its occurrences on train that are attributions."""
    text = resources.files("parallax.data").joinpath("attribution_cues.tsv").read_text(encoding="utf-8")
    pairs = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            lemma, relation, _, _, precision = line.split("\t")
            pairs[(lemma, relation)] = float(precision)
    return pairs


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n <= 3 else "4" if n <= 8 else "9" if n <= 20 else "21"


def _subject_kind(tok: Token) -> tuple[str, str]:
    """The kind of the word's subject (or a noun's possessor) and its lemma: who would be the source."""
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass", "poss", "agent")), None)
    if subj is None:
        return "none", ""
    if subj.dep_ == "nsubjpass":
        return "pass", ""
    if subj.dep_ == "agent":
        return "agent", ""
    lower = str(subj.lower_)
    if lower in SPEAKING_PRONOUNS:
        return "pron", lower
    kind = SUBJECT_KINDS.get(str(subj.ent_type_))
    if kind is not None:
        return kind, ""
    return ("propn" if subj.pos_ == "PROPN" else str(subj.pos_).lower()), str(subj.lemma_).lower()


def cue_features(tok: Token, relation: str, child: Token, lemma: str, listed: bool) -> list[str]:
    """Binary features of one candidate: ``tok`` may report ``child`` through ``relation``.

    ``lemma`` is the cue's lemma as the lexicon keys it (with its particle); ``listed`` says whether it is
    one of the extractor's speech verbs.
    """
    kind, subj_lemma = _subject_kind(tok)
    size = child.right_edge.i - child.left_edge.i + 1
    marker = next((str(g.lower_) for g in child.children if g.dep_ in ("mark", "aux") and g.i < child.i), "")
    features = [
        f"lr={lemma}|{relation}",
        f"l={lemma}",
        f"r={relation}",
        f"t={tok.tag_}",
        f"d={tok.dep_}",
        f"r|d={relation}|{tok.dep_}",
        f"s={kind}",
        f"r|s={relation}|{kind}",
        f"l|s={lemma}|{kind}",
        f"ct={child.tag_}",
        f"r|ct={relation}|{child.tag_}",
        f"r|size={relation}|{_bucket(size)}",
        f"r|m={relation}|{marker if marker in MARKERS else '-'}",
        f"r|listed={relation}|{listed}",
    ]
    if subj_lemma:
        features.append(f"sl={subj_lemma}")
    if child.i < tok.i:
        features.append(f"r|before={relation}")  # "…, officials said": the clause comes first
    if any(c.dep_ == "nsubj" for c in child.children):
        features.append(f"r|csubj={relation}")
    if str(child.left_edge.text) in QUOTE_MARKS or str(child.right_edge.text) in QUOTE_MARKS:
        features.append("cquote")
    for c in tok.children:
        dep = c.dep_
        if dep == "neg":
            features.append("neg")
        elif dep == "aux" and c.tag_ == "MD":
            features.append(f"modal={c.lower_}")
    if tok.dep_ != "ROOT":
        head = tok.head
        features.append(f"h={str(head.lemma_).lower()}")
        features.append(f"hp={head.pos_}|{tok.dep_}")
    return features


@dataclass(frozen=True)
class CueScorer:
    """A logistic regression over ``cue_features`` plus the lexicon's precision of the (lemma, relation)."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    lexicon: Mapping[tuple[str, str], float]

    def probability(self, tok: Token, relation: str, child: Token, lemma: str, listed: bool) -> float:
        z = self.bias + self.precision_term(lemma, relation)
        weights = self.weights
        for feature in cue_features(tok, relation, child, lemma, listed):
            z += weights.get(feature, 0.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def precision_term(self, lemma: str, relation: str) -> float:
        share = self.lexicon.get((lemma, relation))
        if share is None:
            return self.weights.get("unseen", 0.0)
        return self.weights.get("precision", 0.0) * share


def read_scorer(text: str, lexicon: Mapping[tuple[str, str], float]) -> CueScorer:
    """A scorer from its TSV: ``# bias``/``# threshold`` header lines, then ``feature<TAB>weight``."""
    weights: dict[str, float] = {}
    header: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("#\t"):
            _, key, value = line.split("\t")
            header[key] = float(value)
        elif line and not line.startswith("#"):
            feature, weight = line.rsplit("\t", 1)
            weights[feature] = float(weight)
    return CueScorer(weights, header["bias"], header["threshold"], lexicon)


@functools.cache
def cue_scorer() -> CueScorer:
    """The scorer trained on PolNeAR train (``src/parallax/data/cue_scorer.tsv``)."""
    text = resources.files("parallax.data").joinpath("cue_scorer.tsv").read_text(encoding="utf-8")
    return read_scorer(text, learned_cues())
