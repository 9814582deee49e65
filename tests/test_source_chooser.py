"""The learned source chooser: which stretch of which phrase is a quote's source, and whose words they are."""

from __future__ import annotations

import pytest
from test_attribution import one, quotes_of

from parallax.annotate import quotes as quotes_module
from parallax.annotate.nlp import parse
from parallax.annotate.source_chooser import (
    NO_SOURCE_HEAD,
    SourceChooser,
    candidates,
    read_chooser,
    source_chooser,
)

# What the rules alone picked (their subject's rules' extent; no source without a subject), as in
# training/train_source_chooser.py: the chooser must do better than this on the sentences below.
RULES_ONLY = SourceChooser({"h=rule": 2.0, "rule": 1.0, "h=none|s=False": 2.5})

CASES = [
    # A relative clause after a name says more about the speaker; PolNeAR's source is the name.
    (
        "Petrilli, who thinks the administration overreached, said the rules were unfair.\n",
        "the rules were unfair",
        "Petrilli",
        "Petrilli, who thinks the administration overreached",
    ),
    # "a statement saying …": PolNeAR names the statement's author, not the document.
    (
        "Acme Corp released a statement saying the plant would close.\n",
        "the plant would close",
        "Acme Corp",
        "a statement",
    ),
    # The parse gives "read" no subject; the sign that reads is the source.
    ("“The answer is no,” read one sign.\n", "The answer is no", "one sign", None),
]


@pytest.mark.parametrize(("text", "content", "source", "by_rules"), CASES)
def test_the_chooser_picks_the_source_polnear_would(
    text: str, content: str, source: str, by_rules: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, parts = one(quotes_of(text), content)
    assert parts["source"] == source
    monkeypatch.setattr(quotes_module, "source_chooser", lambda: RULES_ONLY)
    _, parts = one(quotes_of(text), content)
    assert parts["source"] == by_rules, "the rules alone pick otherwise: the case tests the learned part"


def test_the_speaker_follows_the_chosen_source() -> None:
    q, parts = one(quotes_of("Acme Corp released a statement saying the plant would close.\n"), "the plant")
    assert parts["source"] == "Acme Corp" and q.speaker_name == "Acme Corp" and q.speaker is not None
    text = "Petrilli, who thinks the administration overreached, said the rules were unfair.\n"
    q, _ = one(quotes_of(text), "the rules")
    assert q.speaker_name == "Petrilli"


def test_extents_the_rules_kept_are_still_chosen() -> None:
    for text, content, source in (
        (
            "Rendell, a stalwart Clinton supporter, said the party would unite.\n",
            "the party",
            "Rendell, a stalwart Clinton supporter",  # an apposition is part of PolNeAR's source
        ),
        (
            "A spokeswoman for Clinton said the senator would attend.\n",
            "the senator",
            "A spokeswoman for Clinton",
        ),
        ("Obama himself said the deal was fair.\n", "the deal", "Obama"),
        ("Mr. Cruz seemed to mock his rival, saying the answer was not to yell.\n", "the answer", "Mr. Cruz"),
    ):
        _, parts = one(quotes_of(text), content)
        assert parts["source"] == source


def test_the_shipped_model_loads_offline() -> None:
    chooser = source_chooser()
    assert len(chooser.weights) > 100
    assert "h=rule" in chooser.weights and any(f.startswith("h=none") for f in chooser.weights)
    assert chooser is source_chooser()  # read once


def test_candidates_cover_the_phrase_and_never_reach_the_cue() -> None:
    (doc,) = parse(["Petrilli, who thinks the administration overreached, said the rules were unfair.\n"])
    subj = next(t for t in doc if t.dep_ == "nsubj" and t.text == "Petrilli")
    cue = next(t for t in doc if t.text == "said")
    found = candidates(subj, cue, (subj.i, subj.i), lambda _: True, ("h=rule",))
    texts = {doc[c.first : c.last + 1].text for c in found}
    assert "Petrilli" in texts and any(t.startswith("Petrilli, who") for t in texts)
    assert all(c.last < cue.i and c.head == subj.i and "h=rule" in c.features for c in found)


def test_read_chooser_skips_comments_and_scores_unknown_features_zero() -> None:
    chooser = read_chooser("# a comment\nrule\t1.5\nh=none\t-2\n")
    assert chooser.weights == {"rule": 1.5, "h=none": -2.0}
    from parallax.annotate.source_chooser import Candidate

    kept = Candidate(0, 0, 0, ("rule", "never-seen"))
    none = Candidate(NO_SOURCE_HEAD, NO_SOURCE_HEAD, NO_SOURCE_HEAD, ("h=none",))
    assert chooser.score(kept) == 1.5 and chooser.choose([none, kept]) is kept


@pytest.mark.parametrize(
    "text",
    [
        "said.",
        "According to,",
        "“No,” read.",
        "By whom, said",
        "In a poll, said",
        ", who said that",
        "He said, “",
        "\n\n“x” — \n",
        "Released a statement saying.",
    ],
)
def test_odd_input_never_crashes(text: str) -> None:
    for q, parts in quotes_of(text):
        assert q.source is None or 0 <= q.source.start < q.source.end <= len(text)
        assert parts["content"] is not None


def test_a_name_after_a_line_break_is_a_candidate_without_what_precedes_it() -> None:
    # "8\nDascha Polanco": the parse hangs a list number (or a headline) on the name across the break
    (doc,) = parse(["8\nDascha Polanco said the show would return.\n"])
    subj = next(t for t in doc if t.text == "Polanco")
    cue = next(t for t in doc if t.text == "said")
    found = candidates(subj, cue, (subj.i, subj.i), lambda _: True, ("h=rule",))
    after = [c for c in found if "after_newline" in c.features]
    assert [doc[c.first : c.last + 1].text for c in after] == ["Dascha Polanco"]
    assert any("\n" in doc[c.first : c.last + 1].text for c in found), "the joined extent stays a candidate"


def test_the_chooser_leaves_a_list_number_out_of_the_source() -> None:
    text = "8\nDascha Polanco Opened Up About Not Being A Size Zero In Hollywood.\n"
    _, parts = one(quotes_of(text), "Not Being")
    assert parts["source"] == "Dascha Polanco"
