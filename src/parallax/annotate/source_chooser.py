"""A learned chooser for the extent of a quote's source: which stretch of the subject's phrase names it.

The parse gives the cue's subject; what PolNeAR's annotators mark as the source is some stretch of that
subject's phrase: ``Petrilli`` without ``, who thinks …`` but ``Brett O’Donnell, chief strategist for …``
with its apposition, ``two men`` without ``at least``, ``a judge`` without ``in October``. Each candidate
extent starts at one of the head's left dependents (or the head) and ends after one of its right
dependents (or the head); a logistic regression over what the candidate takes in and leaves out (the
relation, a comma before it, its size, whether it cuts an entity, where the cue stands) scores it, and
the best-scoring candidate is the source. ``training/train_source_chooser.py`` fits it on PolNeAR's train
split and writes ``src/parallax/data/source_chooser.tsv`` (read here; no scikit-learn at run time).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Token

MAX_SIDE = 6  # dependents tried on each side: longer phrases are lists, whose extents the rules keep
SKIP_EDGE = frozenset({"punct"})


@dataclass(frozen=True)
class Candidate:
    """One candidate source: the phrase of token ``head``, tokens ``first..last`` (inclusive), and its
    features; ``head`` -1 is the candidate "no source"."""

    head: int
    first: int
    last: int
    features: tuple[str, ...]


NO_SOURCE_HEAD = -1


def _bucket(n: int) -> str:
    return (
        "1" if n <= 1 else "2" if n <= 2 else "4" if n <= 4 else "8" if n <= 8 else "16" if n <= 16 else "17"
    )


def _relation(child: Token) -> str:
    """A dependent's relation, with the preposition's word (``prep:of``, ``prep:for``) where it is one."""
    dep = str(child.dep_)
    if dep == "prep":
        return f"prep:{child.lower_!s}" if str(child.lower_) in ("of", "for", "at", "from", "in") else "prep"
    return dep


def _comma_before(child: Token) -> bool:
    first = child.left_edge
    return first.i > 0 and first.nbor(-1).text in (",", "(", "-", "—", "–")


def candidates(
    subj: Token,
    cue: Token | None,
    rule: tuple[int, int],
    usable: Callable[[Token], bool],
    tags: tuple[str, ...] = (),
) -> list[Candidate]:
    """Candidate extents of ``subj``'s phrase, each with the features the chooser scores.

    ``rule`` is the rules' own extent (token indices), always a candidate; ``usable`` says whether a token
    may lie in a source (outside quoted statements); ``tags`` are features every extent shares (how this
    head was found). A candidate never reaches the cue.
    """
    doc = subj.doc
    lefts = list(subj.lefts)[-MAX_SIDE:]
    rights = list(subj.rights)[:MAX_SIDE]
    side = "cue_after" if cue is not None and cue.i > subj.i else "cue_before"
    kind = str(subj.ent_type_) or str(subj.pos_)
    # Each token of the phrase is read once (a spaCy Token is built on every access): whether it may
    # stand at an edge, whether it may be in a source, what it adds inside, and where entities run on.
    lo = min([subj.i] + [c.left_edge.i for c in lefts])
    hi = max([subj.i] + [c.right_edge.i for c in rights])
    tokens = [doc[i] for i in range(lo, min(hi + 2, len(doc)))]
    edge = [t.is_punct or t.is_space for t in tokens]
    ok = [usable(t) for t in tokens]
    inner = [
        "newline" if t.is_space or "\n" in t.text else f"punct={t.text}" if t.is_punct else "" for t in tokens
    ]
    pos = [str(t.pos_) for t in tokens]
    inside_ent = [t.ent_iob_ == "I" for t in tokens]
    ins, outs = [], []
    for child in rights:
        rel = f"{_relation(child)}{',' if _comma_before(child) else ''}"
        size = _bucket(child.right_edge.i - child.left_edge.i + 1)
        ins.append([f"in={rel}", f"in={rel}|{side}", f"in={rel}|{kind}", f"in={rel}|n={size}"])
        outs.append([f"out={rel}", f"out={rel}|{side}", f"out={rel}|{kind}", f"out={rel}|n={size}"])
    drops = [[f"drop={c.dep_}", f"drop={c.dep_}|{c.lower_!s}"] for c in lefts]
    found: dict[tuple[int, int], Candidate] = {}
    for a in range(len(lefts) + 1):
        first = lefts[a].left_edge.i if a < len(lefts) else subj.i
        for b in range(len(rights) + 1):
            last = rights[b - 1].right_edge.i if b > 0 else subj.i
            if cue is not None and first <= cue.i <= last:
                continue
            first_t, last_t = first, last
            while first_t < last_t and edge[first_t - lo]:
                first_t += 1
            while last_t > first_t and edge[last_t - lo]:
                last_t -= 1
            if (first_t, last_t) in found or not all(ok[first_t - lo : last_t - lo + 1]):
                continue
            feats = [f"side={side}", f"kind={kind}", f"n={_bucket(last_t - first_t + 1)}"]
            for k in range(b):
                feats += ins[k]
            if b < len(rights):
                feats += outs[b]
            for k in range(a):
                feats += drops[k]
            if a < len(lefts):
                feats.append(f"start={lefts[a].dep_}")
            feats += [f"fp={pos[first_t - lo]}", f"lp={pos[last_t - lo]}"]
            if inside_ent[first_t - lo]:
                feats.append("cut_ent_start")
            if last_t + 1 - lo < len(tokens) and inside_ent[last_t + 1 - lo]:
                feats.append("cut_ent_end")
            # "RENO, Nev. (AP) — Donald Trump": a dateline's marks inside the phrase
            feats += [f for f in inner[first_t + 1 - lo : last_t - lo] if f]
            if (first_t, last_t) == rule:
                feats.append("rule")
            found[(first_t, last_t)] = Candidate(subj.i, first_t, last_t, (*tags, *feats))
            # "13\nZoe Saldana": a list number or a headline that the parse joined to the name across a
            # line break; the name alone is a candidate too
            breaks = [i for i in range(first_t, subj.i) if "\n" in tokens[i - lo].text]
            if breaks and (breaks[-1] + 1, last_t) not in found:
                start = breaks[-1] + 1
                kept = [f for f in feats if not f.startswith(("fp=", "n=", "newline"))]
                trimmed = ("after_newline", f"fp={pos[start - lo]}", f"n={_bucket(last_t - start + 1)}")
                found[(start, last_t)] = Candidate(subj.i, start, last_t, (*tags, *kept, *trimmed))
    if rule not in found:
        found[rule] = Candidate(
            subj.i, rule[0], rule[1], (*tags, f"side={side}", f"kind={kind}", "rule", "rule_only")
        )
    return list(found.values())


def head_tags(how: str, head: Token | None, cue: Token, has_subject: bool) -> tuple[str, ...]:
    """Features of how a candidate head was found (``rule``: the rules' subject; ``none``: no source),
    crossed with the cue's relation and tag, the head's kind and its distance from the cue."""
    tags = [f"h={how}", f"h={how}|c={cue.dep_}", f"h={how}|ct={cue.tag_}", f"h={how}|s={has_subject}"]
    if head is not None:
        kind = str(head.ent_type_) or str(head.tag_)
        tags += [f"h={how}|hk={kind}", f"h={how}|d={_bucket(abs(cue.i - head.i))}"]
        tags.append(f"h={how}|{'before' if head.i < cue.i else 'after'}")
    return tuple(tags)


def no_source(cue: Token, has_subject: bool, kind: str) -> Candidate:
    """The candidate "no source": PolNeAR gives none to impressions ("seemed to waver") and to some cues."""
    tags = (*head_tags("none", None, cue, has_subject), f"h=none|k={kind}")
    return Candidate(NO_SOURCE_HEAD, NO_SOURCE_HEAD, NO_SOURCE_HEAD, tags)


@dataclass(frozen=True)
class SourceChooser:
    """A logistic regression over candidate features; the best-scoring candidate wins."""

    weights: Mapping[str, float]

    def score(self, candidate: Candidate) -> float:
        weights = self.weights
        return sum(weights.get(f, 0.0) for f in candidate.features)

    def choose(self, found: list[Candidate]) -> Candidate:
        return max(found, key=self.score)


def read_chooser(text: str) -> SourceChooser:
    """A chooser from its TSV: comment lines, then ``feature<TAB>weight``."""
    weights: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            feature, weight = line.rsplit("\t", 1)
            weights[feature] = float(weight)
    return SourceChooser(weights)


@functools.cache
def source_chooser() -> SourceChooser:
    """The chooser trained on PolNeAR train (``src/parallax/data/source_chooser.tsv``)."""
    text = resources.files("parallax.data").joinpath("source_chooser.tsv").read_text(encoding="utf-8")
    return read_chooser(text)
