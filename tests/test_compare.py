"""Claims, quote renderings and conflict rules on real sentences from the example and its kind."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from parallax.annotate.nlp import parse
from parallax.compare.align import align
from parallax.compare.claims import claims, sentences
from parallax.compare.conflicts import find_conflicts, view
from parallax.compare.quotes import classify, word_diff
from parallax.compare.story import _full_name
from parallax.model import Article, Claim, Document, Entity, Mention, Span
from parallax.pipeline import compare_documents

URGED = "The two ministers also urged China to play a “constructive role” in preventing military cooperation."
DENIED = (
    "Park also called for China to “play a role,” but did not describe that potential role as “constructive.”"
)


def _claim_texts(text: str) -> list[str]:
    """The claims parallax cuts one text into, as text."""
    doc = parse([text])[0]
    return [text[c.start : c.end] for c in claims("a", doc, sentences("a", doc))]


def test_sentence_with_two_facts_gives_two_claims() -> None:
    text = (
        "Secretary of State Antony Blinken accused North Korea of “growing and dangerous military "
        "cooperation "
        "with Russia” during a visit to South Korea on Thursday, urging communist China to “play a "
        "constructive role” in reducing tensions. “China has a unique relationship with North Korea; as a "
        "result, it has real influence,” Blinken said."
    )
    doc = parse([text])[0]
    found = claims("a", doc, sentences("a", doc))
    pieces = [text[c.start : c.end] for c in found]
    assert pieces[0].endswith("on Thursday")
    assert pieces[1].startswith("urging communist China")
    assert any(p.startswith("“China has a unique relationship") and "Blinken said" in p for p in pieces), (
        "a quotation is never cut at its semicolon"
    )


def test_a_closing_mark_split_off_after_a_full_stop_stays_with_its_sentence() -> None:
    """spaCy ends a sentence at 'irrelevant.' and leaves the closing mark alone (Fox News, BASIL)."""
    text = (
        'Dennis accused the NAACP of playing the "race card" and called the organization "irrelevant."\n\n'
        '"First part of a quote. Second part," he said. ***\nNext paragraph.'
    )
    doc = parse([text])[0]
    found = [text[s.start : s.end] for s in sentences("a", doc)]
    assert found[0].endswith('"irrelevant."')
    assert '"First part of a quote. Second part," he said.' in " ".join(found)
    assert all(any(ch.isalnum() for ch in sentence) for sentence in found)
    assert all(text[c.start : c.end].strip('"') for c in claims("a", doc, sentences("a", doc)))


def test_a_typewriter_closing_double_closes_the_quotation_for_sentences() -> None:
    """ECB+ copy opens with " and closes with '': the sentences after the quotation stay apart."""
    text = (
        "\"He slipped away, '' she said. Felt blew the whistle on a corrupt administration. "
        "He guided reporter Bob Woodward. That led to the resignation of President Nixon."
    )
    doc = parse([text])[0]
    found = [text[s.start : s.end] for s in sentences("a", doc)]
    assert found[0] == "\"He slipped away, '' she said."
    assert "He guided reporter Bob Woodward." in found


def test_quote_rendering_classes() -> None:
    assert classify("We are seeing it.", "We are seeing it") == "verbatim"
    assert classify("constructive role", "play a constructive role") == "partial"
    assert classify("play a constructive role", "constructive role") == "verbatim"
    assert classify(
        "we are also seeing Russia providing support", "we’re also seeing Russia provide support"
    ) in {
        "minor edit",
        "paraphrase or translation",
    }
    assert (
        classify("We expect China to use its influence", "we do look to China to use that influence")
        == "paraphrase or translation"
    )


def test_word_diff_marks_removed_and_added_words() -> None:
    assert word_diff("Caught RED HANDED — very", "Caught RED HANDED - very") == "Caught RED HANDED — very"
    assert word_diff("we are also seeing", "we’re also seeing") == "[-we’re-] {+we are+} also seeing"
    assert word_diff("same words", "same words") == "same words"
    obama = "It happened: @Cubs win World Series. That’s change even this south Sider can believe in."
    sun = "It happened: Cubs win World Series. That's change even this South Sider can believe in."
    assert word_diff(sun, obama) == sun, "the Sun's copy of the tweet differs only in how words are written"


def _conflicts(
    a: str, b: str, entity_words: tuple[str, ...] = ("China", "Park"), similarity: float = 0.0
) -> list[str]:
    docs = parse([a, b])
    claim_list = [Claim("a", 0, len(a), 0), Claim("b", 0, len(b), 0)]
    mentions = {
        art: [
            Mention(art, i, i + len(w), w, "GPE", f"e:{w}")
            for w in entity_words
            for i in [text.find(w)]
            if i >= 0
        ]
        for art, text in (("a", a), ("b", b))
    }
    views = [view(c, docs[n], (a, b)[n], mentions[c.article], []) for n, c in enumerate(claim_list)]
    vectors = np.array([[1.0, 0.0], [similarity, (1 - similarity**2) ** 0.5]], dtype=np.float32)
    alignment = align(claim_list, vectors, {"a": "A", "b": "B"})
    found = find_conflicts(views, alignment, {"a": "A", "b": "B"}, [], {"a": a, "b": b})
    return [f.conflict_type or "" for f in found]


def test_negation_of_what_the_other_outlet_asserts_is_a_conflict() -> None:
    assert _conflicts(URGED, DENIED) == ["negation"]


def test_paraphrase_and_non_negations_are_not_conflicts() -> None:
    paraphrase = "Both ministers called on China to play a constructive part in stopping the cooperation."
    assert _conflicts(URGED, paraphrase) == []
    not_only = "China is not only playing a constructive role but also preventing military cooperation."
    assert _conflicts(URGED, not_only) == []
    goal = "They urged China to ensure that it does not play a constructive role in military cooperation."
    assert _conflicts(URGED, goal) == [], "a negation inside a goal asserts nothing"
    one_word = "China expressed no interest in “constructive” actions toward building peace."
    assert _conflicts(URGED, one_word) == [], "sharing one word is not speaking of the same thing"


