"""What a sentence can do without, read from its parse: the phrases a shared fact may be stated without.

A shared fact is stated in one outlet's words and cited to every outlet that says it. One outlet's rendering
often adds a detail the others do not give: an attribution ("…, according to BFMTV"), a time ("said
Wednesday"), a description ("Elon Musk, CEO of SpaceX and Tesla, said"), an aside (", which news agency
dpa reports was en route to the Netherlands,"), a further clause ("… and she live-tweeted the
developments"). Stated for all, that detail is one outlet's, not what they share (blind audits of the brief
read such lines as not supported). The brief leaves out the phrases no other cited rendering says
(``brief.without_unshared``); this module finds which phrases a sentence stays a sentence without:

- an adverbial prepositional phrase ("on Instagram", "at the start of the operation", "according to X",
  how long: "for several hours"), never an argument-like one ("of", "for", "to", "with", "about", …);
  under a noun only a place or a time ("the bridge near Duisburg"), under a verb with no object, a
  passive too, only a time or an account ("is based in Los Angeles" keeps its place), under "be" none
  ("was on the tram");
- a day or a time hung on a verb ("said Friday");
- a description between commas after a name ("Elon Musk, CEO of SpaceX and Tesla, said");
- a relative clause between commas ("The Swiss Crystal, which had 129 people on board, hit …");
- an adverbial clause opened by a conjunction of time, cause or concession ("… when it tipped over"), or
  a participle set off by a comma ("…, raining down rapid fire from the 32nd floor"), never a condition
  ("if", "unless");
- a verb joined by "and"/"but" with what follows it ("… were aboard and she live-tweeted the developments");
- the account a sentence ends on after what it reports ("…, police announced.", "…, CBS Boston reports.").

Nothing is cut from a negated verb ("had not reached a World Series since 1945" is untrue without its
time). Each comes as a ``Cut``: the phrase's own characters (whose words are checked against the other
renderings) and the characters to take out with it (its commas, its conjunction). Quotations are never
cut: someone's words stay as they said them.

One thing a sentence never does without is its verb: ``stated_verbs`` gives the verb each rendering
states, which a rendering cited beside it must carry too (``brief``: The Sun's "Michael Sheen and Sarah
Silverman joked they'd 'consciously uncoupled'" is not what HuffPost's "Sarah Silverman announced …"
says, nor is RT's "inspected" a vessel "seized").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from parallax.annotate.quote_marks import quotation_spans
from parallax.model import Span

# Prepositions opening an adjunct: where, when, how, by whose account. Others open an argument of their
# head ("calls for a task force", "charged with murder", "a rise in prices") or a comparison ("more than").
ADJUNCT_PREPOSITIONS = frozenset({
    "at", "in", "on", "near", "during", "after", "before", "since", "following", "according", "amid",
    "amidst", "despite", "within", "across", "outside", "inside", "throughout", "via", "around", "into",
    "onto", "toward", "towards", "against", "under", "over", "through", "beside", "behind", "below",
    "above", "including",
})  # fmt: skip
# Under a noun, a prepositional phrase often says which thing is meant ("a rise in prices"); only one
# naming a place or a time is read as an adjunct ("the bridge near Duisburg", "the attack on Sunday").
PLACE_TIME_ENTITIES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})
NOUN_ADJUNCT_PREPOSITIONS = frozenset(
    {"at", "in", "on", "near", "during", "after", "before", "outside", "inside"}
)
# Conjunctions opening an adverbial clause the sentence is true without; a condition is not one ("if").
ADVERBIAL_MARKERS = frozenset({
    "after", "before", "when", "while", "as", "because", "since", "although", "though", "once", "whereas",
})  # fmt: skip
RELATIVE_WORDS = frozenset({"which", "who", "whose", "whom", "where", "when"})
CLAUSE_JOINERS = frozenset({"and", "but"})
TIME_WORDS = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    "tonight", "tomorrow", "morning", "afternoon", "evening", "night",
})  # fmt: skip
# How long something lasted, after "for": an adjunct like a time ("closed for several hours")
DURATION_NOUNS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "night"})
CLOSING_PUNCTUATION = frozenset({".", "!", "?", ";", ":"})
# What may follow a description between commas and still describe the same name ("Bamford, 30, from Croydon,")
NOUN_MODIFIERS = frozenset({"prep", "appos", "acl", "relcl", "amod"})


@dataclass(frozen=True)
class Cut:
    """A phrase the sentence stays a sentence without: its words (``start``, ``end``), the characters that
    go with it (``cut_start``, ``cut_end``: its commas, its "and"). Offsets are the article body's."""

    start: int
    end: int
    cut_start: int
    cut_end: int
    capitalise: bool = False  # the phrase opened the sentence: the word after it opens it now
    description: bool = False  # a description of a name between commas ("Elon Musk, CEO of SpaceX, said")
    account: bool = False  # whose account it is ("…, according to BFMTV")


