"""Sentences and clause-level claims: the units that compare aligns across articles.

A sentence may carry two facts ("X accused Y of Z during a visit, urging China to W"), so sentences are
cut where the parse shows an independent clause: a coordinated verb with its own subject, a participial
clause after a comma, or a semicolon. Not at a second "that …" clause (still what someone said) nor after
"or" (one of two possibilities holds neither alone). Pieces too short to state anything stay with their
neighbour.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from parallax.annotate.quote_marks import double_marks, quotation_spans
from parallax.annotate.quotes import CUE_LEMMAS, turn_text_start
from parallax.clean import ends_sentence
from parallax.model import Claim, Sentence

MIN_CLAIM_TOKENS = 5
CLAUSE_SUBJECTS = {"nsubj", "nsubjpass", "expl", "csubj"}
OPENERS, CLOSERS = "“([«", "”)]»"


def _unbalanced(text: str) -> bool:
    # A straight mark opens and closes alike: an odd number of them leaves a quotation open. A
    # typewriter double ('' or ``) is one mark, as quote_marks reads it: "He slipped away, '' she said."
    # closes its quotation (ECB+'s tokenised copy), where counting only " would join every sentence after.
    typographic = sum(text.count(c) for c in OPENERS) > sum(text.count(c) for c in CLOSERS)
    return typographic or double_marks(text).count('"') % 2 == 1


def _wordless(text: str) -> bool:
    """Nothing but marks: the closing quote spaCy sometimes splits off after a full stop."""
    return not any(ch.isalnum() for ch in text)


def sentences(article_id: str, doc: Any) -> list[Sentence]:
    """spaCy's sentences, cut at line breaks and rejoined where the model split inside quotes or brackets.
    A transcript turn's sentence starts after its speaker's label ("MONTAGNE: Take us …")."""
    body: str = doc.text
    found: list[Sentence] = []
    for sent in doc.sents:
        start = sent.start_char
        for part in sent.text.split("\n"):
            stripped = part.strip()
            at_line_start = start == 0 or body[start - 1] == "\n"
            if stripped and at_line_start and part.index(stripped) == 0:
                stripped = stripped[turn_text_start(stripped) :]
            if stripped:
                offset = start + part.index(stripped)
                found.append(Sentence(article_id, offset, offset + len(stripped)))
            start += len(part) + 1
    return _rejoin(body, found)


def _rejoin(body: str, found: list[Sentence]) -> list[Sentence]:
    joined: list[Sentence] = []
    for sentence in found:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and "\n" not in body[previous.end : sentence.start]
            and (
                _unbalanced(body[previous.start : previous.end])
                or _wordless(body[sentence.start : sentence.end])
            )
        ):
            joined[-1] = Sentence(previous.article, previous.start, sentence.end)
        elif not _wordless(body[sentence.start : sentence.end]):
            joined.append(sentence)
    return joined


def _clause_starts(sent: Any, quoted: list[tuple[int, int]]) -> list[int]:
    """Token indices (within the doc) where a new independent clause begins inside this sentence."""
    starts = set()
    for token in sent:
        if token.i == sent.start or any(s < token.idx < e for s, e in quoted):
            continue
        if (
            token.dep_ == "conj"
            and token.pos_ in {"VERB", "AUX"}
            and _has_subject(token)
            and not _marked(token)
            and not _alternative(token)
            and not _correlative(token)
            and _after_a_break(token.doc, token.left_edge.i)
        ):
            starts.add(token.left_edge.i)
        elif token.dep_ == "advcl" and token.tag_ == "VBG" and token.i > token.head.i:
            edge = token.left_edge.i
            if (
                edge > sent.start
                and token.doc[edge - 1].text == ","
                and _after_the_main_verb(token, quoted)
                and not _progressive(token)
            ):
                starts.add(edge)
        elif token.text == ";" and token.i + 1 < sent.end:
            starts.add(token.i + 1)
    return sorted(starts)


def _after_a_break(doc: Any, start: int) -> bool:
    """A coordinated clause follows a comma, a semicolon or its conjunction. One that would begin right
    after a word still waiting for its object was misparsed: "restored the lead by hitting | an RBI double
    and Miguel Montero singled home a run" (the Mail) left "… by hitting" as a fact of its own."""
    before = doc[start - 1] if start > 0 else None
    if (
        before is not None
        and before.dep_ == "cc"
        and start > 1
        and doc[start - 2].pos_ == doc[start].pos_ == "ADJ"
        and doc[start - 2].dep_ in {"pobj", "dobj", "amod", "nsubj"}  # a noun's, not a predicate ("dead")
    ):
        return False  # "after five past and present Missouri senators urged …": two adjectives joined (Fox)
    return (
        before is None
        or before.is_punct
        or before.text.endswith(".")  # a sentence end the parser read as an abbreviation's ("2 p.m.")
        # a heading run on into its paragraph: "Why North Korea wants nukes and missiles North Korea has …"
        or (before.pos_ in {"NOUN", "PROPN"} and doc[start].text[:1].isupper())
        or before.dep_ == "cc"
        or before.pos_ in {"CCONJ", "ADV"}
    )