def test_numbers_compare_by_value_not_spelling() -> None:
    """Numbers as values: "Two" and "two" agree (a false conflict in the hand-checked set came from this)."""
    from parallax.compare.conflicts import number_value

    assert number_value("Two") == number_value("two") == number_value("2")
    assert number_value("1,400") == number_value("1400") and number_value("forty") == "40"
    assert number_value("2.6") == "2.6" and number_value("77") != number_value("84")


def test_the_same_toll_measured_differently_is_a_number_conflict_even_when_worded_apart() -> None:
    """Real pairs of the hand-checked set: Nice's toll (claims too unlike to align, cosine 0.34)."""
    died = "The death toll grew through the night, with Hollande saying 77 people died."
    killed = "Officials in Nice said at least 84 people, including children, were killed by the driver."
    assert _conflicts(died, killed, (), similarity=0.34) == ["number"]
    assert _conflicts(died, killed, (), similarity=0.1) == [], "unrelated claims are not compared"
    more = "Officials said at least 70 people were killed by the driver of the truck."
    assert _conflicts(died, more, (), similarity=0.5) == [], "at least 70 allows 77"
    nine = "At least nine people were killed when the tram derailed."
    seven = "At least seven people were killed when the tram derailed."
    assert _conflicts(seven, nine, (), similarity=0.6) == [], "two lower bounds can both hold: a running toll"
    exact = "Nine people were killed when the tram derailed."
    assert _conflicts(seven, exact, (), similarity=0.6) == [], "nine is at least seven"
    assert _conflicts(exact, "Seven people were killed when the tram derailed.", (), 0.6) == ["number"]


def test_counted_numbers_are_intervals_and_units_are_not_counted_things() -> None:
    """Real pairs of the hand-checked set (batch 2): bounds that overlap, and lengths in two units."""
    over = "Police chased him at speeds of more than 100 mph before he pulled over after about 15 minutes."
    upto = "Police chased him 30 miles at speeds up to 120 mph before he pulled over after about 15 minutes."
    assert _conflicts(over, upto, (), similarity=0.9) == [], "a speed is a unit, not a counted thing"
    many = "More than 100 officers searched the building before the suspect surrendered."
    some = "Up to 120 officers searched the building before the suspect surrendered."
    assert _conflicts(many, some, (), similarity=0.9) == [], "more than 100 and up to 120 overlap"
    assert _conflicts(many, some.replace("120", "90"), (), similarity=0.9) == ["number"]
    tall = "The rocket, measuring 229 feet (70 meters) tall and 40 feet (12 meters) abreast, sat on the pad."
    base = "Stretching 40 feet (12 meters) at the base and standing 230 feet (70 meters) tall, it waits."
    assert _conflicts(tall, base, (), similarity=0.9) == []


def test_a_casualty_verb_counts_its_object_whatever_the_tagger_says() -> None:
    """ECB+ 20_8ecbplus / 20_11ecbplus: "injuring 80" (tagged a date) against "about 50 hurt" (a noun)."""
    a = "A powerful earthquake hit southern Iran, killing 10 people and injuring 80."
    b = "A powerful earthquake hit southern Iran: ten people are killed and about 50 hurt."
    assert _conflicts(a, b, (), similarity=0.8) == ["number"]
    assert _conflicts(a, b.replace("about 50", "about 75"), (), similarity=0.8) == [], "about 75 allows 80"


def test_amounts_of_money_for_one_thing_conflict_and_conversions_do_not() -> None:
    """Giveme5W1H (Goldman Sachs, Bloomberg / The Washington Post): one date's foreign earnings."""
    a = "Goldman Sachs had $31.2 billion in earnings reinvested abroad as of the end of 2016."
    b = "The charge is based on the $32.6 billion in undistributed foreign earnings Goldman had in 2016."
    assert _conflicts(a, b, (), similarity=0.6) == ["number"]
    assert _conflicts(a, b.replace("$32.6 billion", "$31.2 billion"), (), similarity=0.6) == []
    bill = "Mary Horomanski of Erie received a bill of more than $284 billion."
    whopping = "Mary Horomanski of Erie received a bill of $284 billion for December."
    assert _conflicts(bill, whopping, (), similarity=0.8) == [], "more than $284 billion allows it"
    euros = "Armed robbers stole diamonds valued at 85 million euros ($ 108 million) in Paris."
    pounds = "Armed robbers stole diamonds valued at 85 million euros (74 million pounds) in Paris."
    assert _conflicts(euros, pounds, (), similarity=0.9) == [], "two currencies are two things"


def test_a_number_written_with_spaced_thousands_is_one_number() -> None:
    """ECB+ writes 120,000 as "120, 000": the parts are one value, not "120" and "000"."""
    a = "The quake struck Qeshm island, home to 120, 000 people, and the city of Bandar Abbas."
    b = "The quake was centred near Qeshm Island, home to 200, 000 people, the U.S. said."
    assert _conflicts(a, b, (), similarity=0.85) == ["number"]
    assert _conflicts(a, b.replace("200, 000", "120,000"), (), similarity=0.85) == []


def test_ages_of_one_child_conflict_and_unnamed_adults_are_not_compared() -> None:
    four = "The gorilla was killed after a 4-year-old boy tumbled into the enclosure at the zoo."
    three = "After a 3-year-old boy slipped into the gorilla enclosure at the zoo, the gorilla was killed."
    assert _conflicts(four, three, (), similarity=0.8) == ["number"]
    assert _conflicts(four, three.replace("3-year-old", "four-year-old"), (), similarity=0.8) == []
    man = "A 61-year-old man was charged with murder after the office shooting, police said."
    other = "A 63-year-old man was charged with murder after the office shooting, police said."
    assert _conflicts(man, other, (), similarity=0.9) == [], "two unnamed men may be two people"


def test_a_place_name_spelled_apart_in_one_fact_is_a_name_conflict() -> None:
    places = ("Shettleston Road", "Shettlestone Road", "Glasgow")
    a = "In 1959 two passengers and the driver died after a tram caught fire in Shettleston Road, Glasgow."
    b = "In 1959 two passengers and the driver died when a tram caught fire in Shettlestone Road, Glasgow."
    assert _conflicts(a, b, places, similarity=0.9) == ["name"]
    assert _conflicts(a, b, places, similarity=0.5) == [], "only where the claims are one fact"
    island = ("Qeshm island", "Qeshm Island")
    c, d = "The quake struck Qeshm island on Sunday.", "The quake struck Qeshm Island on Sunday."
    assert _conflicts(c, d, island, similarity=0.95) == [], "case is not spelling"
    for x, y in (("Odesa", "Odessa"), ("Mazar-i-Sharif", "Mazar-e-Sharif")):
        e = "A drone attack on {} damaged the port on Friday, officials said."
        assert _conflicts(e.format(x), e.format(y), (x, y), similarity=0.95) == [], "a transliteration"