def optional_phrases(docs: Mapping[str, Any]) -> dict[str, tuple[Cut, ...]]:
    """Per article id, every phrase of its sentences that the sentence can be stated without (see the
    module's docstring), outside quotations."""
    found: dict[str, tuple[Cut, ...]] = {}
    for article, doc in docs.items():
        quoted = quotation_spans(doc.text)
        cuts = []
        for sentence in doc.sents:
            for cut in _cuts(sentence, doc):
                if not any(s < cut.cut_end and cut.cut_start < e for s, e in quoted):
                    cuts.append(cut)
        if cuts:
            found[article] = tuple(cuts)
    return found


@dataclass(frozen=True)
class StatedVerb:
    """The verb a rendering states: as written ("carried") and its lemma ("carry")."""

    word: str
    lemma: str


def stated_verbs(spans: Iterable[Span], docs: Mapping[str, Any]) -> dict[Span, StatedVerb]:
    """The verb each span states: its clause's head, and through a reporting verb what is reported ("The
    Taliban said it carried out the attack": "carried"). A span whose head is no verb, or is "be" or
    "have" (a description, not a deed), or an account with nothing reported inside the span states none
    and is left out."""
    verbs: dict[Span, StatedVerb] = {}
    for span in spans:
        doc = docs.get(span.article)
        words = doc.char_span(span.start, span.end, alignment_mode="expand") if doc is not None else None
        if words is None or not len(words):
            continue
        head = words.root
        if head.lemma_.casefold() in REPORTING_VERBS:  # the account is not the fact: what it reports is
            inside = range(words.start, words.end)
            reported = [c for c in head.children if c.dep_ in ("ccomp", "xcomp") and c.i in inside]
            if not reported:
                continue
            head = reported[0]
        if head.pos_ == "VERB" and head.lemma_.casefold() not in ("be", "have"):
            verbs[span] = StatedVerb(head.text, head.lemma_.casefold())
    return verbs


def _cuts(sentence: Any, doc: Any) -> Iterator[Cut]:
    account = _trailing_account(sentence, doc)
    if account is not None:
        yield account
    for token in sentence:
        if token.i == sentence.root.i:
            continue
        if _optional(token):
            cut = _cut_of(token, sentence, doc)
            if cut is not None:
                yield cut


def _optional(token: Any) -> bool:
    dep, head = token.dep_, token.head
    if any(c.dep_ == "neg" for c in head.children):
        return False  # "had not reached a World Series since 1945" is untrue without its time
    if dep == "prep":
        word = token.lower_
        if head.pos_ in ("VERB", "AUX") and head.lemma_ != "be" and (head.dep_ != "acl" or _has_object(head)):
            # a verb with no object may need its phrase ("passed through Japan's airspace", "descend on
            # Berlin's festivities"); then only a time or an account of it goes
            if word == "for":
                return _a_duration(token)  # how long, a time like "on Friday"
            return word in ADJUNCT_PREPOSITIONS and (_has_object(head) or _of_time(token))
        if head.pos_ in ("NOUN", "PROPN"):
            return word in NOUN_ADJUNCT_PREPOSITIONS and _names_place_or_time(token)
        return False
    if dep in ("npadvmod", "tmod"):
        # "said Friday", not "remarks released Monday": a participle after a noun keeps its time
        return head.pos_ in ("VERB", "AUX") and head.dep_ != "acl" and _time_word(token)
    if dep == "appos":  # a description of a name, not another name ("a spokesperson, Garba Shehu,")
        return head.pos_ == "PROPN" and not _a_name(token) and _between_commas(token)
    if dep == "relcl":
        first = next(iter(token.subtree))
        return first.lower_ in RELATIVE_WORDS and _between_commas(token)
    if dep == "advcl":
        # the parser marks "when" and "while" as the clause's adverb, not its marker ("… when it tipped over")
        first = next(iter(token.subtree))
        markers = [c for c in token.children if c.dep_ == "mark" or (c.dep_ == "advmod" and c.i == first.i)]
        if markers:
            return all(m.lower_ in ADVERBIAL_MARKERS for m in markers)
        return token.tag_ in ("VBG", "VBN") and _after_comma(token)
    if dep == "conj":
        return head.pos_ in ("VERB", "AUX") and token.pos_ in ("VERB", "AUX") and _joined(token) is not None
    return False


