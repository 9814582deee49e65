"""Sentences that lean on the one before, read from their parse (compare/standalone.py)."""

from __future__ import annotations

import pytest

from parallax.annotate.nlp import parse
from parallax.compare.standalone import Leaning, leaning_sentences

# A second, blind audit of Giveme5W1H briefs (benchmarks/data/brief_audit2.jsonl) read each of these as
# leaning on the sentence before; the ok ones are sentences of the same briefs read as standing alone.
CASES = [
    (
        "Samsung is expected to unveil them at the Consumer Electronics Show in Las Vegas next week.",
        "pronoun",
    ),
    ("Individuals have used them to organize protests against the government.", "pronoun"),
    ("A Delta Air Lines spokesman referred to it only as stowaway.", "pronoun"),
    ("At least half-a-dozen cranes dot its picturesque, oceanfront skyline.", "pronoun"),
    ("Rescuers are trying to retrieve him from the well.", "pronoun"),
    ("The marketing scheme has already paid off, according to ad company Amobee.", "description"),
    ("Each stage has been given a name to refer to the mission plans.", "description"),
    (
        "In January, the heads of the main regulators wrote that the situation was unprecedented.",
        "description",
    ),
    (
        "Together since early 2014, the former couple met while filming Showtime's Master of Sex.",
        "description",
    ),
    # a clause's subject pronoun with no one before it to stand for (the BBC: the goat's owner)
    (
        "Surviving relatives say he even sent a telegram with such a declaration to team owner PK Wrigley.",
        "pronoun",
    ),
    ("US security agencies are assessing the IS claim but have not verified it, Reuters reports.", ""),
    ("Chrissy Teigen said she was on the flight to Tokyo.", ""),
    # "his" with no one before it, nor a named subject after it (AP on Massa's retirement)
    (
        "With his retirement and the difficulties for Felipe Nasr to renew his contract, there is a chance"
        " that no Brazilian will race next year.",
        "pronoun",
    ),
    ("In his first interview since the crash, Felipe Massa said he felt lucky.", ""),
    ("His death shocked the racing world on Sunday.", "pronoun"),  # not bound by its own subject
    ("“I know his family well,” Mayor Jane Doe told reporters.", ""),
    ("The power company acknowledged the mistake and said they really appreciated the customer.", ""),
    ("“Witnesses say he ran into the crowd,” reporters were told.", ""),  # a speaker's words
    ("The beer company made the ad using Harry Caray's voice, and spliced it together with audio.", ""),
    ("Boris Johnson said the United Kingdom stood ready to help however it could.", ""),
    ("The tail end of 2017 was packed with interesting asteroid sightings and near-misses.", ""),
    ("The police said the two men suffered minor injuries when the barge caught fire at 9pm.", ""),
    ("Australia is known for its crossing-year parties, with tourists flying in for the occasion.", ""),
    ("The Cubs called a players-only meeting in a gym next to their clubhouse.", ""),
    ("Gun violence has become the subject of much debate, especially in the US.", ""),
    ("The Russian-built satellite entered a designated orbit after Tuesday's launch from Baikonur.", ""),
    ("The company said it would work with regulators.", ""),
    ("Firefighters found the boy and pulled him out.", ""),
    ("The man who shot the gorilla has not been named.", ""),
    # a subject further up may be what an object pronoun stands for
    ("Teigen said that flight attendants told her the passenger had a United Airlines boarding pass.", ""),
    # "of" a kind says what the thing is; a thing the story's title names is the story's
    ("The use of video taken by a drone is unusual for the Taliban.", ""),
    ("The satellite failed to send telemetry data after separating from the rocket.", ""),
    ("The module’s descent has caused a bit of concern about debris raining from the sky.", "description"),
    ("The satellite's orbit decayed over the summer.", ""),
    # no report at all: a fragment, a photo's caption
    ("Currently 6117 but still looking fragile.", "fragment"),
    (
        "Rescue workers help an injured woman get into an ambulance on Thursday after a truck hit a crowd.",
        "caption",
    ),
    ("Police have made an arrest on Friday after raiding the attacker's house.", ""),
    # the third, blind audit (brief_audit3.jsonl): "that" before a thing told of before; a nationality
    # says of what kind a description's thing is, not which
    ("A victory in that effort would void the current opposition.", "demonstrative"),
    ("The Brazilian driver also said he expects to race in a different series next year.", "description"),
    ("On that day, police arrested two men near the stadium.", ""),
    ("He said that police were looking for the man.", ""),
    ("Rescuers reached those parts of the city that had flooded.", ""),
    ("The French government said it would act.", ""),
    ("The Israeli premier is under investigation in two corruption cases.", ""),
    ("Equifax will work with regulators to help customers in those countries.", ""),
    ("Jupiter and Mars loiter together in the morning heavens.", ""),
]


@pytest.mark.parametrize(("sentence", "why"), CASES)
def test_a_sentence_leans_on_the_one_before_by_its_parse(sentence: str, why: str) -> None:
    found = leaning_sentences(
        {"a": parse([sentence])[0]}, ["Russian experts regain control of Angola's satellite"]
    )
    assert [x.why for x in found.get("a", [])] == ([why] if why else [])


def test_each_sentence_of_an_article_is_read_apart() -> None:
    body = "Samsung unveiled two new phones on Monday. Samsung is expected to ship them in March."
    found = leaning_sentences({"a": parse([body])[0]})
    # "them" stands for the phones of the sentence before: the second sentence leans, the first does not
    assert found == {"a": [Leaning(body.index("Samsung is"), len(body), "pronoun", "them")]}


def test_the_noun_a_relative_clause_describes_is_not_its_subject_pronoun() -> None:
    """HuffPost Australia on the $284 billion bill (Giveme5W1H): "Good thing he saved the receipt." (who?)
    read blind as leaning; "thing" is what the clause describes, not who "he" is."""
    found = leaning_sentences({"a": parse(["Good thing he saved the receipt."])[0]})
    assert [x.why for x in found.get("a", [])] == ["pronoun"]
    named = "Mary Horomanski said the son he raised had saved the receipt."
    assert not leaning_sentences({"a": parse([named])[0]}).get("a")


def test_a_line_the_parse_runs_into_the_next_leans_alone() -> None:
    """The BBC on the Cubs: "… he has won the World Series after helping the Kansas City Royals to victory
    last season" has no full stop before the next paragraph, "Jed Hoyer, one of Epstein's disciples, was
    appointed general manager.", which the parse takes into one sentence with it."""
    first = "It was the second consecutive year he has won the World Series after helping the Royals win"
    body = f"{first}\nJed Hoyer, one of Epstein's disciples, was appointed general manager."
    (leaning,) = leaning_sentences({"a": parse([body])[0]})["a"]
    assert body[leaning.start : leaning.end] == first