def test_units_and_spelled_numbers_are_compared_by_value() -> None:
    feet = "Duncan Rait died after slipping and falling about 200ft from a ridge near the glacier."
    metres = "Duncan Rait died after slipping and falling about 60m from a ridge near the glacier."
    far = "Duncan Rait died after slipping and falling about 150 metres from a ridge near the glacier."
    assert _conflicts(feet, metres, (), similarity=0.95) == []
    assert _conflicts(far, metres, (), similarity=0.9) == ["number"]
    words = "Police said on Wednesday that twenty-five people were hurt when a ship hit a bridge."
    digits = "A ship struck a highway bridge and 25 people were injured, police said Wednesday."
    assert _conflicts(words, digits, (), similarity=0.7) == []
    five = "A family in the suburbs said five of the dead were relatives on vacation."
    seven_dead = "A family in the suburbs said seven of the dead were their relatives on vacation."
    assert _conflicts(five, seven_dead, (), similarity=0.95) == ["number"]


def test_a_denial_without_a_named_entity_needs_a_near_identical_claim() -> None:
    released = "Police say four people with more serious injuries were released from hospitals on Wednesday."
    kept = "Police said four people with more serious injuries were not released from hospitals on Wednesday."
    assert _conflicts(released, kept, (), similarity=0.95) == ["negation"]
    assert _conflicts(released, kept, (), similarity=0.6) == [], "no entity and only loosely related"


def test_claims_and_conflicts_read_quotations_as_the_quote_extractor_does() -> None:
    """One reading of quotation marks (annotate.quote_marks) for every stage: a typewriter-quoted
    statement is not cut at its semicolon, and a denial inside it is the speaker's, not the writer's."""
    text = "``We did not agree to this; we never will,'' the minister said on Friday in the capital city."
    doc = parse([text])[0]
    found = claims("a", doc, sentences("a", doc))
    assert [text[c.start : c.end] for c in found] == [text]
    claim_view = view(found[0], doc, text, [], [])
    assert claim_view.quoted_denial and "minister" in claim_view.asserted_in_prose


def test_parts_of_a_toll_and_someones_child_are_not_the_story_count() -> None:
    """From a 12-article Costa Rica crash story (Giveme5W1H), where every number conflict was false."""
    total = "A small plane crash Sunday in northwest Costa Rica killed 12 people, officials said."
    parts = (
        "The government regrets the deaths of 10 American passengers and two Costa Rican pilots in the crash."
    )
    assert _conflicts(total, parts, (), similarity=0.6) == [], "two counts joined by 'and' are parts"
    nine = "The families from Scarsdale and Belleair accounted for nine of the dead, officials said."
    five = "A family in the suburbs of New York said five of the dead were their relatives on vacation."
    assert _conflicts(nine, five, (), similarity=0.55) == [], "'N of the dead' counts a part unless one fact"
    son = "His wife and 13-year-old son were also killed in the attack on the promenade."
    boy = "The mother of a four-year-old boy was killed in the attack on the promenade."
    assert _conflicts(son, boy, (), similarity=0.7) == [], "someone's child: a story of many victims has many"


def _views(texts: dict[str, str]) -> tuple[list[Any], Any]:
    docs = parse(list(texts.values()))
    claim_list = [Claim(a, 0, len(t), 0) for a, t in texts.items()]
    views = [
        view(c, docs[k], t, [], []) for k, (c, t) in enumerate(zip(claim_list, texts.values(), strict=True))
    ]
    n = len(texts)
    alignment = align(
        claim_list,
        np.full((n, n), 0.5, np.float32) + 0.5 * np.eye(n, dtype=np.float32),
        dict(zip(texts, texts, strict=True)),
    )
    return views, alignment


def test_one_toll_given_several_ways_is_one_finding_and_other_events_are_left_out() -> None:
    """The Nice attack (Giveme5W1H, 11 articles) drew about 90 pairwise number conflicts: every pair of
    77, 80, "nearly 80", "at least 84", and the tolls of the earlier attacks it recalled."""
    texts = {
        "a": "Hollande said 77 people died in the truck attack on the promenade.",
        "b": "The interior minister said 80 people were killed in the truck attack on the promenade.",
        "c": "At least 84 people were killed in the truck attack on the promenade, officials said.",
        "d": "Four months ago, Islamists killed 32 people in the attack at the Brussels airport.",
    }
    views, alignment = _views(texts)
    labels = {"a": "A", "b": "B", "c": "C", "d": "D"}
    published = {"a": "2016-07-14T21:00", "b": "2016-07-14T23:00", "c": "2016-07-15T09:00", "d": None}
    found = find_conflicts(views, alignment, labels, [], texts, published_of=published, elsewhere={3: None})
    (toll,) = [f for f in found if f.conflict_type == "number"]
    assert [s.article for s in toll.sides] == ["a", "b", "c"]
    assert "77 (A); 80 (B); at least 84 (C)" in toll.text and "rises" in toll.text
    lengths = {
        "a": "The missile flew 3,700 kilometers before it fell into the sea, the military said.",
        "b": "The missile flew 2,700 kilometers before it fell into the sea, the military said.",
        "a2": "An earlier missile flew 1,000 kilometers before it fell into the sea, officials said.",
    }
    views2, alignment2 = _views(lengths)
    views2[2] = dataclasses.replace(views2[2], claim=dataclasses.replace(views2[2].claim, article="a"))
    (length,) = find_conflicts(views2, alignment2, labels, [], lengths)
    assert "may not all measure one thing" in length.text and "toll" not in length.text
    counted = find_conflicts(views, alignment, labels, [], texts, published_of=published)
    assert any("D" in f.text for f in counted if f.conflict_type == "number"), "without `elsewhere`: compared"


