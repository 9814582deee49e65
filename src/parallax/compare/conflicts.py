"""Conflicts: where outlets disagree about a fact or about who said what.

No packaged model can judge contradiction offline (no NLI weights ship on PyPI), so conflicts come from
rules over aligned claims, each a general pattern rather than a case:

- negation: two related claims (a shared entity, or with none a cosine of at least 0.8 between them or
  the sentences they are cut from) share a content word that one asserts and the other places under a
  negation ("urged China to play a constructive role" against "did not describe that role as
  constructive"), and their subjects can be the same actor; a negated subject ("no one was injured")
  denies its verb. Claims tied only by a name must contest what the negation denies outright (the
  negated word, or what a negated "describe"/"call" ascribes), not any word under it ("was not an
  attempt to label the movement racist" denies no "movement"; "there is no question that America must
  win the war" denies no war); related claims too must contest the word a negation denies (its head, or
  a negated copula's complement: "will not be able to file as single" denies no "file"). A denial bears
  only where its own subject is the other claim's ("a farmer who never went to law school" says nothing
  of the congressman's schooling), a negated noun only where the other claim has its predicate, a
  person's denied act not against the act done by someone unnamed ("he did not send it" / "it was sent
  from his account"), a past denial not against a future assertion. A speaker's quoted denial conflicts
  with the writer's words, not with another quotation (two voices), except one quotation rendered with
  and without a negation;
- number: two claims about the same fact give numbers for the same counted thing that cannot both
  hold; or two claims of the story measure the same thing (the dead, the injured, the displaced, an
  earthquake's magnitude, a child's or a named person's age, an amount of money for one thing in one
  currency) with values that cannot both hold ("77 people died" against "at least 84 people were
  killed"), even when the sentences are worded too differently to align. A number is the interval it
  allows ("more than 100", "up to 120", "about 50"), so two bounds that can both hold ("at least four" /
  "at least six" dead: a running toll) are no conflict; a unit is not a counted thing (lengths compare in
  one unit), nor a year, nor a ratio ("a 2 in 3 chance"); a claim that sets a count against another
  moment's ("six arrests Wednesday, compared to 47 the previous night") gives no count to compare; nor
  does a part of a group just counted ("treating 20 people, four of whom were seriously injured"); the
  injured of one severity ("20 others were slightly hurt") are counted apart from all the injured; an
  amount "in the $75 million range" prices no thing called a range; two named people's falls or
  distances ("Rait fell 200ft" / "Buckley fell 600m") are two measures;
- date: two claims that say nearly the same thing (cosine 0.8) resolve to different days, or two claims
  give the same count of the same thing ("at least seven people were killed") on different days; a day
  only dates when something was said ("police said Wednesday") is not the day of the event, and two
  merely similar claims on two days are most often two occurrences ("met on Thursday" / "met on
  Sunday": a week's second meeting), and the days must date the same word ("sent the bill Monday" /
  "announced the veto Wednesday": two steps); a person's age ties no two days to one event;
- attribution: two outlets quote the same statement from different speakers (the same words, more
  than a stock phrase: two speakers saying alike in other words are each side answering the other),
  each named as the speaker in the quotation's own sentence (``compare.quotes``: "the Obama campaign"
  names a body, and a speaker carried over from an earlier sentence is the resolver's guess);
- name: two outlets name one place of the story differently: a place of several words spelled apart in
  one fact ("Shettleston Road" / "Shettlestone Road"; a one-word name spelled apart is as often a
  transliteration, "Odesa" / "Odessa"); one person whose family name they spell apart ("Duncan
  Rait" / "Duncan Raite"), or two family names for the one police chief, aged 46, who
  was injured ("Scott Russell" / "Scott Rustin"). Variants of one name are not conflicts: given names
  ("Tony" / "Antony"; "Seok-yeol" / "Suk-yeol" after the family name "Yoon"), a compound family name
  shortened or unhyphenated ("Lahouaiej-Bouhlel" / "Lahouaiej Bouhlel" / "Bouhlel"), romanised spacing
  ("Kim Jong-un" / "Kim Jong Un"): of two names ``annotate.entities`` merged, only a family name spelled
  apart is a conflict.

A paraphrase is not a conflict: every rule needs an explicit opposing signal, not mere difference.
"""

from __future__ import annotations

import difflib
import functools
import itertools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from parallax.annotate.entities import name_key, strip_titles
from parallax.annotate.quote_marks import quotation_spans
from parallax.annotate.quotes import CUE_LEMMAS
from parallax.compare.align import SHARED_MUTUAL, UNIQUE_BELOW, Alignment, calendar_days, days_apart
from parallax.compare.quotes import SHORT_FRAGMENT, named_at_quote
from parallax.linked import components
from parallax.model import Claim, Finding, Mention, Quote, Side, Span, TimeExpr

CONTENT_POS = {"NOUN", "ADJ", "VERB"}  # names are who, not what: a negated name is not a contested fact
NEGATORS = {"not", "n't", "n’t", "never", "no", "neither", "nor", "without"}
MIN_NEGATION_OVERLAP = 2
# Verbs that ascribe a word to a thing: "did not describe that role as constructive" denies the word.
ASCRIPTION_VERBS = {"describe", "call", "label", "characterize", "characterise", "term", "brand", "dub"}
NEGATION_WITHOUT_ENTITY = 0.8  # cosine two claims need to be compared for negation with no entity shared
DATE_SAME_FACT = 0.8  # cosine two claims need for their different days to date one fact two ways
EMBEDDING_DEPS = {"ccomp", "xcomp", "advcl", "acl", "relcl", "pcomp", "pobj", "prep"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
NEGATIVE_SUBJECTS = {"nobody", "nothing", "none"}
CONDITIONAL_MARKS = {"if", "unless", "whether", "lest"}
INTENT_VERBS = {
    "ensure", "want", "hope", "urge", "ask", "demand", "call", "aim", "seek", "try", "plan", "expect",
    "prevent", "need", "wish", "intend", "insist", "pressure", "push", "press", "work", "strive", "help",
}  # fmt: skip
# Both speakers were named by the outlets; the doubt is only whether the passages are one statement.
ATTRIBUTION_CONFIDENCE = 0.8
# A title that shares no word with the other outlet's source is weaker evidence: titles are often left out.
ROLE_CONFIDENCE = 0.6


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
    numbers: dict[str, Measure]
    days: frozenset[str]
    measures: dict[tuple[str, str], Measure] = field(default_factory=dict)
    persons: tuple[Person, ...] = ()
    places: tuple[str, ...] = ()  # place names as written ("Shettleston Road")
    event_days: frozenset[str] = frozenset()  # days of what happened, not of when someone said it
    dated: frozenset[str] = frozenset()  # what those days date: "hit" in "hit the bridge on Monday"
    denied: frozenset[str] = frozenset()  # lemmas of the words a negation attaches to ("injure")
    subject_denied: frozenset[str] = frozenset()  # verbs with a negated subject ("no one was injured")
    # What a negated "describe"/"call" ascribes ("did not describe that role as constructive"), besides
    # the words the negations attach to (``denied``): together, what the negations deny outright
    ascribed: frozenset[str] = frozenset()
    asserted_in_prose: frozenset[str] = frozenset()  # asserted in the writer's words, not in a quotation
    quoted_denial: bool = False  # every negation of the claim is inside a quotation: a speaker's
    negations: int = 0  # negating words in the claim ("not", "n't", "no one")
    subject_words: frozenset[str] = frozenset()  # the main subjects' head words ("driver", "he")
    agentless: frozenset[str] = frozenset()  # passive verbs with no doer ("a photo sent from his account")
    # Each negation's words and when it bears on another claim: a claim that does not meet the condition
    # is not contested on words only that negation scopes (see ``_Condition``)
    conditional: tuple[tuple[frozenset[str], _Condition], ...] = ()
    tenses: dict[str, str] = field(default_factory=dict)  # verb lemma → "past" or "future" (see ``_tense``)


@dataclass(frozen=True)
class Person:
    """A person named in a claim, with the words that say which place in the story the person fills."""

    entity: str
    text: str
    tokens: tuple[str, ...]  # the name's comparison key, titles removed
    family: str  # the family name: the last token, the first in East Asian order ("Yoon Seok-yeol")
    slot: frozenset[str]  # title, apposition, age and governing verb: "police", "chief", "46", "injure"
    east_asian: bool = False  # family name first, a hyphenated given name after it


@dataclass(frozen=True)
class Measure:
    """A measured quantity as the interval it allows: "at least 84" is [84, ∞)."""

    low: float
    high: float
    text: str
    qualifier: str = ""  # "at least", "at most", "about", "nearly", or "" for an exact count
    # A length, mass or speed: the named person whose act it measures ("Buckley fell 600m"); an amount of
    # money: its named payer ("Goldman Sachs expects to take a $5 billion hit")
    who: str = ""
    # The counted noun's own modifiers ("ambulance" of "22 ambulance crews"), and for people counted bare
    # the verb they are counted by ("treat" in "treating 20 people")
    kind: frozenset[str] = frozenset()
    act: str = ""
    part: bool = False  # the noun narrowed by a modifier: "two female gorillas" of "three gorillas"

    def excludes(self, other: Measure) -> bool:
        """No value satisfies both. Two bounds that can both hold ("at least four" / "at least six" dead)
        are a running toll read at two moments, not a disagreement."""
        return self.high < other.low or other.high < self.low


@dataclass
class _Negations:
    scoped: set[int] = field(default_factory=set)  # tokens in a negation's scope (the negated head's subtree)
    heads: set[str] = field(default_factory=set)  # lemmas of the negated heads
    verbs: set[int] = field(default_factory=set)  # verbs a negated subject denies ("no one was injured")
    ascribed: set[str] = field(default_factory=set)  # what a negated "describe"/"call" ascribes
    negators: set[int] = field(default_factory=set)  # character offsets of the negating words
    # Each negation's scope (its head included) and when it bears on another claim
    conditions: list[tuple[set[int], _Condition]] = field(default_factory=list)


@dataclass(frozen=True)
class _Condition:
    """When a negation bears on another claim.

    - ``needs``: the other claim must hold one of these words or entities. A negated noun is denied its
      part in a predicate, so the other claim must have that predicate ("should be the ones in control,
      certainly not the federal government" denies the government no "run"); a negation in a clause
      with its own subject denies that subject's act ("a farmer who never went to law school" says
      nothing of Braley's schooling).
    - ``active``: the negated verb has a person for its doer ("he did not send a photo"), so the other
      claim's same verb without a doer ("a photo sent from his account") is not contested: both hold.
    - ``tense``: a past denial and a future assertion of the verb ("did not recognize them before this
      spring" / "will be recognized") are two times.
    """

    needs: frozenset[str] = frozenset()
    active: str = ""
    actor: int = -1  # the doer's token, whose entity ``view`` adds to ``needs``
    verb: str = ""
    tense: str = ""  # the verb's: "past", "future" or ""

    def met_by(self, other: ClaimView) -> bool:
        keys = other.asserted | other.entities | other.subject_words
        if self.needs and not self.needs & keys:
            return False
        if self.active and self.active in other.agentless:
            return False
        return {self.tense, other.tenses.get(self.verb, "")} != {"past", "future"}


def _negated_tokens(span: Any) -> _Negations:
    """What the negations of a claim deny, and where they stand."""
    found = _Negations()
    scoped, heads, verbs = found.scoped, found.heads, found.verbs
    for token in span:
        following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
        if following in {"only", "just", "merely"}:
            continue  # "not only … but also" asserts both parts
        if _not_the_first(token) or _either_way(token):
            continue  # "This is not the first time Seattle has …" says it happened before: no denial
        head = token.head
        if token.lower_ in NEGATIVE_SUBJECTS and token.dep_ in SUBJECT_DEPS:
            if head.pos_ == "VERB" and not _hypothetical(head):
                verbs.add(head.i)
                found.negators.add(token.idx)
            continue
        if token.lower_ not in NEGATORS or token.dep_ not in {"neg", "det", "preconj", "cc"}:
            continue
        if _hypothetical(head) or _modal(head):
            continue
        head = _contrasted(token, head)
        subject = token.dep_ == "det" and head.dep_ in SUBJECT_DEPS and head.head.pos_ == "VERB"
        if subject and not _hypothetical(head.head):
            verbs.add(head.head.i)
        # "according to authorities" says who reports the denial; it is not what is denied
        outside = {t.i for c in head.children if c.lemma_ == "accord" for t in c.subtree}
        in_scope = {t.i for t in head.subtree if t.i != token.i and t.i not in outside}
        scoped.update(in_scope)
        heads.add(_word(head))
        if token.dep_ == "det" and head.dep_ in {"dobj", "attr"} and head.head.pos_ in {"VERB", "AUX"}:
            # "posed no threat" denies the posing, as "did not pose a threat" does
            scoped.add(head.head.i)
            heads.add(_word(head.head))
        if head.lemma_.casefold() == "be":
            heads.update(_complement(head))
        found.conditions.append((in_scope | {head.i}, _condition(head)))
        found.negators.add(token.idx)
        if head.lemma_.casefold() in ASCRIPTION_VERBS:
            said = (t for c in head.children if c.dep_ not in SUBJECT_DEPS for t in c.subtree)
            found.ascribed.update(t.lemma_.casefold() for t in said if t.i != token.i and t.is_alpha)
    return found


def _not_the_first(negator: Any) -> bool:
    """ "not the first time", "not the last", "not for the first time": an idiom of recurrence."""
    words = [t.lower_ for t in negator.doc[negator.i + 1 : negator.i + 4]]
    if words[:1] == ["for"]:
        words = words[1:]
    return len(words) >= 2 and words[0] in {"the", "a"} and words[1] in {"first", "last"}


def _either_way(negator: Any) -> bool:
    """A negation set beside its positive as the other outcome: "SpaceX will (or won't) successfully launch
    Falcon Heavy" (the Motley Fool), "whether or not", "…, or not." deny nothing."""
    doc, i = negator.doc, negator.i
    before = [t.lower_ for t in doc[max(0, i - 3) : i]]
    after = doc[i + 1].text if i + 1 < len(doc) else ""
    if before[-1:] == ["or"] and (before[-2:-1] == ["whether"] or not after[:1].isalnum()):
        return True
    return "or" in before and after == ")"


def _contrasted(negator: Any, head: Any) -> Any:
    """In "a site near the airport, not the usual launch site" the parser hangs "not" on "airport"; what
    it denies is the phrase after it, set against the one before."""
    if negator.dep_ != "neg" or head.pos_ not in {"NOUN", "PROPN"} or negator.i < head.i:
        return head
    after = [c for c in head.children if c.dep_ in {"appos", "conj"} and c.i > negator.i]
    return after[0] if after else head


def _complement(copula: Any) -> set[str]:
    """What a negated copula denies: its complement ("will not be able to file": "able"), or, where the
    complement is a function word, the content words under it ("were not due to bad weather")."""
    words: set[str] = set()
    for complement in (c for c in copula.children if c.dep_ in {"acomp", "attr"}):
        if _content(complement):
            words.add(complement.lemma_.casefold())
        else:
            words.update(t.lemma_.casefold() for t in complement.subtree if _content(t))
    return words


def _content(token: Any) -> bool:
    return bool(token.pos_ in CONTENT_POS and not token.is_stop and token.is_alpha and not token.ent_type_)


RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def _condition(head: Any) -> _Condition:
    """When a negation attached to ``head`` bears on another claim."""
    if head.pos_ in {"NOUN", "PROPN"} and head.dep_ not in SUBJECT_DEPS:
        governor = head.head.head if head.dep_ == "pobj" else head.head
        if governor.lemma_.casefold() == "be":  # "X should be in control, not the government"
            subjects = [c for c in governor.children if c.dep_ in SUBJECT_DEPS]
            if not subjects:
                return _Condition(frozenset({"be"}))  # met by nothing: "be" is no content word
            return _Condition(frozenset(_actor_keys(subjects[0])), actor=subjects[0].i)
        return _Condition(frozenset({governor.lemma_.casefold()}))
    subjects = [c for c in head.children if c.dep_ in SUBJECT_DEPS]
    verb, tense = head.lemma_.casefold(), _tense(head)
    if subjects and subjects[0].lower_ in RELATIVE_PRONOUNS and head.dep_ == "relcl":
        # "a farmer from Iowa who never went to law school": the farmer did not go
        return _Condition(frozenset(_actor_keys(head.head)), actor=head.head.i, verb=verb, tense=tense)
    person = bool(subjects) and (subjects[0].lower_ in PERSONAL or subjects[0].ent_type_ == "PERSON")
    if person and subjects[0].dep_ == "nsubj" and head.pos_ == "VERB":
        # a person's denied act and the act done by someone unnamed can both hold ("he did not send
        # the photo" / "a photo sent from his account"); an institution's mostly cannot ("police did
        # not arrest anyone" / "three were arrested")
        return _Condition(active=verb, verb=verb, tense=tense)
    return _Condition(verb=verb, tense=tense) if head.pos_ in {"VERB", "AUX"} else _Condition()


PERSONAL = {"he", "she", "i", "we", "you"}


def _tense(verb: Any) -> str:
    """ "past", "future" or "" (present, or not said) for a verb and its auxiliaries."""
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in {"will", "shall", "'ll", "’ll"} for a in auxiliaries):
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries):
        return "past"
    return ""


