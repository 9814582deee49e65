"""Quote-mark pairing over paragraphs: single marks in a quotation over several paragraphs, copy whose
paragraphs were run into one line, and the apostrophes that must stay unpaired."""

from __future__ import annotations

from typing import Any

import pytest

from parallax.annotate.quote_marks import find_quoted, quotation_spans
from parallax.annotate.quotes import extract_quotes
from parallax.model import Mention

spacy = pytest.importorskip("spacy")


def quoted(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_quoted(text)]


def test_single_marks_open_each_paragraph_of_a_long_quotation() -> None:
    """Daily Mail on Musk's Roadster: each paragraph opens with a mark and only the last closes; the middle
    paragraphs were read as apostrophes, so the last quote lost its link to "Musk said"."""
    text = (
        "'Test flights usually carry steel blocks,' Musk said.\n"
        "'That seemed extremely boring.\n"
        "'Of course, anything boring is terrible.\n"
        "'The payload will be an original Tesla Roadster.'\n"
        "He said 'Falcon Heavy launches from the Apollo 11 pad.\n"
        "'It has twice the thrust of the next largest rocket.\n"
        "Some reports say the plan may not be all it seems."
    )
    assert quoted(text) == [
        "Test flights usually carry steel blocks",
        "That seemed extremely boring.",
        "Of course, anything boring is terrible.",
        "The payload will be an original Tesla Roadster.",
        "Falcon Heavy launches from the Apollo 11 pad.",
        "It has twice the thrust of the next largest rocket.",
    ]


def test_a_lone_single_mark_opens_a_sentence_only_before_a_capital() -> None:
    """Apostrophes stay unpaired: the next paragraph opening with a mark carries on no quote that a
    lower-case word or an elision begins (the 'smoke-rings'were, wear 'em, the '90s, rock 'n' roll)."""
    text = (
        "The 'smoke-rings'were spotted off Sydney and you might wear 'em in the '90s.\n"
        "'We saw them,' she said of the players' union and rock 'n' roll.\n"
        "Korea’s ‘lone mark stays an apostrophe."
    )
    assert quoted(text) == ["We saw them"]
    tokenized = "She 'd found religion, and was to erotica what Elvis was to rock 'n' roll. We 'll see."
    assert quoted(tokenized) == []


def test_a_single_mark_after_a_sentence_end_runs_to_a_paragraph_end_with_no_other_mark() -> None:
    """'I think we were…' after "Verstappen said." is quoted to its paragraph end; where other marks follow,
    the quote's own closer is likelier lost or mistyped, and a paragraph-long quote would swallow them."""
    text = "'It was possible,' Verstappen said. 'I think we were in quite a safe position."
    assert quoted(text) == ["It was possible", "I think we were in quite a safe position."]
    mixed = "A friend told the Post: 'As the cops opened fire, he was screaming, ‘ Stop! ’ His friends left."
    assert quoted(mixed) == []


def test_a_typewriter_double_closes_a_single_mark() -> None:
    """'If it sounds too good to be true, it probably is,'' Fandal said. — the quote ended at "''", not
    at the next paragraph's closing mark with "Fandal said." inside it."""
    text = "'If it sounds too good to be true, it probably is,'' Fandal said. 'Never give out details.'"
    assert quoted(text) == ["If it sounds too good to be true, it probably is", "Never give out details."]
    assert next(text[s:e] for s, e in quotation_spans(text)).endswith("is,''")


def test_paragraphs_run_into_one_line_keep_their_opening_marks_inside_the_quote() -> None:
    """The Sun on Nice: each run-in paragraph's opening mark was read as a nested quote, so the quote never
    closed and the narrative after it ("France's President Hollande returned …") was taken as quoted."""
    text = (
        'He said: "I was barely 50m from the scene. I ran to see if I could help. "I shouldn\'t have done '
        'that. "The bodies were everywhere." France\'s President Hollande returned to Paris. In a speech he '
        'said: "Last night a lorry hit a crowd. "At the time I speak there are 77 victims."'
    )
    assert quoted(text) == [
        "I was barely 50m from the scene. I ran to see if I could help. \"I shouldn't have done that. "
        '"The bodies were everywhere.',
        'Last night a lorry hit a crowd. "At the time I speak there are 77 victims.',
    ]
    typographic = "She said: “We ran. “We hid.” The police came."
    assert quoted(typographic) == ["We ran. “We hid."]
    # a mark of the other shape after a sentence's end nests a quote, as before
    nested = '"It is not done. “They haven’t done anything,” he quoted one analyst." Then he left.'
    assert quoted(nested) == ["It is not done. “They haven’t done anything,” he quoted one analyst."]
    # a quote nested after a sentence's end inside a closed quote is unchanged
    assert quoted('"He told me "no" and left," she said. "Then I cried."') == [
        'He told me "no" and left',
        "Then I cried.",
    ]