def test_a_count_of_the_rest_is_not_the_total() -> None:
    """RT and NPR on the Panama Papers (Giveme5W1H): 12 leaders and 128 *other* politicians make NPR's 140."""
    rest = (
        "The leak claims to expose the offshore holdings of 12 current and former world leaders and "
        "provides data on the financial activities of 128 other politicians and public officials."
    )
    total = "According to ICIJ, the documents make public the offshore accounts of 140 politicians."
    assert _conflicts(rest, total, (), similarity=0.75) == [], "'128 other politicians' is a remainder"
    more = "Five more people died in hospital on Sunday, officials said."
    toll = "Officials said 12 people died in the attack."
    assert _conflicts(more, toll, (), similarity=0.75) == [], "'five more' is an increase, not the toll"
    assert _conflicts(total.replace("140", "160"), total, (), similarity=0.75), "totals still conflict"


def test_a_question_in_the_writers_words_is_no_claim() -> None:
    """CNN's explainer on the Panama Papers (Giveme5W1H) led the brief with "What are the Panama Papers?"."""
    text = (
        "What are the Panama Papers?\nWhy are they called the Panama Papers?\n"
        "The documents are allegedly connected to Panama law firm Mossack Fonseca. "
        '"Why now?" asked one of the lawyers.'
    )
    found = _claim_texts(text)
    assert found == [
        "The documents are allegedly connected to Panama law firm Mossack Fonseca.",
        '"Why now?" asked one of the lawyers.',
    ]


def test_a_margin_is_not_a_count() -> None:
    """The Brazilian Grand Prix (Giveme5W1H): "scores seven points more than Hamilton" against "19 points
    clear of Hamilton" was flagged as a conflict; both measure a difference, not a number of things."""
    more = "Rosberg can take the title if he triumphs on Sunday or scores seven points more than Hamilton."
    clear = (
        "Rosberg, 19 points clear of Hamilton in the title race, will seal the championship if he wins here."
    )
    assert _conflicts(more, clear, (), similarity=0.75) == []
    trails = "Hamilton, who trails Mercedes team mate Nico Rosberg by 19 points, had been 3.1 seconds clear."
    gap = (
        "Hamilton won to bring the championship gap between himself and rival Nico Rosberg to just 12 points."
    )
    assert _conflicts(trails, gap, (), similarity=0.75) == [], "a lead before the race and after it"
    agents = (
        "The convoy was attacked by 19 gunmen on Sunday.",
        "The convoy was attacked by 12 gunmen on Sunday.",
    )
    assert _conflicts(*agents, (), similarity=0.9), "a passive's agent is counted"


def test_a_number_naming_a_kind_of_thing_is_not_a_count() -> None:
    """The Cubs' World Series (Giveme5W1H): "Chapman gave up three runs" against "Davis hit a tying,
    two-run homer" was flagged; "two-run" says what kind of homer, not how many runs Chapman gave up."""
    three = "Closer Aroldis Chapman gave up three runs as the Indians hit back in style in the eighth."
    homer = "Aroldis Chapman blew a 6-3 lead in the eighth when Rajai Davis hit a tying, two-run homer."
    assert _conflicts(three, homer, (), similarity=0.75) == []
    assert _conflicts(three, three.replace("three", "four"), (), similarity=0.9), (
        "two counts of runs still are"
    )
    two_run = "Rajai Davis hit a two-run homer in the eighth."
    assert _conflicts(two_run, two_run.replace("two", "three"), (), similarity=0.9), "two kinds of homer are"
    quake = "The 6.1 - magnitude quake struck Qeshm island, home to 120, 000 people, state media said."
    assert _conflicts(quake, quake.replace("6.1", "5.9"), (), similarity=0.95), "ECB+: two magnitudes are"


def test_a_lead_in_to_what_follows_is_no_claim() -> None:
    """CNN's "Here are the latest developments:" was a fact only CNN reported (Giveme5W1H)."""
    text = (
        "Here are the latest developments:\nThe missile flew over Hokkaido before landing in the sea.\n"
        "Here's why.\nHere is how the government responded to the launch on Tuesday morning in Tokyo and "
        "in Seoul, officials said.\nBelow is small sample of the contested domains."
    )
    found = _claim_texts(text)
    assert found == [
        "The missile flew over Hokkaido before landing in the sea.",
        "Here is how the government responded to the launch on Tuesday morning in Tokyo and in Seoul, "
        "officials said.",
    ]


def test_a_transcripts_labels_requests_and_stage_notes_are_no_claims() -> None:
    """NPR's Cologne interview (Giveme5W1H): the host's "MONTAGNE: Take us through what happened that
    night." and "GERMANY THOMAS DE AIZIERE: (Speaking German)." were facts only NPR reported."""
    text = (
        "MONTAGNE: Take us through what happened that night.\n"
        "NELSON: The largest number of attacks happened in Cologne on New Year's Eve.\n"
        "(SOUNDBITE OF ARCHIVED RECORDING)\n"
        "GERMANY THOMAS DE AIZIERE: (Speaking German).\n"
        "Tell me what you saw, the officer asked the witness on the square."
    )
    found = _claim_texts(text)
    assert found == [
        "The largest number of attacks happened in Cologne on New Year's Eve.",
        "Tell me what you saw, the officer asked the witness on the square.",
    ]


def test_a_correlative_or_two_joined_adjectives_are_no_second_clause() -> None:
    """NPR on the Falcon Heavy (Giveme5W1H): the brief stated "Not only will the Falcon Heavy be able to
    carry more … the Delta IV Heavy." on its own."""
    text = (
        "Not only will the Falcon Heavy be able to carry more than twice as much mass to orbit as the Delta "
        "IV Heavy, but it will also do so at one-third the cost, according to SpaceX."
    )
    assert _claim_texts(text) == [text]
    fox = (
        "Romney added his voice after five past and present Missouri Republican senators urged Akin to step "
        "aside."
    )
    assert _claim_texts(fox) == [fox], "BASIL's Fox: 'past and present' senators, not a second clause"
    two = "The rocket will carry twice as much mass, but it will not fly before March, officials said."
    assert len(_claim_texts(two)) == 2, "a plain 'but' still parts two facts"