def _actor_keys(noun: Any) -> set[str]:
    """A doer as another claim may hold it: its lemma, or its entity's words."""
    if noun.pos_ == "PRON":
        return {noun.lower_}
    return {noun.lemma_.casefold()}


# "cannot", "can't" (parsed "ca" + "n't"), "may not", "must not", "should not", "shall not"
MODALS = {"can", "ca", "may", "must", "shall", "should"}


def _modal(head: Any) -> bool:
    """A negated rule, ability or permission states no fact about what happened: "countries cannot export
    more than half a million barrels" (a sanction) does not deny that China exported oil."""
    return any(child.dep_ == "aux" and child.lower_ in MODALS for child in head.children)


def _hypothetical(head: Any) -> bool:
    """A negation inside a goal, wish or condition ("to ensure that it does not transfer") asserts nothing."""
    node = head
    while node.dep_ in EMBEDDING_DEPS and node.head.i != node.i:
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
    negations = _negated_tokens(span)
    negated_idx, denied, subject_denied = negations.scoped, negations.heads, negations.verbs
    quoted = [(s, e) for s, e in _quoted(body) if s < claim.end and e > claim.start]
    asserted: set[str] = set()
    in_prose: set[str] = set()
    negated: set[str] = set()
    for token in span:
        if token.i in subject_denied:
            continue  # "injured" in "no one was injured" is not asserted
        if _content(token):
            (negated if token.i in negated_idx else asserted).add(_word(token))
            if token.i not in negated_idx and not _inside(token.idx, quoted):
                in_prose.add(_word(token))
    inside = [m for m in mentions if claim.start <= m.start and m.end <= claim.end]
    subjects, group = _subjects(span, inside)
    conditional = tuple(
        (_content_lemmas(span.doc, scope), _with_entity(condition, span.doc, inside))
        for scope, condition in negations.conditions
    )
    days = [d for d in dates if d.value and claim.start <= d.start < claim.end and _is_day(d.value)]
    two_moments = _compares_counts(span)
    return ClaimView(
        claim,
        body[claim.start : claim.end],
        frozenset(asserted),
        frozenset(negated),
        subjects,
        group,
        frozenset(m.entity for m in inside),
        {} if two_moments else _numbers(span),
        frozenset(str(d.value) for d in days),
        ({} if two_moments else _measures(span)) | _ages(span, [m for m in inside if _is_person(m)]),
        tuple(_person(doc, m) for m in inside if _is_person(m)),
        tuple(m.text for m in inside if m.label in PLACE_LABELS),
        frozenset(str(d.value) for d in days if not _reported_on(doc, d)),
        frozenset(w for d in days if not _reported_on(doc, d) for w in _dated_words(doc, d)),
        frozenset(denied),
        frozenset(_word(span.doc[i]) for i in subject_denied),
        frozenset(negations.ascribed - negations.heads),
        frozenset(in_prose),
        bool(negations.negators) and all(_inside(i, quoted) for i in negations.negators),
        sum(t.lower_ in NEGATORS or t.lower_ in NEGATIVE_SUBJECTS for t in span),
        _subject_words(span),
        frozenset(t.lemma_.casefold() for t in span if _agentless(t)),
        conditional,
        {t.lemma_.casefold(): tense for t in span if t.pos_ in {"VERB", "AUX"} and (tense := _tense(t))},
    )


def _content_lemmas(doc: Any, indices: set[int]) -> frozenset[str]:
    return frozenset(_word(doc[i]) for i in indices if _content(doc[i]))


def _word(token: Any) -> str:
    """A word as the rules compare it: its lemma, with its particle for a phrasal verb ("carry out" is
    not "carry": "has not carried out its threat" denies nothing "designed to carry a payload" says)."""
    particles = [c.lower_ for c in token.children if c.dep_ == "prt"]
    return " ".join([token.lemma_.casefold(), *particles])


def _with_entity(condition: _Condition, doc: Any, mentions: Sequence[Mention]) -> _Condition:
    """The condition with the entity of its doer, where a mention names it ("Grassley, who never …")."""
    if condition.actor < 0:
        return condition
    at = doc[condition.actor].idx
    named = {m.entity for m in mentions if m.entity and m.start <= at < m.end}
    return replace(condition, needs=condition.needs | named)


def _subject_words(span: Any) -> frozenset[str]:
    return frozenset(
        t.lemma_.casefold() if t.pos_ != "PRON" else t.lower_
        for t in span
        if t.dep_ in SUBJECT_DEPS and t.head.dep_ in {"ROOT", "conj"}
    )


def _agentless(token: Any) -> bool:
    """A passive verb with no doer: "a photo sent from his account", "the bill was passed"."""
    passive = token.dep_ == "acl" or any(c.dep_ == "auxpass" for c in token.children)
    return bool(token.tag_ == "VBN" and passive and not any(c.dep_ == "agent" for c in token.children))


@functools.lru_cache(maxsize=64)
def _quoted(body: str) -> tuple[tuple[int, int], ...]:
    """The body's quotations, found once per article rather than once per claim."""
    return tuple(quotation_spans(body))


