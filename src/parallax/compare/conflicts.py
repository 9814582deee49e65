"""Conflicts: where outlets disagree about a fact or about who said what.

No packaged model can judge contradiction offline (no NLI weights ship on PyPI), so conflicts come from
rules over aligned claims, each a general pattern rather than a case:

- negation: two related claims (similar meaning, a shared entity) share a content word that one
  asserts and the other places under a negation ("urged China to play a constructive role" against
  "did not describe that role as constructive"), and their subjects can be the same actor;
- number: two claims about the same fact give different numbers for the same counted thing;
- date: two claims about the same fact resolve to different days;
- attribution: two outlets quote the same statement from different speakers.

A paraphrase is not a conflict: every rule needs an explicit opposing signal, not mere difference.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from parallax.compare.align import SHARED_MUTUAL, Alignment
from parallax.model import Claim, Finding, Mention, Quote, Side, Span, TimeExpr

CONTENT_POS = {"NOUN", "ADJ", "VERB"}  # names are who, not what: a negated name is not a contested fact
NEGATORS = {"not", "n't", "never", "no", "neither", "nor", "without"}
MIN_NEGATION_OVERLAP = 2
EMBEDDING_DEPS = {"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "pobj", "prep"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
INTENT_VERBS = {
    "ensure", "want", "hope", "urge", "ask", "demand", "call", "aim", "seek", "try", "plan", "expect",
    "prevent", "need", "wish", "intend", "insist", "pressure", "push", "press", "work", "strive", "help",
}  # fmt: skip
# Both speakers were named by the outlets; the doubt is only whether the passages are one statement.
ATTRIBUTION_CONFIDENCE = 0.8


@dataclass(frozen=True)
class ClaimView:
    """What conflict rules need to know about one claim."""

    claim: Claim
    text: str
    asserted: frozenset[str]
    negated: frozenset[str]
    subjects: frozenset[str]
    group_subject: bool
    entities: frozenset[str]
    numbers: dict[str, str]
    days: frozenset[str]


def _negated_tokens(span: Any) -> set[int]:
    """Indices of tokens inside the scope of a negation: the subtree of the negated head."""
    scoped: set[int] = set()
    for token in span:
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if following in {"only", "just", "merely"}:
            continue  # "not only … but also" asserts both parts
        if token.lower_ in NEGATORS and token.dep_ in {"neg", "det", "preconj", "cc"}:
            head = token.head
            if _hypothetical(head):
                continue
            scoped.update(t.i for t in head.subtree if t.i != token.i)
    return scoped


def _hypothetical(head: Any) -> bool:
    """A negation inside a goal, wish or condition ("to ensure that it does not transfer") asserts nothing."""
    node = head
    while node.dep_ in EMBEDDING_DEPS and node.head is not node:
        if any(child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS for child in node.children):
            return True
        node = node.head
        if node.lemma_.casefold() in INTENT_VERBS:
            return True
    return any(child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKS for child in node.children)


def view(
    claim: Claim, doc: Any, body: str, mentions: Sequence[Mention], dates: Sequence[TimeExpr]
) -> ClaimView:
    """The claim's words sorted into asserted and negated, its subjects, entities, numbers and days."""
    span = doc.char_span(claim.start, claim.end, alignment_mode="expand")
    negated_idx = _negated_tokens(span)
    asserted: set[str] = set()
    negated: set[str] = set()
    for token in span:
        if token.pos_ in CONTENT_POS and not token.is_stop and token.is_alpha and not token.ent_type_:
            (negated if token.i in negated_idx else asserted).add(token.lemma_.casefold())
    inside = [m for m in mentions if claim.start <= m.start and m.end <= claim.end]
    subjects, group = _subjects(span, inside)
    return ClaimView(
        claim,
        body[claim.start : claim.end],
        frozenset(asserted),
        frozenset(negated),
        subjects,
        group,
        frozenset(m.entity for m in inside),
        _numbers(span),
        frozenset(
            d.value for d in dates if d.value and claim.start <= d.start < claim.end and _is_day(d.value)
        ),
    )


def _subjects(span: Any, mentions: Sequence[Mention]) -> tuple[frozenset[str], bool]:
    """Entities named in the claim's grammatical subjects, and whether a subject is a plural group."""
    entities: set[str] = set()
    group = False
    for token in span:
        if token.dep_ not in {"nsubj", "nsubjpass"} or token.head.dep_ not in {"ROOT", "conj"}:
            continue
        lo, hi = token.left_edge.idx, token.right_edge.idx + len(token.right_edge.text)
        entities.update(m.entity for m in mentions if lo <= m.start and m.end <= hi)
        group = group or (token.tag_ == "NNS" and not any(lo <= m.start < hi for m in mentions))
    return frozenset(entities), group


def _numbers(span: Any) -> dict[str, str]:
    """Counted things and their numbers: {"civilians": "1,400"}."""
    found: dict[str, str] = {}
    for token in span:
        if token.like_num and token.dep_ == "nummod" and token.head.pos_ == "NOUN":
            found[token.head.lemma_.casefold()] = token.text
    return found