def test_claims_linked_in_a_chain_are_cut_into_the_facts_they_hold() -> None:
    """Best matches chain (A's claim to B's, A's other claim to the same B claim): North Korea's Hokkaido
    story once had one "shared fact" of 84 claims from 10 outlets. An outlet's two claims, unlike each
    other, are not one fact; the closer pair stays shared."""
    angle = np.radians([0.0, 25.8, 66.3])  # a1; b1 at cosine 0.90 to a1; a2 at cosine 0.76 to b1
    vectors = np.stack([np.cos(angle), np.sin(angle)], axis=1).astype(np.float32)
    claim_list = [Claim("a", 0, 10, 0), Claim("b", 0, 10, 0), Claim("a", 20, 30, 1)]
    result = align(claim_list, vectors, {"a": "A", "b": "B"})
    assert result.shared == [[0, 1]]
    two = align(claim_list[:2], vectors[:2], {"a": "A", "b": "B"})
    assert two.shared == [[0, 1]], "one claim per outlet: nothing to cut"


def test_a_second_that_clause_stays_with_its_reporting_verb() -> None:
    """The Costa Rica crash story (Giveme5W1H, NYT) listed "that his mother was especially passionate about
    the organization …" as a fact on its own, with no word of who said it."""
    text = (
        "Leslie Adelson Lewin, the executive director of Seeds of Peace, said that William had ambitions "
        "for a political career and that his mother was especially passionate about the organization."
    )
    assert _claim_texts(text) == [text]
    two = "The Weisses had a piano in their home, and Ari had recently taken up songwriting."
    assert len(_claim_texts(two)) == 2, "two independent clauses stay two claims"


def test_two_possibilities_joined_by_or_are_one_claim() -> None:
    """The Sun's Equifax advice gave "you must cancel it" and "you'll be charged a monthly fee." as two
    facts."""
    text = "You can sign up for a trial for free, but you must cancel it or you'll be charged a monthly fee."
    found = _claim_texts(text)
    assert found[-1] == "you must cancel it or you'll be charged a monthly fee."


def test_a_piece_with_no_verb_of_its_own_is_no_claim() -> None:
    """The Mail's Cincinnati zoo story (Giveme5W1H) gave "At one point a woman appearing to be" as a fact
    only it reported (the parser had cut the sentence before its verb), and subheadings such as "The
    nuclear option" and "Call for peace" (CNN, Kim Jong Un's olive branch) stood as facts in others."""
    text = (
        "Call for peace\nAt one point a woman appearing to be the child's mother yells down, 'mommy's "
        "right here,' as the boy can be heard crying.\nThe boy was rescued.\n"
        "Satellites and spacecraft fall to Earth all the time."
    )
    found = _claim_texts(text)
    assert found == text.split("\n")[1:], "a sentence whose verb the tagger missed stays"
    # Reuters on North Korea's missile (HuffPost): a participle clause was cut off and led the brief
    tension = (
        "Tensions on the Korean Peninsula are rapidly mounting with North Korea defiantly continuing its "
        "missile and nuclear tests and the US, South Korean and Japanese militaries regularly holding drills "
        "in the region, accompanied by strong rhetoric by Washington."
    )
    assert not any(c.startswith("South Korean") for c in _claim_texts(tension))
    # The Times on the Falcon Heavy: an answer to the sentence before it, which the brief stated alone
    answer = "How much can the rocket lift?\nAccording to Mr. Musk, a lot.\nThe rocket was fueled."
    assert _claim_texts(answer) == ["The rocket was fueled."]
    assert _claim_texts("According to the police, the driver was arrested.") != []


def test_the_group_a_part_is_taken_from_is_no_count_of_the_part() -> None:
    """Giveme5W1H's Chibok story: "Twenty-one schoolgirls … have been freed" against "freed 21 of the more
    than 200 Chibok schoolgirls" was flagged as 21 against more than 200."""
    sun = (
        "Twenty-one schoolgirls captured by Islamist terror group Boko Haram more than two years ago have "
        "been freed, Nigeria's government has said."
    )
    mail = "Jihadist group Boko Haram has freed 21 of the more than 200 Chibok schoolgirls kidnapped in 2014."
    cnn = (
        "Boko Haram handed over 21 Chibok schoolgirls in the first release of any of the more than 200 girls."
    )
    assert _conflicts(sun, mail, (), similarity=0.8) == []
    assert _conflicts(sun, cnn, (), similarity=0.8) == []
    assert _conflicts(sun, sun.replace("Twenty-one", "Twenty-four"), (), similarity=0.9), (
        "the freed still are"
    )


def test_two_versions_of_an_offer_are_no_conflict() -> None:
    """Giveme5W1H's Broadcom story: USA Today's "an initial $103 billion offer" against Reuters' "$121
    billion best and final offer" was flagged as two figures for one offer."""
    first = "This comes three months after Broadcom made an initial $103 billion offer to combine the two."
    final = "Broadcom Ltd made a $121 billion “best and final offer” on Monday to acquire Qualcomm Inc."
    assert _conflicts(first, final, (), similarity=0.8) == []
    assert _conflicts(first, first.replace("$103", "$110"), (), similarity=0.9), "one initial offer still is"


def test_amounts_of_two_named_bodies_are_no_conflict() -> None:
    """Giveme5W1H's Goldman Sachs tax story: Goldman's "$5 billion hit" against Citigroup's "hit of as much
    as $20 billion", and "the bank" Citigroup's CFO spoke of against Bank of America's "$3 billion charge",
    were flagged as disagreements."""
    goldman = "Goldman Sachs expects to take a $5 billion hit to profits for the fourth quarter."
    others = (
        "Citigroup Inc. said it expects a hit of as much as $20 billion, while Bank of America Corp. will "
        "take a $3 billion charge."
    )
    cfo = (
        "On Dec. 6, the Citigroup chief financial officer said the bank could be facing a $20 billion charge."
    )
    assert _conflicts(goldman, others, (), similarity=0.8) == []
    assert _conflicts(cfo, others, (), similarity=0.8) == []
    assert _conflicts(goldman, goldman.replace("$5", "$6"), (), similarity=0.9), "one body's two figures are"


