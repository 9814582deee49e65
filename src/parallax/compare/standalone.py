"""Whether a sentence stands alone, read from its parse: what the brief may state out of its article.

A brief line is read without the article around it, so its words must not point back at what the article
said before. The brief's text patterns (``brief.dangling``) catch a pronoun or a connective opening the
sentence; these need the parse, to tell an object from a subject and a description from a name:

- ``pronoun``: a pronoun object or possessive with nothing in the sentence it can stand for ("his" with
  no named or described subject after it either: "With his retirement …, there is a chance …"). "Samsung is
  expected to unveil them." (the Mail: the phones of the sentence before); "A Delta Air Lines spokesman
  referred to it only as stowaway." (the Post: the bird); "At least half-a-dozen cranes dot its
  picturesque, oceanfront skyline." (NPR: the city's). A clause's own subject is never what its object
  pronoun stands for ("Individuals have used them": not the individuals); a subject further up may be
  ("Teigen said the attendants told her …").
- ``description``: the subject is a thing named by a definite description alone, no name in it, that the
  story's titles do not name either: "The marketing scheme has already paid off" (the Mail), "Each stage
  has been given a name", "the heads of the main regulators wrote …" (the NYT), "The module's descent has
  caused a bit of concern …". "The satellite" of a story titled on Angola's first satellite, "the police"
  or "the company" a reader of the story knows. A nationality says of what kind, not which ("The Brazilian
  driver also said …").
- ``demonstrative``: "that" before a thing no clause of its own explains: "A victory in that effort would
  void the current opposition." (Bloomberg). "That day" is a time the story gives.

And two kinds of sentence that are no report at all, though they need nothing before them:

- ``fragment``: no finite verb: "Currently 6117 but still looking fragile." (ForexLive), "The small
  reverse flow of fluid behind the obstacle flowing upstream." (a spinner site's rewording).
- ``caption``: a photo's caption, in the present tense of a day gone by: "Rescue workers help an injured
  woman get into an ambulance on Thursday after a truck drove into a crowd …" (the Sun on Nice).

Blind audits of the Giveme5W1H briefs (``benchmarks/data/brief_audit2.jsonl``, ``brief_audit3.jsonl``)
read each of the examples above as leaning on context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.annotate.quote_marks import quotation_spans

OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Where a pronoun's own clause goes on above its word: a preposition's object ("referred to it"), a verb
# whose subject is its governor's ("Samsung is expected to unveil them"). A finite clause stops it.
SAME_CLAUSE_DEPS = frozenset({"prep", "pcomp", "pobj", "xcomp", "acomp", "dobj", "agent"})
SINGULAR_TAGS = frozenset({"NN", "NNP"})
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
DEFINITE = frozenset({"the", "this", "that", "these", "those", "each"})
# Bodies a story's reader knows without being told which: "The police said …", "The company said …"
KNOWN_BODIES = frozenset({
    "police", "government", "authority", "military", "army", "prosecutor", "investigator", "rescuer",
    "official", "court", "company", "firm", "ministry", "president", "minister", "agency",
    # one person to an office: "The Israeli premier is under investigation …" (i24) names Netanyahu
    "premier", "chancellor", "king", "queen",
})  # fmt: skip
# What agrees with each pronoun: "them" a plural or two things joined, "it"/"its" one thing, "him"/"her"
# a person (``_may_stand_for``).
PRONOUNS = {"them": "plural", "it": "singular", "its": "singular", "him": "person", "her": "person"}
# A clause's subject standing for someone the sentence does not name: one person, or several
# ("they" may stand for a body named in the singular: "The power company … said they really appreciated")
CLAUSE_SUBJECTS = {"he": "one person", "she": "one person", "they": "any"}
WORD = re.compile(r"[a-z]+")
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
# "that day", "that year": times the story gives, not things the sentence before named (``_points_back``)
TIME_NOUNS = frozenset({
    "time", "day", "week", "month", "year", "night", "morning", "afternoon", "evening", "moment", "point",
    "era", "period", "season", "decade", "hour", "minute", "weekend", "summer", "winter", "spring", "fall",
})  # fmt: skip
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


@dataclass(frozen=True)
class Leaning:
    """A sentence of an article that needs the sentences before it, why, and the word that makes it so."""

    start: int
    end: int
    why: str  # "pronoun", "description", "demonstrative", "fragment" or "caption"
    word: str = ""  # the pronoun ("it", "them"), the description's noun ("scheme") or the demonstrative's


def leaning_sentences(docs: Mapping[str, Any], titles: Iterable[str] = ()) -> dict[str, list[Leaning]]:
    """Per article id, its sentences that lean on what came before (see the module's docstring);
    ``titles``: the story's, whose words a reader knows before any line."""
    named = {_singular(w) for title in titles for w in WORD.findall(title.casefold())}
    found: dict[str, list[Leaning]] = {}
    for article, doc in docs.items():
        quoted = quotation_spans(doc.text)  # a quotation may open sentences before the one it ends in
        for sentence in doc.sents:
            leaning = _leaning(sentence, named, quoted)
            if leaning is not None:
                found.setdefault(article, []).append(leaning)
    return found


def _leaning(sentence: Any, named: set[str], quoted: Sequence[tuple[int, int]] = ()) -> Leaning | None:
    if not any(t.tag_ in FINITE_TAGS for t in sentence):
        return Leaning(sentence.start_char, sentence.end_char, "fragment")
    if _caption(sentence):
        return Leaning(sentence.start_char, sentence.end_char, "caption")
    for token in sentence:
        if token.lower_ in PRONOUNS and _unbound(token, sentence):
            return Leaning(*_line_of(sentence, token), "pronoun", token.lower_)
        if token.lower_ in CLAUSE_SUBJECTS and _unbound_subject(token, sentence, quoted):
            return Leaning(*_line_of(sentence, token), "pronoun", token.lower_)
        if token.lower_ == "his" and _unbound_his(token, sentence, quoted):
            return Leaning(*_line_of(sentence, token), "pronoun", token.lower_)
    demonstrative = next((t for t in sentence if _points_back(t)), None)
    if demonstrative is not None:
        word = demonstrative.head.lemma_.casefold()
        return Leaning(*_line_of(sentence, demonstrative), "demonstrative", word)
    for subject in (c for c in sentence.root.children if c.dep_ in {"nsubj", "nsubjpass"}):
        described = _described(subject)
        if described is not None and _singular(described.lemma_.casefold()) not in named:
            return Leaning(*_line_of(sentence, described), "description", described.lemma_.casefold())
    return None


def _line_of(sentence: Any, token: Any) -> tuple[int, int]:
    """The sentence's bounds, or those of its line holding the word where the parse ran two paragraphs
    into one sentence (the BBC's "… to victory last season⏎Jed Hoyer, one of Epstein's disciples, …": the
    first line's "he" says nothing of the second)."""
    start, end = int(sentence.start_char), int(sentence.end_char)
    text = sentence.doc.text
    before = text.rfind("\n", start, token.idx)
    after = text.find("\n", token.idx, end)
    return (before + 1 if before >= 0 else start), (after if after >= 0 else end)


def _described(subject: Any) -> Any | None:
    """The noun a subject names by description alone: the subject ("The marketing scheme"), or the thing
    whose it is ("The module's descent": the module); None when a name, a number or a clause says which."""
    if _bare_description(subject):
        return subject
    owners = [c for c in subject.children if c.dep_ == "poss" and c.pos_ == "NOUN"]
    if subject.pos_ == "NOUN" and owners and _bare_description(owners[0]):
        rest = [t for t in subject.subtree if t.i not in {o.i for o in owners[0].subtree}]
        return owners[0] if not _named_within(rest) else None
    return None


def _points_back(token: Any) -> bool:
    """ "that" before a noun that no clause of its own explains: "A victory in that effort would void the
    current opposition." (Bloomberg: which effort?). A time ("that day") is the story's own; "these" and
    "those" the brief's text rules read (``brief.BACK_REFERENCE``: "in those countries" may point back
    within the sentence)."""
    if token.lower_ != "that" or token.dep_ != "det" or token.head.pos_ != "NOUN":
        return False
    noun = token.head
    if noun.lemma_.casefold() in TIME_NOUNS or noun.i < token.i:
        return False
    return not any(c.dep_ in {"relcl", "acl", "prep"} for c in noun.children)


def _caption(sentence: Any) -> bool:
    """The main verb in the simple present ("help", "walks") and a weekday after "on": a picture's moment."""
    root = sentence.root
    if root.tag_ not in PRESENT_TAGS or any(c.dep_ in {"aux", "auxpass"} for c in root.children):
        return False
    return any(t.lower_ in WEEKDAYS and t.i > 0 and sentence.doc[t.i - 1].lower_ == "on" for t in sentence)


def _unbound(pronoun: Any, sentence: Any) -> bool:
    """A pronoun object or possessive with no word before it in the sentence that it can stand for."""
    possessive = pronoun.dep_ == "poss"
    if not possessive and pronoun.dep_ not in OBJECT_DEPS:
        return False  # a subject "it" opening a clause is often no reference at all ("it is likely …")
    if pronoun.lower_ == "her" and possessive:
        return False  # "her" is a person's: the text patterns (brief._unnamed_person) read those
    # A possessive may stand for its own clause's subject ("Apple moved its cash"); an object may not.
    own_subject = set() if possessive else _own_subject(pronoun)
    agree = PRONOUNS[pronoun.lower_]
    return not any(
        _may_stand_for(token, agree)
        for token in sentence
        if token.i < pronoun.i and token.i not in own_subject
    )


def _unbound_subject(pronoun: Any, sentence: Any, quoted: Sequence[tuple[int, int]]) -> bool:
    """A person's or a plural's pronoun, subject of a clause below the sentence's own verb, with no word
    before it that it can stand for: "Surviving relatives say he even sent a telegram …" (the BBC: the
    goat's owner, named sentences before). The sentence's own subject is the text patterns' to read
    (``brief.dangling``), and a speaker's words keep their pronouns."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.head.i == sentence.root.i:
        return False
    if any(s <= pronoun.idx < e for s, e in quoted):
        return False
    agree = CLAUSE_SUBJECTS[pronoun.lower_]
    # the noun a relative clause describes is not its subject ("Good thing he saved the receipt": not the
    # thing; "the man he saw": not the man)
    described = pronoun.head.head.i if pronoun.head.dep_ == "relcl" else -1
    return not any(
        _may_stand_for(token, agree) for token in sentence if token.i < pronoun.i and token.i != described
    )


def _unbound_his(pronoun: Any, sentence: Any, quoted: Sequence[tuple[int, int]]) -> bool:
    """ "His" with no one before it to stand for, nor a named or described subject after it: "With his
    retirement and the difficulties for Felipe Nasr …, there is a chance that …" (AP: Massa's, named
    before). "In his speech, Trump said …" names him next, as its subject; a speaker's words keep theirs."""
    if pronoun.dep_ != "poss" or any(s <= pronoun.idx < e for s, e in quoted):
        return False
    if any(_may_stand_for(t, "person") for t in sentence if t.i < pronoun.i):
        return False
    subjects = [c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > pronoun.i]
    # not the subject "his" is part of: "The news of his death shocked …" (whose?)
    outside = [s for s in subjects if pronoun.i not in {t.i for t in s.subtree}]
    return not any(s.pos_ in ("PROPN", "NOUN") for s in outside)


