"""Quote renderings across outlets: altered meaning, the likeliest original, group ids, `parallax quotes`."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import numpy as np
from click.testing import CliRunner
from conftest import EXAMPLE

from parallax.annotate.quote_marks import unclosed_marks
from parallax.cli import main
from parallax.compare.quotes import CONTAINED, classify, group_quotes
from parallax.model import Quote, Span


class _SameVector:
    """An embedder under which every text means the same: grouping then rests on the words alone."""

    def embed(self, texts: list[str]) -> Any:
        return np.ones((len(texts), 4), np.float32) / 2.0


def _quote(article: str, body: str, text: str) -> Quote:
    start = body.index(text)
    return Quote(
        article, "direct", Span(article, start, start + len(text)), speaker="e1", speaker_name="Park Jin"
    )


def _group(bodies: dict[str, str], texts: dict[str, str], vias: dict[str, str | None]) -> Any:
    quotes = [_quote(a, bodies[a], texts[a]) for a in bodies]
    outlets = {a: f"outlet {a}" for a in bodies}
    return group_quotes(quotes, bodies, _SameVector(), outlets, prefix="s-1.q", via_of=vias)  # type: ignore[arg-type]


class _DistinctVectors:
    """An embedder under which no two texts mean the same: only shared words can join quotes."""

    def embed(self, texts: list[str]) -> Any:
        return np.eye(len(texts), max(len(texts), 1), dtype=np.float32)


def test_a_short_fragment_in_another_speakers_quote_is_no_attribution_conflict() -> None:
    long_ = "we expect China to use its influence to play a constructive role in forcing North Korea back"
    bodies = {"a": f"Blinken said: “{long_}.”", "b": "Park also called for China to “play a role,” he said."}
    quotes = [
        Quote(
            "a",
            "direct",
            Span("a", bodies["a"].index(long_), bodies["a"].index(long_) + len(long_)),
            source=Span("a", 0, 7),
            speaker="person:antony-blinken",
            speaker_name="Antony Blinken",
        ),
        Quote(
            "b",
            "partial",
            Span("b", bodies["b"].index("play"), bodies["b"].index("play") + 11),
            speaker="person:park-jin",
            speaker_name="Park Jin",
        ),
    ]
    outlets = {"a": "outlet a", "b": "outlet b"}
    grouped = group_quotes(quotes, bodies, _DistinctVectors(), outlets)  # type: ignore[arg-type]
    assert not grouped.misattributed, "Park's “play a role” is not Blinken's statement"
    # the whole statement given to another speaker is still a conflict
    bodies["b"] = bodies["a"].replace("Blinken", "Park Jin")
    start = bodies["b"].index(long_)
    quotes[1] = Quote(
        "b",
        "direct",
        Span("b", start, start + len(long_)),
        source=Span("b", 0, 8),
        speaker="person:park-jin",
        speaker_name="Park Jin",
    )
    assert group_quotes(quotes, bodies, _DistinctVectors(), outlets).misattributed  # type: ignore[arg-type]


class _SameVectors:
    """Every text embeds alike: the cosine says "same statement" whatever the words."""

    def embed(self, texts: list[str]) -> Any:
        return np.ones((len(texts), 4), dtype=np.float32) / 2


def _said(article: str, body: str, speaker: str, name: str) -> Quote:
    """The article's quotation in “ ”, its source the mention of the name's last word after it."""
    at = body.index(name.split()[-1], body.index("”"))
    source = Span(article, at, at + len(name.split()[-1]))
    content = Span(article, 1, body.index("”"))
    return Quote(article, "direct", content, source=source, speaker=speaker, speaker_name=name)


def test_two_speakers_saying_alike_in_other_words_is_no_attribution_conflict() -> None:
    """BASIL, AARP on Social Security: each side's statement is close in meaning, not one statement."""
    said = {
        "a": "“For decades, AARP has stood against any substantial changes to Social Security,” Cowan said.",
        "b": "“AARP is as committed as we have ever been to fighting to protect Social Security,” Rand said.",
    }
    quotes = [_said("a", said["a"], "person:c", "Jon Cowan"), _said("b", said["b"], "person:r", "Barry Rand")]
    outlets = {"a": "outlet a", "b": "outlet b"}
    assert not group_quotes(quotes, said, _SameVectors(), outlets).misattributed  # type: ignore[arg-type]
    said["b"] = said["a"].replace("Cowan", "Rand")
    quotes[1] = _said("b", said["b"], "person:r", "Barry Rand")
    assert group_quotes(quotes, said, _SameVectors(), outlets).misattributed  # type: ignore[arg-type]
    # a bare family name is the same person; a body and a person may be one voice (the role rule's call)
    for speaker, name in (("person:cowan", "Cowan"), ("org:aarp", "AARP")):
        changed = replace(quotes[1], speaker=speaker, speaker_name=name)
        pair = [quotes[0], changed]
        grouped = group_quotes(pair, said, _SameVectors(), outlets)  # type: ignore[arg-type]
        assert not grouped.misattributed
        assert len({q.group for q in grouped.quotes}) == 1, "one statement, its renderings side by side"
    # a speaker the resolver reached through "he" is its guess, not the outlet naming someone else
    said["b"] = said["a"].replace("Cowan", "he")
    pronoun = replace(quotes[1], source=Span("b", said["b"].index("he"), said["b"].index("he") + 2))
    assert not group_quotes([quotes[0], pronoun], said, _SameVectors(), outlets).misattributed  # type: ignore[arg-type]