def _story_conflicts(first: str, second: str) -> list[str]:
    """Conflict types between two outlets' texts, every claim of one as close as can be to every other's."""
    bodies = {"a": first, "b": second}
    docs = dict(zip(bodies, parse(list(bodies.values())), strict=True))
    found = [c for art, doc in docs.items() for c in claims(art, doc, sentences(art, doc))]
    views = [view(c, docs[c.article], bodies[c.article], [], []) for c in found]
    vectors = np.ones((len(found), 2), dtype=np.float32) / np.sqrt(2)
    labels = {"a": "A", "b": "B"}
    return [
        f.conflict_type or ""
        for f in find_conflicts(views, align(found, vectors, labels), labels, [], bodies)
    ]


def test_two_outlets_each_giving_both_figures_do_not_disagree() -> None:
    """Giveme5W1H's well rescue in Hebei: the BBC and the Mail each call the boy both five and six years
    old, and two conflicts set each outlet's five against the other's six."""
    bbc = "Rescuers are trying to reach a five-year-old boy in a well.\nThe six-year-old fell on Sunday."
    mail = "Diggers were sent to save the five-year-old in the well.\nThe six-year-old fell in on Sunday."
    assert _story_conflicts(bbc, mail) == []
    assert _story_conflicts(bbc, mail.replace("five-year-old", "boy")) == ["number"], "the Mail says six only"


def _claims_at(cosines: dict[tuple[int, int], float], n: int) -> np.ndarray:
    """Unit vectors whose pairwise cosines are `cosines` (0.5 elsewhere, the topical floor of a story)."""
    gram = np.full((n, n), 0.5)
    np.fill_diagonal(gram, 1.0)
    for (i, j), c in cosines.items():
        gram[i, j] = gram[j, i] = c
    return np.linalg.cholesky(gram).astype(np.float32)


def test_a_mutual_best_match_below_075_is_linked_only_when_it_says_one_fact() -> None:
    """Two pairs of the labelled set (benchmarks/data/shared_pairs.jsonl, Broadcom's bid for Qualcomm),
    both mutual best matches at cosine 0.70: the cash part of the offer, said twice (sp230, one fact), and
    a guess at what shareholders may do beside a quote about the offer (sp021, two facts about one deal).
    The cosine rule linked both; with the claims' texts the edge model keeps the first only."""
    texts = [
        "the revised offer may entice shareholders to demand that Qualcomm’s executives begin negotiations.",
        "The deal would take the form of $60 in cash and the remainder in Broadcom shares.",
        "This proposal, which represents Broadcom's final offer, \"includes substantially more Broadcom "
        "stock, which will allow Qualcomm stockholders a greater opportunity to participate in the upside "
        "created by the combined company's strategic and operational advantages,\" Broadcom CEO Hock Tan "
        "said in a letter sent to Qualcomm, which was made public.",
        "The portion of the offer in cash was unchanged at $60 a share.",
    ]
    claim_list = [Claim("a", 0, 1, 0), Claim("a", 2, 3, 1), Claim("b", 0, 1, 0), Claim("b", 2, 3, 1)]
    vectors = _claims_at({(0, 2): 0.70, (1, 3): 0.70}, 4)
    outlets = {"a": "A", "b": "B"}
    assert align(claim_list, vectors, outlets, texts).shared == [[1, 3]]
    assert sorted(align(claim_list, vectors, outlets).shared) == [[0, 2], [1, 3]], "no texts: the cosine rule"
    high = _claims_at({(0, 2): 0.76, (1, 3): 0.70}, 4)
    assert sorted(align(claim_list, high, outlets, texts).shared) == [[0, 2], [1, 3]], (
        "0.75 and above: linked"
    )


def test_a_clause_is_not_cut_where_the_parse_went_astray() -> None:
    """The Cubs story (Giveme5W1H): the Mail's "… restored the lead by hitting" and the Post's "When Dexter
    Fowler hit …, then danced backward between first and second base" stood in the brief as whole facts."""
    mail = (
        "But Series MVP Ben Zobrist restored the lead by hitting an RBI double and Miguel Montero singled "
        "home a run to make it 8-6, putting the Cubs back in a seemingly comfortable position."
    )
    found = _claim_texts(mail)
    assert not any(c.endswith("by hitting") for c in found), "no cut right after a word awaiting its object"
    assert found[-1] == "putting the Cubs back in a seemingly comfortable position.", "a trailing participle"
    post = (
        "When Dexter Fowler hit the third pitch of the game over the center field fence, then danced "
        "backward between first and second base, exhorting his teammates, he was, by his spontaneous "
        "jubilation, honoring so many great Cubs of the past."
    )
    assert _claim_texts(post) == [post], "a participle inside the sentence, and one after 'was', cut nothing"
    # and where the parser missed a sentence's end, the cut stays (BASIL; a CNN heading run on)
    court = (
        "The judge set the sentencing for June 28 at 2 p.m. Jackson will be free to go after he surrenders "
        "his passport."
    )
    assert _claim_texts(court)[0] == "The judge set the sentencing for June 28 at 2 p.m."
    heading = (
        "Why North Korea wants nukes and missiles North Korea has long maintained it wants nuclear weapons "
        "to deter the United States."
    )
    assert _claim_texts(heading)[0] == "Why North Korea wants nukes and missiles"


def test_claims_dated_weeks_apart_are_two_occurrences_not_one_fact() -> None:
    """The Hokkaido story (Giveme5W1H): North Korea "fired a ballistic missile over … Hokkaido" on Tuesday
    29 August and on Friday 15 September; at cosine 0.88 the two launches were one shared fact."""
    claim_list = [Claim("a", 0, 1, 0), Claim("b", 0, 1, 0)]
    vectors = _claims_at({(0, 1): 0.88}, 2)
    outlets = {"a": "A", "b": "B"}
    launches = [frozenset({dt.date(2017, 9, 15)}), frozenset({dt.date(2017, 8, 29)})]
    assert align(claim_list, vectors, outlets, days=launches).shared == []
    misread = [frozenset({dt.date(2017, 8, 29)}), frozenset({dt.date(2017, 8, 22)})]  # a weekday a week off
    assert align(claim_list, vectors, outlets, days=misread).shared == [[0, 1]]
    undated = [frozenset({dt.date(2017, 9, 15)}), frozenset()]
    assert align(claim_list, vectors, outlets, days=undated).shared == [[0, 1]]