def _after_the_main_verb(participle: Any, quoted: list[tuple[int, int]]) -> bool:
    """A trailing participle clause ("…, urging China to play a constructive role.") follows the sentence's
    main verb, or comes before its attribution only ("…, killing everyone on board, officials said."). One
    before the main verb ("When Fowler hit …, then danced backward, exhorting his teammates, he was …")
    sits inside the sentence, and cutting there parts the sentence's subject from its verb."""
    root = participle.sent.root  # the parser may root a sentence in the words it quotes: not its verb
    inside = any(s <= root.idx < e for s, e in quoted)
    return inside or root.i < participle.right_edge.i or root.lemma_.casefold() in CUE_LEMMAS


def _progressive(participle: Any) -> bool:
    """ "he was, by his jubilation, honoring …": the participle is the verb of "was", not a clause."""
    head = participle.head
    return head.lemma_ == "be" and not any(c.dep_ in {"attr", "acomp", "dobj"} for c in head.children)


def _has_subject(token: Any) -> bool:
    return any(child.dep_ in CLAUSE_SUBJECTS for child in token.children)


def _marked(token: Any) -> bool:
    """A conjoined clause opened by "that", "whether" or "because" is subordinate, not independent: in "Lewin
    said that William had ambitions and that his mother was passionate" the second is what Lewin said."""
    return any(child.dep_ == "mark" for child in token.children)


def _alternative(token: Any) -> bool:
    """A clause after "or" is one of two possibilities, and neither holds alone: "you must cancel it or
    you'll be charged a monthly fee" (the Sun) is not two facts."""
    before = token.doc[token.left_edge.i - 1] if token.left_edge.i > 0 else None
    return before is not None and before.lower_ in {"or", "nor"}


def _correlative(token: Any) -> bool:
    """The "but" half of "Not only will the rocket carry more …, but it will also do so at a third of the
    cost" (NPR): the first half alone is a fragment the brief stated as a fact."""
    head = token.head
    before = [t.lower_ for t in token.doc[head.left_edge.i : token.left_edge.i]]
    return "but" in before and any(a == "not" and b == "only" for a, b in itertools.pairwise(before))


def _trimmed(doc: Any, start: int, end: int) -> tuple[int, int] | None:
    """Token range without leading conjunctions and edge punctuation."""
    while start < end and (doc[start].dep_ == "cc" or (doc[start].is_punct and doc[start].text not in '“"‘')):
        start += 1
    while end > start and (
        doc[end - 1].dep_ == "cc" or (doc[end - 1].is_punct and doc[end - 1].text not in '”"’.?!')
    ):
        end -= 1
    return (start, end) if end > start else None