# Verbs of a source giving its account after what it says: "…, police announced.", "…, CBS Boston reports."
REPORTING_VERBS = frozenset({
    "say", "report", "announce", "tell", "add", "confirm", "state", "claim", "note", "write", "explain",
    "disclose", "reveal", "allege",
})  # fmt: skip


def _trailing_account(sentence: Any, doc: Any) -> Cut | None:
    """Whose account a sentence ends on, after what it reports and a comma: "A Louisiana man was arrested
    …, police announced." The reported clause opens the sentence and stays a sentence without it; a
    quotation's speaker is never cut (the mark before the comma's place: "“…,” Kim Jong Un said.")."""
    root = sentence.root
    if root.lemma_.lower() not in REPORTING_VERBS or any(c.dep_ == "neg" for c in root.children):
        return None
    reported = [c for c in root.children if c.dep_ == "ccomp" and c.i < root.i]
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < root.i]
    if len(reported) != 1 or len(subjects) != 1:
        return None
    clause, subject = reported[0], subjects[0]
    first, last = _span_tokens(clause)
    opener = next(iter(subject.subtree))
    comma = doc[opener.i - 1] if opener.i > sentence.start else None
    if first.i != sentence.start or comma is None or comma.text != "," or last.i + 1 != comma.i:
        return None
    words = [t for t in sentence if t.i > comma.i]
    while words and (words[-1].is_punct or words[-1].is_space):
        words.pop()  # the full stop, a line break the parse keeps in the sentence
    inside = {t.i for t in clause.subtree}
    if not words or any(t.i in inside or t.is_quote for t in words):
        return None  # the account runs into what it reports, or holds a quotation
    start, end = opener.idx, _end_of(doc, words[-1].i)
    return Cut(start, end, comma.idx, end, account=True)


# A passive's phrase may be what it needs ("is based in Los Angeles", "have only been detected within the
# Milky Way"): a passive has no object here.
OBJECT_DEPS = frozenset({"dobj", "ccomp", "xcomp", "attr", "acomp", "oprd", "dative"})
# Prepositions that place an event in time or give whose account it is, whatever the verb
TIME_PREPOSITIONS = frozenset({
    "according", "following", "after", "before", "during", "since", "amid", "amidst", "despite", "including",
})  # fmt: skip


def _has_object(verb: Any) -> bool:
    return any(c.dep_ in OBJECT_DEPS for c in verb.children)


def _of_time(preposition: Any) -> bool:
    return preposition.lower_ in TIME_PREPOSITIONS or any(_time_word(t) for t in preposition.subtree)


def _a_duration(preposition: Any) -> bool:
    """ "for" with how long: "was closed for several hours", "detained for two days" (not "for the first
    time", "for a reason")."""
    return any(g.dep_ == "pobj" and g.lemma_.casefold() in DURATION_NOUNS for g in preposition.children)


def _time_word(token: Any) -> bool:
    return token.ent_type_ in ("DATE", "TIME") or token.lower_ in TIME_WORDS


def _a_name(token: Any) -> bool:
    return all(t.pos_ == "PROPN" for t in token.subtree if not t.is_punct)


def _names_place_or_time(preposition: Any) -> bool:
    return any(t.ent_type_ in PLACE_TIME_ENTITIES for t in preposition.subtree if t.i != preposition.i)


def _span_tokens(token: Any) -> tuple[Any, Any]:
    """The first and last word of a token's phrase, punctuation at its ends left out."""
    words = [t for t in token.subtree]
    while len(words) > 1 and words[-1].is_punct:
        words.pop()
    while len(words) > 1 and words[0].is_punct:
        words.pop(0)
    return words[0], words[-1]


def _neighbours(token: Any) -> tuple[Any | None, Any | None]:
    first, last = _span_tokens(token)
    doc = token.doc
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return before, after


def _between_commas(token: Any) -> bool:
    before, after = _neighbours(token)
    return (
        before is not None
        and before.text == ","
        and (after is None or after.text == "," or after.text in CLOSING_PUNCTUATION)
    )


def _after_comma(token: Any) -> bool:
    before, _ = _neighbours(token)
    return before is not None and before.text == ","


def _joined(token: Any) -> Any | None:
    """The "and"/"but" joining a verb to the one before it, just before the joined verb's phrase."""
    first, _ = _span_tokens(token)
    if first.i == 0:
        return None
    word = token.doc[first.i - 1]
    return word if word.lower_ in CLAUSE_JOINERS and word.head.i == token.head.i else None