def test_a_statement_made_weeks_later_is_not_shared_with_the_first() -> None:
    """Equifax's first count (the Mail, 7 September: "said on Thursday") and its update (the Times, 2
    October: "said on Monday") were one shared fact, and the brief stated the update citing the Mail."""
    first = Document(
        "mail",
        "Credit agency giant Equifax said on Thursday that a breach of its cybersecurity system may have "
        "affected 143 million consumers in the United States.",
        outlet="dailymail.co.uk",
        published="2017-09-07",
    )
    update = Document(
        "nyt",
        "Millions more people were affected by Equifax's data breach than the credit bureau initially "
        "estimated, Equifax said on Monday.",
        outlet="nytimes.com",
        published="2017-10-02",
    )
    report = compare_documents([first, update], one_story=True)
    assert not [f for s in report.stories for f in s.findings if f.kind == "shared"]


def test_the_brief_names_in_full_a_person_an_outlet_gives_by_surname_alone() -> None:
    """BASIL on the NAACP's Tea Party resolution: Fox's and HuffPost's "Poulter said he has seen no evidence
    of racism within the movement." was stated as is; HuffPost had named "Tea party activist Alex Poulter"."""
    hpo = Document(
        "hpo",
        "The NAACP passed a resolution on Tuesday in Kansas City.\n"
        "Tea party activist Alex Poulter called the claims unfounded.\n"
        "Poulter said he has seen no evidence of racism within the movement.",
        outlet="hpo",
    )
    fox = Document(
        "fox",
        "The NAACP passed a resolution on Tuesday in Kansas City.\n"
        "Poulter said he has seen no evidence of racism within the movement.",
        outlet="fox",
    )
    report = compare_documents([hpo, fox], one_story=True)
    brief = [s.text for story in report.stories for s in story.brief]
    assert "Alex Poulter said he has seen no evidence of racism within the movement." in brief


def test_the_brief_names_in_full_a_person_an_outlet_gives_by_first_name_alone() -> None:
    """The Sun on Silverman and Sheen (Giveme5W1H): "Only www.thesun.co.uk reports: Michael recently revealed
    he was quitting Hollywood …" (which Michael?); the Sun names Michael Sheen in full before."""
    sun = Document(
        "sun",
        "Sarah Silverman and Michael Sheen have split after four years together.\n"
        "Michael recently revealed he was quitting Hollywood to go back to Wales.",
        outlet="sun",
    )
    mail = Document(
        "mail", "Sarah Silverman and Michael Sheen have split after four years together.", outlet="mail"
    )
    report = compare_documents([sun, mail], one_story=True)
    brief = [s.text for story in report.stories for s in story.brief]
    assert any("Michael Sheen recently revealed he was quitting Hollywood" in line for line in brief), brief


def test_a_thing_the_tagger_took_for_a_person_lends_no_full_name_to_its_first_word() -> None:
    """Giveme5W1H: the tagger's person "Bitcoin Cash" had the Guardian's "Bitcoin is not recognised by any
    central bank" stated as "Bitcoin Cash is not recognised …" (and "Telegram" as "Telegram X")."""
    from parallax.compare.story import _named_by_one_part

    full = Mention("a", 0, 13, "Michael Sheen", "PERSON", "p")
    given = Mention("a", 40, 47, "Michael", "PERSON", "p")
    assert _named_by_one_part(given, "Michael Sheen", [full, given])
    assert not _named_by_one_part(given, "Michael Sheen", [given]), "never named in full in this article"
    assert _named_by_one_part(Mention("a", 40, 45, "Sheen", "PERSON", "p"), "Michael Sheen", [])
    bitcoin = Mention("a", 0, 7, "Bitcoin", "PERSON", "c")
    assert not _named_by_one_part(
        bitcoin, "Bitcoin Cash", [bitcoin, Mention("a", 50, 62, "Bitcoin Cash", "PERSON", "c")]
    )
    assert not _named_by_one_part(full, "Michael Sheen", [full])


def test_a_short_form_of_a_given_name_is_named_as_the_story_names_the_person() -> None:
    """The Seoul pair: News Rebeat's "U.S. Secretary of State Tony Blinken said on the 9th, …" opened the
    brief beside lines naming "Antony Blinken"; the story's entity merging knows them as one person."""
    from parallax.brief import _person_in_full
    from parallax.compare.story import _named_by_one_part

    tony = Mention("a", 25, 37, "Tony Blinken", "PERSON", "p")
    assert _named_by_one_part(tony, "Antony Blinken", [tony])
    assert not _named_by_one_part(Mention("a", 0, 12, "Jane Poulter", "PERSON", "p"), "Alex Poulter", [])
    assert not _named_by_one_part(Mention("a", 0, 14, "Antony Blinken", "PERSON", "p"), "Antony Blinken", [])
    text = "U.S. Secretary of State Tony Blinken said on the 9th that talks went on."
    article = Article("a", "a.txt", text, outlet="News Rebeat")
    named = _person_in_full(Span("a", 0, len(text)), text, {"a": article}, [(24, 36, "Antony Blinken")])
    assert named == text.replace("Tony Blinken", "Antony Blinken")


def test_a_misread_name_is_no_full_name_to_give() -> None:
    """RT on Harambe: the tagger's "Tranquilizing Harambe" (a person) had the brief write "Tranquilizing
    Harambe was born at a zoo in Texas"; Xinhua's "Kwangmyongsong-4 launch" renamed a "launch"."""
    text = "Tranquilizing Harambe wouldn't have knocked him out. Keeper Thane Maynard spoke on Monday."
    (doc,) = parse([text])

    def entity(name: str) -> Entity:
        at = text.index(name)
        return Entity("e", name, "PERSON", (Mention("a", at, at + len(name), name, "PERSON", "e"),))

    assert not _full_name(entity("Tranquilizing Harambe"), {"a": doc})
    assert _full_name(entity("Thane Maynard"), {"a": doc})
    assert not _full_name(Entity("k", "Kwangmyongsong-4 launch", "PERSON"), {})