def test_a_quoted_phrase_made_plural_is_closed() -> None:
    """Giveme5W1H (a Delta flight): 'a chorus of "what did he say"s at the announcement' ran to its paragraph
    end as a quote, and took the next paragraph's speaker."""
    text = 'He heard groans and "what did he say"s at the news.\n"We returned," the spokesman said.'
    assert quoted(text) == ["what did he say", "We returned"]


def test_a_mark_standing_alone_between_spaces_closes() -> None:
    """A nested quote's closer and the outer one set apart by a space (the Post's "… 'Well done,' " said
    Rep. Diane Russell") and tokenized copy's closers (ECB+'s "… compromised , '' Marcus said.") were read
    as opening nested quotes, and the quote ran on to its paragraph end."""
    post = '"You shake his hand and say, \'Well done,\' " said Diane Russell. "It is hard."'
    assert quoted(post) == ["You shake his hand and say, 'Well done,'", "It is hard."]
    ecb = "\"We 've seen sites compromised , '' Marcus said. \"It 's a Web 2.0 way . '' He left."
    assert quoted(ecb) == ["We 've seen sites compromised", "It 's a Web 2.0 way ."]
    assert quoted("The jury agreed , '' she said. He left.") == []  # a stray closer opens nothing


@pytest.fixture(scope="module")
def nlp(spacy_english: Any) -> Any:
    return spacy_english


def test_the_last_paragraph_of_a_single_marked_quotation_is_its_speakers(nlp: Any) -> None:
    """Giveme5W1H s001 / s017: the closing paragraph of Musk's quotation had no speaker."""
    text = (
        "'Test flights usually carry steel blocks,' Musk said.\n"
        "'That seemed extremely boring.\n"
        "'The payload will be an original Tesla Roadster.'"
    )
    doc = nlp(text)
    at = text.index("Musk")
    mentions = [Mention("a", at, at + 4, "Musk", "PERSON", "musk")]
    quotes = extract_quotes(doc, "a", mentions, {"musk": "Elon Musk"})
    assert [q.speaker_name for q in quotes if q.kind == "direct"] == ["Elon Musk"] * 3


def test_a_closing_mark_joined_to_its_tag_in_tokenized_copy_closes() -> None:
    """ECB+'s tokenized copy: the quote ran on past its closer (a closer set apart from its words and
    joined to the tag) and picked up the next sentence and its cue."""
    officer = '"Weapons were found and confiscated, "the officer said. He said that in the raid no one died.'
    assert [officer[m.start : m.end] for m in find_quoted(officer)] == ["Weapons were found and confiscated"]
    brother = '"She was the mother of our children, "said Charlie Kafoury, her brother.'
    assert [brother[m.start : m.end] for m in find_quoted(brother)] == ["She was the mother of our children"]
    # an opening mark after a tag still opens: she wrote, "and they would be correct."
    wrote = '"They say we are wrong, " she wrote, "and they would be correct."'
    assert [wrote[m.start : m.end] for m in find_quoted(wrote)][-1] == "and they would be correct."


def test_a_closing_mark_joined_to_a_tag_that_opens_with_a_name_closes() -> None:
    """ECB+'s tokenized copy (Hawaiian Gardens shooting): '…, "Sheriff Lee Baca said.' closes the quote; it
    ran on to the end of its one-line article, so every later quote was inside it and this one took the
    cue before it ("Authorities said")."""
    text = (
        'Authorities said Ortiz died instantly. "This was an assassination of a deputy, "Sheriff Lee Baca '
        'said. "It was a sudden attack. " Deputies identified the suspect.'
    )
    found = [text[m.start : m.end] for m in find_quoted(text)]
    assert found == ["This was an assassination of a deputy", "It was a sudden attack."]


def test_a_closing_mark_that_opens_a_paragraph_before_a_word_opens_its_quote() -> None:
    """Reuters on Ahed Tamimi (Giveme5W1H) opens a paragraph with ” mistyped for “: the quotation was read
    as the writer's two claims, the second ending in a stray mark. Anywhere else ” only closes."""
    body = (
        "Fares said the charges were false.\n”Their aim is to terrorize people, and they are trying to"
        " deter children,” he said.\nThe court met. She said it was ”fine” and left ” early."
    )
    assert [body[s:e] for s, e in quotation_spans(body)] == [
        "”Their aim is to terrorize people, and they are trying to deter children,”"
    ]