def _cut_of(token: Any, sentence: Any, doc: Any) -> Cut | None:
    cut = _bounds(token, sentence, doc)
    if cut is None:
        return None
    return replace(cut, description=token.dep_ == "appos", account=token.lower_ == "according")


def _bounds(token: Any, sentence: Any, doc: Any) -> Cut | None:
    first, last = _span_tokens(token)
    if (
        first.is_punct
        or first.i <= sentence.root.i <= last.i
        or last.i >= sentence.end
        or first.i < sentence.start
    ):
        return None  # the phrase holds the sentence's verb, or runs out of the sentence
    if not _closed(first, last, token, sentence):
        return None
    start, end = first.idx, last.idx + len(last.text)
    if token.dep_ == "conj":
        joiner = _joined(token)
        if joiner is None:
            return None
        begin = doc[joiner.i - 1] if joiner.i > sentence.start and doc[joiner.i - 1].text == "," else joiner
        return Cut(start, end, _end_of(doc, begin.i - 1), end)
    before = doc[first.i - 1] if first.i > sentence.start else None
    after = doc[last.i + 1] if last.i + 1 < sentence.end else None
    if before is not None and before.text == ",":
        if after is not None and after.text == ",":
            following = doc[after.i + 1] if after.i + 1 < sentence.end else None
            if (
                following is not None
                and following.head.i == token.head.i
                and following.dep_ in NOUN_MODIFIERS
            ):
                return Cut(start, end, before.idx, end)  # "Bamford, 30, from Croydon, was" keeps a comma
            return Cut(start, end, before.idx, after.idx + 1)  # "Musk, CEO of SpaceX, said" → "Musk said"
        if after is None or after.text in CLOSING_PUNCTUATION or after.is_quote:
            return Cut(start, end, before.idx, end)  # "…, according to BFMTV." → "…."
        return None
    if before is None:
        if after is not None and after.text == "," and _opens_subject(doc, after.i + 1, sentence):
            # "In 2015, a sting operation …" → "A sting operation …"
            return Cut(start, end, start, _start_of(doc, after.i + 1), capitalise=True)
        return None
    if after is not None and (after.text == "," or after.text in CLOSING_PUNCTUATION or after.is_quote):
        return Cut(start, end, _end_of(doc, first.i - 1), end)  # "said Friday." → "said."
    if after is not None and not after.is_punct:
        return Cut(start, end, _end_of(doc, first.i - 1), end)  # "said Friday on Instagram" → "said on …"
    return None


def _closed(first: Any, last: Any, token: Any, sentence: Any) -> bool:
    """Whether the sentence reads on without the phrase: no word outside it hangs on a word inside it
    (the parse may leave a clause of the phrase outside it: "under suspicions | that it transferred oil"),
    the word after it goes on from its head, not from inside it, and no quotation closes on its comma just
    before it ("… “almost brain dead,” at the start" would leave the comma before the full stop)."""
    inside = range(first.i, last.i + 1)
    if any(t.head.i in inside and t.i not in inside and not t.is_punct for t in sentence):
        return False
    doc = token.doc
    if first.i - 1 > sentence.start and doc[first.i - 1].is_quote and doc[first.i - 2].text in (",", "."):
        return False  # a quotation closing on its comma: cut after it, the comma would end the sentence
    after = doc[last.i + 1] if last.i + 1 < sentence.end else None
    return after is None or after.is_punct or after.i == token.head.i or _goes_on_from(after, token.head)


def _goes_on_from(word: Any, head: Any) -> bool:
    """Whether the word hangs on the head, or opens what a reporting verb reports ("said in its blog post |
    that the update will roll out"); not another verb's clause, which the parse may have hung there from
    inside the phrase ("seized a vessel under suspicions | that it transferred oil")."""
    if word.head.i == head.i:
        return True
    return head.lemma_.lower() in REPORTING_VERBS and any(
        c.dep_ == "ccomp" and next(iter(c.subtree)).i == word.i for c in head.children
    )


def _opens_subject(doc: Any, i: int, sentence: Any) -> bool:
    """Whether the word at ``i`` opens the subject of the sentence's verb: what is left still opens on
    its subject ("In 2015, a sting operation …", not "In 2013 Chang'e 3, deploying the Jade Rabbit …")."""
    if i >= sentence.end:
        return False
    subjects = [c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    return any(next(iter(s.subtree)).i == i for s in subjects)


def _end_of(doc: Any, i: int) -> int:
    return int(doc[i].idx) + len(doc[i].text)


def _start_of(doc: Any, i: int) -> int:
    return int(doc[i].idx) if i < len(doc) else len(doc.text)