def _story_of(body: str, entities: Sequence[Entity], quotes: Sequence[Any] = ()) -> Any:
    """One article's story with the given entities (their mentions in it) and quotes, for ``_surnamed``."""
    from parallax.compare.story import StoryInput

    mentions = [m for e in entities for m in e.mentions]
    article = Article("a", "a.txt", body, outlet="a")
    vectors = np.zeros((0, 4), dtype=np.float32)
    return StoryInput(
        "s", [article], {}, [], vectors, {"a": mentions}, {"a": []}, list(quotes), entities=tuple(entities)
    )


def _entity(body: str, entity_id: str, name: str, label: str, *texts: str) -> Entity:
    """An entity with a mention at every place each text stands in the body."""
    mentions = []
    for text in texts:
        at = body.find(text)
        while at >= 0:
            mentions.append(Mention("a", at, at + len(text), text, label, entity_id))
            at = body.find(text, at + len(text))
    return Entity(entity_id, name, label, tuple(mentions))


def _quote(body: str, content: str, source: str, speaker: str) -> Any:
    from parallax.model import Quote

    start, at = body.index(content), body.index(source)
    return Quote(
        "a",
        "direct",
        Span("a", start, start + len(content)),
        source=Span("a", at, at + len(source)),
        speaker=speaker,
    )


def test_someone_quoted_speaking_of_themselves_is_named_in_full_whatever_the_tagger_typed() -> None:
    """Reuters in Erimo (Giveme5W1H): the tagger typed "Mitsuyo Kawamura" an organisation and a later
    "Kawamura" a place, so "Only Reuters reports: Kawamura has since stocked up on extra food …" named
    nobody the brief had introduced; her quotation in the first person says she is a person."""
    from parallax.compare.story import _surnamed

    body = (
        "Seaweed farmer Mitsuyo Kawamura lives by the sea. "
        '"Now when I hear a loud sound, I look outside," 68-year-old Kawamura said. '
        "Kawamura has since stocked up on extra food."
    )
    source = body.index("68-year-old Kawamura") + len("68-year-old ")
    farmer = Entity("org:mk", "Mitsuyo Kawamura", "ORG", (
        Mention("a", 15, 31, "Mitsuyo Kawamura", "ORG", "org:mk"),
        Mention("a", source, source + 8, "Kawamura", "ORG", "org:mk"),
    ))  # fmt: skip
    last = body.rindex("Kawamura")
    place = Entity("gpe:k", "Kawamura", "GPE", (Mention("a", last, last + 8, "Kawamura", "GPE", "gpe:k"),))
    said = _quote(body, "Now when I hear a loud sound, I look outside,", "68-year-old Kawamura", "org:mk")
    found = _surnamed(_story_of(body, [farmer, place], [said]))["a"]
    assert (last, last + 8, "Mitsuyo Kawamura") in found
    silent = _surnamed(_story_of(body, [farmer, place]))
    assert not silent.get("a"), "an organisation's name lends no full name without a person's evidence"


def test_the_quotation_s_source_gives_the_given_name_the_tagger_left_out() -> None:
    """The Post on the Steelers: the tagger kept only "Bell" of "Le’Veon Bell" (an organisation), so the NYT's
    "Bell finished with 14 carries for 69 yards" was stated as it stood."""
    from parallax.compare.story import _surnamed

    body = "“I made some plays on third down,” Le’Veon Bell said. Bell finished with 14 carries for 69 yards."
    bell = _entity(body, "org:bell", "Bell", "ORG", "Bell")
    said = _quote(body, "I made some plays on third down,", "Le’Veon Bell", "org:bell")
    found = _surnamed(_story_of(body, [bell], [said]))["a"]
    finished = body.index("Bell finished")
    assert (finished, finished + 4, "Le’Veon Bell") in found
    coach = "“I made some plays,” Coach Bell said. Bell finished the season."
    bell = _entity(coach, "org:bell", "Bell", "ORG", "Bell")
    assert not _surnamed(
        _story_of(coach, [bell], [_quote(coach, "I made some plays,", "Coach Bell", "org:bell")])
    )


def test_a_surname_two_people_bear_is_the_one_not_named_as_the_other_s_relative() -> None:
    """The Post on Ahed Tamimi (Giveme5W1H): "Jarrar is a senior member of the Popular Front …" after
    "Khalida Jarrar has been held …" and before "Her husband, Ghassan Jarrar, said …"; the NYT on Uma
    Thurman names "her father, Robert Thurman" once and her as Thurman throughout."""
    from parallax.compare.story import _surnamed

    body = (
        "Khalida Jarrar has been held without charge. Jarrar is a senior member of the Popular Front. "
        "Her husband, Ghassan Jarrar, said Israel was holding her for political reasons."
    )
    people = [
        _entity(body, "p:k", "Khalida Jarrar", "PERSON", "Khalida Jarrar"),
        _entity(body, "p:g", "Ghassan Jarrar", "PERSON", "Ghassan Jarrar"),
        Entity("p:j", "Jarrar", "PERSON", (Mention("a", 45, 51, "Jarrar", "PERSON", "p:j"),)),
    ]
    assert body[45:51] == "Jarrar"
    assert _surnamed(_story_of(body, people))["a"] == [(45, 51, "Khalida Jarrar")]
    unrelated = body.replace("Her husband, ", "Also ")
    people = [
        _entity(unrelated, "p:k", "Khalida Jarrar", "PERSON", "Khalida Jarrar"),
        _entity(unrelated, "p:g", "Ghassan Jarrar", "PERSON", "Ghassan Jarrar"),
    ]
    assert not _surnamed(_story_of(unrelated, people)).get("a"), "two people, neither a relative: which?"


def test_a_place_named_like_a_person_is_no_person_s_surname() -> None:
    """Reuters in Erimo: the tagger's person "Cape Erimo" had "the town hall of Erimo" (a place to the tagger
    too) named as "Cape Erimo"."""
    from parallax.compare.story import _surnamed

    body = "Missiles flew over Cape Erimo. A guard at the town hall of Erimo said little."
    cape = _entity(body, "p:c", "Cape Erimo", "PERSON", "Cape Erimo")
    town = body.rindex("Erimo")
    place = Entity("gpe:e", "Erimo", "GPE", (Mention("a", town, town + 5, "Erimo", "GPE", "gpe:e"),))
    assert not _surnamed(_story_of(body, [cape, place])).get("a")