def test_a_korean_family_name_alone_is_the_same_person() -> None:
    """East Asian order puts the family name first: "Park" and "Park Jin" are one speaker."""
    said = {
        "a": "“China is in no position to like it,” Park Jin said.",
        "b": "“China is in no position to like it,” Park said.",
    }
    full = _said("a", said["a"], "person:park-jin", "Park Jin")
    bare = _said("b", said["b"], "person:park", "Park")
    outlets = {"a": "outlet a", "b": "outlet b"}
    assert not group_quotes([full, bare], said, _SameVectors(), outlets).misattributed  # type: ignore[arg-type]


def test_a_negation_or_another_number_alters_the_meaning() -> None:
    assert classify("we are seeing it", "we are not seeing it") == "altered meaning"
    assert classify("12 people were hurt", "15 people were hurt") == "altered meaning"
    # A fragment does not alter what lies outside it: the negation is not in view.
    assert classify("constructive role", "did not play a constructive role") == "partial"
    assert classify("did not play a constructive role", "constructive role") == "verbatim"


def test_the_longer_version_containing_the_shorter_is_likely_closest() -> None:
    long_ = "China has a unique relationship with North Korea and we expect it to use that influence"
    short = "use that influence"
    bodies = {"a": f"He said “{long_}.”", "b": f"He urged China to “{short}.”"}
    grouped = _group(bodies, {"a": long_, "b": short}, {"a": None, "b": None})
    (finding,) = grouped.findings
    by_article = {r.article: r for r in finding.renderings}
    assert by_article["a"].closest and "contains" in by_article["a"].why_closest
    assert not by_article["b"].closest and by_article["b"].cls == "partial"
    assert {q.group for q in grouped.quotes} == {"s-1.q1"}


def test_each_rendering_is_classed_against_the_reference_its_diff_shows() -> None:
    """Three outlets cut one statement alike and a fourth quotes it whole (the Costa Rica crash, Giveme5W1H):
    the cut ones were labelled verbatim (they match each other) beside a diff striking half the quote."""
    whole = "This tragedy hits our community very hard. They have been devoted members since 2001."
    cut = "This tragedy hits our community very hard"
    bodies = {"a": f"“{whole}”", "b": f"“{cut},” he wrote.", "c": f"“{cut},” he said.", "d": f"“{cut}.”"}
    grouped = _group(bodies, {"a": whole, "b": cut, "c": cut, "d": cut}, dict.fromkeys("abcd"))
    (finding,) = grouped.findings
    by_article = {r.article: r for r in finding.renderings}
    assert by_article["a"].closest and by_article["a"].cls == "verbatim"
    for article in "bcd":
        assert by_article[article].cls == "partial"
        # "hard." against "hard": the same word, not one removed and one added
        assert by_article[article].diff == f"{cut} [-They have been devoted members since 2001.-]"


def test_a_first_hand_rendering_beats_a_republished_paraphrase() -> None:
    a, b = "we expect China to use its influence on Pyongyang", "China should use its sway over Pyongyang"
    bodies = {"a": f"“{a},” he said.", "b": f"“{b},” he said."}
    grouped = _group(bodies, {"a": a, "b": b}, {"a": None, "b": "Donga"})
    (finding,) = grouped.findings
    closest = [r.article for r in finding.renderings if r.closest]
    assert closest == ["a"] and "Donga" in finding.renderings[0].why_closest