def _inside(offset: int, regions: Sequence[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in regions)


def _reported_on(doc: Any, date: TimeExpr) -> bool:
    """A date that tells when something was said ("police said Wednesday"), not when it happened."""
    governor = _dated(doc, date)
    return governor is not None and governor.lemma_.casefold() in CUE_LEMMAS


def _dated_words(doc: Any, date: TimeExpr) -> set[str]:
    """The lemmas of what a date dates: "hit" in "hit the bridge on Monday"; "crash" and "kill" in "a
    plane crash on Sunday killed 12" (the parser may hang the day on the noun or on its verb)."""
    governor = _dated(doc, date)
    if governor is None:
        return set()
    words = {governor.lemma_.casefold()}
    if governor.pos_ in {"NOUN", "PROPN"} and governor.dep_ in {*SUBJECT_DEPS, "dobj"}:
        words.add(governor.head.lemma_.casefold())
    return words


def _dated(doc: Any, date: TimeExpr) -> Any | None:
    """The word a date attaches to, through its preposition ("on Monday") or compound ("Friday morning")."""
    span = doc.char_span(date.start, date.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    while root.dep_ in {"compound", "nmod", "amod"} and root.head.i != root.i:  # "Friday" of "Friday morning"
        root = root.head
    return root.head.head if root.dep_ == "pobj" else root.head


def _is_person(mention: Mention) -> bool:
    return mention.entity.startswith("person:") or (not mention.entity and mention.label == "PERSON")


EAST_ASIAN_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")  # "Seok-yeol", "Jong-un": given name after family


def _person(doc: Any, mention: Mention) -> Person:
    words = mention.text.split()
    tokens = tuple(strip_titles(name_key(mention.text)).split())
    east_asian = len(words) > 1 and bool(EAST_ASIAN_GIVEN.match(words[-1]))
    family = (tokens[0] if east_asian else tokens[-1]) if tokens else ""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    slot = _slot(span) if span is not None else frozenset()
    return Person(mention.entity, mention.text, tokens, family, slot, east_asian)


def _slot(name: Any) -> frozenset[str]:
    """What a name is said to be and do: its title words, appositions (an age, a role) and its verb."""
    words: set[str] = set()
    inside = {t.i for t in name}

    def add_modifiers(token: Any) -> None:
        for child in token.children:
            if child.i in inside:
                continue
            if child.dep_ in {"compound", "amod", "appos", "nummod"} and (
                child.like_num or (child.is_alpha and not child.is_stop)
            ):
                words.add(number_value(child.text) if child.like_num else child.lemma_.casefold())
                if child.dep_ in {"appos", "compound"}:  # "transport police chief": the whole title
                    add_modifiers(child)

    node = name.root
    add_modifiers(node)
    if node.dep_ == "appos":  # "Woodburn's police chief, Scott Russell": the role is the head
        node = node.head
        words.add(node.lemma_.casefold())
        add_modifiers(node)
    while node.dep_ in {"conj", "compound"} and node.head.i != node.i:
        node = node.head
    verb = node.head
    if node.dep_ in {"nsubj", "nsubjpass", "dobj"} and verb.pos_ == "VERB" and verb.lemma_ != "be":
        words.add(verb.lemma_.casefold())
    return frozenset(words)


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


# Words that set a count against another moment's: "compared to 47 the previous night", "up from 12".
COMPARING = {"compare", "versus", "vs", "vs."}
CHANGE_FROM = {
    "up", "down", "rise", "fall", "increase", "decrease", "drop", "climb", "jump", "grow", "decline",
}  # fmt: skip


def _compares_counts(span: Any) -> bool:
    """The claim sets one count against another ("six arrests Wednesday, compared to 47 the previous
    night"; "20 arrests, up from 12"): its counts belong to two moments, and an outlet's count of either
    moment agrees with it, so none of them is compared."""
    for token in span:
        if not token.like_num or token.dep_ != "pobj":
            continue
        prep = token.head
        if prep.lower_ in COMPARING or prep.head.lemma_.casefold() in COMPARING:
            return True
        if prep.lower_ == "from" and prep.head.lemma_.casefold() in CHANGE_FROM:
            return True
    return False


def _name_part(number: Any) -> bool:
    """A number after a name on the same noun is part of the name ("Falcon 9 rocket", "Airbus 380 jet"):
    a count stands before its noun's modifiers, a model number after the maker's name."""
    if number.i == 0:
        return False
    before = number.doc[number.i - 1]
    return before.pos_ == "PROPN" and before.dep_ in {"compound", "nmod"} and before.head == number.head


def _ratio(number: Any) -> bool:
    """A number of a ratio ("a 2 in 3 chance", "one-in-three", "one out of five"), not a count."""
    return any(
        child.lower_ in {"in", "out"}
        and (child.dep_ == "quantmod" or any(t.like_num for t in child.subtree if t is not child))
        for child in number.children
    )


def _numbers(span: Any) -> dict[str, Measure]:
    """Counted things and the values their numbers allow: {"civilian": Measure(1400, 1400, "1,400")}.

    A qualified number is an interval ("more than 100 mph" and "up to 120 mph" agree). A unit is not
    a counted thing ("229 feet (70 meters) tall and 40 feet abreast"): lengths are measures, compared by
    ``_unit``; nor is a year (an age or a duration, compared apart). A noun given two values in one
    claim ("eight fire engines and four crews … two engines") keeps neither.
    """
    found: dict[str, list[Measure]] = {}
    for token in span:
        # "200, 000 people" may parse with "000" as the count and "200" hanging on it
        node = token.head if token.dep_ in {"quantmod", "compound"} and _grouped(token.head) else token
        if not token.like_num or _grouped(token) or node.dep_ != "nummod" or node.head.pos_ != "NOUN":
            continue
        if _ratio(token):
            continue  # "a 2 in 3 chance" counts no chances
        if _name_part(token):
            continue  # "the Falcon 9 rocket" is one rocket of that name, not nine
        if token.ent_type_ in {"DATE", "TIME", "MONEY"}:
            continue  # "in 1972", "around 11am": when, not how many; "a $103 billion offer" is one offer
        noun = node.head.lemma_.casefold()
        if noun in UNITS or node.head.lower_ in UNITS or noun in NOT_COUNTED or _remainder(token, node.head):
            continue
        if _margin(node.head):
            continue  # a degree or a difference, not things counted: "seven points more", "19 points clear"
        if _partitive_whole(node.head):
            continue  # "freed 21 of the more than 200 schoolgirls": 200 were taken, not freed
        if node.head.dep_ in {"compound", "amod"} and node.head.head.pos_ in {"NOUN", "PROPN"}:
            # A count naming a kind of thing is compared only with the same kind: "a two-run homer" says
            # nothing of the three runs a pitcher gave up; "a 6.1-magnitude quake" meets "5.9-magnitude".
            noun = f"{noun} {node.head.head.lemma_.casefold()}"
        value = _value(token)
        if value is not None:
            act = _act(node.head) if noun in PEOPLE else ""
            found.setdefault(noun, []).append(
                replace(_interval(token, value), kind=_kind(node.head), act=act, part=_narrowed(node.head))
            )
    return {k: v[0] for k, v in found.items() if len({(m.low, m.high) for m in v}) == 1}


# What a count measures, from the verb or noun that governs the counted people ("77 people died",
# "the deaths of 20,000 people", "12 dead", "injuring five people").
VERB_MEASURES = {
    "die": "dead", "kill": "dead", "injure": "injured", "wound": "injured", "hurt": "injured",
    "displace": "displaced", "evacuate": "evacuated", "arrest": "arrested", "detain": "arrested",
    "rescue": "rescued", "strand": "stranded",
}  # fmt: skip
# "hurt" as a noun: the parser reads "about 50 hurt" as fifty of a thing called "hurt"
NOUN_MEASURES = {
    "dead": "dead", "death": "dead", "fatality": "dead", "injured": "injured", "injury": "injured",
    "wounded": "injured", "hurt": "injured", "displacement": "displaced", "evacuation": "evacuated",
    "arrest": "arrested",
}  # fmt: skip
CHILD_NOUNS = {
    "boy", "girl", "child", "son", "daughter", "baby", "toddler", "kid", "teen", "teenager", "youngster",
    "infant", "schoolboy", "schoolgirl",
}  # fmt: skip
ADULT_AGE = 18  # "the six-year-old" is a child of the story; "the 61-year-old" one of its many adults
PEOPLE = {"people", "person", "life", "other", "resident", "passenger", "victim", "individual"}
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9}
AT_LEAST = {"least", "more", "over", "above", "exceeding", "upwards"}
AT_MOST = {"under", "less", "fewer", "most", "up"}
NEARLY = {"nearly", "almost"}
ABOUT = {"about", "around", "some", "approximately", "roughly", "estimated"}
APPROXIMATION = 0.15  # "about 80" allows 68–92; "nearly 80", 68–80
# Lengths, masses and volumes in one unit each, so "200 ft" and "60 m" compare.
UNITS = {
    "m": ("length", 1.0), "metre": ("length", 1.0), "meter": ("length", 1.0), "km": ("length", 1e3),
    "kilometre": ("length", 1e3), "kilometer": ("length", 1e3), "mile": ("length", 1609.34),
    "foot": ("length", 0.3048), "feet": ("length", 0.3048), "ft": ("length", 0.3048),
    "yard": ("length", 0.9144), "kg": ("mass", 1.0), "kilogram": ("mass", 1.0), "ton": ("mass", 1e3),
    "tonne": ("mass", 1e3), "pound": ("mass", 0.4536), "lb": ("mass", 0.4536), "litre": ("volume", 1.0),
    "liter": ("volume", 1.0), "gallon": ("volume", 3.785), "mph": ("speed", 1.609), "kph": ("speed", 1.0),
    "km/h": ("speed", 1.0), "knot": ("speed", 1.852), "cm": ("length", 0.01), "centimetre": ("length", 0.01),
    "centimeter": ("length", 0.01), "inch": ("length", 0.0254),
}  # fmt: skip
NOT_COUNTED = {"year", "month", "week", "day", "hour", "minute", "second", "percent", "%"}
UNIT_TOLERANCE = 0.1  # conversions and rounding: 200 ft is 61 m, reported as 60 m
MAGNITUDE = re.compile(r"\bmagnitude[- ](\d+(?:\.\d+)?)\b|\b(\d+(?:\.\d+)?)[- ]magnitude\b", re.IGNORECASE)
# A size given by an adjective, "an 80m-deep well", "about 40 metres deep", "a 30cm-wide shaft": the
# parser splits "80m" or reads "well" as an interjection, so the pattern reads the words as written.
DIMENSION = re.compile(
    r"\b(?:(about|around|some|approximately|roughly|nearly|almost|more than|over|at least|up to|under)\s+)?"
    r"(\d+(?:\.\d+)?)\s*-?\s*(m|metres?|meters?|km|kilometres?|kilometers?|cm|centimetres?|centimeters?|"
    r"ft|feet|foot|inch(?:es)?|miles?|yards?)\s*-?\s*(deep|high|tall|long|wide|thick)\b",
    re.IGNORECASE,
)
MIN_MEASURE_SIMILARITY = 0.3  # the claims need only be about the same kind of thing
SEVERITY = {"seriously", "critically", "slightly", "badly", "severely", "lightly", "gravely", "moderately"}
RUNNING_TOLLS = {"dead", "injured", "displaced", "evacuated", "arrested", "rescued", "stranded"}
RISING_CONFIDENCE = 0.75  # a toll rising with publication time is more likely updated than contested
MIN_SLOT_OVERLAP = 2  # words of title, apposition, age or verb two names share to fill one place


def _measures(span: Any) -> dict[tuple[str, str], Measure]:
    """Measured quantities: {("dead", "people"): Measure(84, inf, "at least 84")}.

    A claim giving two values for one thing ("77 died … 84 dead in all") is ambiguous: it keeps neither.
    A part of a group the sentence has just counted ("treating 20 people, four of whom were seriously
    injured") measures a part, not the whole: it is no count of the injured.
    """
    found: dict[tuple[str, str], list[Measure]] = {}
    for token in span:
        if _grouped(token) or _partitive(token):
            continue
        counted = token.ent_type_ not in NOT_COUNTS or _counted_by_verb(token)
        if token.like_num and counted and not _ratio(token):
            key = _measured(token) or _of_count(token)
            value = _value(token)
            if key and value is not None:
                found.setdefault(key, []).append(_interval(token, value))
            elif value is not None and (unit := _unit(token)):
                dimension, factor, verb = unit
                measure = _interval(token, value * factor)
                slack = UNIT_TOLERANCE * measure.low
                found.setdefault((verb, dimension), []).append(
                    Measure(
                        measure.low - slack,
                        measure.high + slack,
                        f"{measure.text} {token.head.text}",
                        measure.qualifier,
                        _named_doer(token.head.head),
                    )
                )
    for key, measure in _money(span):
        found.setdefault(key, []).append(measure)
    for match in MAGNITUDE.finditer(span.text):
        number = float(match.group(1) or match.group(2))
        found.setdefault(("magnitude", "quake"), []).append(Measure(number, number, f"{number:g}"))
    for key, measure in _dimensions(span.text):
        found.setdefault(key, []).append(measure)
    return {key: values[0] for key, values in found.items() if len({(v.low, v.high) for v in values}) == 1}


def _dimensions(text: str) -> list[tuple[tuple[str, str], Measure]]:
    """Sizes given by an adjective, in metres: "the 80m-deep well" is (("depth", "size"), 80 m ± 10 %)."""
    found = []
    for match in DIMENSION.finditer(text):
        qualifier, number, unit, adjective = match.groups()
        unit = SPELLED_UNITS.get(unit.casefold(), unit.casefold())
        factor = UNITS.get(unit) or UNITS.get(unit.removesuffix("s"))
        if factor is None:
            continue
        plural = (
            "" if len(unit) <= 2 or number == "1" else UNIT_PLURALS.get(unit, unit.removesuffix("s") + "s")
        )
        written = f"{number}{unit}" if not plural else f"{number} {plural}"
        words = set((qualifier or "").casefold().split())
        measure = _bounded(
            float(number) * factor[1], words, f"{qualifier} {written}" if qualifier else written
        )
        slack = UNIT_TOLERANCE * measure.low
        sized = Measure(measure.low - slack, measure.high + slack, measure.text, measure.qualifier)
        found.append(((SIZES[adjective.casefold()], "size"), sized))
    return found


SIZES = {
    "deep": "depth",
    "high": "height",
    "tall": "height",
    "long": "length",
    "wide": "width",
    "thick": "thickness",
}
SPELLED_UNITS = {
    "meter": "metre",
    "meters": "metres",
    "kilometer": "kilometre",
    "kilometers": "kilometres",
    "centimeter": "centimetre",
    "centimeters": "centimetres",
    "inches": "inch",
    "feet": "foot",
}
UNIT_PLURALS = {"foot": "feet", "inch": "inches"}


CURRENCIES = {"$": "$", "dollar": "$", "usd": "$", "€": "€", "euro": "€", "eur": "€", "£": "£", "pound": "£"}


def _money(span: Any) -> list[tuple[tuple[str, str], Measure]]:
    """Amounts of money and what they are of: "$31.2 billion in earnings" is ("money $", "earning").

    The thing is the noun the amount modifies ("a $200 million offer", "jewellery worth more than $160
    million"), the noun after its "in" or "of" ("$1 million in damage"), or the noun it is "of" ("a bill
    of more than $284 billion"); an amount tied to no noun ("it cost $5 million") is not compared. Two
    currencies are two things: a conversion ("85 million euros ($ 108 million)") is no disagreement.
    """
    found = []
    for ent in _entities_in(span, "MONEY"):
        if not ent.root.like_num:
            continue
        root = ent.root
        value = _value(root)
        currency = next((CURRENCIES[w] for t in ent if (w := t.lemma_.casefold()) in CURRENCIES), None)
        noun = _valued(root) or _money_thing(root)
        if value is None or currency is None or noun is None or noun.lemma_.casefold() in VICINITY:
            continue
        before = {t.lower_ for t in span.doc[max(ent.start - 3, 0) : ent.start]}
        if "excess" in before:
            before.add("more")
        words = {t.lower_ for t in ent if not t.like_num} | before
        amount = _bounded(value, words, ent.text)
        thing = _staged(noun)
        amount = replace(amount, who=_payer(noun))
        found.append((("money " + currency, thing), amount))
        # What a verb did to the thing ties two names of it: "stole diamonds valued at $108 million" and
        # "jewellery worth more than $160 million has been stolen" price one haul; not two versions of it
        staged = thing != noun.lemma_.casefold()
        if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ == "VERB" and not staged:
            found.append((("money " + currency, f"object of {noun.head.lemma_.casefold()}"), amount))
    return found


# Words that say which of several versions a thing is: "an initial $103 billion offer" and "a $121 billion
# best and final offer" are two offers of one bid, not two accounts of one.
STAGES = {
    "initial", "original", "first", "earlier", "previous", "prior", "old", "new", "revised", "latest",
    "final", "raised", "higher", "sweetened", "improved", "second", "third", "opening", "current",
}  # fmt: skip


OWNER_LABELS = {"ORG", "PERSON", "GPE", "NORP"}


def _payer(noun: Any) -> str:
    """The named body whose amount it is: the subject of the clause the thing is in, through "it" to the
    one who said it ("Citigroup Inc. said it expects a hit of as much as $20 billion, while Bank of
    America Corp. will take a $3 billion charge": Citigroup's hit, Bank of America's charge)."""
    # From the word that governs the thing: a misparse can hang a subject on the noun itself
    subject = _subject_above(noun.head, steps=4) if noun.head.i != noun.i else None
    if subject is not None and subject.lower_ in {"it", "they"}:
        above = subject.head.head
        subject = _subject_above(above, steps=3) if above is not subject.head else None
    if subject is None or subject.ent_type_ not in OWNER_LABELS:
        return ""
    name = [t for t in subject.subtree if t.ent_type_ == subject.ent_type_ and t.ent_iob_ in {"B", "I"}]
    words = [t.lower_ for t in name if t.lower_ not in {"inc.", "corp.", "ltd", "inc", "corp", "co."}]
    return " ".join(words)


GENERIC_OWNER_WORDS = {"bank", "group", "company", "corporation", "holdings", "international", "the", "and"}


def _owner_words(who: str) -> set[str]:
    return {w for w in who.split() if len(w) >= 3 and w not in GENERIC_OWNER_WORDS}


def _same_owner(x: str, y: str) -> bool:
    """One body named two ways: "the Boston Red Sox" / "the Red Sox", "Goldman Sachs" / "Goldman"."""
    return x == y or bool(_owner_words(x) & _owner_words(y))


def _owner_unmatched(measure: Measure, other: ClaimView) -> bool:
    """An amount a named body owes that the other claim, owner unnamed, never mentions."""
    words = set(re.findall(r"\w+", other.text.lower()))
    return bool(measure.who) and not (_owner_words(measure.who) & words)


def _staged(noun: Any) -> str:
    """The thing an amount is of, with the version its modifiers name ("initial offer", "final offer")."""
    stages = sorted({c.lower_ for c in noun.children if c.dep_ in {"amod", "conj"} and c.lower_ in STAGES})
    stages += sorted(
        {c.lower_ for a in noun.children if a.dep_ == "amod" for c in a.children if c.lower_ in STAGES}
    )
    return " ".join([*dict.fromkeys(stages), str(noun.lemma_.casefold())])


VALUING = {"value", "price", "estimate", "worth"}
# Nouns that say an amount is rough, not what it is of: "a deal in the $75 million range" and "an offer
# in the range of $145 million to $175 million" price a deal and an offer, not one thing called "range".
VICINITY = {"range", "region", "neighborhood", "neighbourhood", "vicinity", "ballpark"}


def _valued(root: Any) -> Any | None:
    """The thing an amount values: "diamonds valued at 85 million euros ($108 million)", where a converted
    amount in brackets values what the amount it converts values."""
    node = root.head if root.dep_ == "appos" else root
    at = node.head
    verb = at.head
    if node.dep_ == "pobj" and at.lower_ == "at" and verb.lemma_.casefold() in VALUING and verb.dep_ == "acl":
        return verb.head if verb.head.pos_ == "NOUN" else None
    return None


def _entities_in(span: Any, label: str) -> list[Any]:
    """The span's entities of one label, read off its tokens: ``doc.ents`` rebuilds every entity of the
    document at each call, which per claim of a ten-article story cost more than a second."""
    doc, found, i = span.doc, [], span.start
    while i < span.end:
        if doc[i].ent_iob_ == "B" and doc[i].ent_type_ == label:
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            if j <= span.end:
                found.append(doc[i:j])
            i = j
        else:
            i += 1
    return found


def _money_thing(root: Any, resolve: bool = True) -> Any | None:
    """The noun an amount is of (see ``_money``), or None; with ``resolve``, "it" in "it is less than
    $184 million" stands for the thing of an earlier amount in its sentence (``_compared_thing``)."""
    if root.dep_ in {"nummod", "compound", "amod", "nmod"} and root.head.pos_ == "NOUN":
        return root.head
    for prep in (c for c in root.children if c.dep_ == "prep" and c.lower_ in {"in", "of"}):
        nouns = [o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "NOUN"]
        if nouns:
            return nouns[0]
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        noun = root.head.head
        if noun.lower_ == "excess":  # "an offer in excess of $160 million": the offer, bounded below
            held = noun.head.head if noun.head.lower_ == "in" else None
            # "made an offer to Teixeira in excess of $160 million": the phrase hangs on the verb
            if held is not None and held.pos_ in {"VERB", "AUX"}:
                held = next((c for c in held.children if c.dep_ == "dobj"), None)
            return held if held is not None and held.pos_ == "NOUN" else None
        return noun
    return _compared_thing(root, resolve)


COMPARATIVES = {"less", "more", "lower", "higher", "fewer", "greater", "smaller", "larger", "bigger"}


def _compared_thing(root: Any, resolve: bool) -> Any | None:
    """The subject an amount is compared with by a copula: "the offer is less than $184 million" bounds
    the offer. A pronoun subject ("… in excess of $160 million, but sources say it is less than the $184
    million") stands for the thing of the nearest amount before it in the sentence, if any."""
    than = root.head
    if root.dep_ != "pobj" or than.lower_ != "than" or than.head.lower_ not in COMPARATIVES:
        return None
    copula = than.head.head
    if than.head.dep_ != "acomp" or copula.lemma_ != "be":
        return None
    subject = next((c for c in copula.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "NOUN":
        return subject
    if not resolve or subject.lower_ != "it":
        return None
    earlier = [e for e in _entities_in(root.sent, "MONEY") if e.end <= subject.i and e.root.like_num]
    for ent in reversed(earlier):
        thing = _money_thing(ent.root, resolve=False)
        if thing is not None:
            return thing
    return None


def _ages(span: Any, people: Sequence[Mention]) -> dict[tuple[str, str], Measure]:
    """Ages, keyed by whose: a named person's entity ("Jose Luis Orozco, 27", "16-year-old Kimani Gray"),
    or a child named by what it is ("a 4-year-old boy", "the six-year-old"). An unnamed adult ("a
    61-year-old man") is not keyed: a story has many, and their ages tell them apart."""
    found: dict[tuple[str, str], list[Measure]] = {}
    for token in span:
        of_a_group = any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
        # "Orozco, 27," is an age; "Weiner, one of Congress's most enthusiastic users" is not
        if token.like_num and token.dep_ == "appos" and token.head.pos_ == "PROPN" and not of_a_group:
            number, described = token, token.head
        elif token.lemma_.casefold() == "year" and token.head.lower_ == "old":  # "a 4-year-old boy"
            counts = [c for c in token.children if c.like_num and c.dep_ == "nummod"]
            if len(counts) != 1:
                continue
            number, old = counts[0], token.head
            described = old.head if old.dep_ == "amod" else old
            if old.dep_ in {"acomp", "attr", "oprd"}:  # "the picture is understood to be four years old"
                described = _subject_of(old)
                if described is None:
                    continue
        else:
            continue
        value = _value(number)
        if value is None:
            continue
        named = [m.entity for m in people if m.start <= described.idx < m.end and m.entity]
        if named:
            who = named[0]
        elif _someones_child(described):
            continue  # "their 14-year-old son", "the mother of a four-year-old boy": one of the story's many
        elif described.lemma_.casefold() in CHILD_NOUNS or (described.lower_ == "old" and value < ADULT_AGE):
            who = "child"
        else:
            continue
        found.setdefault(("age", who), []).append(Measure(value, value, number_text(number)))
    return {key: v[0] for key, v in found.items() if len({m.low for m in v}) == 1}


def _subject_of(predicate: Any) -> Any | None:
    """Whom a predicate describes: its verb's subject, through "to be" and "understood to be"."""
    return _subject_above(predicate.head, steps=3, through={"xcomp", "ccomp"})


def _subject_above(node: Any, steps: int, through: set[str] | None = None) -> Any | None:
    """The first subject met climbing from a token to its heads (only through these relations, if given)."""
    for _ in range(steps):
        subject = next((c for c in node.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        if node.head.i == node.i or (through is not None and node.dep_ not in through):
            return None
        node = node.head
    return None


def _someones_child(described: Any) -> bool:
    """A child told as someone's ("his son", "the mother of a boy"): a story of many victims has many."""
    owned = any(c.dep_ == "poss" for c in described.children)
    return owned or (described.dep_ == "pobj" and described.head.lower_ == "of")


NOT_COUNTS = {"DATE", "TIME", "ORDINAL", "MONEY", "PERCENT"}


PARTITIVE_PRONOUNS = {"whom", "which", "them", "those", "these"}


def _partitive(number: Any) -> bool:
    """A number counting part of a group named before it: "four of whom", "of which four", "two of them"."""
    doc, i = number.doc, number.i
    after = [t.lower_ for t in doc[i + 1 : i + 3]]
    before = [t.lower_ for t in doc[max(0, i - 2) : i]]
    of_group = len(after) == 2 and after[0] == "of" and after[1] in PARTITIVE_PRONOUNS
    group_of = len(before) == 2 and before[0] == "of" and before[1] in {"whom", "which"}
    return of_group or group_of


PART_WORDS = {"any", "all", "some", "none", "each", "most", "many", "few", "several", "both", "half", "rest"}


def _partitive_whole(noun: Any) -> bool:
    """The counted noun is the group a part is taken from: "21 of the more than 200 Chibok schoolgirls",
    "any of the more than 200 girls". What the sentence says of the part is not said of the whole."""
    of = noun.head if noun.dep_ == "pobj" else None
    part = of.head if of is not None and of.lower_ == "of" else None
    return part is not None and (part.like_num or part.lower_ in PART_WORDS)


def _counted_by_verb(number: Any) -> bool:
    """A number a casualty verb counts ("killing 10 people and injuring 80") is a count, even where the
    entity tagger took it for a date."""
    return number.ent_type_ in {"DATE", "TIME"} and bool(
        number.dep_ in {"nsubj", "nsubjpass", "dobj"} and number.head.lemma_.casefold() in VERB_MEASURES
    )


def _measured(number: Any) -> tuple[str, str] | None:
    """(what is measured, of whom) for a count, or None when it measures nothing known."""
    if number.dep_ == "compound" and number.head.lower_ in SCALES:
        return None  # "2.3" of "2.3 million": the scale word carries the count
    head = number.head
    if number.dep_ in {"nsubj", "nsubjpass", "dobj"}:  # "30 wounded", "killed 12"
        if any(c.lower_ == "another" for c in number.children):
            return None  # "trapping five people and injuring another 40": the rest, not the total
        measure = VERB_MEASURES.get(head.lemma_.casefold())
        if measure is None:
            return _suffered(head, "people")  # "two suffered minor injuries"
        return (_graded(measure, head), "people")
    if number.dep_ != "nummod":
        return None
    if _coordinated(head) or _remainder(number, head):
        return None  # "10 American passengers and two Costa Rican pilots": parts of a total, not the total
    noun = head.lemma_.casefold()
    if noun in NOUN_MEASURES:  # "12 dead"
        return NOUN_MEASURES[noun], "people"
    who = "people" if noun in PEOPLE else noun
    governor = head.head
    if head.dep_ in {"nsubj", "nsubjpass", "dobj", "nsubj:pass"}:
        measure = VERB_MEASURES.get(governor.lemma_.casefold())
        if governor.lemma_.casefold() in {"claim", "take", "lose"} and noun == "life":
            measure = "dead"
        if measure is None and head.dep_ == "nsubj":
            return _suffered(governor, who)  # "two people suffered minor injuries"
        return (_graded(measure, governor), who) if measure else None
    if head.dep_ == "pobj" and governor.lower_ == "of":  # "the deaths of 20,000 people"
        measure = NOUN_MEASURES.get(governor.head.lemma_.casefold())
        return (measure, who) if measure else None
    return None


def _margin(noun: Any) -> bool:
    """A noun measuring a degree or a difference: "seven points more than", "19 points clear of", "trails
    by 19 points" (a passive's "by 19 gunmen" is an agent, counted)."""
    by = noun.head if noun.dep_ == "pobj" else None
    return noun.dep_ == "npadvmod" or (by is not None and by.lower_ == "by" and by.dep_ == "prep")


def _act(noun: Any) -> str:
    """The verb a count of people is a count of ("eight people had serious injuries", "20 people have been
    brought in for treatment"); "" for a form of "be", which says no more than that they are there."""
    verb = noun.head if noun.dep_ in SUBJECT_DEPS | {"dobj"} else None
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":  # "brought in for treatment of 20 people"
        verb = noun.head.head
    if verb is None or verb.pos_ != "VERB" or verb.lemma_.casefold() == "be":
        return ""  # "home to 120,000 people" is counted by no act
    return str(verb.lemma_.casefold())


def _different(x: Measure, y: Measure) -> bool:
    """Two counts of different things under one noun: two kinds ("22 ambulance crews" / "four fire and
    rescue crews") or people counted by two acts ("eight had serious injuries" / "20 were treated")."""
    return bool(x.kind and y.kind and not x.kind & y.kind) or bool(x.act and y.act and x.act != y.act)


def _narrowed(noun: Any) -> bool:
    """The counted noun carries a modifier that picks out some of its kind ("female", "ambulance")."""
    return any(c.dep_ in {"amod", "compound", "nmod"} and not c.like_num for c in noun.children)


def _part_within(x: Measure, y: Measure) -> bool:
    """One count narrows the other's noun and is no larger: a part of the whole, not a second figure."""
    if x.part == y.part:
        return False
    part, whole = (x, y) if x.part else (y, x)
    return part.low <= whole.high


def _kind(noun: Any) -> frozenset[str]:
    """The nouns that say what kind of thing is counted: "ambulance" in "22 ambulance crews", "fire" and
    "rescue" in "four fire and rescue crews"."""
    words = (t for c in noun.children if c.dep_ in {"compound", "nmod"} for t in c.subtree)
    return frozenset(t.lemma_.casefold() for t in words if t.pos_ in {"NOUN", "PROPN"} and not t.like_num)


REMAINDER_WORDS = {"other", "additional", "further", "extra", "more"}


def _remainder(number: Any, noun: Any) -> bool:
    """A count of the rest or of an increase, not a total: "12 world leaders and 128 other politicians"
    (140 in all, as another outlet says), "five more people", "10 additional troops"."""
    words = [*noun.children, *number.children]
    if any(w.lower_ == "another" for w in words):
        return True  # "trapping five people and injuring another 40"
    return any(w.lower_ in REMAINDER_WORDS and w.dep_ == "amod" and w.i > number.i for w in words)


SUFFERING = {"suffer", "sustain"}
HARM = {"injury", "wound", "burn"}
# The injuries' adjective as the severity adverb of "injured": "suffered minor injuries", "slightly injured".
SEVERE_INJURY = {
    "minor": "slightly", "slight": "slightly", "light": "lightly", "serious": "seriously",
    "critical": "critically", "severe": "severely", "grave": "gravely", "moderate": "moderately",
    "life-threatening": "critically",
}  # fmt: skip


def _suffered(verb: Any, who: str) -> tuple[str, str] | None:
    """The injured counted by the harm they suffered ("two people suffered minor injuries", "three
    sustained serious wounds"), graded by its adjective as the injured are by their adverb."""
    if verb.lemma_.casefold() not in SUFFERING:
        return None
    harm = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.casefold() in HARM), None)
    if harm is None:
        return None
    grade = next((SEVERE_INJURY[c.lower_] for c in harm.children if c.lower_ in SEVERE_INJURY), None)
    return (f"{grade} injured" if grade else "injured"), who


def _graded(measure: str, verb: Any) -> str:
    """The injured counted at one severity are a part of the injured: "20 others were slightly hurt"
    is not a count of all the injured ("25 people were injured"), only of the slightly hurt."""
    if measure != "injured":
        return measure
    grade = next((c.lower_ for c in verb.children if c.dep_ == "advmod" and c.lower_ in SEVERITY), None)
    return f"{grade} injured" if grade else measure


def _coordinated(noun: Any) -> bool:
    """The counted noun is one of two or more counted nouns joined by "and"."""
    joined = [c for c in noun.children if c.dep_ == "conj"]
    if noun.dep_ == "conj":
        joined.append(noun.head)
    return any(any(c.dep_ == "nummod" for c in other.children) for other in joined)


def _of_count(number: Any) -> tuple[str, str] | None:
    """Counts with no counted noun: "five of the dead", "a mother of 12", "129 people on board"."""
    of = [c for c in number.children if c.dep_ == "prep" and c.lower_ == "of"]
    objects = [o for p in of for o in p.children if o.dep_ == "pobj"]
    if number.dep_ != "nummod" and objects:  # "five of the dead"
        return (f"of the {objects[0].lemma_.casefold()}", "count")
    head = number.head
    if number.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":  # "mother of 12"
        return (f"{head.head.lemma_.casefold()} of", "count")
    before = number.doc[number.i - 1] if number.i > 0 else None
    if (
        number.dep_ == "nummod"
        and head.pos_ == "PROPN"
        and before is not None
        and before.lower_ == "of"
        and before.head.pos_ in {"NOUN", "PROPN"}
        and before.head.ent_type_ != "PERSON"
    ):  # "Mother of 13 Zurana Horton": the parser hangs the count on the name that follows it
        return (f"{before.head.lemma_.casefold()} of", "count")
    if number.dep_ == "nummod" and head.lemma_.casefold() in PEOPLE:  # "129 people on board (the ship)"
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ != "of"):
            objects = [o.lemma_.casefold() for o in prep.children if o.dep_ in {"pobj", "pcomp"}]
            if objects:
                return (f"{prep.lower_} {objects[0]}", "people")
    return None


def _named_doer(verb: Any) -> str:
    """The family name of the person who does the verb, or of its clause's subject ("Duncan Rait died
    after slipping and falling about 200ft": Rait falls); "" when no person is named there."""
    # "falling" ← "slipping" ← "after" ← "died": the subject of the clause it hangs from
    subject = _subject_above(verb, steps=5)
    return str(subject.lower_) if subject is not None and subject.ent_type_ == "PERSON" else ""


def _unit(number: Any) -> tuple[str, float, str] | None:
    """(dimension, factor to its unit, the verb) for "fell about 150 metres", "falling 60m"."""
    head = number.head
    unit = UNITS.get(head.lower_) or UNITS.get(head.lemma_.casefold())
    if number.dep_ != "nummod" or unit is None:
        return None
    verb = head.head
    if verb.pos_ != "VERB":
        return None
    return unit[0], unit[1], verb.lemma_.casefold()


def number_text(number: Any) -> str:
    """The number as written, a hyphenated one whole: spaCy parses "twenty-five" as "twenty", "-", "five"."""
    for child in number.children:
        if child.dep_ == "compound" and child.i == number.i - 2 and number.doc[number.i - 1].text == "-":
            return f"{child.text}-{number.text}"
    return str(number.text)


def _grouped(number: Any) -> bool:
    """The digits after a thousands comma written with a space ("120, 000"): part of the number before."""
    doc, i = number.doc, number.i
    return bool(i >= 2 and THOUSANDS.match(number.text) and doc[i - 1].text == "," and doc[i - 2].like_num)


THOUSANDS = re.compile(r"^\d{3}$")


def _thousands_end(number: Any) -> int:
    """The index of the number's last token: its last spaced thousands group ("120, 000"), or itself."""
    doc, last = number.doc, int(number.i)
    while last + 2 < len(doc) and doc[last + 1].text == "," and THOUSANDS.match(doc[last + 2].text):
        last += 2
    return last


def _value(number: Any) -> float | None:
    if number.lower_ == "one" and any(c.lower_ == "no" and c.dep_ == "det" for c in number.children):
        return 0.0  # "no one was injured"
    end = _thousands_end(number)  # "120, 000" as tokenised corpora write 120,000
    if end > number.i and number.text.isdigit():
        groups = "".join(number.doc[k].text for k in range(number.i + 2, end + 1, 2))
        return float(number.text + groups)
    text = number_value(number_text(number))
    scale = SCALES.get(text)
    if scale:
        parts = [c for c in number.children if c.dep_ == "compound" and c.like_num]
        base = _float(number_value(parts[0].text)) if parts else 1.0
        return base * scale if base is not None else None
    return _float(text)


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _interval(number: Any, value: float) -> Measure:
    """The values a qualified count allows: "at least", "more than" open it upwards, "up to" down."""
    qualifiers = [c for c in number.children if c.dep_ in {"advmod", "quantmod", "amod", "prep"}]
    words = {t.lower_ for c in qualifiers for t in c.subtree}
    first = min([number.i, *(t.i for c in number.children for t in c.subtree)])
    return _bounded(value, words, number.doc[first : _thousands_end(number) + 1].text)


def _bounded(value: float, words: set[str], text: str) -> Measure:
    """The interval a value allows given the words that qualify it."""
    low, high, qualifier = value, value, ""
    if words & ABOUT:
        low, high, qualifier = value * (1 - APPROXIMATION), value * (1 + APPROXIMATION), "about"
    if words & NEARLY:
        low, qualifier = value * (1 - APPROXIMATION), "nearly"
    if words & AT_LEAST:
        high, qualifier = math.inf, "at least"
    elif words & AT_MOST:
        low, qualifier = 0.0, "at most"
    return Measure(low, high, text, qualifier)


_UNITS = (  # noqa: SIM905 - a list of words reads best as the words
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
_TENS = "thirty forty fifty sixty seventy eighty ninety".split()  # noqa: SIM905 - as above
NUMBER_WORDS = {w: str(n) for n, w in enumerate(_UNITS)} | {w: str(10 * n) for n, w in enumerate(_TENS, 3)}


def number_value(text: str) -> str:
    """A number as a comparable value: "Two", "two" and "2" agree, as do "1,400" and "1400", and
    "twenty-five" and "25"."""
    plain = text.casefold().replace(",", "")
    tens, _, unit = plain.partition("-")
    if unit and tens in NUMBER_WORDS and unit in NUMBER_WORDS:
        return str(int(NUMBER_WORDS[tens]) + int(NUMBER_WORDS[unit]))
    return NUMBER_WORDS.get(plain, plain)


def _is_day(value: str) -> bool:
    """A fully resolved calendar day, not a month, week, range or partial value."""
    return len(value) == 10 and "X" not in value


def _same_actor(a: ClaimView, b: ClaimView) -> bool:
    if a.subjects and b.subjects:
        return bool(a.subjects & b.subjects)
    return a.group_subject or b.group_subject or not (a.subjects or b.subjects)


def _negation_conflict(
    a: ClaimView, b: ClaimView, similarity: float, context: float = 0.0
) -> tuple[str, int] | None:
    """The word one claim asserts and the other negates, and how many words the negated part shares.

    The negated part must speak of the same thing as the other claim (MIN_NEGATION_OVERLAP content
    words in common, "role" and "constructive"), not just share one word with it ("military").
    """
    # One entity in common ties a denial to what it denies; with none named ("four people were not
    # released"), the two claims, or the sentences they are cut from, must say nearly the same thing
    # otherwise ("Lasalle struck two other vehicles, but no one was injured" / "…, and their drivers
    # were injured").
    close = max(similarity, context) >= NEGATION_WITHOUT_ENTITY
    related = bool(a.entities & b.entities) or close
    if not related or not _same_actor(a, b):
        return None
    for x, y in ((a, b), (b, a)):
        negated = x.negated - _unmet(x, y)
        overlap = negated & (y.asserted - y.negated)
        contested = (negated - x.asserted) & overlap
        # A claim must contest what the negation denies, not any word under it: "was not an attempt to
        # label the movement racist" does not deny "the Tea Party movement"; "will not be able to file
        # federal tax returns as if single" does not deny "allowed to file federal joint tax returns".
        # Tied only by a name, a denied verb needs more in common than itself and one word ("did not
        # offer him a paid position" / "was offered an unpaid position" share "offer" and "position"),
        # while what a negated "describe" ascribes is the whole point ("role", "constructive").
        verb_agrees = close or len(overlap) > MIN_NEGATION_OVERLAP
        contested &= x.ascribed | (x.denied if verb_agrees else frozenset())
        if x.quoted_denial and not (close and x.negations != y.negations):
            # A speaker's denial against another quotation is two voices, not two outlets at odds; two
            # renderings of one quotation conflict only when one drops or adds a negation (a parse may
            # scope the same "don't" differently in each).
            contested &= y.asserted_in_prose
        if contested and len(overlap) >= MIN_NEGATION_OVERLAP:
            return sorted(contested, key=lambda w: (w not in x.denied, w))[0], len(overlap)
    # A negated subject denies its verb ("…, but no one was injured" / "…, and their drivers were
    # injured"): only between claims, or sentences, that otherwise say nearly the same thing, since the
    # verb alone is one word in common ("no captive fighters were released" / "released a video").
    if max(similarity, context) >= NEGATION_WITHOUT_ENTITY:
        for x, y in ((a, b), (b, a)):
            contested = x.subject_denied & (y.asserted - y.negated) - x.asserted
            if contested:
                return sorted(contested)[0], 1
    return None


def _unmet(x: ClaimView, y: ClaimView) -> frozenset[str]:
    """The words x denies only under conditions y does not meet, and denies under no other negation."""
    unmet = [words for words, condition in x.conditional if not condition.met_by(y)]
    met = [words for words, condition in x.conditional if condition.met_by(y)]
    if not unmet:
        return frozenset()
    return frozenset.union(*unmet) - frozenset().union(*met)


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
    quotes: Sequence[Quote] = (),
    docs: dict[str, Any] | None = None,
    published_of: dict[str, str | None] | None = None,
    elsewhere: Mapping[int, str | None] | None = None,
) -> list[Finding]:
    """Conflicts among a story's claims and quotes, strongest first.

    Every cross-outlet pair is checked for negation (a denial is phrased differently from what it
    denies, so it need not be similar as a whole); numbers and dates only between claims aligned as
    the same fact, or that measure the same thing; names where two claims put two names in one place.
    ``elsewhere`` are claims (indices of ``views``) about another event, an earlier one or one in another
    place ("Four months ago, … killed 32 people at the Brussels airport"): their counts are compared with
    each other's, not with the story's. A thing measured differently is one finding, each figure a side.
    """
    found: list[Finding] = []
    measured: list[_Disagreement] = []
    spellings: list[_Spelling] = []
    elsewhere = elsewhere or {}
    sentence_of = [(v.claim.article, v.claim.sentence) for v in views]
    members: dict[tuple[str, int], list[int]] = {}
    for i, key in enumerate(sentence_of):
        members.setdefault(key, []).append(i)
    # A clause without a day of its own happened when the rest of its sentence did ("At least seven
    # people were killed | and dozens injured when a tram derailed on Wednesday").
    event_days = [
        v.event_days or frozenset(d for k in members[sentence_of[i]] for d in views[k].event_days)
        for i, v in enumerate(views)
    ]
    names = _names_by_article(views)
    places: dict[str, set[str]] = {}
    for v in views:
        places.setdefault(v.claim.article, set()).update(p.casefold() for p in v.places)
    contexts = _sentence_similarity(alignment.similarity, list(members.values()))
    published = {a: calendar_days([p[:10]]) if p else frozenset() for a, p in (published_of or {}).items()}
    for i, j in itertools.combinations(range(len(views)), 2):
        a, b = views[i], views[j]
        if label_of[a.claim.article] == label_of[b.claim.article]:
            continue
        similarity = float(alignment.similarity[i, j])
        context = float(contexts[i, j])
        apart = days_apart(
            published.get(a.claim.article, frozenset()), published.get(b.claim.article, frozenset())
        )
        # Weeks apart, a denial and an assertion of one undated thing are a state that changed: the Sun's
        # "Sony hasn't confirmed exactly what new goodies are being added" (16 January) against the
        # features Sony announced by 6 February, not two accounts at odds.
        updated = apart and not (event_days[i] & event_days[j])
        negation = None if updated else _negation_conflict(a, b, similarity, context)
        if negation:
            word, overlap = negation
            summary = (
                f"{label_of[a.claim.article]} and {label_of[b.claim.article]} disagree about "
                f"“{word}”: one reports it, the other says it was not so."
            )
            confidence = round(min(0.95, 0.5 + 0.1 * overlap + 0.3 * max(similarity, 0.0)), 2)
            found.append(_conflict("negation", summary, (_side(a), _side(b)), confidence))
        # Another event's count is not this one's; two outlets recalling one earlier figure
        # ("at the end of 2016, $31.2 billion" / "$32.6 billion") still disagree about it.
        one_event = _one_event(i, j, elsewhere)
        if similarity >= MIN_MEASURE_SIMILARITY and one_event:
            measured.extend(_measure_conflicts(i, j, views, similarity, published_apart=apart))
        if context >= UNIQUE_BELOW and one_event:
            found.extend(_dated_measure_conflicts(a, b, (event_days[i], event_days[j]), context, label_of))
        if similarity >= SHARED_MUTUAL and one_event:
            found.extend(_value_conflicts(a, b, similarity, label_of, counted=bool(_kinds(a) & _kinds(b))))
        for item in _name_conflicts(a, b, similarity, names, label_of):
            if isinstance(item, _Spelling):
                spellings.append(item)
            else:
                found.append(item)
        spellings.extend(_place_conflicts(a, b, similarity, places))
    given = _given(views, label_of, elsewhere)
    found.extend(
        _number_findings(
            _between_outlets(measured, views, label_of, given), views, label_of, published_of or {}, given
        )
    )
    found.extend(_spelling_findings(spellings, label_of))
    found.extend(_attribution_conflicts(misattributed, label_of, bodies))
    found.extend(_role_conflicts(quotes, views, label_of, bodies, docs or {}))
    return _distinct(sorted(found, key=lambda f: -f.confidence))


def _kinds(v: ClaimView) -> set[tuple[str, str]]:
    """What the claim measures, the injured of every severity as the injured: a claim's "four seriously
    injured" and another's "25 injured" are measures of one kind, so their bare counts are not compared."""
    return {(what.split()[-1] if what.split()[0] in SEVERITY else what, of) for what, of in v.measures}


def _one_event(i: int, j: int, elsewhere: Mapping[int, str | None]) -> bool:
    """Both claims tell of the story's event, or both of one earlier time ("at the end of 2016")."""
    if i not in elsewhere and j not in elsewhere:
        return True
    return i in elsewhere and j in elsewhere and elsewhere[i] is not None and elsewhere[i] == elsewhere[j]


def _sentence_similarity(similarity: Any, sentences: Sequence[list[int]]) -> Any:
    """For two claims, the best cosine between any claim of the one's sentence and any of the other's."""
    rows = np.array(similarity, dtype=np.float32, copy=True)
    for members in sentences:
        rows[members, :] = rows[members, :].max(axis=0)
    for members in sentences:
        rows[:, members] = rows[:, members].max(axis=1, keepdims=True)
    return rows


def _distinct(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per disagreement: the same date or name conflict is seen from several claim pairs."""
    seen: set[tuple[str | None, str]] = set()
    kept = []
    for f in findings:
        key = (f.conflict_type, f.text)
        if f.conflict_type in {"date", "name"} and key in seen:
            continue
        seen.add(key)
        kept.append(f)
    return kept


def _dated_measure_conflicts(
    a: ClaimView,
    b: ClaimView,
    days: tuple[frozenset[str], frozenset[str]],
    similarity: float,
    label_of: dict[str, str],
) -> list[Finding]:
    """The same count of the same thing ("at least seven people were killed") set on two different days.

    Two events on two days rarely share their toll, so an agreeing count ties the claims to one event,
    even when they are worded too differently to align; the days are those of what happened, never of
    when it was reported ("police said Wednesday").
    """
    days_a, days_b = days
    if not days_a or not days_b or days_a & days_b or _weeks_apart(days_a, days_b):
        return []
    same = [
        key
        for key in set(a.measures) & set(b.measures)
        if (a.measures[key].low, a.measures[key].high) == (b.measures[key].low, b.measures[key].high)
        and key[0] != "age"  # a person's age is the same all week ("McCarthy, 49,"): it ties no event
    ]
    if not same:
        return []
    summary = (
        f"{label_of[a.claim.article]} dates it {', '.join(sorted(days_a))}, "
        f"{label_of[b.claim.article]} {', '.join(sorted(days_b))}."
    )
    return [_conflict("date", summary, (_side(a), _side(b)), round(min(0.9, similarity), 2))]


@dataclass(frozen=True)
class _Names:
    """The people an article names: their entities, and how it spells each one's family name."""

    entities: set[str] = field(default_factory=set)
    families: dict[str, set[str]] = field(default_factory=dict)


def _names_by_article(views: Sequence[ClaimView]) -> dict[str, _Names]:
    names: dict[str, _Names] = {}
    for v in views:
        article = names.setdefault(v.claim.article, _Names())
        for p in v.persons:
            article.entities.add(p.entity)
            article.families.setdefault(p.entity, set()).add(p.family)
    return names


def _one_name(x: Person, y: Person) -> bool:
    """The same name written two ways: "Kim Jong-un" / "Kim Jong Un" (one order when either shows it)."""
    if "".join(x.tokens).replace("-", "") == "".join(y.tokens).replace("-", ""):
        return True
    if set(x.tokens) <= set(y.tokens) or set(y.tokens) <= set(x.tokens):
        return True  # a middle name, a suffix, a credit stuck to the name ("Matt Slocum/AP")
    if x.east_asian or y.east_asian:
        return _same_family(x.tokens[0], y.tokens[0])
    return _same_family(x.family, y.family)


def _same_family(x: str, y: str) -> bool:
    """One family name: "Lahouaiej-Bouhlel", "Lahouaiej Bouhlel" and "Bouhlel" are one; "Rait" and
    "Raite" are not."""
    parts_x, parts_y = set(re.split(r"[- ]", x)), set(re.split(r"[- ]", y))
    return x.replace("-", "") == y.replace("-", "") or parts_x <= parts_y or parts_y <= parts_x


def _name_conflicts(
    a: ClaimView, b: ClaimView, similarity: float, names: dict[str, _Names], label_of: dict[str, str]
) -> list[Finding | _Spelling]:
    """Two outlets naming one place of the story differently.

    - one person (the entities merged them) whose family name the two outlets spell differently, each
      keeping to its own spelling ("Duncan Rait" / "Duncan Raite"); a given name may vary ("Tony" /
      "Antony", "Seok-yeol" / "Suk-yeol" after the family name "Yoon"), a compound family name may be
      shortened ("Lahouaiej-Bouhlel" / "Bouhlel");
    - two people with one given name and two family names ("Scott Russell" / "Scott Rustin"), each
      unknown to the other outlet, said to be the same thing: at least MIN_SLOT_OVERLAP words of title,
      apposition, age and verb in common ("police chief … 46 … was injured").
    """
    found: list[Finding | _Spelling] = []
    first, second = label_of[a.claim.article], label_of[b.claim.article]
    known_a, known_b = names[a.claim.article], names[b.claim.article]
    for pa in a.persons:
        for pb in b.persons:
            if len(pa.tokens) < 2 or len(pb.tokens) < 2 or _one_name(pa, pb):
                continue
            overlap = pa.slot & pb.slot
            if pa.entity and pa.entity == pb.entity:
                if known_a.families[pa.entity] & known_b.families[pb.entity]:
                    continue  # one outlet also writes the other's spelling
                # A name a letter apart is a spelling wherever it stands ("reporter Bob Woodward" in
                # one fact, "Bob Woodard's anonymous source" in another); a name further apart only in
                # claims that say the same thing, or give it the same place
                close = similarity >= SHARED_MUTUAL or len(overlap) >= MIN_SLOT_OVERLAP
                if not close and not _spelled_apart(pa.family, pb.family):
                    continue
                confidence = round(min(0.8, 0.4 + 0.4 * similarity), 2)
                found.append(_Spelling("name", ((pa.text, _side(a)), (pb.text, _side(b))), confidence))
                continue
            else:
                if (
                    pa.tokens[0] != pb.tokens[0]
                    or pa.entity in known_b.entities
                    or pb.entity in known_a.entities
                ):
                    continue
                if len(overlap) < MIN_SLOT_OVERLAP or similarity < MIN_MEASURE_SIMILARITY:
                    continue
                summary = (
                    f"{first} names “{pa.text}”, {second} “{pb.text}”, for the same part in the story "
                    f"({', '.join(sorted(overlap))})."
                )
                confidence = round(min(0.85, 0.45 + 0.1 * len(overlap)), 2)
            found.append(_conflict("name", summary, (_side(a), _side(b)), confidence))
    return found


FAMILY_SPELLING = (
    0.85  # "Woodward" / "Woodard" is 0.93, "Priebus" / "Preibus" 0.86; "Russell" / "Rustin" 0.46
)


def _spelled_apart(x: str, y: str) -> bool:
    """One family name spelled a letter apart: "Woodward" / "Woodard", not "Russell" / "Rustin"."""
    if min(len(x), len(y)) < 4 or x == y:
        return False
    return difflib.SequenceMatcher(a=x, b=y).ratio() >= FAMILY_SPELLING


PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_SPELLING = 0.8  # one word of the name spelled apart: "Shettleston" / "Shettlestone" is 0.96


def _place_conflicts(
    a: ClaimView, b: ClaimView, similarity: float, places: dict[str, set[str]]
) -> list[_Spelling]:
    """One place of one fact spelled apart ("a tram caught fire in Shettleston Road" / "… in
    Shettlestone Road"): names of as many words, one of them spelled a letter or two apart, in claims
    aligned as the same fact, each outlet keeping to its spelling. A plural, a case or a hyphen is not
    a spelling ("Qeshm island" / "Qeshm Island")."""
    if similarity < SHARED_MUTUAL:
        return []
    found = []
    for pa in a.places:
        for pb in b.places:
            if pb.casefold() in places[a.claim.article] or pa.casefold() in places[b.claim.article]:
                continue
            apart = [
                (x, y)
                for x, y in zip(pa.split(), pb.split(), strict=False)
                if x.casefold().replace("-", "") != y.casefold().replace("-", "")
            ]
            # The words that agree anchor one place ("… Road"); a one-word name spelled apart is as
            # often a transliteration ("Odesa" / "Odessa", "Mazar-i-Sharif" / "Mazar-e-Sharif").
            if len(pa.split()) != len(pb.split()) or len(pa.split()) < 2 or len(apart) != 1:
                continue
            x, y = apart[0]
            if min(len(x), len(y)) < 4 or x.rstrip("s'") == y.rstrip("s'"):
                continue
            if difflib.SequenceMatcher(a=x.casefold(), b=y.casefold()).ratio() < PLACE_SPELLING:
                continue
            confidence = round(min(0.7, 0.4 + 0.3 * similarity), 2)
            found.append(_Spelling("place", ((pa, _side(a)), (pb, _side(b))), confidence))
    return found


@dataclass(frozen=True)
class _Spelling:
    """Two outlets writing one name two ways: (spelling, side) for each."""

    what: str  # "name" (a person's) or "place"
    written: tuple[tuple[str, Side], tuple[str, Side]]
    confidence: float


def _spelling_findings(spellings: Sequence[_Spelling], label_of: dict[str, str]) -> list[Finding]:
    """One finding per name and its spellings, each outlet's a side: the Daily Mail and the Sun writing
    "Anna Raffaella" and USA Today "Anna Raffaela" is one disagreement, not two."""
    by_name: dict[tuple[str, frozenset[str]], list[_Spelling]] = {}
    for s in spellings:
        key = (s.what, frozenset(text for text, _ in s.written))
        by_name.setdefault(key, []).append(s)
    found = []
    for (what, _), members in by_name.items():
        sides: dict[tuple[str, str], tuple[str, Side]] = {}
        for text, side in (w for s in members for w in s.written):
            sides.setdefault((text, side.article), (text, side))
        ordered = sorted(sides.values(), key=lambda ts: (ts[0], label_of[ts[1].article]))
        noun = "the name" if what == "name" else "the place"
        if len(ordered) == 2:
            (x, one), (y, other) = ordered
            verb = "spells" if what == "name" else "writes"
            summary = f"{label_of[one.article]} {verb} {noun} “{x}”, {label_of[other.article]} “{y}”."
        else:
            outlets = _outlets_by_value(ordered, label_of)
            written = "; ".join(f"“{text}” ({', '.join(names)})" for text, names in outlets.items())
            summary = f"Outlets write {noun} differently: {written}."
        confidence = max(s.confidence for s in members)
        found.append(_many_sided("name", summary, [side for _, side in ordered], label_of, confidence))
    return found


@dataclass(frozen=True)
class _Disagreement:
    """Two claims measuring one thing with values that cannot both hold (views' indices)."""

    key: tuple[str, str]
    first: int
    second: int
    confidence: float


Given = dict[tuple[str, tuple[str, str]], set[tuple[float, float]]]


def _given(
    views: Sequence[ClaimView], label_of: dict[str, str], elsewhere: Mapping[int, str | None]
) -> Given:
    """The figures each outlet gives for each thing measured, in claims about the story (a "3-year-old
    boy" of a fall at another zoo in 1996 is no second age of this story's boy). A count of the injured at
    one severity gives that many injured at least, so it gives the plain count too ("two people suffered
    minor injuries")."""
    given: Given = {}
    for i, v in enumerate(views):
        if i in elsewhere:
            continue
        for key, m in v.measures.items():
            for said in {key, _ungraded(key)}:
                given.setdefault((label_of[v.claim.article], said), set()).add((m.low, m.high))
    return given


def _gives(given: Given, outlet: str, key: tuple[str, str], m: Measure) -> bool:
    return (m.low, m.high) in given.get((outlet, key), set())


def _between_outlets(
    measured: Sequence[_Disagreement], views: Sequence[ClaimView], label_of: dict[str, str], given: Given
) -> list[_Disagreement]:
    """Disagreements that set one outlet against another: not when each outlet itself gives both figures
    (the BBC and the Mail each call the boy in the well both five and six years old)."""

    def gives(view: ClaimView, key: tuple[str, str], other: ClaimView) -> bool:
        return _gives(given, label_of[view.claim.article], key, other.measures[key])

    return [
        d
        for d in measured
        if not (
            gives(views[d.first], d.key, views[d.second]) and gives(views[d.second], d.key, views[d.first])
        )
    ]


def _ungraded(key: tuple[str, str]) -> tuple[str, str]:
    """("slightly injured", "people") → ("injured", "people")."""
    what, of = key
    words = what.split()
    return (" ".join(words[1:]), of) if len(words) > 1 and words[0] in SEVERITY else key


# What a physical measure keys: a length, mass, volume or speed with the verb of what happened, a size, a
# quake's magnitude. Each is of one happening (a fall, a flight, a quake), where a count may run on.
HAPPENING_MEASURES = frozenset({dimension for dimension, _ in UNITS.values()} | {"size", "quake"})


def _measure_conflicts(
    i: int, j: int, views: Sequence[ClaimView], similarity: float, *, published_apart: bool = False
) -> list[_Disagreement]:
    """The same thing measured with values that cannot both hold; weaker evidence when less similar.

    ``published_apart``: the two articles came out over two weeks apart (``align.SAME_FACT_DAYS``). A
    happening's measure that neither claim dates may then be two happenings': HuffPost's "the latest
    missile fell into the sea 1,180 km … east of Cape Erimo" (28 August) and NPR's "fell into the ocean
    2,000 kilometers east of Cape Erimo" (14 September) are two launches. A count (the displaced, the
    dead) is still compared: a figure restated months on is one figure, updated or not."""
    a, b = views[i], views[j]
    if a.days and b.days and not (a.days & b.days):
        return []  # two days, two events: the dead of Monday's blast are not Tuesday's
    found = []
    for key in sorted(set(a.measures) & set(b.measures)):
        if published_apart and key[1] in HAPPENING_MEASURES and not (a.days or b.days):
            continue
        if key[1] == "count" and key[0].startswith("of the") and similarity < SHARED_MUTUAL:
            continue  # "nine of the dead" and "five of the dead" are two parts unless one fact is told
        x, y = a.measures[key], b.measures[key]
        if (
            not key[0].startswith("money")
            and x.who
            and y.who
            and x.who != y.who
            and not _spelled_apart(x.who, y.who)
        ):
            continue  # two people's falls: "Rait fell 200ft" / "Buckley fell 600m"
        money = key[0].startswith("money")
        if money and x.who and y.who and not _same_owner(x.who, y.who):
            continue  # Goldman's "$5 billion hit" is not Citigroup's "hit of as much as $20 billion"
        if money and not (x.who and y.who) and (_owner_unmatched(x, b) or _owner_unmatched(y, a)):
            continue  # Bank of America's "$3 billion charge" is not "the bank" Citigroup's CFO spoke of
        if _different(x, y):
            continue  # "22 ambulance crews" / "four fire and rescue crews"; people treated / badly hurt
        if _part_within(x, y):
            continue  # "two female gorillas" were among "three gorillas"
        if x.excludes(y):
            found.append(_Disagreement(key, i, j, round(min(0.9, 0.5 + 0.5 * similarity), 2)))
    # An amount keyed by its noun and by what a verb did to it ("offer", "object of make") is one
    # disagreement: the verb's key only ties claims that name the thing two ways.
    named = {d.key[0] for d in found if not d.key[1].startswith("object of ")}
    return [d for d in found if not (d.key[1].startswith("object of ") and d.key[0] in named)]


def _number_findings(
    disagreements: Sequence[_Disagreement],
    views: Sequence[ClaimView],
    label_of: dict[str, str],
    published_of: dict[str, str | None],
    given: Given | None = None,
) -> list[Finding]:
    """One finding per thing measured and the claims that disagree on it, every figure a side: a toll
    given as 77, 80 and "at least 84" by a story's outlets is one disagreement, not three pairs of them.
    An outlet that gives the other side's figure too says so: the Straits Times reports two people with
    minor injuries and quotes the organiser's "no one was injured"; CTV gives two."""
    found = []
    for key, members in _components(disagreements, len(views)):
        confidence = max(d.confidence for d in members)
        claims = sorted({k for d in members for k in (d.first, d.second)})
        measured = _figure_sides(key, claims, views, published_of)
        sides = [(text, side) for text, side, _ in measured]
        what = _measure_name(key)
        both = _also_given(key, claims, views, label_of, given or {})
        if len(sides) == 2:
            (x, first), (y, second) = sides
            x, y = _figure_words(x), _figure_words(y)
            kind = _shared_kind(key, measured)
            figure = f"{what} {x}" if what.endswith(" of") else f"{x} {kind}{_counted(what, x)}"
            also_x = " and also " + y if label_of[first.article] in both else ""
            also_y = " and also " + x if label_of[second.article] in both else ""
            summary = (
                f"{label_of[first.article]} gives {figure}{also_x}, "
                f"{label_of[second.article]} gives {y}{also_y}."
            )
        else:
            figures = _figures(measured, label_of)
            named = _shared_kind(key, measured) + what.removesuffix(" of").strip("()")
            summary = f"Accounts differ on {named}: {figures}."
        if _rising(key, claims, views, published_of) and not both:
            summary += " In order of publication the figure rises, as a toll updated over time does."
            confidence = round(confidence * RISING_CONFIDENCE, 2)
        elif _updated_within(sides):
            summary += (
                " One article itself gives more than one figure, as a toll updated over time does."
                if key[0] in RUNNING_TOLLS
                else " One article itself gives more than one figure: they may not all measure one thing."
            )
            confidence = round(confidence * RISING_CONFIDENCE, 2)
        elif both:  # the summary says it: "gives 0 people injured and also two"
            confidence = round(confidence * RISING_CONFIDENCE, 2)
        found.append(_many_sided("number", summary, [side for _, side in sides], label_of, confidence))
    return found


def _also_given(
    key: tuple[str, str],
    claims: Sequence[int],
    views: Sequence[ClaimView],
    label_of: dict[str, str],
    given: Given,
) -> set[str]:
    """The outlets that give, somewhere in the story, a figure another outlet's side gives."""
    figures = {(label_of[views[k].claim.article], views[k].measures[key]) for k in claims}
    values = {(outlet, m.low, m.high) for outlet, m in figures}
    return {
        outlet
        for outlet, _ in figures
        for other, m in figures
        if other != outlet and (outlet, m.low, m.high) not in values and _gives(given, outlet, key, m)
    }


def _many_sided(
    kind: str, summary: str, sides: Sequence[Side], label_of: dict[str, str], confidence: float
) -> Finding:
    """A conflict of two or more sides (a figure or a spelling each), its outlets counted once."""
    citations = tuple(c for side in sides for c in side.citations)
    outlets = len({label_of[side.article] for side in sides})
    return Finding(
        "conflict",
        summary,
        citations,
        sides=tuple(sides),
        conflict_type=kind,
        outlets=outlets,
        confidence=confidence,
    )


@dataclass
class _Figure:
    """Figures that all agree, as one entry of a summary: "4" and "four"; or one outlet's "40 metres" and
    "130 feet" (a Daily Mail story each: 40 m is 131 ft)."""

    measures: list[Measure]
    texts: list[str]
    outlets: list[str]

    def takes(self, measure: Measure, outlet: str) -> bool:
        if any(m.excludes(measure) for m in self.measures):
            return False
        return outlet in self.outlets or all(
            (m.low, m.high) == (measure.low, measure.high) for m in self.measures
        )


def _figures(sides: Sequence[tuple[str, Side, Measure]], label_of: dict[str, str]) -> str:
    """Each figure once, with the outlets that give it: "77 (CNN, China Daily); at least 84 (NYT)". The
    same value written two ways is one figure, as are the figures one outlet gives that can all hold."""
    figures: list[_Figure] = []
    for text, side, measure in sides:
        outlet = label_of[side.article]
        figure = next((f for f in figures if f.takes(measure, outlet)), None)
        if figure is None:
            figures.append(_Figure([measure], [text.casefold()], [outlet]))
            continue
        if all((m.low, m.high) != (measure.low, measure.high) for m in figure.measures):
            figure.texts.append(text.casefold())
        figure.measures.append(measure)
        if outlet not in figure.outlets:
            figure.outlets.append(outlet)
    return "; ".join(f"{' / '.join(f.texts)} ({', '.join(f.outlets)})" for f in figures)


def _outlets_by_value(
    sides: Sequence[tuple[str, Side]], label_of: dict[str, str], key: Callable[[str], str] = str
) -> dict[str, list[str]]:
    """Each value (a figure, a spelling) once, in order, with the outlets giving it, each outlet once."""
    outlets: dict[str, list[str]] = {}
    for text, side in sides:
        named = outlets.setdefault(key(text), [])
        if label_of[side.article] not in named:
            named.append(label_of[side.article])
    return outlets


def _updated_within(sides: Sequence[tuple[str, Side]]) -> bool:
    """An article that gives two figures for one count tells of its change ("the toll grew through the
    night, with Hollande saying 77 … Cazeneuve said 80")."""
    articles = [side.article for _, side in sides]
    return len(set(articles)) < len(articles)


def _components(
    disagreements: Sequence[_Disagreement], size: int
) -> list[tuple[tuple[str, str], list[_Disagreement]]]:
    """Disagreements on one thing measured, joined where they share a claim (of ``size`` claims)."""
    out: list[tuple[tuple[str, str], list[_Disagreement]]] = []
    for key in sorted({d.key for d in disagreements}):
        on_key = [d for d in disagreements if d.key == key]
        for claims in components(size, [(d.first, d.second) for d in on_key]):
            joined = set(claims)
            out.append((key, [d for d in on_key if d.first in joined]))
    return out


def _figure_sides(
    key: tuple[str, str],
    claims: Sequence[int],
    views: Sequence[ClaimView],
    published_of: dict[str, str | None],
) -> list[tuple[str, Side, Measure]]:
    """A side for each article and figure, in order of publication (then of the figure), with its measure.
    Figures of one article that can both hold ("about 40 metres", "130 feet") are one side: the article
    gives one figure."""
    by_figure: dict[tuple[str, float, float], list[ClaimView]] = {}
    for k in sorted(claims, key=lambda k: (views[k].measures[key].low, views[k].claim.start)):
        v, m = views[k], views[k].measures[key]
        held = next(
            (
                f
                for f, vs in by_figure.items()
                if f[0] == v.claim.article and not vs[0].measures[key].excludes(m)
            ),
            (v.claim.article, m.low, m.high),
        )
        by_figure.setdefault(held, []).append(v)
    sides = []
    for (article, low, _), members in by_figure.items():
        first = min(members, key=lambda v: v.claim.start)
        citations = tuple(
            Span(article, v.claim.start, v.claim.end) for v in sorted(members, key=lambda v: v.claim.start)
        )
        sides.append(
            (
                (published_of.get(article) or "", low, first.claim.start),
                first.measures[key],
                Side(article, first.text, citations),
            )
        )
    return [(measure.text, side, measure) for _, measure, side in sorted(sides, key=lambda s: s[0])]


def _rising(
    key: tuple[str, str],
    claims: Sequence[int],
    views: Sequence[ClaimView],
    published_of: dict[str, str | None],
) -> bool:
    """The figures of a count grow with the time each article was published: an updated toll."""
    if key[0] not in RUNNING_TOLLS:
        return False
    times = [(published_of.get(views[k].claim.article), views[k].measures[key]) for k in claims]
    if any(not t for t, _ in times) or len({t for t, _ in times}) < 2:
        return False
    ordered = sorted(times, key=lambda pair: (str(pair[0]), pair[1].low))
    return all(x.low <= y.low for (_, x), (_, y) in itertools.pairwise(ordered))


ZERO_WORDS = frozenset({"no one", "nobody", "none", "no", "zero"})
UNINFLECTED = frozenset({"people", "police", "staff", "personnel", "aircraft", "crew", "sheep", "fish"})


def _figure_words(text: str) -> str:
    """A figure as a summary can set before its noun: "no one" injured is "0" (not "no one people")."""
    return "0" if text.casefold() in ZERO_WORDS else text


def _shared_kind(key: tuple[str, str], measured: Sequence[tuple[str, Side, Measure]]) -> str:
    """The modifiers of a counted noun every side gives (``_kind_words``); "" for a figure not a count."""
    if key[1] != "count" or not measured:
        return ""
    return _kind_words([m for _, _, m in measured], measured[0][1].text)


def _kind_words(measures: Sequence[Measure], text: str) -> str:
    """The modifiers of a counted noun every measure gives, as ``text`` writes them, with a space after:
    "rescue " of "five fire rescue units" and "four rescue units" (the thirteenth audit's reader: "five
    units" says not what was counted); "" where they share none."""
    common = frozenset.intersection(*(m.kind for m in measures)) if measures else frozenset()
    lowered = text.casefold()
    placed = [
        (m.start(), word) for word in common if word.isalpha() and (m := re.search(rf"\b{word}\b", lowered))
    ]
    return "".join(f"{word} " for _, word in sorted(placed))


def _counted(what: str, figure: str) -> str:
    """The counted noun in the figure's number: the lemma "unit" after "five" is "units"."""
    if " " in what or not what.isalpha() or not what.islower() or what in UNINFLECTED:
        return what
    if figure.casefold() in {"1", "one", "a", "an"} or what.endswith("s"):
        return what
    if what.endswith("y") and what[-2:-1] not in "aeiou":
        return what[:-1] + "ies"
    return what + ("es" if what.endswith(("sh", "ch", "x", "z")) else "s")


def _measure_name(key: tuple[str, str]) -> str:
    what, of = key
    if what.startswith("money"):
        verb = of.removeprefix("object of ")
        return f"for “{of}”" if verb == of else f"for what they “{verb}”"
    if what == "age":
        return "age of"
    if what == "magnitude":
        return "magnitude"
    if of == "count":
        return what
    if of == "size":
        return f"{what} of"
    if of in {"length", "mass", "volume"}:
        return f"({of} of “{what}”)"
    return f"{of} {what}"


def _value_conflicts(
    a: ClaimView, b: ClaimView, score: float, label_of: dict[str, str], counted: bool = False
) -> list[Finding]:
    """Numbers and days of two claims aligned as one fact; numbers only when no measure compared them
    (a measure knows that "at least 84" and "90" agree)."""
    found = []
    for thing in sorted(set(a.numbers) & set(b.numbers)) if not counted else ():
        x, y = a.numbers[thing], b.numbers[thing]
        if _different(x, y):
            continue  # "22 ambulance crews" / "four fire and rescue crews"; people treated / badly hurt
        if _part_within(x, y):
            continue  # "two female gorillas" were among "three gorillas"
        if x.excludes(y):
            kind = _kind_words((x, y), a.text)
            summary = (
                f"{label_of[a.claim.article]} gives {x.text} {kind}{_counted(thing, x.text)}, "
                f"{label_of[b.claim.article]} gives {y.text}."
            )
            found.append(_conflict("number", summary, (_side(a), _side(b)), round(score, 2)))
    # Meetings, speeches and votes recur: two similar claims on two days are most often two occurrences
    # (BASIL: "met on Thursday" / "met on Sunday", the week's second meeting). Only claims that say the
    # same thing nearly word for word date one fact two ways; a count on two days has its own rule.
    # And the days must date the same thing: "sent a bill to her desk Monday" / "announced her veto on
    # Wednesday" are two steps of one story, however alike the sentences.
    same_thing = bool(a.dated & b.dated)
    two_days = a.event_days and b.event_days and not (a.event_days & b.event_days)
    two_days = two_days and not _weeks_apart(a.event_days, b.event_days)
    if score >= DATE_SAME_FACT and two_days and same_thing:
        summary = (
            f"{label_of[a.claim.article]} dates it {', '.join(sorted(a.event_days))}, "
            f"{label_of[b.claim.article]} {', '.join(sorted(b.event_days))}."
        )
        found.append(_conflict("date", summary, (_side(a), _side(b)), round(score, 2)))
    return found


def _weeks_apart(a: frozenset[str], b: frozenset[str]) -> bool:
    """Days over two weeks apart date two occurrences, not one fact two ways: North Korea's launches of
    29 August and 15 September, the Security Council's meetings after each (``align.SAME_FACT_DAYS``;
    an outlet's wrong day is a day or a weekday off, as the hand-checked pairs have it)."""
    return days_apart(calendar_days(a), calendar_days(b))


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


# Sources anyone may be reported as: a mayor is an official, and speaks through a spokesman.
GENERIC_SOURCES = {
    "official", "officials", "authority", "authorities", "spokesman", "spokeswoman", "spokesperson",
    "source", "sources", "statement", "representative", "aide", "aides", "government", "office",
    "administration", "people", "person", "reports", "report", "media", "he", "she", "they", "it", "we",
    # what someone said, made the source by the parse: "His remarks followed … exploiting 'a vulnerability'"
    "remarks", "comments", "words", "statements", "claims", "posts", "tweets", "letters", "speeches",
}  # fmt: skip
GROUP_WORDS = {"both", "all", "each", "several", "many", *NUMBER_WORDS}
SOURCE_WORD = re.compile(r"[^\W\d_]+")
ARTICLES = {"the", "a", "an", "its", "their", "his", "her", "of", "and", "s"}


def _role_conflicts(
    quotes: Sequence[Quote],
    views: Sequence[ClaimView],
    label_of: dict[str, str],
    bodies: dict[str, str],
    docs: dict[str, Any],
) -> list[Finding]:
    """One statement quoted from a named person by one outlet and from a body by another, where the
    person's stated role has no word of that body: "London mayor Sadiq Khan" against "the transport
    police" (a police spokesman, "police chief Charles Craft" against "Troy police", or an unnamed
    "official" may be the same voice: no conflict)."""
    groups: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.group:
            groups.setdefault(q.group, []).append(q)
    found = []
    for members in groups.values():
        for qa, qb in itertools.combinations(members, 2):
            if label_of[qa.article] == label_of[qb.article]:
                continue
            for person, body in ((qa, qb), (qb, qa)):
                if not (person.speaker or "").startswith("person:") or body.speaker or body.source is None:
                    continue
                if not named_at_quote(person, (person.speaker_name or "").split(), bodies):
                    continue  # "the Obama campaign said": the outlet names a body, not the person
                written = SOURCE_WORD.findall(_text_of(body.source, bodies))
                words = {w.casefold() for w in written} - ARTICLES
                if not written or not written[-1].islower() or not _plural(body.source, docs):
                    continue  # "Craft", "Scotland Yard": a name left unresolved, maybe the person himself
                if not words or words & GENERIC_SOURCES:
                    continue
                role = _role_of(person, views)  # a pass over every claim: only for the pairs left
                if not role or role & words:
                    continue
                if words & GROUP_WORDS or any(w.isdigit() for w in words):
                    continue  # "the two ministers", "both leaders": a group the person may be one of
                if min(len(_text_of(q.content, bodies).split()) for q in (qa, qb)) <= SHORT_FRAGMENT:
                    continue  # "constructive role": a phrase, not evidence of who made the statement
                sides = (_quote_side(qa, bodies), _quote_side(qb, bodies))
                named = _text_of(person.source, bodies) if person.source else person.speaker_name
                summary = (
                    f"{label_of[person.article]} attributes this statement to {named}, "
                    f"{label_of[body.article]} to {_text_of(body.source, bodies)}."
                )
                found.append(_conflict("attribution", summary, sides, ROLE_CONFIDENCE))
                break
    return found


def _plural(span: Span, docs: dict[str, Any]) -> bool:
    """A body is named in the plural ("the transport police", "investigators"); a singular description
    ("the scientist", "the actress") is most often the quoted person again."""
    doc = docs.get(span.article)
    found = doc.char_span(span.start, span.end, alignment_mode="expand") if doc is not None else None
    return found is not None and found.root.tag_ in {"NNS", "NNPS"}


def _role_of(quote: Quote, views: Sequence[ClaimView]) -> frozenset[str]:
    """The title words an article gives the person it quotes ("mayor"), without verbs of saying."""
    source = quote.source
    if source is None:
        return frozenset()
    words: set[str] = set()
    for v in views:
        if v.claim.article != quote.article:
            continue
        for p in v.persons:
            if p.entity == quote.speaker:
                words |= {w for w in p.slot if w.isalpha() and w not in CUE_LEMMAS}
    return frozenset(words)


def _text_of(span: Span, bodies: dict[str, str]) -> str:
    return bodies[span.article][span.start : span.end]


def _quote_side(quote: Quote, bodies: dict[str, str]) -> Side:
    content = quote.content
    return Side(quote.article, _text_of(content, bodies), (content,))