def _pieces(sent: Any, quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    bounds = [sent.start, *_clause_starts(sent, quoted), sent.end]
    pieces: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(bounds):
        if pieces and (
            end - start < MIN_CLAIM_TOKENS
            or pieces[-1][1] - pieces[-1][0] < MIN_CLAIM_TOKENS
            or (len(pieces) == 1 and not _finite(sent.doc[pieces[0][0] : pieces[0][1]]))
            or _absolute(sent.doc[start:end])
        ):
            pieces[-1] = (pieces[-1][0], end)
        else:
            pieces.append((start, end))
    return pieces


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite(tokens: Any) -> bool:
    """Whether a piece has a verb of its own tense (or an imperative): a clause the parser cut before one
    is no clause. The Mail's "At one point a woman appearing to be the child's mother yells down" was cut
    at "the child's mother yells", as if that were a second clause."""
    return any(t.tag_ in FINITE_TAGS or (t.tag_ == "VB" and t.dep_ == "ROOT") for t in tokens)


def _absolute(tokens: Any) -> bool:
    """A subject with a participle and no tensed verb ("… with North Korea continuing its tests and the
    US, South Korean and Japanese militaries regularly holding drills"): a phrase of the sentence before
    it, not a clause that could stand alone. A participle with no subject of its own ("…, urging China to
    play a constructive role") says what the sentence's subject did and stays a claim."""
    if _finite(tokens):
        return False
    inside = {t.i for t in tokens}
    return any(
        t.dep_ in ("nsubj", "nsubjpass") and t.head.i in inside and t.head.tag_ in ("VBG", "VBN")
        for t in tokens
    )


SUBHEADING_WORDS = 5


def _subheading(sentence: str) -> bool:
    """A short line with no sentence end is a subheading ("Call for peace", CNN), not a fact. A line with a
    colon stays: a list's heading ("Virginia Tech: 32 killed") tells what the lines under it are about."""
    short = len(sentence.split()) <= SUBHEADING_WORDS
    ended = ends_sentence(sentence) or sentence.endswith(('"', "”", "’"))  # or a quotation's close
    return short and ":" not in sentence and not ended


TAGGER_SLIP_WORDS = 8  # a full stop after this many words is a sentence whose verb the tagger missed


def _verbless(tokens: Any) -> bool:
    """A heading, a caption or a one-word line states no fact: "The nuclear option", "Mars.", "Yes.". A
    longer sentence with its full stop stays: the tagger read "fall" in "Satellites and spacecraft fall to
    Earth all the time." as a noun. "According to" is no verb: "According to Mr. Musk, a lot." answers the
    sentence before it and states nothing alone."""
    if any(t.pos_ in {"VERB", "AUX"} and t.lower_ != "according" for t in tokens):
        return False
    words = sum(1 for t in tokens if t.is_alpha)
    return not (words >= TAGGER_SLIP_WORDS and tokens[-1].text in {".", "!", "?"})


def _question(text: str) -> bool:
    """A question in the writer's own words ("What are the Panama Papers?", a column's "Is China's leader
    losing his grip?") asserts nothing, so it is no fact to share, miss or contradict. A quoted question
    ends on its mark or its attribution ("'Why now?' she asked.") and stays: that someone asked is news."""
    return text.endswith("?")


SIGNPOST = re.compile(r"^(?:Here(?:'s|’s| is| are)|Below (?:is|are))\b")
MAX_SIGNPOST_WORDS = 12


def _signpost(text: str) -> bool:
    """A lead-in to what follows states nothing itself: "Here are the latest developments:" (CNN),
    "Here's why.", "Here are accounts from some of those witnesses:", "Below is a small sample of the
    contested domains." (Gizmodo)."""
    return text.endswith(":") or (bool(SIGNPOST.match(text)) and len(text.split()) <= MAX_SIGNPOST_WORDS)


def _stage_direction(span: Any) -> bool:
    """A transcript's note in brackets, "(Speaking German)." or "[Laughter]": no one's claim. A sentence
    in brackets with a verb of its own tense stays ("(Experian declined to comment.)")."""
    text = span.text.rstrip(".")
    bracketed = text[:1] in "([" and text[-1:] in ")]" and not any(c in text[1:-1] for c in "()[]")
    return bracketed and not _finite(span)


def _imperative(tokens: Any) -> bool:
    """A request to the listener, "Take us through what happened that night." (a radio host's turn),
    asserts nothing: a sentence that opens on its root verb in the base form, with no subject."""
    first = tokens[0]
    return (
        first.dep_ == "ROOT"
        and first.tag_ == "VB"
        and first.is_title
        # a subject before it lies outside the sentence: the parser takes "MONTAGNE:" for one
        and not any(c.dep_ in CLAUSE_SUBJECTS and c.i > first.i for c in first.children)
    )


def claims(article_id: str, doc: Any, article_sentences: list[Sentence]) -> list[Claim]:
    """Clause-level claims of one article, each within one of its sentences."""
    found: list[Claim] = []
    quoted = quotation_spans(doc.text)  # a quoted statement is never cut into claims
    for index, sentence in enumerate(article_sentences):
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        text = doc.text[sentence.start : sentence.end]
        if span is None or _subheading(text) or _stage_direction(span):
            continue
        for start, end in _pieces(span, quoted):
            trimmed = _trimmed(doc, start, end)
            if trimmed is None:
                continue
            s = max(doc[trimmed[0]].idx, sentence.start)
            e = min(doc[trimmed[1] - 1].idx + len(doc[trimmed[1] - 1].text), sentence.end)
            if (
                e > s
                and not _question(doc.text[s:e])
                and not _signpost(doc.text[s:e])
                and not _verbless(doc[trimmed[0] : trimmed[1]])
                and not _imperative(doc[trimmed[0] : trimmed[1]])
            ):
                found.append(Claim(article_id, s, e, index))
    return found