def test_no_evidence_no_claim_about_the_original() -> None:
    a, b = "we expect China to use its influence on Pyongyang", "China should use its sway over Pyongyang"
    grouped = _group({"a": f"“{a}.”", "b": f"“{b}.”"}, {"a": a, "b": b}, {"a": None, "b": None})
    assert not any(r.closest for r in grouped.findings[0].renderings)


def test_unclosed_marks_are_reported_unless_the_next_paragraph_carries_the_quote_on() -> None:
    carried = "He said: “We will go on.\n“And we will win,” he added."
    assert unclosed_marks(carried) == []
    broken = "He said: “We will go on.\nThe meeting ended."
    assert unclosed_marks(broken) == [broken.index("“")]


def test_quotes_command_json_has_offsets_into_the_body_and_shared_groups() -> None:
    result = CliRunner().invoke(main, ["quotes", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    quotes = [(a, q) for a in data["articles"] for q in a["quotes"]]
    assert quotes and {q["kind"] for _, q in quotes} >= {"direct", "partial", "indirect"}
    for article, quote in quotes:
        for part in ("content", "cue", "source"):
            span = quote[part]
            if span is not None:
                assert article["body"][span["start"] : span["end"]] == span["text"]
    speakers = {q["speaker"]["name"] for _, q in quotes if q["speaker"]}
    assert "Antony Blinken" in speakers
    assert data["groups"], "the example's outlets quote the same statements"
    for group in data["groups"]:
        members = {(a["id"], q["content"]["start"]) for a, q in quotes if q["group"] == group["id"]}
        assert {(r["article"], r["start"]) for r in group["renderings"]} <= members
        assert len({r["article"] for r in group["renderings"]}) >= 2


def test_quotes_command_terminal_lists_each_article() -> None:
    result = CliRunner().invoke(main, ["quotes", str(EXAMPLE)])
    assert result.exit_code == 0
    assert "News Rebeat" in result.stdout and "Blinken" in result.stdout


def test_quotes_command_names_bad_inputs_and_exits_by_the_contract(tmp_path: Any) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["quotes", str(tmp_path / "empty.txt"), "--format", "json"])
    assert result.exit_code == 1 and "empty.txt" in result.stderr
    assert json.loads(result.stdout)["errors"]
    result = CliRunner().invoke(main, ["quotes", str(EXAMPLE / "us-outlet.txt"), str(tmp_path / "empty.txt")])
    assert result.exit_code == 2 and "Blinken" in result.stdout


class _Recording(_SameVector):
    """Records what it is asked to embed."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed(self, texts: list[str]) -> Any:
        self.texts.extend(texts)
        return super().embed(texts)


def test_quotes_of_one_outlet_are_not_embedded() -> None:
    bodies = {"a": "“We will hold firm,” Park said.", "b": "“We will hold firm,” Park said again."}
    quotes = [_quote(a, bodies[a], "We will hold firm") for a in bodies]
    one, two = _Recording(), _Recording()
    alone = group_quotes(quotes, bodies, one, {"a": "X", "b": "X"})  # type: ignore[arg-type]
    apart = group_quotes(quotes, bodies, two, {"a": "X", "b": "Y"})  # type: ignore[arg-type]
    assert one.texts == [] and two.texts == ["We will hold firm"] * 2
    assert alone.findings == [] and len(apart.findings) == 1


def _sourced(article: str, body: str, content: str, source: str, speaker: str, name: str) -> Quote:
    start, at = body.index(content), body.index(source)
    return Quote(
        article,
        "direct",
        Span(article, start, start + len(content)),
        source=Span(article, at, at + len(source)),
        speaker=speaker,
        speaker_name=name,
    )


STATEMENT = "the plan would end the program as we know it and leave people with a voucher"


def test_a_name_that_only_modifies_the_source_is_no_misattribution() -> None:
    """ "The Obama campaign said" or "Grimm's lawyer, William McGinley, said" names a body or someone
    speaking for the person: one statement, not two outlets naming two speakers."""
    said = {
        "a": f"The Obama campaign said “{STATEMENT}.”",
        "b": f"“{STATEMENT},” spokeswoman Lis Smith said.",
    }
    smith = _sourced("b", said["b"], STATEMENT, "Lis Smith", "person:lis-smith", "Lis Smith")
    outlets = {"a": "outlet a", "b": "outlet b"}
    for source in ("The Obama campaign", "Obama"):
        body = said["a"] if source != "Obama" else f"Obama said “{STATEMENT}.”"
        campaign = _sourced("a", body, STATEMENT, source, "person:barack-obama", "Barack Obama")
        grouped = group_quotes([campaign, smith], {**said, "a": body}, _SameVectors(), outlets)  # type: ignore[arg-type]
        assert bool(grouped.misattributed) == (source == "Obama"), source
    lawyer = f"Grimm's lawyer, William McGinley, said “{STATEMENT}.”"
    grimm = _sourced(
        "a", lawyer, STATEMENT, "Grimm's lawyer, William McGinley", "person:grimm", "Michael Grimm"
    )
    mcginley = _sourced("b", said["b"], STATEMENT, "Lis Smith", "person:william-mcginley", "William McGinley")
    assert not group_quotes(
        [grimm, mcginley], {"a": lawyer, "b": said["b"]}, _SameVectors(), outlets
    ).misattributed  # type: ignore[arg-type]


def test_a_speaker_named_in_an_earlier_sentence_is_the_resolvers_guess() -> None:
    """An interviewer's question, then "His response: “…”": the resolver may carry the asker over."""
    answer = "I have people that have been studying it and they cannot believe what they are finding"
    asked = f"Host Meredith Vieira asked Trump, “You know this?” His response: “{answer}.”"
    told = f"“{answer},” Trump told the show on Thursday."
    outlets = {"a": "outlet a", "b": "outlet b"}
    bodies = {"a": asked, "b": told}
    vieira = _sourced("a", asked, answer, "Meredith Vieira", "person:meredith-vieira", "Meredith Vieira")
    trump = _sourced("b", told, answer, "Trump", "person:donald-trump", "Donald Trump")
    assert not group_quotes([vieira, trump], bodies, _SameVectors(), outlets).misattributed  # type: ignore[arg-type]
    # named in the quotation's own sentence, the other speaker is the outlet's word
    bodies["a"] = f"Host Meredith Vieira said: “{answer}.”"
    vieira = _sourced(
        "a", bodies["a"], answer, "Meredith Vieira", "person:meredith-vieira", "Meredith Vieira"
    )
    assert group_quotes([vieira, trump], bodies, _SameVectors(), outlets).misattributed  # type: ignore[arg-type]
    # a title's stop is no sentence's end
    bodies["a"] = f"Sen. Meredith Vieira of Ohio said on Monday that “{answer}.”"
    vieira = _sourced(
        "a", bodies["a"], answer, "Sen. Meredith Vieira", "person:meredith-vieira", "Meredith Vieira"
    )
    assert group_quotes([vieira, trump], bodies, _SameVectors(), outlets).misattributed  # type: ignore[arg-type]


def test_a_name_in_quotation_marks_renders_no_statement() -> None:
    """The Panama Papers story (Giveme5W1H) grouped five outlets' quotes under one speaker because each
    held the scare-quoted name “Panama Papers”."""
    long_ = "From a banking perspective, undoubtedly, it shouldn’t be called the Panama Papers"
    bodies = {"a": f"He said: “{long_}.”", "b": "The so-called “Panama Papers” were leaked, it said."}
    texts = {"a": long_, "b": "Panama Papers"}
    result = _group(bodies, texts, {"a": None, "b": None})
    assert result.findings == [], "a name is no rendering of a statement that names it"
    same = {"a": "He said “play a constructive role” there.", "b": "It urged a “Constructive role” there."}
    phrases = {"a": "play a constructive role", "b": "Constructive role"}
    grouped = _group(same, phrases, {"a": None, "b": None})
    assert len(grouped.findings) == 1, "a phrase opening on a capital is still words"


def test_meaning_alone_joins_renderings_only_when_they_share_content_words() -> None:
    """Under an embedder that finds every text alike, SZ's quote in RT and a censor's phrase in the Daily
    Mail (Panama Papers story, Giveme5W1H; MiniLM cosine 0.76) stay apart, while a translation that
    keeps the content words ("China", "use", "influence") still joins."""
    sz = "The Panama Papers include approximately 11.5 million documents"
    censor = "all content related to the 'Panama Papers' leak case"
    bodies = {"a": f"SZ said: “{sz}.”", "b": f"Sites were told to delete “{censor}”."}
    assert _group(bodies, {"a": sz, "b": censor}, {"a": None, "b": None}).findings == []
    us, korean = "we expect China to use its influence", "we do look to China to use that influence"
    bodies = {"a": f"He said “{us}.”", "b": f"He said “{korean}.”"}
    assert len(_group(bodies, {"a": us, "b": korean}, {"a": None, "b": None}).findings) == 1


def test_a_few_words_in_order_without_the_content_words_are_no_partial_quote() -> None:
    """BBC's “hijacking our minds and society” has four of its five words, in order, in PCMag's “protect
    our minds from … our lives and society” (Giveme5W1H), but not “hijacking”: another statement. Light
    word forms still meet: BASIL's “ending Medicare as we know it” / “would end Medicare as we know it”,
    Giveme5W1H's “non-consensual” / “nonconsensual”, a contraction ("It's" / "it is")."""
    from parallax.compare.quotes import _containment, words

    longer = (
        "protect our minds from distractions, and replace the marketplace to benefit our lives and society"
    )
    assert _containment(words("hijacking our minds and society"), words(longer)) < CONTAINED
    assert classify("hijacking our minds and society", longer) == "paraphrase or translation"
    assert (
        _containment(words("ending Medicare as we know it"), words("would end Medicare as we know it"))
        >= CONTAINED
    )
    weinstein = "any allegations of nonconsensual sex are unequivocally denied by Mr. Weinstein."
    assert _containment(words("any allegations of non-consensual sex."), words(weinstein)) >= CONTAINED
    side = (
        "It is going to be a very good year. But it is not enough just to not suck as much as the other side."
    )
    assert (
        _containment(words("It’s not enough just to not suck as much as the other side"), words(side))
        >= CONTAINED
    )


class _Cosine:
    """An embedder under which any two texts have the given cosine."""

    def __init__(self, cosine: float) -> None:
        self.cosine = cosine

    def embed(self, texts: list[str]) -> Any:
        other = np.sqrt(1 - self.cosine**2)
        return np.array([[1.0, 0.0], [self.cosine, other]][: len(texts)], np.float32)


def test_one_speakers_statement_translated_anew_in_one_aligned_fact_is_one_statement() -> None:
    """The example's Park Jin: "I don't think China is in a position to like North Korea-Russia growing
    closer …" (News Rebeat) and "The growing closeness between these two countries … is not something
    that China would like to see" (the US outlet), MiniLM cosine 0.60, stand in sentences claim
    alignment found to be one fact; the report listed them as a shared fact and as two quotations no
    other outlet carries. One fact and one speaker lower the bar for meaning; neither alone does."""
    korean = "I don't think China is in a position to like North Korea-Russia growing closer"
    us = "The growing closeness between these two countries is not something that China would like to see"
    bodies = {"a": f"Park said, “{korean}.”", "b": f"“{us},” Park suggested."}
    quotes = [_quote("a", bodies["a"], korean), _quote("b", bodies["b"], us)]
    outlets = {"a": "outlet a", "b": "outlet b"}
    fact = [[Span("a", 0, len(bodies["a"])), Span("b", 0, len(bodies["b"]))]]
    grouped = group_quotes(quotes, bodies, _Cosine(0.6), outlets, aligned=fact)  # type: ignore[arg-type]
    assert len(grouped.findings) == 1
    assert set(grouped.translated) == {q.content for q in quotes}, "each worded anew: neither adds words"
    assert group_quotes(quotes, bodies, _Cosine(0.6), outlets).findings == []  # type: ignore[arg-type]
    other = [quotes[0], replace(quotes[1], speaker="e2", speaker_name="Antony Blinken")]
    assert group_quotes(other, bodies, _Cosine(0.6), outlets, aligned=fact).findings == []  # type: ignore[arg-type]


def test_a_translated_rendering_much_longer_than_the_other_says_more() -> None:
    """The Telegraph's Lauda runs on past the Sun's rendering of his words: joined through their aligned
    fact, the longer one is no mere rewording, so its extra words may still be its own."""
    sun = "They didn't have the right strategy, unlucky with weather, but it was good for Formula One"
    telegraph = (
        "I've seen many races of this, and this was incredible. Although Red Bull didn't have the right "
        "strategy and were unlucky with the weather, it was almost worth them having a bad stop. What more "
        "do you want"
    )
    bodies = {"a": f"Lauda said: “{sun}.”", "b": f"“{telegraph}?” Lauda said."}
    quotes = [_quote("a", bodies["a"], sun), _quote("b", bodies["b"], telegraph)]
    fact = [[Span("a", 0, len(bodies["a"])), Span("b", 0, len(bodies["b"]))]]
    outlets = {"a": "outlet a", "b": "outlet b"}
    grouped = group_quotes(quotes, bodies, _Cosine(0.6), outlets, aligned=fact)  # type: ignore[arg-type]
    assert len(grouped.findings) == 1 and grouped.translated == (quotes[0].content,)


def _rendered(article: str, body: str, text: str, speaker: str | None, name: str | None) -> Quote:
    start = body.index(text)
    content = Span(article, start, start + len(text))
    return Quote(article, "direct", content, speaker=speaker, speaker_name=name)


def test_other_words_from_another_named_voice_are_another_statement() -> None:
    """Giveme5W1H, the Hokkaido missile: CNN's "a South Korean official" and the NYT's Barry Pavel, the
    South's foreign ministry and the Sun's Lee Kuk-no, were each one statement "(paraphrase or
    translation)" on meaning alone. Other words, named voices: two statements. A role may be the named
    person ("the four-times champion" / Sebastian Vettel), a quote with no speaker anyone's."""
    bodies = {
        "a": "“We will respond strongly with allies if the North goes on,” the foreign ministry said.",
        "b": "“If the North threatens our people, our forces will respond strongly,” Lee Kuk-no said.",
    }
    texts = {
        "a": "We will respond strongly with allies if the North goes on",
        "b": "If the North threatens our people, our forces will respond strongly",
    }
    outlets = {"a": "outlet a", "b": "outlet b"}

    def grouped(name_a: str | None, speaker_b: str | None = "person:lee-kuk-no") -> int:
        quotes = [
            _rendered("a", bodies["a"], texts["a"], None, name_a),
            _rendered("b", bodies["b"], texts["b"], speaker_b, "Lee Kuk-no"),
        ]
        return len(group_quotes(quotes, bodies, _SameVector(), outlets).findings)  # type: ignore[arg-type]

    assert grouped("the South’s foreign ministry") == 0
    assert grouped("the four-times champion") == 1, "a role may be the person"
    assert grouped(None) == 1, "no speaker found: anyone's"
    assert grouped("Mr. Lee") == 1, "one voice named two ways"


def test_a_statement_never_holds_two_speakers_through_an_unattributed_rendering() -> None:
    """The Sun's Boris Johnson and NPR's Abe were one statement through CNN's unattributed one, each close
    in meaning to both: a group keeps one voice unless the two speakers' own quotes were joined."""
    text = {
        "a": "North Korea has launched yet another missile over Japan in breach of resolutions",
        "b": "North Korea's launch of yet another missile over Japan is a breach of resolutions",
        "c": "the launch of yet another missile over Japan is an unprecedented grave threat",
    }
    bodies = {k: f"“{v}.”" for k, v in text.items()}
    quotes = [
        _rendered("a", bodies["a"], text["a"], "person:boris-johnson", "Boris Johnson"),
        _rendered("b", bodies["b"], text["b"], None, None),
        _rendered("c", bodies["c"], text["c"], "person:shinzo-abe", "Shinzo Abe"),
    ]
    outlets = {k: f"outlet {k}" for k in text}
    found = group_quotes(quotes, bodies, _SameVector(), outlets).findings  # type: ignore[arg-type]
    assert [len(f.citations) for f in found] == [2]
    speakers = {q.speaker for q in quotes if any(c.article == q.article for c in found[0].citations)}
    assert None in speakers and len(speakers) == 2


def test_renderings_are_compared_on_their_words_as_a_reader_reads_them() -> None:
    """Quotation marks, dashes and an abbreviation's stops are punctuation; a contraction is its words
    (renderings of Giveme5W1H, labelled blind: benchmarks/data/renderings.jsonl)."""
    assert classify(
        "I used the word ‘anger’ but I was worried", "I used the word ‘anger,’ but I was worried"
    ) == ("verbatim")
    assert classify("The US should know it", "The U.S. should know it") == "verbatim"
    assert classify("I'm glad - you don't deserve it", "I’m glad — you don’t deserve it") == "verbatim"
    assert classify("There is so much that can go wrong", "There's so much that can go wrong") == "verbatim"


def test_a_cut_is_partial_and_two_cuts_of_one_statement_too() -> None:
    # one word dropped at the end is a cut, not an edit
    assert classify("the passengers and crew.", "the passengers and crew onboard.") == "partial"
    assert classify(
        "researching how the passenger boarded", "ANA is researching how the passenger boarded"
    ) == ("partial")
    # a long cut with a light edit inside it still reads as a cut ...
    long_ = "It was heartbreaking. Beyond one of the biggest regrets of my career, it was one of the biggest"
    edited = "heartbreaking. Beyond one of the biggest regret of my career, it was one of the biggest"
    assert classify(edited, long_) == "partial"
    # ... a short one does not ("very" is no word of the longer)
    assert classify("a very sad day", "It's a sad day all the way around") == "paraphrase or translation"
    first = "It was Uma's suggestion. To just wrap the thing around her neck, and choke her"
    second = "to just wrap the thing around her neck, and choke her. Not forever, not for a long time"
    assert classify(first, second) == "partial"


def test_words_skipped_inside_what_a_rendering_quotes_are_an_edit() -> None:
    assert (
        classify(
            "end of equality, freedom and self-determination",
            "the end of equality, freedom of movement and self-determination",
        )
        == "minor edit"
    )
    # reworded inside the stretch it spans: a translation, though most of its words are in the other
    us = "The entire United States is within range of our nuclear weapons, and a nuclear button is always on"
    them = (
        "The entire mainland of the US is within the range of our nuclear weapons and the nuclear button is"
    )
    assert classify(us + " my desk", them + " always on the desk of my office") == "paraphrase or translation"


def test_one_content_word_in_common_is_a_topic_not_one_statement() -> None:
    """Musk on two occasions (Giveme5W1H's Falcon Heavy story): under an embedder that finds every text
    alike, "The rocket is looking good." and "This rocket's great for a lot of reasons" share only
    "rocket"; a short statement whose one content word the other has still joins."""
    good, great = "The rocket is looking good", "This rocket’s great for a lot of reasons"
    bodies = {"a": f"Musk said: “{good}.”", "b": f"“{great},” Musk told CBS News."}
    assert _group(bodies, {"a": good, "b": great}, {"a": None, "b": None}).findings == []
    short, said = "So much can go wrong", "There’s so much that can go wrong here, they say"
    bodies = {"a": f"He said: “{short}.”", "b": f"“{said},” he said."}
    assert len(_group(bodies, {"a": short, "b": said}, {"a": None, "b": None}).findings) == 1


def test_a_cut_with_an_edit_is_no_evidence_of_the_original_wording() -> None:
    long_ = "We will not accept this deal under any circumstances at all"
    short = "We won't accept this deal in any circumstances"
    grouped = _group(
        {"a": f"“{long_}.”", "b": f"“{short}.”"}, {"a": long_, "b": short}, {"a": None, "b": None}
    )
    (finding,) = grouped.findings
    assert {r.article: r.cls for r in finding.renderings}["b"] == "partial"
    assert not any(r.closest for r in finding.renderings)


def test_an_outlet_quoting_a_statement_in_pieces_gives_each_piece_to_its_group() -> None:
    """The Post quotes Trump's tweet in two pieces, the Daily whole (Giveme5W1H's North Korea oil story):
    both pieces join the whole; a piece that repeats the outlet's other piece, or overlaps it, does not."""
    whole = "Caught RED HANDED - very disappointed that China is allowing oil to go into North Korea"
    body_a = f"Trump tweeted: “{whole}.”"
    body_b = (
        "China was caught “red handed,” he wrote, and he was “very disappointed that China is allowing oil.”"
    )
    bodies = {"a": body_a, "b": body_b}

    def quote(article: str, text: str, after: int = 0) -> Quote:
        return _quoted(bodies, article, text, "person:t", after)

    pieces = [
        quote("a", whole),
        quote("b", "red handed"),
        quote("b", "very disappointed that China is allowing oil"),
    ]
    outlets = {"a": "outlet a", "b": "outlet b"}
    grouped = group_quotes(pieces, bodies, _DistinctVectors(), outlets)  # type: ignore[arg-type]
    (finding,) = grouped.findings
    assert len(finding.renderings) == 3 and finding.outlets == 2
    assert {r.cls for r in finding.renderings if r.article == "b"} == {"partial"}
    # the same piece again further on is a repetition, not another piece
    bodies["b"] = body_b + " Again: “red handed.”"
    again = [*pieces, quote("b", "red handed", after=len(body_b))]
    grouped = group_quotes(again, bodies, _DistinctVectors(), outlets)  # type: ignore[arg-type]
    assert len(grouped.findings[0].renderings) == 3


def test_two_groups_of_one_statement_quoted_in_pieces_are_one() -> None:
    """Sarah Silverman's tweet (Giveme5W1H): a quotes it whole, b in two pieces, c only the second piece,
    word for word as b: b's and c's second pieces made a group of their own, apart from the whole's, which
    b's first piece joined; they are one statement."""
    first = "No fight. We just live in different countries and it got hard"
    second = "Felt we should stay friends"
    whole = f"{first}. {second}"
    bodies = {
        "a": f"She wrote: “{whole}.”",
        "b": f"She wrote: “{first}.” Later she added that they “{second}.”",
        "c": f"The two “{second},” she said.",
    }

    def quote(article: str, text: str) -> Quote:
        return _quoted(bodies, article, text, "person:s")

    quotes = [quote("a", whole), quote("b", first), quote("b", second), quote("c", second)]
    outlets = {a: f"outlet {a}" for a in bodies}
    (finding,) = group_quotes(quotes, bodies, _SameTextVectors(), outlets).findings  # type: ignore[arg-type]
    assert finding.outlets == 3 and len(finding.renderings) == 4


def test_a_piece_another_outlet_gives_joins_the_whole_through_a_repeated_piece() -> None:
    """b quotes the whole and its last sentence again, c only that sentence: b's piece and c's paired
    first (word for word), and that group is the statement's too; b shows both its renderings."""
    whole = "No fight. We just live in different countries and it got hard. Felt we should stay friends"
    piece = "Felt we should stay friends"
    bodies = {"a": f"“{whole}.”", "b": f"“{whole}.” Again, they “{piece}.”", "c": f"The two “{piece}.”"}

    def quote(article: str, text: str, after: int = 0) -> Quote:
        return _quoted(bodies, article, text, "person:s", after)

    again = bodies["b"].index("Again")
    quotes = [quote("a", whole), quote("b", whole), quote("b", piece, again), quote("c", piece)]
    outlets = {a: f"outlet {a}" for a in bodies}
    (finding,) = group_quotes(quotes, bodies, _SameTextVectors(), outlets).findings  # type: ignore[arg-type]
    held = sorted((r.article, r.text) for r in finding.renderings)
    assert held == [("a", whole), ("b", piece), ("b", whole), ("c", piece)]


def _quoted(bodies: dict[str, str], article: str, text: str, speaker: str, after: int = 0) -> Quote:
    """A direct quote of ``text`` where it first stands in the article's body (from ``after`` on)."""
    start = bodies[article].index(text, after)
    return Quote(article, "direct", Span(article, start, start + len(text)), speaker=speaker)


class _SameTextVectors:
    """An embedder under which only identical texts mean the same."""

    def embed(self, texts: list[str]) -> Any:
        index = {t: k for k, t in enumerate(dict.fromkeys(texts))}
        return np.eye(len(texts), max(len(texts), 1), dtype=np.float32)[[index[t] for t in texts]]


def test_a_phrase_two_statements_share_joins_no_groups() -> None:
    from parallax.compare.quotes import _pieces_of_one, words

    texts = {
        0: ("a", "we expect China to play a constructive role in forcing North Korea back"),
        1: ("b", "we expect China to play a constructive role in pulling North Korea back"),
        2: ("a", "China has a unique relationship with North Korea and real influence"),
        3: ("b", "play a constructive role"),
    }
    bodies = {"a": " ".join(t for a, t in texts.values() if a == "a"), "b": ""}
    bodies["b"] = " ".join(t for a, t in texts.values() if a == "b")
    quotes = []
    for article, text in texts.values():
        start = bodies[article].index(text)
        quotes.append(Quote(article, "direct", Span(article, start, start + len(text))))
    words_of = {k: words(t) for k, (_, t) in texts.items()}
    # b's fragment lies in a's first statement, but a's other statement lies in nothing of the other group
    assert not _pieces_of_one([0, 1], [2, 3], quotes, words_of)
    assert _pieces_of_one([0, 2], [3], quotes, words_of) is False  # no outlet in both


def test_only_the_longest_rendering_can_contain_the_others() -> None:
    """A piece an outlet quotes again ("play a constructive role") is held by the long renderings that
    classify as verbatim against it: it is no container of the others, though a shorter piece is its cut."""
    from parallax.compare.quotes import _closest

    texts = [
        "We expect China to use its influence to play a constructive role in forcing North Korea away",
        "we do look to China to use that influence to play a constructive role in pulling North Korea back",
        "play a constructive role",
        "constructive role",
    ]
    classes = [[classify(a, b) if a != b else "verbatim" for b in texts] for a in texts]
    closest, why = _closest(texts, classes, [None] * len(texts))  # type: ignore[arg-type]
    assert 2 not in closest and "contains" not in why