_UNITS = (  # noqa: SIM905 - a list of words reads best as the words
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
_TENS = "thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905 - as above
NUMBER_WORDS = {w: str(n) for n, w in enumerate(_UNITS)} | {w: str(10 * n) for n, w in enumerate(_TENS, 3)}


def number_value(text: str) -> str:
    """A number as a comparable value: "Two", "two" and "2" agree, as do "1,400" and "1400"."""
    plain = text.casefold().replace(",", "")
    return NUMBER_WORDS.get(plain, plain)


def _is_day(value: str) -> bool:
    """A fully resolved calendar day, not a month, week, range or partial value."""
    return len(value) == 10 and "X" not in value


def _same_actor(a: ClaimView, b: ClaimView) -> bool:
    if a.subjects and b.subjects:
        return bool(a.subjects & b.subjects)
    return a.group_subject or b.group_subject or not (a.subjects or b.subjects)


def _negation_conflict(a: ClaimView, b: ClaimView) -> tuple[str, int] | None:
    """The word one claim asserts and the other negates, and how many words the negated part shares.

    The negated part must speak of the same thing as the other claim (MIN_NEGATION_OVERLAP content
    words in common, "role" and "constructive"), not just share one word with it ("military").
    """
    if not (a.entities & b.entities) or not _same_actor(a, b):
        return None
    for x, y in ((a, b), (b, a)):
        overlap = x.negated & (y.asserted - y.negated)
        contested = (x.negated - x.asserted) & overlap
        if contested and len(overlap) >= MIN_NEGATION_OVERLAP:
            return sorted(contested)[0], len(overlap)
    return None


def _side(v: ClaimView) -> Side:
    return Side(v.claim.article, v.text, (Span(v.claim.article, v.claim.start, v.claim.end),))


def _conflict(kind: str, summary: str, sides: tuple[Side, Side], confidence: float) -> Finding:
    citations = tuple(c for s in sides for c in s.citations)
    return Finding(
        "conflict", summary, citations, sides=sides, conflict_type=kind, outlets=2, confidence=confidence
    )


def find_conflicts(
    views: Sequence[ClaimView],
    alignment: Alignment,
    label_of: dict[str, str],
    misattributed: Sequence[tuple[Quote, Quote]],
    bodies: dict[str, str],
) -> list[Finding]:
    """Conflicts among a story's claims and quotes, strongest first.

    Every cross-outlet pair is checked for negation (a denial is phrased differently from what it
    denies, so it need not be similar as a whole); numbers and dates only between claims aligned as
    the same fact.
    """
    found: list[Finding] = []
    for i, j in itertools.combinations(range(len(views)), 2):
        a, b = views[i], views[j]
        if label_of[a.claim.article] == label_of[b.claim.article]:
            continue
        similarity = float(alignment.similarity[i, j])
        negation = _negation_conflict(a, b)
        if negation:
            word, overlap = negation
            summary = (
                f"{label_of[a.claim.article]} and {label_of[b.claim.article]} disagree about "
                f"“{word}”: one reports it, the other says it was not so."
            )
            confidence = round(min(0.95, 0.5 + 0.1 * overlap + 0.3 * max(similarity, 0.0)), 2)
            found.append(_conflict("negation", summary, (_side(a), _side(b)), confidence))
        if similarity >= SHARED_MUTUAL:
            found.extend(_value_conflicts(a, b, similarity, label_of))
    found.extend(_attribution_conflicts(misattributed, label_of, bodies))
    return sorted(found, key=lambda f: -f.confidence)


def _value_conflicts(a: ClaimView, b: ClaimView, score: float, label_of: dict[str, str]) -> list[Finding]:
    found = []
    for thing in sorted(set(a.numbers) & set(b.numbers)):
        if number_value(a.numbers[thing]) != number_value(b.numbers[thing]):
            summary = (
                f"{label_of[a.claim.article]} gives {a.numbers[thing]} {thing}, "
                f"{label_of[b.claim.article]} gives {b.numbers[thing]}."
            )
            found.append(_conflict("number", summary, (_side(a), _side(b)), round(score, 2)))
    if a.days and b.days and not (a.days & b.days):
        summary = (
            f"{label_of[a.claim.article]} dates it {', '.join(sorted(a.days))}, "
            f"{label_of[b.claim.article]} {', '.join(sorted(b.days))}."
        )
        found.append(_conflict("date", summary, (_side(a), _side(b)), round(score, 2)))
    return found


def _attribution_conflicts(
    pairs: Sequence[tuple[Quote, Quote]], label_of: dict[str, str], bodies: dict[str, str]
) -> list[Finding]:
    found = []
    for qa, qb in pairs:
        sides = (_quote_side(qa, bodies), _quote_side(qb, bodies))
        summary = (
            f"{label_of[qa.article]} attributes this statement to {qa.speaker_name}, "
            f"{label_of[qb.article]} to {qb.speaker_name}."
        )
        found.append(_conflict("attribution", summary, sides, ATTRIBUTION_CONFIDENCE))
    return found


def _quote_side(quote: Quote, bodies: dict[str, str]) -> Side:
    content = quote.content
    return Side(quote.article, bodies[quote.article][content.start : content.end], (content,))