def _own_subject(token: Any) -> set[int]:
    """The words of the subject of the token's own clause: "Samsung" of "Samsung is expected to unveil
    them" (the subject of "expected", whose subject "unveil" shares), not "Teigen" of "Teigen said the
    attendants told her"."""
    node = token
    while True:
        node = node.head
        subjects = [c for c in node.children if c.dep_ in SUBJECT_DEPS]
        if subjects:
            return {t.i for s in subjects for t in s.subtree}
        if node.dep_ not in SAME_CLAUSE_DEPS or node.head.i == node.i:
            return set()


def _may_stand_for(token: Any, agree: str) -> bool:
    """A word before the pronoun it may stand for: a name for any pronoun, a noun of its number (any noun
    for "him" or "her": "the boy", "the officer")."""
    if token.pos_ == "PROPN":
        return True
    if token.pos_ != "NOUN" or token.dep_ in {"nummod", "quantmod", "npadvmod"}:
        return False  # a count's word is no thing: "half-a-dozen cranes"
    if agree == "plural":
        return token.tag_ in PLURAL_TAGS or any(c.dep_ == "conj" for c in token.children)
    return token.tag_ in SINGULAR_TAGS if agree in ("singular", "one person") else True


def _bare_description(subject: Any) -> bool:
    """A common noun with "the", "this" or "each" and no name, number or clause of its own to say which;
    "the use of video" says what it is of ("the heads of the main regulators" does not)."""
    if subject.pos_ != "NOUN" or subject.lemma_.casefold() in KNOWN_BODIES:
        return False
    children = list(subject.children)
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in children):
        return False
    if any(c.dep_ in {"relcl", "acl", "appos"} for c in children):
        return False  # "the man who …", "the company, Equifax, …" say which
    if any(_of_a_kind(c) for c in children):
        return False
    # a nationality says of what kind, not which: "The Brazilian driver also said …" (AP: which driver?)
    return not _named_within(t for t in subject.subtree if not _nationality(t))


def _of_a_kind(child: Any) -> bool:
    """An "of" whose object has no determiner names a kind ("of video"), not a thing told of before."""
    objects = [g for g in child.children if g.dep_ == "pobj"] if child.lower_ == "of" else []
    return any(not any(d.dep_ in {"det", "poss"} for d in o.children) for o in objects)


def _nationality(token: Any) -> bool:
    return bool(token.ent_type_ == "NORP" and token.dep_ == "amod")


def _named_within(tokens: Iterable[Any]) -> bool:
    return any(t.ent_type_ or t.pos_ in {"PROPN", "NUM"} for t in tokens)


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
