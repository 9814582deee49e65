"""The brief's neutralisation: loaded labels out, first-person voice named, quotations untouched."""

from __future__ import annotations

import dataclasses
from typing import Any

from parallax.annotate.entities import mid_sentence
from parallax.brief import (
    DEEP_SENTENCE,
    OUTLET_VOICE,
    QUESTION_ONLY,
    _person_in_full,
    _speaker_in_full,
    bare_quotation,
    count_loaded,
    cut_off,
    dangling,
    days_named,
    deep_in,
    exclaims,
    list_item,
    neutralise,
    outside_quotations,
    page_furniture,
    quoted_speech,
    split_after_word,
    stated_figures,
    supports,
    told_before,
    unpunctuated_line,
    with_closing_mark,
    write_brief,
)
from parallax.compare.optional import StatedVerb
from parallax.model import Article, Finding, Removed, Side, Span


def _article(country: str | None = "South Korea") -> Article:
    return Article("x", "x.txt", "body", outlet="Example", country=country)


def test_loaded_labels_dropped_or_replaced_outside_quotes() -> None:
    text = "North Korea’s communist dictator Kim Jong-un held talks with strongman Vladimir Putin."
    assert neutralise(text, _article()) == "North Korea’s leader Kim Jong-un held talks with Vladimir Putin."
    quoted = "He called it “a communist regime”, the Putin regime said."
    out = neutralise(quoted, _article())
    assert "“a communist regime”" in out and "the Putin government said" in out


def test_a_sentence_answering_the_one_before_leans_on_it() -> None:
    """The Post on China's oil to North Korea: "President Donald Trump and South Korea seem to think so."."""
    assert dangling("President Donald Trump and South Korea seem to think so.")
    assert not dangling("Prices rose so sharply that the bank intervened on Monday.")


def test_a_sentence_opening_on_so_leans_on_the_one_before() -> None:
    """NPR on the Nice attack: "Only www.npr.org reports: So they probably don't want to step on that."."""
    assert dangling("So they probably don't want to step on that.")
    assert dangling("So, it ended without a deal on Friday.")
    assert not dangling("So Hee-jung won the race in Seoul on Friday.")
    assert not dangling("So much needs to be done to get the girls back to a normal life.")


def test_a_dropped_word_takes_its_conjunction_with_it() -> None:
    """NPR on the Panama Papers (Giveme5W1H): the brief read "the riches of the world's famous and."."""
    text = "The Papers exposed the business of hiding the riches of the world's famous and infamous."
    assert neutralise(text, _article()).endswith("the riches of the world's famous.")
    kept = "Police and extremist groups clashed on Sunday."
    assert neutralise(kept, _article()) == "Police and groups clashed on Sunday.", "modifier: word only"


def test_names_that_contain_a_label_are_kept() -> None:
    text = "It was raised with the Chinese Communist Party."
    assert neutralise(text, _article()) == text
    assert count_loaded(text) == 0


def test_first_person_voice_is_named() -> None:
    text = "our government initiated independent sanctions in September"
    assert (
        neutralise(text, _article())
        == "The government of South Korea initiated independent sanctions in September."
    )
    unknown = neutralise(text, _article(country=None))
    assert unknown.startswith("The government of Example's country")


def test_a_quotation_left_open_is_the_sources_words_and_is_closed() -> None:
    """A claim cut inside a quote that runs on (Fox News on the NAACP, BASIL): never rewritten, closed."""
    cut = '"None of our problems was caused by the Tea Party movement'
    assert neutralise(cut, _article()) == '"None of our problems was caused by the Tea Party movement."'
    assert neutralise("He said “our country is strong", _article()) == "He said “our country is strong.”"
    assert count_loaded('He called it "a communist regime') == 0


def test_a_bare_quotation_is_not_the_briefs_to_state() -> None:
    """A shared claim that is only a quotation ("What we take issue with is …") has no speaker in it."""
    assert bare_quotation('"What we take issue with is the tolerance for bigotry.')
    assert bare_quotation("“We go.”")
    assert not bare_quotation("“China has influence,” Blinken said.")
    assert not bare_quotation("He said “we go.”")
    quoted = "“We will stay the course and keep the talks going"
    a = Article("a", "a.txt", f"{quoted}.” Talks went on.", outlet="Outlet A")
    b = Article("b", "b.txt", f"{quoted},” the minister said.", outlet="Outlet B")
    spans = (Span("a", 0, len(quoted) + 2), Span("b", 0, len(b.body)))
    brief = write_brief([Finding("shared", "x", spans, outlets=2)], {"a": a, "b": b}, 2)
    assert [s.text for s in brief] == [b.body]
    alone = write_brief([Finding("shared", "x", spans[:1] * 2, outlets=2)], {"a": a, "b": b}, 2)
    assert alone == ()


def _two_outlets() -> dict[str, Article]:
    a = Article(
        "a",
        "a.txt",
        "Accordingly, talks were held in Seoul on Thursday morning. The ministers urged a constructive role.",
    )
    b = Article(
        "b", "b.txt", "Talks were held in Seoul on Thursday morning. Park did not call the role constructive."
    )
    return {"a": dataclasses.replace(a, outlet="Outlet A"), "b": dataclasses.replace(b, outlet="Outlet B")}


def _span(articles: dict[str, Article], article: str, text: str) -> Span:
    start = articles[article].body.index(text)
    return Span(article, start, start + len(text))


def test_brief_prefers_a_self_contained_rendering() -> None:
    articles = _two_outlets()
    talks = (
        _span(articles, "a", "Accordingly, talks were held in Seoul on Thursday morning."),
        _span(articles, "b", "Talks were held in Seoul on Thursday morning."),
    )
    (sentence,) = write_brief([Finding("shared", "talks", talks, outlets=2)], articles, 2)
    assert sentence.text == "Talks were held in Seoul on Thursday morning." and sentence.citations == talks


def test_a_fact_only_copies_of_one_story_carry_is_no_agreed_fact() -> None:
    """The $284 billion bill (Giveme5W1H): the AP's "silver lining" sentence, in the Post, the Times and
    the Mail, stood in the brief as a fact the outlets agree on; it is one source's, attributed to the
    first to publish it."""
    articles = _two_outlets()
    articles["a"] = dataclasses.replace(articles["a"], published="2023-11-10")
    articles["b"] = dataclasses.replace(articles["b"], published="2023-11-09")  # the original
    talks = (
        _span(articles, "a", "Accordingly, talks were held in Seoul on Thursday morning."),
        _span(articles, "b", "Talks were held in Seoul on Thursday morning."),
    )
    (sentence,) = write_brief([Finding("shared", "talks", talks, outlets=1)], articles, 2)
    assert sentence.text == (
        "Only Outlet B, in its story Outlet A also ran, reports: "
        "Talks were held in Seoul on Thursday morning."
    )
    assert sentence.citations == talks


def test_connectives_dangle_and_compound_titles_do_not() -> None:
    assert dangling("Accordingly, talks were held.") and dangling("However the talks failed.")
    assert not dangling("Then-President Obama met Park.") and not dangling("Thursday's talks ended.")
    assert dangling("Earlier, Frenchman Romain Grosjean also crashed on his way to the grid.")
    assert not dangling("Earlier this week, the Brazilian driver announced his retirement.")
    # Reuters on the Hokkaido missile: "since" counts from a time the sentence does not give
    assert dangling("Mitsuyo Kawamura has since stocked up on extra food and keeps the radio on.")
    assert dangling("Police have since released her.")
    assert not dangling("Jane Doe was arrested in May and has since been released.")
    assert not dangling("The company has since 2009 sold its phones in China.")
    assert not dangling("Prices have since the election risen by a third.")
    # NPR on Equifax, the Guardian on Croydon: a time after one told before, one more of something told
    assert dangling("Betzalel Yochanan voluntarily dismissed the lawsuit the following month.")
    assert dangling("The company said the update would ship the following week.")
    assert not dangling("Police arrested Jane Doe in May and released her the following month.")
    assert not dangling("Wolfgang Albers says his officers did not learn of the assaults until the next day.")
    assert dangling("In a further post on Wednesday, Andy Nias said he had reported the incident.")
    assert dangling("A further 20 people were hurt.")
    assert not dangling("Police will release further details on Friday.")
    # one of a series begun before, and a similar thing like nothing the sentence gives
    assert dangling("The second step was sequencing and identifying the microbes.")
    assert dangling("A second launch later in the year will send a lander to the moon.")
    assert dangling("The next day, rescuers reached the village.")  # a time, but the day after which?
    assert dangling("Anja Marx says a similar set-up worked very well at Oktoberfest in Munich.")
    assert not dangling("The Nikkei fell 1 percent, and the KOSPI was down a similar percentage.")
    assert not dangling("While the Hyperloop could carry people, nature has developed a similar system.")
    assert not dangling("Anja Marx says a similar set-up to Berlin's worked in Munich.")
    # CNN on the ANA flight (Giveme5W1H): a pronoun subject after an opening phrase needs its antecedent
    assert dangling("Exhausted from his job working nights, he fell asleep for most of the flight.")
    assert dangling("That's the question that Chrissy Teigen and many others are asking.")
    assert not dangling("Exhausted from the flight, Teigen fell asleep.")
    assert not dangling("On Tuesday, the crew learned that he was on the wrong plane.")


def test_brief_prefers_a_rendering_that_stands_alone_to_one_without_loaded_words() -> None:
    """The ANA flight: CNN's "That's the question …" beat renderings with a loaded word in them (which
    the brief replaces anyway), so the brief opened a fact on a question it never asked."""
    a = Article(
        "a", "a.txt", "That is why passengers slammed the airline for the wrong-plane mix-up.", outlet="A"
    )
    b = Article("b", "b.txt", "Passengers slammed the airline for the wrong-plane mix-up.", outlet="B")
    articles = {"a": a, "b": b}
    spans = (_span(articles, "a", a.body), _span(articles, "b", b.body))
    (sentence,) = write_brief([Finding("shared", "returned", spans, outlets=2)], articles, 2)
    assert sentence.text == "Passengers criticised the airline for the wrong-plane mix-up."


def test_a_shared_fact_that_dangles_in_every_rendering_is_left_out() -> None:
    a = Article("a", "a.txt", "He then took his seat near the back.", outlet="A")
    b = Article("b", "b.txt", "He took a seat near the back.", outlet="B")
    articles = {"a": a, "b": b}
    spans = (_span(articles, "a", a.body), _span(articles, "b", b.body))
    assert write_brief([Finding("shared", "seat", spans, outlets=2)], articles, 2) == ()


def test_brief_does_not_state_a_contested_claim_as_agreed() -> None:
    articles = _two_outlets()
    urged = _span(articles, "a", "The ministers urged a constructive role.")
    denied = _span(articles, "b", "Park did not call the role constructive.")
    shared = Finding("shared", "urged", (urged, denied), outlets=2)
    sides = (
        Side("a", "The ministers urged a constructive role.", (urged,)),
        Side("b", "Park did not call the role constructive.", (denied,)),
    )
    conflict = Finding("conflict", "negation", (urged, denied), sides=sides, conflict_type="negation")
    unique = Finding("unique", "did not", (denied,), outlets=1)
    brief = write_brief([shared, conflict, unique], articles, 2)
    assert [s.text.split(".")[0] for s in brief] == ["Accounts differ"]
    assert "Outlet A reports: The ministers urged" in brief[0].text


def test_every_mark_style_is_a_quotation_the_brief_leaves_alone() -> None:
    """Typewriter doubles (the NYT in BASIL), guillemets and single marks are quotations too: the old
    brief-only pattern knew only “…” and "…", so it rewrote a speaker's ``regime'' as the brief's own."""
    for quoted in ("``the regime must go,''", "«the regime must go»", "‘the regime must go’"):
        text = f"He said {quoted} and left."
        assert count_loaded(text) == 0, quoted
        assert quoted in neutralise(text, _article()), quoted
    assert bare_quotation("``We will stay the course.''")
    assert neutralise("He said ``our country is strong", _article()) == "He said ``our country is strong.''"


def test_a_figure_conflict_is_told_by_its_figures_not_its_loaded_sentences() -> None:
    """The Nice attack (Giveme5W1H): the toll's sides hold "a suspected ISIS fanatic", so the brief dropped
    the whole conflict; figures, days and spellings are said by the finding's own neutral text."""
    a = Article(
        "a", "a.txt", "At least 84 people were killed by a suspected ISIS fanatic.", outlet="Outlet A"
    )
    b = Article("b", "b.txt", "The interior minister said 80 people were killed.", outlet="Outlet B")
    articles = {"a": a, "b": b}
    x, y = _span(articles, "a", a.body), _span(articles, "b", b.body)
    text = "Outlet A gives at least 84 people dead, Outlet B gives 80."
    sides = (Side("a", a.body, (x,)), Side("b", b.body, (y,)))
    conflict = Finding("conflict", text, (x, y), sides=sides, conflict_type="number")
    brief = write_brief([conflict], articles, 2)
    assert [s.text for s in brief] == [f"Accounts differ. {text}"]
    many = "Accounts differ on age: 3 (Outlet A); 4 (Outlet B, Outlet C)."  # conflicts.py's own wording
    summarised = Finding("conflict", many, (x, y), sides=sides, conflict_type="number")
    brief = write_brief([summarised], articles, 2)
    assert [s.text for s in brief] == ["Accounts differ on age: 3 (Outlet A); 4 (Outlet B, Outlet C)."]


def test_an_opinion_piece_is_argument_not_a_fact_only_it_reports() -> None:
    """The Panama Papers story (Giveme5W1H) holds CNN's and RT's columns: the brief said "Only www.rt.com
    reports: Well now we're getting somewhere." A column still counts toward what outlets share, but the
    brief cites the news report's sentence."""
    articles = _two_outlets()
    column = dataclasses.replace(
        articles["a"], url="https://www.rt.com/op-edge/338388-putin-western-media-leaks/"
    )
    articles = {**articles, "a": column}
    talks = (
        _span(articles, "a", "Accordingly, talks were held in Seoul on Thursday morning."),
        _span(articles, "b", "Talks were held in Seoul on Thursday morning."),
    )
    point = _span(articles, "a", "The ministers urged a constructive role.")
    fact = _span(articles, "b", "Park did not call the role constructive.")
    findings = [
        Finding("shared", "talks", talks, outlets=2),
        Finding("unique", "point", (point,), outlets=1),
        Finding("unique", "fact", (fact,), outlets=1),
    ]
    assert [s.text for s in write_brief(findings, articles, 2)] == [
        "Talks were held in Seoul on Thursday morning.",
        "Only Outlet B reports: Park did not call the role constructive.",
    ]


def test_a_gallerys_caption_is_no_fact_only_it_reports() -> None:
    """CNN's Las Vegas gallery: "Only edition.cnn.com reports: People cross a street near the Las Vegas Strip
    just after sunrise on Monday." described a photo."""
    articles = _two_outlets()
    buttons = tuple(Removed(f"Hide Caption {n} of 4", "promo") for n in range(1, 5))
    articles["b"] = dataclasses.replace(articles["b"], removed=buttons)
    fact = _span(articles, "b", "Park did not call the role constructive.")
    assert write_brief([Finding("unique", "fact", (fact,), outlets=1)], articles, 2) == ()
    articles["b"] = dataclasses.replace(articles["b"], removed=())
    assert len(write_brief([Finding("unique", "fact", (fact,), outlets=1)], articles, 2)) == 1


def test_a_sentence_inside_a_longer_quotation_is_not_the_briefs_to_state() -> None:
    """The Brazilian Grand Prix (Giveme5W1H): the brief opened "What this race needs is a red flag." –
    the middle sentence of Vettel's three-sentence quotation, which carries no mark of its own."""
    quote = "“Stupid. What this race needs is a red flag. How many people do we want to crash?”"
    a = Article("a", "a.txt", f"{quote} Vettel said. The race was stopped twice.", outlet="Outlet A")
    b = Article(
        "b", "b.txt", "The race was stopped twice. Vettel said the race needs a red flag.", outlet="Outlet B"
    )
    articles = {"a": a, "b": b}
    middle = _span(articles, "a", "What this race needs is a red flag.")
    wanted = _span(articles, "b", "Vettel said the race needs a red flag.")
    shared = Finding("shared", "flag", (middle, wanted), outlets=2)
    assert [s.text for s in write_brief([shared], articles, 2)] == ["Vettel said the race needs a red flag."]
    only = Finding("unique", "flag", (middle,), outlets=1)
    assert write_brief([only], articles, 2) == (), "no 'Only Outlet A reports:' for Vettel's words"


def test_a_request_for_comment_is_no_fact_for_the_brief() -> None:
    """The Cincinnati zoo's gorilla (Giveme5W1H): "Only usa.chinadaily.com.cn reports: A spokeswoman for the
    prosecutor did not immediately respond to a request for comment." told the reader nothing."""
    body = (
        "A spokeswoman for the prosecutor did not immediately respond to a request for comment. "
        "The zoo reopened the exhibit on Tuesday."
    )
    a = Article("a", "a.txt", body, outlet="Outlet A")
    b = Article("b", "b.txt", "The gorilla was killed on Saturday.", outlet="Outlet B")
    articles = {"a": a, "b": b}
    findings = [
        Finding("unique", "comment", (_span(articles, "a", body.split(". ")[0] + "."),), outlets=1),
        Finding(
            "unique",
            "reopened",
            (_span(articles, "a", "The zoo reopened the exhibit on Tuesday."),),
            outlets=1,
        ),
    ]
    assert [s.text for s in write_brief(findings, articles, 2)] == [
        "Only Outlet A reports: The zoo reopened the exhibit on Tuesday."
    ]


def test_the_brief_drops_a_dateline_but_not_a_capitalised_subject() -> None:
    """Israel's indictment of Ahed Tamimi (Giveme5W1H): the brief opened "RAMALLAH, West Bank — Israel's
    military says …", where the story was filed, as if it were part of the fact."""
    a = _article()
    assert neutralise("RAMALLAH, West Bank — Israel’s military says she was indicted.", a) == (
        "Israel’s military says she was indicted."
    )
    assert neutralise("WASHINGTON (AP) — The Senate voted.", a) == "The Senate voted."
    assert neutralise("LOS ANGELES — A jet returned.", a) == "A jet returned."
    assert neutralise("NATO — the alliance — met in Brussels.", a) == "NATO — the alliance — met in Brussels."
    # Berlin's safe zone for women (Giveme5W1H): a wire credit past 20 characters and a plain hyphen
    reuters = "LONDON, Dec 29 (Thomson Reuters Foundation) - Organisers are setting up a safety zone."
    assert neutralise(reuters, a) == "Organisers are setting up a safety zone."
    assert neutralise("PARIS - The death toll rose to 85.", a) == "The death toll rose to 85."
    assert neutralise("Anti-Semitic acts rose - police said.", a) == "Anti-Semitic acts rose - police said."
    # BASIL's Fox copy of AP: "Denver (AP) – Colorado's top law enforcement official promises …"
    assert neutralise("Denver (AP) – Colorado's top official promises to defend it.", a) == (
        "Colorado's top official promises to defend it."
    )
    assert neutralise("Apple (AAPL) – a stock – rose.", a) == "Apple (AAPL) – a stock – rose."
    # BASIL's Fox on Trump: a dateline set off by a double hyphen, and a claim opening on a scare quote
    assert neutralise("WASHINGTON -- Donald Trump said Thursday he has doubts.", a) == (
        "Donald Trump said Thursday he has doubts."
    )
    assert (
        neutralise('"birthers" have demanded additional proof.', a)
        == '"Birthers" have demanded additional proof.'
    )
    speech = "“everyone just literally went flying,” the Associated Press reports."
    assert neutralise(speech, a) == speech, "a speaker's words keep their case"


def test_a_tabloid_ledes_capitals_are_set_in_sentence_case() -> None:
    """The Sun on Berlin's safe zone: the brief opened "PARTYGOERS in Berlin will see …"."""
    lede = "PARTYGOERS in Berlin will see a safe zone for women set up at New Year’s Eve celebrations."
    sun = Article("s", "s.txt", lede + " Police said more officers would patrol.", outlet="The Sun")
    assert neutralise(lede, sun).startswith("Partygoers in Berlin will see")
    sheen = "MICHAEL Sheen and Sarah Silverman joked they had split."
    assert neutralise(sheen, Article("m", "m.txt", sheen)).startswith("Michael Sheen and")
    teen = "A TEENAGER has been arrested. A man was questioned."
    assert (
        neutralise("A TEENAGER has been arrested.", Article("t", "t.txt", teen))
        == "A teenager has been arrested."
    )
    toll = "AT least 84 people were killed."
    assert neutralise(toll, Article("t", "t.txt", toll)) == "At least 84 people were killed."
    nato = "NATO said the alliance would meet. NATO ministers agreed."
    assert neutralise("NATO said the alliance would meet.", Article("n", "n.txt", nato)).startswith(
        "NATO said"
    )
    assert neutralise("NASA said it would try.", Article("m", "m.txt", "NASA said it would try.")).startswith(
        "NASA"
    )


def test_a_sentence_pointing_back_with_these_or_those_needs_the_one_before() -> None:
    """Berlin's safe zone (the Post: "The suspects in most of those assaults were migrants.") and the
    Falcon Heavy (NPR: "… basically several of those rockets strapped together.") stood in briefs alone."""
    assert dangling("The suspects in most of those assaults were migrants.")
    assert dangling("The new Falcon Heavy is basically several of those rockets strapped together.")
    assert not dangling("Police warned those who fled to stay away.")
    assert not dangling("Investigators found that the driver had lied about his age in these days of checks.")
    assert not dangling('The mayor said "those people" had been warned.')
    # The Telegraph on the Truth About Tech campaign, the Sun on Berlin's safe zone
    assert dangling("Another will see adverts worth up to $50 million highlighting the dangers.")
    assert dangling("Others claim the measures in place will not tackle the problem.")
    # besides whom? (the sixth audit's reader on "Another ship took the 103 passengers …")
    assert dangling("Another man was arrested on Friday.")
    assert dangling("More than 500 others were injured.")  # Las Vegas: others than the dead, said before
    assert dangling("Two others were taken to hospital.") and dangling("Many others have fled.")
    assert not dangling("Police told others to stay away.")
    assert not dangling("A gunman killed 58 people and injured more than 500 others on Sunday.")
    assert dangling("Her lawyer, Gaby Lasky, said Wednesday she doubts such a sentence is likely.")  # whose?
    # The German consulate in Mazar-i-Sharif (Giveme5W1H): whose words, the brief could not say
    assert dangling("“All German employees of the consulate general are safe and uninjured,” he said.")
    assert dangling('"We will rebuild," she added')
    assert dangling("“The situation you mention does not exist,” he told reporters on Thursday.")
    assert dangling("“We take great pride providing exemplary customer service,” it said.")  # ANA's, unnamed
    assert not dangling("“All German employees are safe,” a foreign ministry spokesman said.")


def test_the_outlets_own_voice_and_a_few_quoted_words_are_not_brief_facts() -> None:
    """The Falcon Heavy launch (Giveme5W1H): "Only www.nytimes.com reports: We’ll add the live video feed
    to this page once it becomes available." and "Only www.npr.org quotes John Holst: "That's a deal,""."""
    body = (
        "We’ll add the live video feed to this page once it becomes available. "
        '"That\'s a deal," said John Holst. '
        "Weather forecasts call for an 80 percent chance of favorable conditions. "
        "At 2,500 tons of thrust, equal to 18 jets, it will be the most powerful rocket."
    )
    a = Article("a", "a.txt", body, outlet="Outlet A")
    b = Article("b", "b.txt", "The rocket is ready.", outlet="Outlet B")
    articles = {"a": a, "b": b}

    def unique(text: str, reason: str = "", speaker: str | None = None) -> Finding:
        return Finding(
            "unique", text, (_span(articles, "a", text),), outlets=1, reason=reason, speaker=speaker
        )

    findings = [
        unique("We’ll add the live video feed to this page once it becomes available."),
        unique('"That\'s a deal,"', "a quotation of John Holst no other outlet carries", "John Holst"),
        unique("At 2,500 tons of thrust, equal to 18 jets, it will be the most powerful rocket."),
        unique("Weather forecasts call for an 80 percent chance of favorable conditions."),
    ]
    assert [s.text for s in write_brief(findings, articles, 2)] == [
        "Only Outlet A reports: Weather forecasts call for an 80 percent chance of favorable conditions."
    ]


def test_the_brief_says_a_sentence_once_and_leaves_out_example_openers_and_verification_notes() -> None:
    """The Panama Papers (Giveme5W1H): the Post's "The Panama Papers consist of 11.5 million documents …"
    led two shared groups, "For example, Vladimir Putin was not …" leaned on what came before, and "CNN is
    unable to independently verify the reports" was stated as CNN's own fact."""
    sentence = "The Panama Papers consist of 11.5 million documents from Mossack Fonseca."
    a = Article("a", "a.txt", f"{sentence} {sentence}", outlet="Outlet A")
    b = Article(
        "b", "b.txt", f"{sentence} CNN is unable to independently verify the reports.", outlet="Outlet B"
    )
    articles = {"a": a, "b": b}
    first, second = Span("a", 0, len(sentence)), Span("a", len(sentence) + 1, 2 * len(sentence) + 1)
    theirs = Span("b", 0, len(sentence))
    findings = [
        Finding("shared", "docs", (first, theirs), outlets=2),
        Finding("shared", "docs", (second, theirs), outlets=2),
        Finding(
            "unique", "verify", (_span(articles, "b", "CNN is unable to independently verify the reports."),)
        ),
    ]
    assert [s.text for s in write_brief(findings, articles, 2)] == [sentence]
    assert dangling("For example, Vladimir Putin was not directly linked to any of these accounts.")
    assert dangling("15 of them did not have paperwork to prove they were given leave to remain in Germany.")
    assert dangling("Most of those arrested were released.") and dangling("These are the facts.")
    assert not dangling("Fifteen people were arrested.") and not dangling("Theresa May spoke.")


def test_one_articles_restatement_is_said_once() -> None:
    """NPR on the $284 billion electricity bill (Giveme5W1H) said the comparison twice in other words, and
    the brief listed both as facts only NPR reports (its own "that's more than …" now leans on the sentence
    before: the bill is named here)."""
    debts = "the combined national debts of Hungary and South Africa."
    first = f"The Erie Times News reports the bill is more than {debts}"
    again = f"As the Erie Times-News reported, the bill is more than {debts}"
    other = "A woman in Pennsylvania got an electricity bill for $284 billion."
    npr = Article("n", "n.txt", f"{first}\n{again}", outlet="NPR")
    wapo = Article("w", "w.txt", other, outlet="The Post")
    articles = {"n": npr, "w": wapo}
    findings = [
        Finding("unique", first, (_span(articles, "n", first),)),
        Finding("unique", again, (_span(articles, "n", again),)),
    ]
    assert [s.text for s in write_brief(findings, articles, 2)] == [f"Only NPR reports: {first}"]


def test_a_bare_aside_gives_way_to_a_fact_that_names_someone() -> None:
    """The Post's report of planets beyond the Milky Way (Giveme5W1H): the brief's one fact only it
    reported was "The truth is out there."."""
    aside = "The truth is out there."
    fact = "Xinyu Dai led the study at the University of Oklahoma."
    post = Article("p", "p.txt", f"{aside} {fact}", outlet="The Post")
    other = Article("o", "o.txt", "Planets were found in another galaxy.", outlet="Other")
    articles = {"p": post, "o": other}
    findings = [Finding("unique", t, (_span(articles, "p", t),)) for t in (aside, fact)]
    brief = [s.text for s in write_brief(findings, articles, 2)]
    assert brief[0] == f"Only The Post reports: {fact}"


def test_a_sentence_opening_inside_an_unpaired_mark_is_someones_words() -> None:
    """The Mail on Silverman and Sheen: "'I mean, not "over Christmas" - like that wasn't the fight that
    ended it." (her tweet) stood in the brief as a fact; the apostrophes had hidden its quotation."""
    body = (
        "'The great @michaelsheen & I consciously uncoupled over Christmas,' Silverman tweeted. 'I mean, not "
        '"over Christmas" - like that wasn\'t the fight that ended it. No fight.\nThe couple met in 2014.'
    )
    a = Article("a", "a.txt", body, outlet="Outlet A")
    start = body.index("I mean")
    assert quoted_speech(a, Span("a", start, body.index("ended it.") + 9))
    met = body.index("The couple")
    assert not quoted_speech(a, Span("a", met, len(body)))


def test_a_claim_cut_inside_a_single_quoted_quotation_is_closed() -> None:
    """The Mail's single marks (Giveme5W1H): a claim cut inside "'The ship was …" crashed the brief
    (KeyError: no closing mark known for ')."""
    assert neutralise("Police said: 'The ship was damaged by the storm", _article()) == (
        "Police said: 'The ship was damaged by the storm.'"
    )
    assert neutralise("‘The ship was damaged", _article()) == "‘The ship was damaged.’"


def test_a_sentence_opening_on_but_and_now_well_or_equally_goes_on_from_the_one_before() -> None:
    """Giveme5W1H: "Now Intel has unveiled the first smart glasses …" (the Times), "Equally enraptured was
    Niki Lauda …" (the Telegraph), "Well, it's been pretty tough to fit …" (CNET)."""
    assert dangling("Now Intel has unveiled the first smart glasses that look like ordinary specs.")
    assert dangling("Equally enraptured was Niki Lauda, the former world champion.")
    assert dangling("Well, it's been pretty tough to fit a battery into eyewear.")
    assert dangling("But the company said it would appeal.") and dangling("And the rain kept falling.")
    assert not dangling("Andrew Wiggins scored 20 points.")
    assert not dangling("Now-defunct Vine was a video app.")
    assert not dangling("Wellington police said the road was closed.")


def test_also_in_the_first_clause_adds_to_something_said_before() -> None:
    """Giveme5W1H: "The Council has also banned ship-to-ship transfers of oil on the high seas." (which
    council?), "Pixel Visual Core will also power two related photographic enhancements." (besides what?)."""
    assert dangling("The Council has also banned ship-to-ship transfers of oil on the high seas.")
    assert dangling("Pixel Visual Core will also power two related photographic enhancements.")
    assert not dangling("The satellites spy on the South but are also used to monitor damage.")
    assert not dangling("Daesh, also known as Islamic State, claimed the attack.")
    assert not dangling("After the launch, Japan said it would also raise the matter at the UN.")
    assert not dangling("“We will also appeal,” Ms Smith said.")
    # a speaker's further words stand on their own (the Seoul golden report's Blinken quotations)
    assert not dangling("Secretary Blinken also said, “We discussed additional steps we could take.”")
    # any verb of saying the brief reads as speech (one list): Google's further announcement is its own news
    assert not dangling("Google has also announced that it will roll out stickers for the Pixel phones.")


def test_the_outlet_speaking_to_its_reader_is_not_the_briefs_to_state() -> None:
    """Giveme5W1H: "Aimed towards families, you'll now be able to manage the playtime of your children"
    led a shared fact (PSU); "Only www.nytimes.com reports: Freezing allows you to close down your credit
    file …" and "Only www.fool.com reports: As a PR stunt, you have to admit: Elon's got style." were
    advice and a verdict in the brief's voice."""
    a = Article(
        "a",
        "a.txt",
        "Aimed towards families, you’ll now be able to limit the playtime of children on PSN.",
        outlet="A",
    )
    b = Article("b", "b.txt", "Family managers can now limit the playtime of children on PSN.", outlet="B")
    c = Article("c", "c.txt", "As a PR stunt, you have to admit: Elon's got style.", outlet="C")
    articles = {"a": a, "b": b, "c": c}
    spans = (_span(articles, "a", a.body), _span(articles, "b", b.body))
    verdict = _span(articles, "c", c.body)
    findings = [Finding("shared", "playtime", spans, outlets=2), Finding("unique", "style", (verdict,))]
    assert [s.text for s in write_brief(findings, articles, 3)] == [b.body]
    quoted = Article("q", "q.txt", "“You will see,” Musk said of the Falcon Heavy launch.", outlet="Q")
    assert not OUTLET_VOICE.search(outside_quotations(quoted.body))


def test_the_page_around_the_article_is_not_a_fact_it_reports() -> None:
    """Giveme5W1H: the Sun's headline lists ("… I’m divorced FREE GAMES!"), the NYT's "View all New York
    Times newsletters.", PSU's "Select Theme > Custom > …", CNET's "Magic Leap One: The fabled AR headset
    is real." and the Post's "Hint: Dewey did not defeat Truman that year." stood as facts."""
    for junk in (
        "Apple engineer says pressure to design iPhone is reason I’m divorced FREE GAMES!",
        "Brain bug Ancient virus could be responsible HATS OFF Nintendo reveals TRUTH about Toad's head.",
        "View all New York Times newsletters.",
        "Select Theme > Custom > Select Image > USB Storage Device.",
        "Magic Leap One: The fabled AR headset is real.",
        "Hint: Dewey did not defeat Truman that year.",
    ):
        assert page_furniture(junk), junk
    for news in (
        "He said: “There will be lumps of about 100kg or so.”",
        "Police said: The ship was damaged.",
        "The missile flew over Japan, NHK TV said.",
        "Sony launched the PS4 Pro in November.",
        "The report by the U.S. Department of Justice was released on Monday.",
    ):
        assert not page_furniture(news), news


def test_a_piece_cut_out_of_a_longer_sentence_is_not_stated() -> None:
    """Giveme5W1H: "… candidates Donald Trump and Sen. Marco Rubio (R-Fla." (the Post), "Privacy
    Settings], and then configure each setting." (the Star), "Reuters) - Arizona Cardinals quarterback …"."""
    assert cut_off(
        "The launch took place before the debate, and candidates Trump and Sen. Marco Rubio (R-Fla."
    )
    assert cut_off("Privacy Settings], and then configure each setting.")
    assert cut_off("Reuters) - Arizona Cardinals quarterback Carson Palmer announced his retirement.")
    assert not cut_off("Sen. Marco Rubio (R-Fla.) spoke on Sunday [at the debate].")
    # the Post on Timberlake's halftime show: its sentence goes on ", and it feels more like taking …"
    assert cut_off("Timberlake drapes a vocal track over the chords of his ballad “Until the End of Time,”")
    assert not cut_off("“We’re turning on Pixel Visual Core for Pixel 2 users,”"), "a quotation's own comma"
    assert not cut_off("He called the ballad “Until the End of Time.”")
    a = Article(
        "a", "a.txt", "Reuters) - Palmer announced his retirement after a long career on Tuesday.", outlet="A"
    )
    b = Article("b", "b.txt", "Palmer announced his retirement after a long career on Tuesday.", outlet="B")
    articles = {"a": a, "b": b}
    spans = (_span(articles, "a", a.body), _span(articles, "b", b.body))
    assert [s.text for s in write_brief([Finding("shared", "x", spans, outlets=2)], articles, 2)] == [b.body]


def test_a_credit_a_hand_over_or_a_line_too_short_is_no_fact_only_one_outlet_reports() -> None:
    """Giveme5W1H: "Only www.rt.com reports: Hurricane Harvey is gone." (the Equifax story), "… Ed Schultz
    has more.", "… Jihye Lee contributed to this post.", "… Follow INSIDER on Facebook."."""
    assert page_furniture("Jihye Lee contributed to this post.") and page_furniture("Ed Schultz has more.")
    assert page_furniture("Follow INSIDER on Facebook.") and page_furniture(
        "Read the original article on INSIDER."
    )
    assert not page_furniture("Follow-up tests showed no damage to the hull.")
    assert not page_furniture("The company has more than 500 employees in Ireland.")
    bodies = [
        "Hurricane Harvey is gone.",
        "Ed Schultz has more.",
        "Bitcoin briefly posted sub-6000 on Bitstamp.",
        "Hurricane Harvey flooded Houston's labs in August.",
    ]
    articles = {str(i): Article(str(i), f"{i}.txt", b, outlet=f"Outlet {i}") for i, b in enumerate(bodies)}
    findings = [Finding("unique", b, (_span(articles, str(i), b),)) for i, b in enumerate(bodies)]
    assert [s.text for s in write_brief(findings, articles, 4)] == [
        "Only Outlet 2 reports: Bitcoin briefly posted sub-6000 on Bitstamp.",
        "Only Outlet 3 reports: Hurricane Harvey flooded Houston's labs in August.",
    ]


def test_a_quotation_only_one_outlet_carries_needs_a_speaker_to_place_and_its_own_start() -> None:
    """Giveme5W1H: "Only www.npr.org quotes That one: …", "… quotes the director: …" (Tarantino, named a
    sentence before), "… quotes David Bennett: “But this would be very difficult …”", and a quotation the
    claim cut ("… quotes Jonathan McDowell: “There will be lumps … if it hit you.") left open."""
    quotes = {
        "a": ("That one", "“Missile alert, missile alert, please take shelter underground now.”"),
        "b": ("the director", "“None of us ever considered it a stunt. It was just driving.”"),
        "c": ("David Bennett", "“But this would be very difficult without advances in technology.”"),
        "d": ("Jonathan McDowell", "“There will be lumps of about 100kg or so, still enough to hurt."),
        "e": ("the Foreign Ministry", "“We strongly criticize such provocative actions by the North.”"),
    }
    articles = {k: Article(k, f"{k}.txt", text, outlet=f"Outlet {k}") for k, (_, text) in quotes.items()}
    findings = [
        Finding("unique", text, (_span(articles, k, text),), speaker=speaker, reason="quote")
        for k, (speaker, text) in quotes.items()
    ]
    assert [s.text for s in write_brief(findings, articles, 5)] == [
        "Only Outlet d quotes Jonathan McDowell: " + quotes["d"][1] + "”",
        "Only Outlet e quotes the Foreign Ministry: " + quotes["e"][1],
    ]


def test_a_speaker_after_quotes_reads_mid_sentence() -> None:
    """The Standard on the Croydon tram: "Only www.standard.co.uk quotes A Met spokesman: …"."""
    quotation = "“Police were called to an overturned tram at 6.10 and officers are in attendance.”"
    article = Article("a", "a.txt", "A Met spokesman said: " + quotation, outlet="Outlet A")
    found = Finding("unique", quotation, (_span({"a": article}, "a", quotation),), speaker="A Met spokesman",
                    reason="quote")  # fmt: skip
    [line] = write_brief([found], {"a": article}, 2)
    assert line.text.startswith("Only Outlet A quotes a Met spokesman: “Police")
    # the Sun's capital lede (Equifax, Giveme5W1H): "a quotation of THE second largest credit rating firm"
    assert mid_sentence("THE second largest credit rating firm") == "the second largest credit rating firm"
    assert mid_sentence("The Hague") == "the Hague" and mid_sentence("Theresa May") == "Theresa May"


def test_a_quotation_that_ran_into_its_attribution_ends_on_a_full_stop() -> None:
    """Giveme5W1H (China Daily on the Hokkaido missile): "Only africa.chinadaily.com.cn quotes Hua Chunying:
    "China opposes DPRK ballistic missile launches against the UN Security Council resolutions,"" ended on
    the comma that had led into "said Hua"."""
    quotation = "“Russia is deeply worried over more provocative launches on the peninsula,”"
    article = Article("a", "a.txt", quotation + " Peskov said.", outlet="Outlet A")
    found = Finding("unique", quotation, (_span({"a": article}, "a", quotation),), speaker="Dmitry Peskov",
                    reason="quote")  # fmt: skip
    assert [s.text for s in write_brief([found], {"a": article}, 2)] == [
        "Only Outlet A quotes Dmitry Peskov: “Russia is deeply worried over more provocative launches on the"
        " peninsula.”"
    ]


def test_a_sentence_about_the_times_or_cases_named_before_leans_on_them() -> None:
    """NPR on the Hokkaido missile: "Both times North Korea said the projectiles were carrying satellites."
    followed "Pyongyang had also launched projectiles over Japan in 1998"."""
    assert dangling("Both times North Korea said the projectiles were carrying satellites.")
    assert dangling("In both cases, the missiles fell into the sea off Hokkaido.")
    assert dangling("At the time, the ministry said nothing about the launch.")
    assert not dangling("At the time of the launch, residents of Hokkaido were told to take shelter.")
    assert not dangling("Both teams said the match in Seoul would go ahead on Friday.")


def test_a_bare_count_or_a_quotation_begun_before_leans_on_what_came_before() -> None:
    """The Croydon tram (Giveme5W1H): "51 were taken to the hospital." (the NYT's "Several of the injured
    were treated at the scene and 51 were …") and USA Today's "“everyone just literally went flying,” the
    Associated Press reports." (after "Martin Bamford, 30, a passenger, said the train sped up and")."""
    assert dangling("51 were taken to the hospital.")
    assert dangling("At least 1,200 were evacuated from the beach.")
    assert dangling("“everyone just literally went flying,” the Associated Press reports.")
    assert not dangling("“Everyone just literally went flying,” Martin Bamford said.")
    assert not dangling("51 people were taken to the hospital.")
    assert not dangling("2017 was the deadliest year for mass shootings in the United States.")


def test_a_thing_said_before_or_reported_as_that_leans_on_the_sentence_before() -> None:
    """Still bad in the audit: "Only www.thedenverchannel.com reports: The Facebook post does not include the
    ages of the deceased family members." and NPR's "The Erie Times News reports that's more than the
    combined national debts of Hungary and South Africa."."""
    assert dangling("The Facebook post does not include the ages of the deceased family members.")
    assert dangling("The Erie Times News reports that's more than the combined national debts of Hungary.")
    assert dangling("As the Erie Times-News reported, that is more than the national debt of Hungary.")
    assert not dangling("The post office in Erie reopened on Monday after the storm.")
    assert not dangling("The Erie Times News reports that the bill was corrected on Monday.")


def test_the_writers_exclamation_is_no_fact_to_state() -> None:
    """Still bad in the audit: "Time travel is possible!" (two outlets on Hawaiian Airlines' flight)."""
    assert exclaims(outside_quotations("Time travel is possible!"))
    assert not exclaims(outside_quotations("“Oil is going into North Korea. That wasn’t my deal!”"))
    assert not exclaims(outside_quotations("The flight landed in Honolulu on Sunday."))


def test_a_time_counted_from_the_writers_day_is_stated_as_that_day() -> None:
    """USA Today on the Tesla Roadster (Giveme5W1H): "Two days ago, SpaceX CEO … Elon Musk unveiled plans
    …" stood in the brief as the brief's own "two days ago"; the outlets wrote on different days."""
    from parallax.annotate.dates import resolve_article_dates

    a = Article(
        "a",
        "a.txt",
        "Two days ago, Elon Musk unveiled plans to launch his Tesla Roadster into space.",
        outlet="A",
        published="2017-12-27T14:51:32",
    )
    b = Article("b", "b.txt", "Elon Musk unveiled plans to launch his Tesla Roadster into space.", outlet="B")
    articles = {"a": a, "b": b}
    spans = (_span(articles, "a", a.body), _span(articles, "b", b.body))
    dates = {"a": resolve_article_dates("a", a.body, a.published)}
    (sentence,) = write_brief([Finding("shared", "plans", spans[:1], outlets=2)], articles, 2, dates=dates)
    assert sentence.text == (
        "On December 25, 2017, Elon Musk unveiled plans to launch his Tesla Roadster into space."
    )
    published = "2016-07-15T09:00:00"
    said = "Police said yesterday afternoon that the driver had acted alone, and “today we mourn,” he said."
    times = resolve_article_dates("a", said, published)
    assert days_named(said, Span("a", 0, len(said)), times) == (
        "Police said on the afternoon of July 14, 2016 that the driver had acted alone, and “today we "
        "mourn,” he said."
    )
    today = "Isiah's family released a statement today, a day after the rocket most in use today flew."
    assert days_named(today, Span("a", 0, len(today)), resolve_article_dates("a", today, published)) == (
        "Isiah's family released a statement on July 15, 2016, a day after the rocket most in use today flew."
    )
    night = "The storm hit the coast last night and will stay until tomorrow, the most in use today."
    assert days_named(night, Span("a", 0, len(night)), resolve_article_dates("a", night, published)) == (
        "The storm hit the coast on the night of July 14, 2016 and will stay until July 16, 2016, the most "
        "in use today."
    )
    # a conflict stated by its sides dates them too
    a_text, b_text = (
        "Park said yesterday the role was constructive.",
        "Park did not call the role constructive.",
    )
    a2 = Article("a", "a.txt", a_text, outlet="A", published=published)
    b2 = Article("b", "b.txt", b_text, outlet="B")
    both = {"a": a2, "b": b2}
    x, y = _span(both, "a", a_text), _span(both, "b", b_text)
    sides = (Side("a", a_text, (x,)), Side("b", b_text, (y,)))
    negation = Finding("conflict", "negation", (x, y), sides=sides, conflict_type="negation")
    (line,) = write_brief([negation], both, 2, dates={"a": resolve_article_dates("a", a_text, published)})
    assert line.text == (
        "Accounts differ. A reports: Park said on July 14, 2016 the role was constructive. "
        "B reports: Park did not call the role constructive."
    )
    weekday = "The storm hit the coast on Thursday, yesterday's forecast had said."
    assert days_named(
        weekday, Span("a", 0, len(weekday)), resolve_article_dates("a", weekday, published)
    ) == (
        weekday  # a weekday is the story's own way to date; "yesterday's" forecast is left alone
    )


def test_one_fact_told_by_two_outlets_in_other_words_is_stated_once() -> None:
    """China's Chang'e 4 (Giveme5W1H): the brief stated "A Long March 4C rocket will carry a 425kg relay
    satellite and station it some 60,000km behind the moon." and, two lines on, "The mission will include a
    relay satellite that will be stationed almost 60,000 kilometers behind the moon." (two shared lines)."""
    first = (
        "A Long March 4C rocket will carry a relay satellite and station it some 60,000km behind the moon."
    )
    again = "The mission will include a relay satellite stationed almost 60,000 kilometers behind the moon."
    other = (
        "The lander and rover will carry 60,000 seeds and a camera to the far side of the moon in December."
    )
    apart = (
        "In 2013 Chang’e 3 made the first soft landing on the moon since 1976, with the Jade Rabbit rover."
    )
    bodies = {"a": f"{first} {other}", "b": f"{again} {apart}"}
    # each outlet's text printed by another outlet too ("a2", "b2"): every line is a fact two outlets give
    articles = {k: Article(k, f"{k}.txt", bodies[k[0]], outlet=k.upper()) for k in ("a", "b", "a2", "b2")}
    findings = [
        Finding("shared", t, (_span(articles, k, t), _span(articles, f"{k}2", t)), outlets=2)
        for k, t in (("a", first), ("b", again), ("a", other), ("b", apart))
    ]
    assert [s.text for s in write_brief(findings, articles, 2)] == [first, other, apart]


def test_the_rest_of_a_sentence_the_parser_split_is_no_sentence() -> None:
    """RT on the Hokkaido missile: "The missile was launched at 11:57am Hawaii time (5:57 pm EDT / 9:57pm
    GMT), Reuters reported." was split after "11:57am", and the brief stated "Only www.rt.com reports:
    Hawaii time (5:57 pm EDT / 9:57pm GMT), Reuters reported."."""
    body = (
        "North Korea fired a missile on Friday.\nThe missile was launched at 11:57am Hawaii time (5:57 pm "
        "EDT / 9:57pm GMT), Reuters reported.\nJapan sounded its warning sirens across Hokkaido on Friday."
    )
    rt = Article("rt", "rt.txt", body, outlet="RT")
    other = Article("o", "o.txt", "Other news entirely.", outlet="Other")
    articles = {"rt": rt, "o": other}
    rest = _span(articles, "rt", "Hawaii time (5:57 pm EDT / 9:57pm GMT), Reuters reported.")
    whole = _span(articles, "rt", "Japan sounded its warning sirens across Hokkaido on Friday.")
    found = [Finding("unique", "rest", (rest,), outlets=1), Finding("unique", "whole", (whole,), outlets=1)]
    assert [s.text for s in write_brief(found, articles, 2)] == [
        "Only RT reports: Japan sounded its warning sirens across Hokkaido on Friday."
    ]
    # a name cut by a claim's start ("PS4 | Pro owners …"); a clause after a conjunction is whole
    body = "PS4 Pro owners receive a new feature. The zoo is open but Gorilla World will be closed.\nA b c"
    ps4 = Article("p", "p.txt", body, outlet="P")
    assert split_after_word(ps4, _span({"p": ps4}, "p", "Pro owners receive a new feature."))
    assert not split_after_word(ps4, _span({"p": ps4}, "p", "Gorilla World will be closed."))
    assert not split_after_word(ps4, _span({"p": ps4}, "p", "PS4 Pro owners receive a new feature."))


def test_a_possessive_in_the_first_words_with_no_name_leans_on_the_sentence_before() -> None:
    """Still bad in the audit: "From their right arm a low-intensity laser shines a red, monochrome image
    onto a holographic reflector on the right lens." (the Times and Engadget on Intel's Vaunt glasses)."""
    assert dangling("From their right arm a low-intensity laser shines a red image onto the right lens.")
    assert dangling("In its first year the scheme paid out less than was raised by the levy.")
    assert not dangling("From their base in Sinai, Islamic State fighters attacked the checkpoint.")
    assert not dangling("Shares in the chipmaker rose after its results beat forecasts, analysts said.")


def test_a_line_ending_on_a_word_is_a_teaser_or_caption_not_one_outlets_fact() -> None:
    """The Sun on Silverman and Sheen: a link to another story, "Hollywood star Michael Sheen backs new push
    to help Scotland's poorest being ripped off when taking loans", was stated as a fact only the Sun
    reports once the contact line under it was cut; CNN's SeaWorld item (audited bad) ended on a word too."""
    body = (
        "Sheen and Silverman split after four years together.\n"
        "Hollywood star Michael Sheen backs new push to help Scotland's poorest being ripped off\n"
        "The couple met in 2014 while filming a Showtime series in Los Angeles."
    )
    sun = Article("s", "s.txt", body, outlet="Sun")
    other = Article("o", "o.txt", "Other news entirely.", outlet="Other")
    articles = {"s": sun, "o": other}
    teaser = _span(
        articles,
        "s",
        "Hollywood star Michael Sheen backs new push to help Scotland's poorest being ripped off",
    )
    fact = _span(articles, "s", "The couple met in 2014 while filming a Showtime series in Los Angeles")
    found = [Finding("unique", "t", (teaser,), outlets=1), Finding("unique", "f", (fact,), outlets=1)]
    assert [s.text for s in write_brief(found, articles, 2)] == [
        "Only Sun reports: The couple met in 2014 while filming a Showtime series in Los Angeles."
    ]
    assert unpunctuated_line(sun, teaser) and not unpunctuated_line(sun, fact)


def test_the_writers_should_in_one_outlets_line_is_advice_not_a_fact() -> None:
    """Still bad in the audit: China Daily's "Even from the perspective of crisis prevention, Trump should
    be availing himself of the opportunities presented by his visits …"; a speaker's "should" is quoted."""
    advice = "Even from the perspective of crisis prevention, Trump should be availing himself of the talks."
    quoted = "“The allies should stand together against the threat,” Park Jin said in Seoul on Friday."
    fact = "The ministers met in Seoul on Friday and agreed to hold talks again next month."
    body = f"{advice} {quoted} {fact}"
    a = Article("a", "a.txt", body, outlet="A")
    b = Article("b", "b.txt", "Other news entirely.", outlet="B")
    articles = {"a": a, "b": b}
    found = [Finding("unique", t[:5], (_span(articles, "a", t),), outlets=1) for t in (advice, quoted, fact)]
    stated = [s.text for s in write_brief(found, articles, 2)]
    assert stated == [f"Only A reports: {quoted}", f"Only A reports: {fact}"]
    tyson = "Amateurs out to film the supermoon should opt for a real camera, astronomer Neil Tyson says."
    told = Article("t", "t.txt", tyson, outlet="T")
    line = Finding("unique", "tyson", (_span({"t": told}, "t", tyson),), outlets=1)
    assert [s.text for s in write_brief([line], {"t": told, "b": b}, 2)] == [f"Only T reports: {tyson}"]


def test_someone_named_by_a_head_count_alone_leans_on_the_sentence_before() -> None:
    """Still bad in the audit: "Only www.thisisinsider.com reports: Following the attack, the person fled
    the scene." (which person?)."""
    assert dangling("Following the attack, the person fled the scene.")
    assert dangling("The pair married in a small ceremony in Texas in 2009.")
    assert not dangling("The person who shot the gorilla was a trained member of the zoo’s response team.")
    assert not dangling("Police said the person responsible for the attack had been arrested on Friday.")


def test_the_writer_in_the_first_person_is_not_the_briefs_voice() -> None:
    """Giveme5W1H: NPR's host ("Only www.npr.org reports: I'm Ailsa Chang with news of a trip back in
    time."), and a shared line whose quotation marks the pages lost ("I’ve only seen them in the oceans
    around Australia, plus one in the South Atlantic.", Chris Hughes on the Tasman Sea's eddies)."""
    assert not _statable_text("I'm Ailsa Chang with news of a trip back in time.")
    assert not _statable_text(
        "I’ve only seen them in the oceans around Australia, plus one in the South Atlantic."
    )
    assert not _statable_text("Frankly, I doubt the rocket will fly before March, given the delays so far.")
    assert not _statable_text("The launch was delayed again, which surprised me and many engineers at NASA.")
    assert _statable_text("World War I ended in 1918 with the armistice signed at Compiègne in France.")
    assert _statable_text("China’s first lunar probe, Chang’e I, lifted off from Xichang in Sichuan in 2007.")
    assert _statable_text("“I am deeply sorry that this occurred,” Richard Smith said in prepared remarks.")


def test_what_the_page_shows_below_or_above_is_not_in_the_brief() -> None:
    """Giveme5W1H: "The full patch notes for the PS4 system update 5.0 can be found below." (a shared line
    of two outlets), Business Insider's "The chart below illustrates Greg McKenna's view …"."""
    assert page_furniture("The full patch notes for the PS4 system update 5.0 can be found below.")
    assert page_furniture("The chart below illustrates Greg McKenna’s view of the latest price action.")
    assert page_furniture("Watch the moment the rocket lifted off in the video above.")
    assert not page_furniture("The fireball was seen above Maine and New Hampshire on Tuesday night.")
    # a flattened caption's positions (the Mail on the Cubs: "Steve Bartman (middle) became one of …")
    assert page_furniture("Steve Bartman (middle) became one of the most infamous sports figures.")
    assert page_furniture("Kate (second left) and William (far right) arrive at the service.")
    assert not page_furniture("The centre-left (middle-class) voters stayed at home, the poll found.")
    assert not page_furniture("Temperatures stayed below freezing for the whole week, the agency said.")


def test_a_speaker_named_by_the_role_alone_leans_on_the_sentence_that_named_them() -> None:
    """BBC on Uma Thurman's crash: "Only www.bbc.com reports: The director said failing to test the route
    one more time was "one of my most horrendous mistakes"." (which director?)."""
    assert dangling('The director said failing to test the route was "one of my most horrendous mistakes".')
    assert dangling("The car was unsafe, the lawyer told reporters.")
    assert not dangling("The director of the FBI said the inquiry would go on.")


def test_a_caption_is_not_a_fact_the_article_reports() -> None:
    """Giveme5W1H: CNN's gallery ("Debris is scattered on the ground Monday, October 2, at the site …"),
    the Mail's "Spectacular pictures show the moon rising over Manhattan …", the Post's "The linked white
    dots at the top and solo white mark at the bottom are …"."""
    for caption in (
        "Debris is scattered on the ground Monday, October 2, at the site of a festival in Las Vegas.",
        "Justin Timberlake performs during the Super Bowl halftime show on Sunday, February 4.",
        "Spectacular pictures show the moon rising over Manhattan and the Chicago skyline.",
        "Grab from a video obtained via CNN footage shows 15 of the schoolgirls.",
        "The linked white dots at the top and solo white mark at the bottom are lensed images.",
        "Nevada state senator Tick Segerblom joins “News with Ed” to discuss possible motives behind it.",
    ):
        assert page_furniture(caption), caption
    for news in (
        "The statement said numerous photographs show Thurman and Weinstein had a strong relationship.",
        "Graphic television and video images showed the truck tearing through the crowd.",
        "The Cubs were within four outs of the World Series at the bottom of the eighth.",
        "NEO is the biggest loser in the top 10.",
        "The festival ended on Sunday, and the gunman opened fire at 10:08 p.m.",
    ):
        assert not page_furniture(news), news


def test_a_request_for_comment_or_the_writers_guess_does_not_lead_a_shared_fact() -> None:
    """Giveme5W1H: "Tarantino’s representatives did not respond to the AP’s request for comment." led a
    shared group (three outlets' notes); "Only www.popularmechanics.com reports: Perhaps the flight
    attendants wanted to have their own toast …" stated a guess."""
    a = Article(
        "a", "a.txt", "Tarantino’s representatives did not respond to a request for comment.", outlet="A"
    )
    b = Article("b", "b.txt", "Tarantino did not respond to requests for comment.", outlet="B")
    c = Article("c", "c.txt", "Perhaps the flight attendants wanted to have their own toast.", outlet="C")
    articles = {"a": a, "b": b, "c": c}
    spans = (_span(articles, "a", a.body), _span(articles, "b", b.body))
    findings = [
        Finding("shared", "no comment", spans, outlets=2),
        Finding("unique", "toast", (_span(articles, "c", c.body),)),
    ]
    assert write_brief(findings, articles, 3) == ()
    # A guess given to no one (the Post on the Delta bird); "Some 60 excavators …" is a count, stated
    for guess, stated in (
        ("Some believe it was a sparrow.", False),
        ("Many people think the station will fall on land.", False),
        ("Some 60 excavators and 100 dump trucks are being used in the search.", True),
    ):
        d = Article("d", "d.txt", guess, outlet="D")
        findings = [Finding("unique", guess, (_span({"d": d}, "d", d.body),))]
        assert bool(write_brief(findings, {**articles, "d": d}, 3)) is stated, guess


def test_a_question_alone_states_nothing() -> None:
    """Giveme5W1H: "Only www.nytimes.com quotes Hemsworth’s Norse: “Who the hell are you guys?”" (a film's
    line); a quotation that asks and then says something is stated."""
    a = Article(
        "a", "a.txt", "The trailer opens on Thor. “Who the hell are you guys?” Thor asks.", outlet="A"
    )
    b = Article("b", "b.txt", "The trailer was released on Wednesday.", outlet="B")
    articles = {"a": a, "b": b}
    start = a.body.index("“")
    question = Span("a", start, a.body.index("”") + 1)
    finding = Finding("unique", "q", (question,), speaker="Thor", reason="a quotation of Thor")
    assert write_brief([finding], articles, 2) == ()
    c = Article(
        "c",
        "c.txt",
        "“Why now? Nobody has explained the delay to the families,” Gina Lopez said.",
        outlet="C",
    )
    quoted = Span("c", 0, c.body.index("”") + 1)
    finding = Finding("unique", "q", (quoted,), speaker="Gina Lopez", reason="a quotation of Gina Lopez")
    assert [s.text for s in write_brief([finding], {**articles, "c": c}, 2)] == [
        "Only C quotes Gina Lopez: “Why now? Nobody has explained the delay to the families.”"
    ]
    assert QUESTION_ONLY.match("Which team won the World Series in 1908?")


def test_a_speaker_named_by_a_role_alone_was_named_in_a_sentence_before() -> None:
    """Giveme5W1H: "… Alex Trouteaud … told the magazine." (RT on Newsweek), "…, said the source, who
    spoke on condition of anonymity …", "The expert argued that …", "Which is where Pixel Visual Core
    comes in."."""
    assert dangling("The tech sector embraced trafficking, Alex Trouteaud told the magazine.")
    assert dangling(
        "A couple hundred people received their stock early, said the source, who spoke anonymously."
    )
    assert dangling("The expert argued that there is no way to control the station.")
    assert dangling("“I mean not over Christmas,” the comedian humorously clarified.")
    assert dangling("Which is where Pixel Visual Core comes in.")
    assert dangling("Here are a couple of examples of the chip's impact in practice.")
    assert not dangling("The expert, Jonathan McDowell, said the station would burn up.")
    assert not dangling("“We are monitoring it,” the China Manned Space Agency said on its website.")
    assert not dangling("Which team won the World Series in 1908?")
    assert not dangling("Herbert Reul said the state would station 5,700 officers.")


def test_a_time_or_a_set_counted_from_a_sentence_before_leans_on_it() -> None:
    """A second, blind audit of Giveme5W1H briefs (benchmarks/data/brief_audit2.jsonl) read these as
    leaning on the sentence before: after what, earlier than what, the time of what, among what."""
    for leaning in (
        "Minutes later, a gunshot rang out, Brittany Nicely told the Enquirer.",
        "Earlier on Monday, the Detroit Lions and Chicago Bears parted company with Jim Caldwell.",
        "First, in a choreographed display of technological wizardry, the rocket cores could land.",
        "The water level was high at the time.",
        "Apple (AAPL), in particular, is known for holding a huge amount of cash abroad.",
        "Ehud Barak, another former military chief and defense minister, said at the conference that …",
        "Subsequent investigations, however, have stalled since.",
        "Jay Y. Lee was meant to spend five years in jail, however.",
        "Such assurances may prove important, given questions among analysts and investors.",
        "Just under 200 remain unaccounted for after their release.",
        "For Tiangong-1, that’s between 2,000 and 8,000 pounds.",
    ):
        assert dangling(leaning), leaning
    for standing in (
        "The missile was launched minutes after midnight.",
        "At the time of the crash, the water level was high.",
        "Earlier reports put the toll at 12.",
        "First Minister Nicola Sturgeon said the vote would go ahead.",
        "Police said another 12 people were hurt, and another man, 34, was arrested.",
        "Astronomers need no special equipment to view the supermoon, however, those looking to film it do.",
        "Boris Johnson said the United Kingdom stood ready to help however it could.",
        "Such as it is, the plan was approved on Monday.",
    ):
        assert not dangling(standing), standing


def test_the_writers_here_and_this_lean_on_where_they_stand() -> None:
    """Giveme5W1H: "Rosberg … will seal the championship if he wins here." (which race?), "… the roar
    inside this stadium was incredible.", "Theo Epstein was tasked with reversing this sorry narrative"."""
    assert dangling("Rosberg, 19 points clear of Hamilton, will seal the championship if he wins here.")
    assert dangling("When Davis sent the pitch high the roar inside this stadium was incredible.")
    assert dangling("Theo Epstein was tasked with reversing this sorry narrative.")
    assert dangling("Yet the scientific payoff is huge.")
    assert not dangling("The satellite will fall to Earth this year, China’s space agency said.")
    assert not dangling(
        "Flightradar24 noted the flight's progress with this note: “Time travel is possible.”"
    )
    assert not dangling("“We are staying here,” the mayor of Nice said.")
    assert not dangling("Yetunde Price was killed in 2003.")
    assert page_furniture("To add family members, select (Settings) >.")
    assert page_furniture("To access the broadcaster’s community, select (Communities).")
    assert not page_furniture("To reach the site, rescuers dug a parallel shaft 30 metres deep.")


def test_a_fact_only_copies_carry_is_their_originals_though_a_copy_ran_first() -> None:
    """Reuters on Ahed Tamimi (Giveme5W1H): the Times ran the Reuters copy at 13:06, Reuters' own page is
    stamped 17:58; the copies credit Reuters, so the fact is Reuters', not "Only www.nytimes.com"'s. The line
    cites the Times's copy too, so it says the Times ran Reuters' story (it read "Only www.reuters.com
    reports:" above citations of three outlets)."""
    articles = _two_outlets()
    articles["a"] = dataclasses.replace(articles["a"], published="2023-11-10")  # the original
    articles["b"] = dataclasses.replace(articles["b"], published="2023-11-09")  # its copy, run first
    talks = (
        _span(articles, "a", "Accordingly, talks were held in Seoul on Thursday morning."),
        _span(articles, "b", "Talks were held in Seoul on Thursday morning."),
    )
    (sentence,) = write_brief([Finding("shared", "talks", talks, outlets=1)], articles, 1, {"b": "a"})
    assert sentence.text == (
        "Only Outlet A, in its story Outlet B also ran, reports: "
        "Talks were held in Seoul on Thursday morning."
    )
    single = _span(articles, "a", "The ministers urged a constructive role.")
    both = write_brief(
        [Finding("shared", "talks", talks, outlets=1), Finding("unique", "s", (single,))],
        articles,
        2,
        {"b": "a"},
    )
    assert [s.text[:45] for s in both] == [
        "Only Outlet A, in its story Outlet B also ran",
        "Only Outlet A reports: The ministers urged a ",
    ]


def test_a_fact_only_copies_of_a_credited_story_carry_is_that_sources() -> None:
    """Rihanna's cousin (Giveme5W1H): the Post and the Mail ran one AP story, which is not in the set; the
    brief read "Only www.dailymail.co.uk reports:" (the copy the tie named first); the fact is AP's."""
    articles = _two_outlets()
    articles = {k: dataclasses.replace(a, via="AP") for k, a in articles.items()}
    talks = (
        _span(articles, "a", "Accordingly, talks were held in Seoul on Thursday morning."),
        _span(articles, "b", "Talks were held in Seoul on Thursday morning."),
    )
    (sentence,) = write_brief([Finding("shared", "talks", talks, outlets=1)], articles, 2, {"b": "a"})
    assert sentence.text == (
        "Only AP, in the story Outlet A and Outlet B ran, reports: "
        "Talks were held in Seoul on Thursday morning."
    )
    single = _span(articles, "b", "Park did not call the role constructive.")
    (unique,) = write_brief([Finding("unique", "park", (single,), outlets=1)], articles, 2)
    assert unique.text.startswith("Only AP, in the story Outlet B ran, reports: Park did not")
    # named with the outlets that ran it once, then by its source alone (AP's Erie snow story)
    both = write_brief(
        [Finding("shared", "talks", talks, outlets=1), Finding("unique", "p", (single,))], articles, 2
    )
    assert [s.text[:40] for s in both] == [
        "Only AP, in the story Outlet A and Outle",
        "Only AP reports: Park did not call the r",
    ]


def test_the_brief_states_news_before_agreed_background() -> None:
    """Three outlets recall Cologne's New Year's Eve of 2015, two report Berlin's safety zone: the brief
    opens on the event, then the background."""
    a = Article(
        "a", "a.txt", "Police set up a safety zone for women. Cologne saw assaults in 2015.", outlet="A"
    )
    b = Article(
        "b",
        "b.txt",
        "Berlin police set up a safety zone for women. In 2015 Cologne saw assaults.",
        outlet="B",
    )
    zone = (Span("a", 0, 38), Span("b", 0, 45))
    cologne = (Span("a", 39, 68), Span("b", 46, 75))
    findings = [
        Finding("shared", "Cologne", cologne, outlets=3, reason="an earlier time: in 2015"),
        Finding("shared", "zone", zone, outlets=2),
    ]
    brief = write_brief(findings, {"a": a, "b": b}, 2)
    assert [s.citations for s in brief] == [zone, cologne]


def test_a_sentence_announcing_what_follows_leans_on_it() -> None:
    """BASIL's NYT on Trump's Newsmax debate: "Mr. Trump issued the following exclamation-point laden
    statement through his lawyer, Michael Cohen." stood in the brief without the statement."""
    assert dangling("Mr. Trump issued the following exclamation-point laden statement through his lawyer.")
    assert dangling("The ministry's statement reads as follows.")
    # "the following day" is a time, not what follows; counted from a day the sentence does not give
    assert not dangling("Mr. Trump announced on Monday that he would not moderate the debate.")
    assert dangling("Mr. Trump announced the following day that he would not moderate the debate.")


def test_a_shared_quotation_tagged_with_a_pronoun_is_given_its_speakers_name() -> None:
    """BASIL on Glenn Beck at CPAC: the Times' and HuffPost's “… not suck as much as the other side,” he
    said. was left out of the brief (who said it?); the quote groups know: Glenn Beck."""
    a = Article(
        "a", "a.txt", "“It is not enough to not suck as much as the other side,” he said.", outlet="A"
    )
    b = Article(
        "b", "b.txt", "“It is not enough just to not suck as much as the other side,” he added.", outlet="B"
    )
    spans = (Span("a", 0, len(a.body)), Span("b", 0, len(b.body)))
    shared = Finding("shared", "x", spans, outlets=2)
    said = Finding("quote", "x", (Span("a", 1, 56), Span("b", 1, 61)), speaker="Glenn Beck", outlets=2)
    (sentence,) = write_brief([shared, said], {"a": a, "b": b}, 2)
    assert sentence.text == "“It is not enough to not suck as much as the other side,” Glenn Beck said."
    role = dataclasses.replace(said, speaker="the center's website")
    assert write_brief([shared, role], {"a": a, "b": b}, 2) == ()


def test_a_shared_quotation_is_stated_where_its_speaker_is_named() -> None:
    """Telegram off the App Store (Giveme5W1H): the brief took the Times' shorter "the prime minister said:
    “…”" (which prime minister?) over USA Today's "British Prime Minister Theresa May said that “…”"."""
    a = Article("a", "a.txt", "The prime minister said: “Smaller platforms can become home to criminals.”")
    b = Article(
        "b",
        "b.txt",
        "In Davos, British Prime Minister Theresa May said that “smaller platforms can become home to "
        "criminals.”",
    )
    spans = (Span("a", 0, len(a.body)), Span("b", 0, len(b.body)))
    shared = Finding("shared", "x", spans, outlets=2)
    said = Finding("quote", "x", (Span("a", 26, 73), Span("b", 56, 104)), speaker="Theresa May", outlets=2)
    (sentence,) = write_brief([shared, said], {"a": a, "b": b}, 2)
    assert sentence.text == b.body
    (sentence,) = write_brief([shared], {"a": a, "b": b}, 2)
    assert sentence.text == a.body, "with no speaker known, the shorter"


def test_a_speaker_named_by_surname_alone_is_named_in_full() -> None:
    """The Pixel Visual Core (Giveme5W1H): "“We’re turning on Pixel Visual Core for Pixel 2 users,” wrote Mr.
    Shacham in a blog post." (who?); the quote groups know Ofer Shacham."""
    said = "“We’re turning on Pixel Visual Core for Pixel 2 users,” wrote Mr. Shacham in a blog post."
    a = Article("a", "a.txt", said, outlet="A")
    b = Article(
        "b", "b.txt", "“We’re turning on Pixel Visual Core for Pixel 2 users,” Shacham wrote.", outlet="B"
    )
    spans = (Span("a", 0, len(a.body)), Span("b", 0, len(b.body)))
    shared = Finding("shared", "x", spans, outlets=2)
    quote = Finding("quote", "x", (Span("a", 1, 53), Span("b", 1, 53)), speaker="Ofer Shacham", outlets=2)
    (sentence,) = write_brief([shared, quote], {"a": a, "b": b}, 2)
    assert "Ofer Shacham" in sentence.text and "Mr." not in sentence.text
    own = "“Shacham’s team did it,” wrote Mr. Shacham."
    quote = Finding("quote", "x", (Span("c", 1, 23),), speaker="Ofer Shacham", outlets=2)
    assert (
        _speaker_in_full(Span("c", 0, len(own)), own, [quote])
        == "“Shacham’s team did it,” wrote Ofer Shacham."
    )
    bill = "“It was a good day for the state,” Bill Clinton said."
    hillary = Finding("quote", "x", (Span("c", 1, 35),), speaker="Hillary Clinton", outlets=2)
    assert _speaker_in_full(Span("c", 0, len(bill)), bill, [hillary]) == bill, "another Clinton"
    unknown = dataclasses.replace(quote, speaker="Shacham")
    (sentence,) = write_brief([shared, unknown], {"a": a, "b": b}, 2)
    assert sentence.text in (a.body, b.body), "no full name known: the text as written"


def test_a_person_named_by_surname_alone_is_named_in_full_once() -> None:
    """BASIL's Fox and HuffPost on the NAACP and the Tea Party: "Poulter said he has seen no evidence …"
    (who?); HuffPost had introduced "Tea party activist Alex Poulter" paragraphs earlier."""
    a = Article(
        "a", "a.txt", "Poulter said the Bush administration saw no evidence, Poulter added.", outlet="A"
    )
    b = Article(
        "b",
        "b.txt",
        "Poulter said the Bush administration saw no evidence of it at all in those years.",
        outlet="B",
    )
    spans = (Span("a", 0, len(a.body)), Span("b", 0, len(b.body)))
    shared = Finding("shared", "x", spans, outlets=2)
    surnamed = {"a": [(0, 7, "Alex Poulter"), (50, 57, "Alex Poulter"), (17, 21, "George W. Bush")]}
    (sentence,) = write_brief([shared], {"a": a, "b": b}, 2, surnamed=surnamed)
    assert sentence.text == "Alex Poulter said the Bush administration saw no evidence, Poulter added."
    (sentence,) = write_brief([shared], {"a": a, "b": b}, 2)
    assert sentence.text == a.body
    jane = dataclasses.replace(a, body="Jane Poulter said the Bush administration saw no evidence at all.")
    other = {"a": [(5, 12, "Alex Poulter")]}
    spans = (Span("a", 0, len(jane.body)), Span("b", 0, len(b.body)))
    found = write_brief([Finding("shared", "x", spans, outlets=2)], {"a": jane, "b": b}, 2, surnamed=other)
    (sentence,) = found
    assert sentence.text == jane.body, "another Poulter"
    erimo = dataclasses.replace(a, body="Fishermen lay out seaweed in Poulter, where the missile flew.")
    b = dataclasses.replace(b, body="Fishermen lay out seaweed in Poulter, where the missile flew over.")
    spans = (Span("a", 0, len(erimo.body)), Span("b", 0, len(b.body)))
    place = {"a": [(29, 36, "Alex Poulter")]}
    (sentence,) = write_brief(
        [Finding("shared", "x", spans, outlets=2)], {"a": erimo, "b": b}, 2, surnamed=place
    )
    assert sentence.text == erimo.body, "Reuters' 'in Erimo' was the tagger's person 'Cape Erimo'"
    said = Article("c", "c.txt", "“Poulter is right,” Tom Smith told reporters, praising Poulter.")
    inside = [(1, 8, "Alex Poulter"), (55, 62, "Alex Poulter")]
    named = _person_in_full(Span("c", 0, len(said.body)), said.body, {"c": said}, inside)
    assert named == said.body.replace("praising Poulter", "praising Alex Poulter"), "quoted words as said"
    only = Finding("unique", "x", (Span("a", 0, len(a.body)),), outlets=1)
    lines = [x.text for x in write_brief([only], {"a": a, "b": b}, 2, surnamed=surnamed)]
    assert lines == [
        "Only A reports: Alex Poulter said the Bush administration saw no evidence, Poulter added."
    ]


def test_a_person_spoken_of_only_by_pronoun_leans_on_the_sentence_before() -> None:
    """BASIL's Fox on Glenn Beck: "The chalkboard, a prop that he uses frequently on his top-rated show,
    brought the audience to its feet." (who?); Giveme5W1H: "In the current season he is 11th with 51
    points." A sentence that names someone, first word or not, keeps its pronouns."""
    assert dangling(
        "The chalkboard, a prop that he uses frequently on his show, brought the audience to its feet."
    )
    assert dangling("In the current season he is 11th with 51 points.")
    assert not dangling("Musk wrote that his car will be playing the song in deep space.")
    assert not dangling("The crowd cheered when Hopkins caught the ball with his other hand.")
    assert not dangling("The bill passed 60-40 after a long night.")
    # BASIL's NYT on Akin: which statement?
    assert dangling(
        "The statement came from Missouri Sen. Roy Blunt and former Sens. John Ashcroft and Kit Bond."
    )
    assert dangling("The move comes a week after the vote.")
    assert not dangling("The statement by the Missouri senators urged Akin to quit the race.")


def test_a_quotation_inside_a_fact_already_stated_is_not_stated_again() -> None:
    """The Pixel Visual Core (Giveme5W1H): the brief stated the shared "“We’re turning on Pixel Visual Core
    for Pixel 2 users,” wrote Mr. Shacham in a blog post." and then "Only www.xda-developers.com quotes Ofer
    Shacham: “We’re turning on Pixel Visual Core for Pixel 2 users,”" from inside the same sentence."""
    said = "“We’re turning on Pixel Visual Core for Pixel 2 users,” wrote Mr. Shacham in a blog post."
    extra = "“We also add the new camera to every phone we sell in Europe,” he said."
    a = Article("a", "a.txt", f"{said} {extra}", outlet="A")
    b = Article("b", "b.txt", said, outlet="B")
    articles = {"a": a, "b": b}
    shared = Finding("shared", "on", (Span("a", 0, len(said)), Span("b", 0, len(said))), outlets=2)
    quote = Finding(
        "unique",
        "q",
        (Span("a", 0, 56),),
        speaker="Ofer Shacham",
        outlets=1,
        reason="a quotation of Ofer Shacham",
    )
    in_full = said.replace("Mr. Shacham", "Ofer Shacham")  # the speaker named as the quote groups know him
    assert [s.text for s in write_brief([shared, quote], articles, 2)] == [in_full]
    # A line that brings words the stated sentence lacks is no repetition, though it cites inside it.
    longer = (
        "Google said on Monday that it would turn on the chip, which doubles the camera's speed in dim light."
    )
    shorter = "Google said on Monday that it would turn on the chip."
    articles = {
        "a": Article("a", "a.txt", longer, outlet="A"),
        "b": Article("b", "b.txt", shorter, outlet="B"),
    }
    shared = Finding("shared", "on", (Span("a", 0, len(longer)), Span("b", 0, len(shorter))), outlets=2)
    more = Finding("unique", "m", (Span("a", 0, len(longer)),), outlets=1)
    assert [s.text for s in write_brief([shared, more], articles, 2)] == [
        shorter,
        f"Only A reports: {longer}",
    ]


def test_an_outlets_judgement_is_no_fact_it_alone_reports() -> None:
    """BASIL's Fox piece: "Only Fox reports: Elections, after all, are won and lost in the middle." and
    Gizmodo's "… are clearly aimed at taking advantage of consumers." are the writer's argument and
    judgement; a speaker's "of course" inside quotation marks is the speaker's."""
    judged = [
        "Elections, after all, are won and lost in the middle of the electorate.",
        "Many of the domains contain simple typos and are clearly aimed at taking advantage of consumers.",
        # The Sun on the Brazilian Grand Prix (Giveme5W1H)
        "Fortunately there were no serious injuries amongst the crashes and the debris on the track.",
        "No wonder then that the German was content with second place in the championship race.",
        "Hmmm...nothing like the courage of the anonymous protester on a Washington sidewalk.",
    ]
    quoted = "“Of course we will appeal the ruling,” the company's lawyer said on Monday."
    articles = {"a": Article("a", "a.txt", " ".join([*judged, quoted]), outlet="A"), "b": _article()}
    findings = [Finding("unique", t, (_span(articles, "a", t),), outlets=1) for t in [*judged, quoted]]
    assert [s.text for s in write_brief(findings, articles, 2)] == [f"Only A reports: {quoted}"]


def test_a_sentence_handing_over_to_what_follows_is_not_stated() -> None:
    """PSU on the PS4 update (Giveme5W1H): "Only www.psu.com reports: Guerilla Games technical director
    Michiel van der Leeuw, Technical Director for Guerrilla explains." — the sentence ends on a colon before
    the quotation it introduces, which the brief does not state with it."""
    lead = (
        "Guerilla Games technical director Michiel van der Leeuw, Technical Director for Guerrilla explains"
    )
    body = f"{lead}: “This is a very high-quality technique for the final resolution.”"
    articles = {"a": Article("a", "a.txt", body, outlet="A"), "b": _article()}
    cut = Finding("unique", lead, (Span("a", 0, len(lead)),), outlets=1)
    whole = Finding("unique", lead, (Span("a", 0, len(lead) + 1),), outlets=1)
    assert write_brief([cut], articles, 2) == () and write_brief([whole], articles, 2) == ()


def test_a_shared_fact_is_not_stated_in_words_only_one_outlet_quotes() -> None:
    """The Terrigal fireworks (Giveme5W1H): the brief stated the BBC's "“It was an absolute chaos,” Anooshe
    Mushtaq described the scene on Twitter." citing CTV, which quotes her "It was a pretty scary
    experience"; and the Telegraph's quotation of the police chief for a fact the Guardian tells in its
    own words."""
    bbc_text = "“It was an absolute chaos,” Anooshe Mushtaq described the scene on Twitter."
    ctv_text = "“It was a pretty scary experience,” Anooshe Mushtaq said on Twitter, describing the scene."
    bbc = Article("bbc", "b.txt", bbc_text, outlet="BBC")
    ctv = Article("ctv", "c.txt", ctv_text, outlet="CTV")
    spans = (Span("ctv", 0, len(ctv_text)), Span("bbc", 0, len(bbc_text)))
    own = [
        Finding(
            "unique", "q", (Span("bbc", 0, 27),), outlets=1, reason="a quotation no other outlet carries"
        ),
        Finding(
            "unique", "q", (Span("ctv", 0, 36),), outlets=1, reason="a quotation no other outlet carries"
        ),
    ]
    articles = {"bbc": bbc, "ctv": ctv}
    one_statement = Finding("quote", "q", (Span("bbc", 1, 26), Span("ctv", 1, 35)), speaker="Anooshe Mushtaq")
    grouped = write_brief([Finding("shared", "x", spans, outlets=2), one_statement], articles, 2)
    assert grouped[0].text.startswith("“It was an"), "two renderings of one statement (a translation)"
    assert write_brief([Finding("shared", "x", spans, outlets=2)], articles, 2) == ()
    stated = [s.text for s in write_brief([Finding("shared", "x", spans, outlets=2), *own], articles, 2)]
    assert not any("Mushtaq" in s for s in stated)
    quoted = '"The attacker rammed his car into the wall of the consulate," the police chief told AFP.'
    told = "A suicide bomber rammed a car into the wall of the consulate."
    tel = Article("tel", "t.txt", quoted, outlet="Telegraph")
    guardian = Article("gu", "g.txt", told, outlet="Guardian")
    both = (Span("tel", 0, len(quoted)), Span("gu", 0, len(told)))
    (sentence,) = write_brief([Finding("shared", "x", both, outlets=2)], {"tel": tel, "gu": guardian}, 2)
    # nor, since the Telegraph's "attacker" is no suicide bomber, for the Telegraph at all
    assert sentence.text == f"Guardian reports: {told}" and sentence.citations == (both[1],)


def test_a_word_the_model_flagged_keeps_out_only_the_sentence_it_flagged_it_in() -> None:
    """CTV's "A spectacular … celebration … caught fire" had the BABE model flag "caught" there, and the
    brief then left out every outlet's "caught fire"; a lexicon word stays out wherever it stands."""
    ctv_text = "A spectacular celebration ended after people were injured when a barge caught fire."
    bbc_text = "People were injured when a barge caught fire at a beach."
    ctv = Article("ctv", "c.txt", ctv_text, outlet="CTV")
    bbc = Article("bbc", "b.txt", bbc_text, outlet="BBC")
    caught = ctv_text.index("caught")
    loaded = Finding(
        "framing", "CTV uses loaded language", (Span("ctv", caught, caught + 6),), aspect="loaded",
        terms=("caught",),
    )  # fmt: skip
    spans = (Span("ctv", 0, len(ctv_text)), Span("bbc", 0, len(bbc_text)))
    articles = {"ctv": ctv, "bbc": bbc}
    (sentence,) = write_brief([Finding("shared", "x", spans, outlets=2), loaded], articles, 2)
    assert sentence.text == bbc_text
    only_ctv = (spans[0], spans[0])
    assert write_brief([Finding("shared", "x", only_ctv, outlets=2), loaded], articles, 2) == ()
    brutal = dataclasses.replace(loaded, citations=(Span("ctv", 0, 11),), terms=("spectacular",))
    bbc_brutal = Article("bbc", "b.txt", "Two people were injured in a brutal crash.", outlet="BBC")
    itv_brutal = Article("itv", "i.txt", bbc_brutal.body, outlet="ITV")
    lexicon = Finding("framing", "l", (Span("bbc", 29, 35),), aspect="loaded", terms=("brutal",))
    shared = Finding("shared", "x", (Span("bbc", 0, 42), Span("itv", 0, 42)), outlets=2)
    (kept,) = write_brief([shared, brutal, lexicon], {"ctv": ctv, "bbc": bbc_brutal, "itv": itv_brutal}, 2)
    assert kept.text == "Two people were injured in a crash."


def test_an_item_of_a_list_run_over_semicolons_is_not_stated_alone() -> None:
    """Giveme5W1H's coalition: "The coalition is comprised of Justin Rosenstein, the creator of the Like
    button; Roger McNamee, …; and Tristan Harris, …, among others." split at its semicolons gave the brief
    "Tristan Harris, a former design ethicist at Google, among others." and a coalition of one."""
    body = (
        "The coalition is comprised of Justin Rosenstein, the creator of the Like button; Roger McNamee, an "
        "early Facebook investor; and Tristan Harris, a former design ethicist at Google, among others."
    )
    a = Article("a", "a.txt", body, outlet="A")
    first, last = body.index(";"), body.index("Tristan")
    fact = Span("a", 0, first)
    assert list_item(a, fact) and list_item(a, Span("a", last, len(body)))
    two = Article("b", "b.txt", "Police closed the road; the fire spread overnight.", outlet="B")
    assert not list_item(two, Span("b", 0, 22)) and not list_item(two, Span("b", 24, 50))
    assert write_brief([Finding("shared", "x", (fact, fact), outlets=2)], {"a": a}, 2) == ()


def test_a_claim_stopping_before_its_closing_mark_gets_it_back() -> None:
    """The Mail on the Falcon Heavy: "Musk has said the payload 'will be in deep space … on ascent.'": the
    claim stopped at the full stop, and the brief left the quotation open."""
    body = "Musk has said the payload 'will be in deep space if it doesn't blow up on ascent.' He smiled."
    a = Article("a", "a.txt", body, outlet="A")
    end = body.index(".'") + 1
    assert with_closing_mark(body[:end], a, Span("a", 0, end)).endswith("ascent.'")
    plain = "The players' union met on Monday. It agreed."
    b = Article("b", "b.txt", plain, outlet="B")
    assert with_closing_mark(plain[:33], b, Span("b", 0, 33)) == plain[:33]
    assert neutralise(body[: end + 1], a) == body[: end + 1], "no full stop after the closing mark"


def test_a_sentence_closing_a_quotation_it_never_opened_leans_on_the_one_before() -> None:
    """The Astros coach: "The pace of his recovery was just as astonishing,' Lintner said." ends a statement
    begun a sentence earlier; mixed marks still pair ("“… probably is," the chief said)."""
    assert dangling("The pace of his recovery was just as astonishing,' Lintner said.")
    assert dangling("The pace was fast,” Smith said.")
    # HuffPost quoting a blog at length (BASIL): the quotation's last sentence, its closing mark at the end
    assert dangling("Probably not, but apparently ambush interviews are the next phase of media training.”")
    assert not dangling("Smith said the pace was “fast.”")
    assert not dangling('“If it sounds too good to be true, it probably is," Chief Randy Fandal said.')
    assert not dangling("'It was fine,' Smith said.")


def test_captions_and_live_blog_stamps_are_the_pages() -> None:
    assert page_furniture("The lens galaxy, at center, and four lensed background quasars.")
    assert page_furniture("Pictured, the gravitational lens galaxy can be seen with four quasars.")
    assert page_furniture("11.38am - UPDATE - US prosecutor: College kids using Bitcoin to pay for drugs")
    assert not page_furniture("The driver turned left, then right, and stopped at the gate.")
    assert page_furniture("Please see our terms for use of feeds.")
    assert page_furniture("The supermoon is pictured shining across the Hudson River in Nyack, New York.")


def test_a_thing_is_not_quoted_as_a_voice() -> None:
    """NPR's "U.S. reconnaissance images had shown "Chinese ships selling oil …"": the quote stage keeps
    the images as the source (PolNeAR would), but "Only NPR quotes U.S. reconnaissance images" misreads
    them as a voice."""
    quote = '"Chinese ships were selling oil to North Korean vessels around 30 times since October."'
    a = Article("a", "a.txt", f"Images had shown {quote}", outlet="NPR")
    b = Article("b", "b.txt", "Other news entirely.", outlet="Other")
    span = Span("a", 17, 17 + len(quote))
    unique = Finding("unique", quote, (span,), speaker="U.S. reconnaissance images", outlets=1, reason="r")
    assert write_brief([unique], {"a": a, "b": b}, 2) == ()
    said = dataclasses.replace(unique, speaker="Chosun Ilbo")
    assert [s.text for s in write_brief([said], {"a": a, "b": b}, 2)] == [
        f"Only NPR quotes Chosun Ilbo: {quote}"
    ]


def test_one_sources_copied_facts_are_capped_like_its_own() -> None:
    """The Post's bird-on-a-plane story ran in the Denver Post and SFGate: every paragraph the copies share
    was a shared finding of one outlet, and the brief stated seven "Only www.washingtonpost.com reports"
    lines, one of them the bare tag "Perry told The Washington Post."."""
    lines = [
        "A bird flew into the cockpit of a jetliner bound for Atlanta on Saturday morning.",
        "A Delta Air Lines spokesman referred to the bird as a stowaway in a statement.",
        "Shane Perry, a minister, was waiting to board when the pilot walked off the jet bridge.",
        "The pilot announced an hour later that the bird had left the plane through a hatch.",
    ]
    body = "\n".join(lines)
    post = Article("post", "p.txt", body, outlet="Post")
    copy = Article("copy", "c.txt", body, outlet="Copy")
    findings, at = [], 0
    for line in lines:
        span = (Span("post", at, at + len(line)), Span("copy", at, at + len(line)))
        findings.append(Finding("shared", line, span, outlets=1))
        at += len(line) + 1
    other = Article(
        "ap", "a.txt", "A Delta flight returned to Detroit after a bird entered the cockpit.", outlet="AP"
    )
    articles = {"post": post, "copy": copy, "ap": other}
    brief = write_brief(findings, articles, 2, original_of={"copy": "post"})
    assert [s.text for s in brief] == [
        f"Only Post, in its story Copy also ran, reports: {lines[0]}",
        f"Only Post’s story reports: {lines[1]}",  # the Post's story, the copy ran it too
    ]
    # A story only one source's copies tell (AP's Erie snow in ABC, the Times and the Mail) is its to tell.
    alone = write_brief(findings, {"post": post, "copy": copy}, 2, original_of={"copy": "post"})
    assert len(alone) == len(lines)
    assert not _statable_text("Shane Perry told The Washington Post.")
    assert _statable_text("Shane Perry told The Washington Post that the flight had been delayed.")


def _statable_text(text: str) -> bool:
    """Whether the brief states a text two outlets print alike."""
    articles = {k: Article(k, f"{k}.txt", text, outlet=k.upper()) for k in ("t", "u")}
    spans = (Span("t", 0, len(text)), Span("u", 0, len(text)))
    return write_brief([Finding("shared", text, spans, outlets=2)], articles, 2) != ()


def test_a_conflict_summarised_by_its_figures_is_stated_whatever_its_sides_words() -> None:
    """The Harambe age and Nice toll conflicts left the brief once a side's sentence held a word the model
    flagged there; their line gives the figures, not the sentences. A negation conflict states the
    sides' sentences, so such a word keeps it out."""
    body_a = "A spectacular blast killed 77 people."
    body_b = "The attack killed 84 people."
    a = Article("a", "a.txt", body_a, outlet="A")
    b = Article("b", "b.txt", body_b, outlet="B")
    sides = (Side("a", body_a, (Span("a", 0, len(body_a)),)), Side("b", body_b, (Span("b", 0, len(body_b)),)))
    flag = Finding("framing", "f", (Span("a", 12, 17),), aspect="loaded", terms=("blast",))
    cited = sides[0].citations + sides[1].citations
    number = Finding(
        "conflict",
        "A gives 77 people dead, B gives 84.",
        cited,
        sides=sides,
        conflict_type="number",
        outlets=2,
    )
    articles = {"a": a, "b": b}
    assert [s.text for s in write_brief([number, flag], articles, 2)] == [
        "Accounts differ. A gives 77 people dead, B gives 84."
    ]
    negation = dataclasses.replace(number, conflict_type="negation", text="A and B disagree.")
    assert write_brief([negation, flag], articles, 2) == ()


def test_a_sentence_the_parse_reads_as_leaning_is_not_stated_for_one_outlet() -> None:
    """``leaning`` (compare/standalone.py): "Samsung is expected to unveil them …" (the Mail; them: the
    phones) is no line of its own; of a shared fact's renderings, one whose pronoun stands for nothing in
    it gives way to another; a description-led subject is the story's when every outlet reports it."""
    from parallax.compare.standalone import Leaning

    mail = Article("a", "a.txt", "Samsung is expected to unveil them at the show in Las Vegas.", outlet="A")
    other = Article(
        "b", "b.txt", "Samsung will unveil the Galaxy S9 phones at the show in Las Vegas.", outlet="B"
    )
    third = Article("c", "c.txt", "The marketing scheme paid off for the brand last year.", outlet="C")
    articles = {"a": mail, "b": other, "c": third}
    leaning = {
        "a": [Leaning(0, len(mail.body), "pronoun")],
        "c": [Leaning(0, len(third.body), "description")],
    }
    unique = [
        Finding("unique", "x", (_span(articles, "a", mail.body),)),
        Finding("unique", "y", (_span(articles, "c", third.body),)),
    ]
    assert [s.text for s in write_brief(unique, articles, 3)] != []
    assert write_brief(unique, articles, 3, leaning=leaning) == ()
    shared = Finding(
        "shared", "x", (_span(articles, "a", mail.body), _span(articles, "b", other.body)), outlets=2
    )
    assert [s.text for s in write_brief([shared], articles, 3)] == [mail.body]  # the shorter, as a rule
    stated = write_brief([shared], articles, 3, leaning=leaning)
    # the Mail's "them" does not say "the Galaxy S9 phones": the line is B's alone
    assert [s.text for s in stated] == [f"B reports: {other.body}"]


def test_a_quotation_opening_on_a_person_by_pronoun_leans_on_what_named_them() -> None:
    """The third, blind audit (benchmarks/data/brief_audit3.jsonl): "“He was unresponsive, just a
    disaster,” James Muntz said." (the Post: who was?), "Only money.cnn.com quotes Ryan Dudley: "They should
    all come out with similar statements."", and the same quotation after its tag ("James Muntz told The
    Athletic, "He was …"") or a word or two in ("“Because they saved that little boy's life,”")."""
    assert dangling("“He was unresponsive, just a disaster,” James Muntz said.")
    assert dangling('James Muntz told The Athletic, "He was unresponsive, just a disaster."')
    assert dangling('"They should all come out with similar statements."')
    assert dangling("“They've created the attention economy,” Tristan Harris said.")
    assert dangling("“Because they saved that little boy’s life,” Thane Maynard said.")
    assert dangling("“I think he was scared,” Michelle Gregg said.")
    assert dangling("“If they don’t help us with North Korea, then I do what I’ve always said,” Trump said.")
    # the speaker's own words about themselves, a thing's "it", or a pronoun after a name are not
    assert not dangling("“We take great pride in our service,” the airline said on Monday.")
    assert not dangling("“It was a prepared attack for which we made all arrangements,” Mujahid said.")
    assert not dangling("“My son fell in with the gorillas. A male gorilla is standing over him.”")
    assert not dangling("“The Cubs fans, they waited 108 years,” Ben Zobrist said.")


def test_a_quotation_speaking_of_a_person_by_pronoun_alone_is_not_a_line_of_its_own() -> None:
    """ "Only www.nydailynews.com quotes Sarah Silverman: “I'm so happy to have him be a part of my
    life.”" (him: Michael Sheen, named a sentence before; read as leaning by the third audit). The text
    rule for "he" and "him" now reads it too (``test_a_quotation_speaking_of_someone…``); the parse's
    reading is shown here on "it"."""
    from parallax.compare.standalone import Leaning

    quotation = "“I'm so happy to have it be a part of my life and to get to be a part of its story.”"
    article = Article("a", "a.txt", quotation, outlet="Outlet A")
    found = Finding("unique", quotation, (_span({"a": article}, "a", quotation),), speaker="Sarah Silverman",
                    reason="quote")  # fmt: skip
    assert len(write_brief([found], {"a": article}, 2)) == 1
    leaning = {"a": [Leaning(0, len(quotation), "pronoun", "it")]}
    assert write_brief([found], {"a": article}, 2, leaning=leaning) == ()


def test_the_figures_a_rendering_gives_are_read_one_way() -> None:
    assert stated_figures("a staggering 359 sexual assaults and a total of 821 complaints") == {"359", "821"}
    assert stated_figures("Police are investigating dozens of sexual assaults") == {"dozens"}
    assert stated_figures("Twenty-one schoolgirls were freed; four were not.") == {"21", "4"}
    assert stated_figures("It flew 2,735km at 7:06am") == stated_figures("it flew 2735 km at 7.06am")
    # not a figure: a name's number, an ordinal, a day of a month, a time counted from the writer's day
    named_and_dated = "Tiangong-1 fell on the 9th, on Nov. 9, 2023, two days ago; one of them"
    assert stated_figures(named_and_dated) == {"2023"}


def test_a_shared_fact_cites_only_the_renderings_that_give_its_figures() -> None:
    """Giveme5W1H, the Duisburg boat: DW's "Four people were taken to hospital with serious injuries while
    20 others were slightly hurt." was stated for DW, the Mail and the Times, whose sentences give four
    released from hospital and no 20; NPR's "dozens of sexual assaults" in Cologne was stated for the
    Mail's "359 sexual assaults" too (both in the third blind audit: not supported)."""
    dw_text = "Four people were taken to hospital with serious injuries while 20 others were slightly hurt."
    times_text = "Police said four people with more serious injuries were released from hospitals."
    mail_text = "Police say four people with more serious injuries were released from hospitals."
    texts = {"dw": dw_text, "times": times_text, "mail": mail_text}
    articles = {k: Article(k, f"{k}.txt", t, outlet=k.upper()) for k, t in texts.items()}
    spans = tuple(Span(k, 0, len(t)) for k, t in texts.items())
    (sentence,) = write_brief([Finding("shared", "x", spans, outlets=3)], articles, 3)
    assert sentence.text in (times_text, mail_text)
    # DW gives four too, but neither the police's account nor their release from hospital
    assert {c.article for c in sentence.citations} == {"times", "mail"}
    npr_text = "Police are investigating dozens of sexual assaults that occurred during New Year's Eve."
    mail_text = "Police in Cologne are investigating a staggering 359 sexual assaults."
    cologne = {
        "npr": Article("npr", "n.txt", npr_text, outlet="NPR"),
        "dm": Article("dm", "d.txt", mail_text, outlet="Mail"),
    }
    both = (Span("npr", 0, len(npr_text)), Span("dm", 0, len(mail_text)))
    assert write_brief([Finding("shared", "x", both, outlets=2)], cologne, 2) == ()
    # a rendering whose figures another outlet gives is stated for those outlets only
    bbc_text = "Police are investigating dozens of sexual assaults in Cologne."
    third = Article("bbc", "b.txt", bbc_text, outlet="BBC")
    three = (*both, Span("bbc", 0, len(third.body)))
    (stated,) = write_brief([Finding("shared", "x", three, outlets=3)], {**cologne, "bbc": third}, 3)
    assert {c.article for c in stated.citations} == {"npr", "bbc"}


def test_a_quotation_speaking_of_someone_or_something_named_before_leans_on_it() -> None:
    """The fourth blind audit (Giveme5W1H): "“The magnitude of what he had wrong was intimidating,
    astonishing,” David Lintner said." (who had?), Vettel's "“This is just bad, just stupid.”", van der
    Leeuw's "“This is a very high-quality anti-aliasing technique …”", the Mail's "…, were also killed, said
    the ministry." (which?)."""
    assert dangling('"The magnitude of what he had wrong was intimidating, astonishing," David Lintner said.')
    assert dangling("“This is just bad, just stupid.”")
    assert dangling("“That's a technique we borrowed from film,” the director said.")
    assert dangling("Two Tunisian men were killed, said the ministry.")
    assert dangling("“I'm so happy to have him be a part of my life.”")
    # the quotation or the words around it name someone the pronoun can be
    assert not dangling("“Mitch was a skilled radiologist who will be sorely missed by his partners.”")
    assert not dangling("“My son fell in with the gorillas. A male gorilla is standing over him.”")
    assert not dangling("“His courage inspired a generation,” Barack Obama said of Nelson Mandela.")
    assert not dangling("“It is too early for us to confirm numbers,” a spokesman said.")
    assert not dangling("“This year we will grow,” the chief executive, Hock Tan, said.")


def test_a_shared_fact_is_stated_only_for_the_renderings_that_say_it() -> None:
    """Giveme5W1H's Grammys (the fourth blind audit: not supported): the Times' "Lorde, the sole female
    nominee for album of the year, was not offered a performance slot of her own." was stated for EW, whose
    Lorde "did not perform during the Grammys": EW says she did not perform, not that she was not offered a
    slot. A third outlet saying it too is cited; EW is not."""
    nyt = (
        "Lorde, the sole female nominee for album of the year, was not offered a performance slot of her own."
    )
    ew = (
        "Further fueling anger was how Lorde, the only woman to receive a nomination for album of the year, "
        "did not perform during the Grammys."
    )
    assert not supports(ew, nyt) and supports(nyt, nyt)
    assert not supports("Police found 12 firearms in the truck.", "Police found 14 firearms in the truck.")
    texts = {"nyt": nyt, "ew": ew}
    articles = {k: Article(k, f"{k}.txt", v, outlet=k.upper()) for k, v in texts.items()}
    spans = tuple(Span(k, 0, len(v)) for k, v in texts.items())
    assert write_brief([Finding("shared", "x", spans, outlets=2)], articles, 2) == ()
    vulture = "Lorde, the only female nominee for album of the year, was not offered a solo performance slot."
    articles["vu"] = Article("vu", "v.txt", vulture, outlet="VU")
    three = (*spans, Span("vu", 0, len(vulture)))
    (sentence,) = write_brief([Finding("shared", "x", three, outlets=3)], articles, 3)
    assert sentence.text in (nyt, vulture)
    assert {c.article for c in sentence.citations} == {"nyt", "vu"}


def test_one_statement_quoted_in_two_translations_is_said_by_both() -> None:
    """The Seoul pair: News Rebeat's back-translated “We are not only seeing North Korea providing military
    equipment to Russia, …” and the US outlet's “but we're also seeing Russia provide technology …” share
    few words, yet the quote findings group them as one statement of Blinken's: the rendering that frames
    the quotation in a few words is stated for both. A rendering that adds a claim of its own around the
    words ("… told HuffPost in a statement that the cabin crew …") is not said by the other."""
    nr = (
        "U.S. Secretary of State Tony Blinken said on the 9th, “We are not only seeing North Korea providing "
        "military equipment to Russia, but we are also seeing Russia providing technical support.”"
    )
    us = (
        "Asked about potential cooperation between North Korea and Russia aiding the Russian effort in "
        "Ukraine, Blinken said Washington believes North Korea is selling military equipment to Moscow, “but "
        "we’re also seeing Russia provide technology and support to the DPRK.”"
    )
    articles = {"nr": Article("nr", "n.txt", nr, outlet="NR"), "us": Article("us", "u.txt", us, outlet="US")}
    spans = (Span("nr", 0, len(nr)), Span("us", 0, len(us)))
    quoted = (Span("nr", nr.index("“") + 1, len(nr) - 2), Span("us", us.index("“") + 1, len(us) - 2))
    statement = Finding("quote", "q", quoted, speaker="Antony Blinken", outlets=2)
    (sentence,) = write_brief([Finding("shared", "x", spans, outlets=2), statement], articles, 2)
    assert sentence.text.startswith("U.S. Secretary of State Tony Blinken said")
    assert {c.article for c in sentence.citations} == {"nr", "us"}
    assert write_brief([Finding("shared", "x", spans, outlets=2)], articles, 2) == (), "no statement grouped"
    framed = (
        "A spokesperson for All Nippon told HuffPost in a statement that the cabin crew “became aware that "
        "one of the passengers boarded the incorrect flight.”"
    )
    mail = (
        "The airline said the cabin crew “became aware that one of the passengers boarded the wrong flight.”"
    )
    articles = {
        "hp": Article("hp", "h.txt", framed, outlet="HP"),
        "dm": Article("dm", "d.txt", mail, outlet="DM"),
    }
    spans = (Span("hp", 0, len(framed)), Span("dm", 0, len(mail)))
    quoted = (
        Span("hp", framed.index("“") + 1, len(framed) - 2),
        Span("dm", mail.index("“") + 1, len(mail) - 2),
    )
    statement = Finding("quote", "q", quoted, speaker="All Nippon", outlets=2)
    stated = write_brief([Finding("shared", "x", spans, outlets=2), statement], articles, 2)
    assert [s.text for s in stated] == [mail], "the framing rendering is not stated for the Mail"


def test_a_description_of_what_the_sentence_before_named_leans_on_it() -> None:
    """PCMag's "The two-year study is set to wrap up in 2019." (the NIH study its sentence before names) and
    NPR's "Seventy percent of the apartments have already been sold." were stated alone (audits 3 and 4:
    leaning). A word the story's titles give, or most of its articles use, a reader knows; a name after the
    description, or an indefinite "of", says which."""
    body = "The NIH is running a study of internet addiction. The two-year study is set to wrap up in 2019."
    pc = Article("pc", "p.txt", body, outlet="PCMag", title="Tech addiction campaign")
    other = Article("bbc", "b.txt", "Former engineers launched a campaign on tech addiction.", outlet="BBC")
    third = Article("cnn", "c.txt", "The campaign targets schools.", outlet="CNN")
    story = {"pc": pc, "bbc": other, "cnn": third}
    second = body.index("The two-year")
    assert told_before(story) == [Span("pc", second, len(body))]
    titled = {**story, "pc": dataclasses.replace(pc, title="A study of tech addiction")}
    assert told_before(titled) == [], "the titles name the study"
    only = Finding("unique", "x", (Span("pc", second, len(body)),), outlets=1)
    assert write_brief([only], story, 3) == ()
    assert write_brief([only], titled, 3) != ()
    for known in (
        "Nice Matin is a regional daily. According to the regional daily Nice Matin, one man died.",
        "Meteors vary in size. They are typically the size of a grain of sand.",
    ):
        assert told_before({**story, "pc": dataclasses.replace(pc, body=known)}) == [], known
    bare = "Nice Matin is a regional daily. According to the regional daily, one man died."
    assert told_before({**story, "pc": dataclasses.replace(pc, body=bare)}) != [], "no name says which"


def test_too_closing_a_sentence_adds_it_to_the_one_before() -> None:
    assert dangling("The OECD, representing the world's wealthier countries, struck, too.")  # NPR
    assert not dangling("Too many people were hurt in the crash.")


def test_an_opening_or_a_that_pointing_back_leans_on_the_sentence_before() -> None:
    """Leaning lines of the fourth to sixth blind audits: "another", a narrative's "at one point", "that"
    as the subject of what someone says, a person by nationality, a participle opening on a pronoun."""
    for leaning in (
        "Another ship took the 103 passengers and 26 crew members to Duisburg.",
        "Emergency management coordinator Dale Robinson says that will allow officials to bring in troops.",
        "Ehud Barak said that would lead to either an apartheid state or a binational state.",
        "At one site, real estate broker Kent Davis steps into a construction elevator.",
        "At first it looked like a dreadful decision.",
        "Lewis Hamilton had a lead of almost 26 seconds over the Dutchman.",
        "Asked how she felt about becoming a mother herself while in captivity, her face clouded over.",
    ):
        assert dangling(leaning), leaning
    for alone in (
        "Officials said that the bridge will reopen on Monday.",
        "Fielding said his team had won the cup.",
        "At least 25 people were injured, police said.",
        "Asked about the crash, Mayor Jane Smith said her city would rebuild.",
    ):
        assert not dangling(alone), alone


def test_a_quotation_opening_on_it_will_and_the_news_lean_on_what_came_before() -> None:
    """Leaning lines of the seventh blind audit: a quotation opening on "It will", "the news" and "both
    sides" the sentence before gave. A quotation's "These …" two readers of three read as standing alone."""
    for leaning in (
        "“It will burn up on entering the atmosphere,” Zhu Congpeng said.",
        "Pentagon spokesman Col. Rob Manning confirmed the news in a brief email.",
        "Investors took the news in stride.",
        "Serious settlement talks aren’t likely before both sides have investigated the evidence.",
    ):
        assert dangling(leaning), leaning
    for alone in (
        "“It is time to act,” Jay Clayton said.",
        "“These small planets are the best candidate for the signature,” said Professor Xinyu Dai.",
        "The White House said at a news conference that talks would go on.",
        "Crowds gathered on both sides of the border.",
    ):
        assert not dangling(alone), alone


def test_a_news_agency_is_not_quoted_as_a_speaker() -> None:
    """RT's “The Las Vegas attacker converted to Islam a few months ago.” came from Amaq, through Reuters:
    "Only www.rt.com quotes Reuters: …" (the fifth and seventh audits: a wrong speaker)."""
    text = "“The Las Vegas attacker converted to Islam a few months ago,” Reuters reported, citing Amaq."
    article = Article("rt", "r.txt", text, outlet="www.rt.com")
    quoted = Span("rt", 0, text.index(",”") + 2)
    own = Finding(
        "unique", "q", (quoted,), outlets=1, speaker="Reuters", reason="a quotation no other outlet carries"
    )
    other = Article("cnn", "c.txt", "Police said the gunman acted alone.", outlet="CNN")
    assert write_brief([own], {"rt": article, "cnn": other}, 2) == ()
    named = dataclasses.replace(own, speaker="Eric Paddock")
    assert [s.text for s in write_brief([named], {"rt": article, "cnn": other}, 2)] == [
        "Only www.rt.com quotes Eric Paddock: “The Las Vegas attacker converted to Islam a few months ago.”"
    ]


def test_each_person_a_sentence_names_by_surname_alone_is_named_in_full() -> None:
    """The Post on Uma Thurman (Giveme5W1H): "According to Thurman, Tarantino instructed her to …" was
    stated with only its first surname in full, "According to Uma Thurman, Tarantino instructed her"."""
    text = "According to Thurman, Tarantino instructed her to drive the car."
    article = Article("a", "a.txt", text, outlet="A")
    surnamed = [(13, 20, "Uma Thurman"), (22, 31, "Quentin Tarantino"), (50, 57, "Uma Thurman")]
    named = _person_in_full(Span("a", 0, len(text)), text, {"a": article}, surnamed)
    assert named == "According to Uma Thurman, Quentin Tarantino instructed her to drive the car."


def test_a_rendering_without_the_stated_detail_is_not_cited_and_the_line_is_its_outlet_s() -> None:
    """The Times and the Mail on Equifax (Giveme5W1H, the eleventh audit): "… addresses and, in some
    instances, driver’s license numbers." cited to the Mail, whose list stops at addresses. Two thirds of
    the words are no longer enough: the line is the Times' alone, and says so."""
    nyt = Article(
        "a",
        "a.txt",
        "The material that was stolen included names, Social Security numbers, birth dates, addresses and, in"
        " some instances, driver’s license numbers.",
        outlet="www.nytimes.com",
    )
    mail = Article(
        "b",
        "b.txt",
        "The information stolen earlier this year included names, Social Security numbers, birth dates and"
        " addresses - the kind of information that could put people at significant risk of identity theft.",
        outlet="www.dailymail.co.uk",
    )
    shared = Finding("shared", "x", (Span("a", 0, len(nyt.body)), Span("b", 0, len(mail.body))), outlets=2)
    (line,) = write_brief([shared], {"a": nyt, "b": mail}, 2)
    assert line.text == f"www.nytimes.com reports: {nyt.body}"
    assert line.citations == (Span("a", 0, len(nyt.body)),)
    said = "The material that was stolen included names, Social Security numbers, birth dates and addresses."
    both = Article("c", "c.txt", said, outlet="www.usatoday.com")
    shared = Finding("shared", "x", (Span("c", 0, len(said)), Span("b", 0, len(mail.body))), outlets=2)
    (line,) = write_brief([shared], {"c": both, "b": mail}, 2)
    assert line.text == said and len(line.citations) == 2, "the Mail says all of this one"


def test_a_gallery_s_caption_is_not_stated_on_its_outlet_s_account() -> None:
    """CNN's Las Vegas gallery (Giveme5W1H): "A crowd takes cover at the festival grounds." was a shared
    fact's rendering; once no other outlet said it as stated it stood as "edition.cnn.com reports: …" (a
    photo's caption, read as such blind); and the Mail's unpunctuated caption line of Arians."""
    from parallax.brief import _reportable

    caption = "A crowd takes cover at the festival grounds near the main stage."
    buttons = tuple(Removed(f"Hide Caption {n} of 4", "promo") for n in range(1, 5))
    gallery = Article("a", "a.txt", caption, outlet="CNN", removed=buttons)
    span = Span("a", 0, len(caption))
    assert not _reportable(caption, gallery, span)
    assert _reportable(caption, dataclasses.replace(gallery, removed=()), span)
    line = "Arizona Cardinals coach Bruce Arians retired following their victory over the Seattle Seahawks"
    mail = Article("m", "m.txt", f"'It was time,' Arians said.\n{line}\n'The tears are joy,' he said.")
    at = mail.body.index(line)
    assert not _reportable(line, mail, Span("m", at, at + len(line)))


def test_a_figure_s_bound_is_part_of_what_a_rendering_says() -> None:
    """The eleventh audit: CNN's "A gunman killed more than 50 people" cited for China Daily's "at least
    50"; USA Today's "more than $121 billion" for Reuters' "$121 billion"; read blind as not saying it."""
    from parallax.brief import _gives_figures

    assert stated_figures("killed more than 50 and wounded over 400") == {">50", ">400"}
    assert stated_figures("about 850 soldiers, up to $55,000") == {"~850", "<=55000"}
    assert not _gives_figures("killed at least 50 people", "killed more than 50 people", bounded=True)
    assert _gives_figures("killed more than 50 people", "killed at least 50 people", bounded=True)
    assert _gives_figures("left 10 minutes late", "left about 10 minutes late", bounded=True)
    assert _gives_figures("55,000 schools", "up to 55,000 schools", bounded=True)
    assert not _gives_figures("1,000 troops", "nearly 1,000 troops", bounded=True)
    assert _gives_figures("killed at least 50 people", "killed more than 50 people"), "unbounded: the value"
    usa = Article(
        "a", "a.txt", "Broadcom raised its offer to acquire Qualcomm to more than $121 billion.", outlet="A"
    )
    wsj = Article(
        "b",
        "b.txt",
        "Broadcom raised its offer to acquire Qualcomm to $121 billion in a sweetened bid.",
        outlet="B",
    )
    spans = (Span("a", 0, len(usa.body)), Span("b", 0, len(wsj.body)))
    (line,) = write_brief([Finding("shared", "x", spans, outlets=2)], {"a": usa, "b": wsj}, 2)
    assert line.text == f"A reports: {usa.body}" and line.citations == spans[:1]


def test_a_fact_only_copies_of_one_story_say_as_stated_is_that_story_s() -> None:
    """The AP's "… stunned at the amount — more than $284 billion." in the Post, the Times and the Mail,
    beside HuffPost's "a bill for a whopping $284 billion": the line is the AP's, cited to its copies."""
    line = "A Pennsylvania woman says she was stunned at the amount of her bill, more than $284 billion."
    texts = {
        "post": line,
        "times": line,
        "huff": "A Pennsylvania woman says she was stunned by the amount of her bill, a whopping"
        " $284 billion.",
    }
    articles = {
        k: Article(k, f"{k}.txt", t, outlet=k, via="AP" if k != "huff" else None) for k, t in texts.items()
    }
    spans = tuple(Span(k, 0, len(t)) for k, t in texts.items())
    copies = {"times": "post"}
    (stated,) = write_brief([Finding("shared", "x", spans, outlets=2)], articles, 3, original_of=copies)
    assert stated.text == f"AP, in the story post and times ran, reports: {line}"
    assert {c.article for c in stated.citations} == {"post", "times"}


def test_a_rendering_without_the_stated_verb_is_not_cited_for_it() -> None:
    """Giveme5W1H, the oil tanker: RT's "inspected" is not "seized", though it carries most of the words;
    the fact is stated on the one outlet's account. With the same verb both are cited."""
    seized = "South Korea has seized a Hong Kong-flagged vessel suspected of transferring oil to North Korea."
    inspected = seized.replace("seized", "inspected")
    a = Article("a", "a.txt", seized, outlet="Outlet A")
    b = Article("b", "b.txt", inspected, outlet="Outlet B")
    articles = {"a": a, "b": b}
    spans = (Span("a", 0, len(seized)), Span("b", 0, len(inspected)))
    finding = Finding("shared", "vessel", spans, outlets=2)
    verbs = {spans[0]: StatedVerb("seized", "seize"), spans[1]: StatedVerb("inspected", "inspect")}
    brief = write_brief([finding], articles, 2, verbs=verbs)
    assert len(brief) == 1 and brief[0].citations in ((spans[0],), (spans[1],))
    assert brief[0].text.startswith(("Outlet A reports: ", "Outlet B reports: "))
    also = seized.replace("Hong Kong-flagged vessel", "vessel flagged in Hong Kong")
    c = Article("c", "c.txt", also, outlet="Outlet C")
    both = (spans[0], Span("c", 0, len(also)))
    verbs = dict.fromkeys(both, StatedVerb("seized", "seize"))
    cited = write_brief([Finding("shared", "vessel", both, outlets=2)], {"a": a, "c": c}, 2, verbs=verbs)
    assert len(cited) == 1 and set(cited[0].citations) == set(both)


def test_a_fact_stated_on_one_outlet_s_account_keeps_its_own_details() -> None:
    """A shared fact the other rendering does not say as stated (another verb) is stated on its outlet's
    account: then it is that outlet's sentence, and the detail only it gives stays ("on Friday"), where
    stated for both it went."""
    from parallax.annotate.nlp import parse
    from parallax.compare.optional import optional_phrases

    seized = "South Korean customs officers seized the oil tanker at the port of Yeosu on Friday."
    inspected = "Also, South Korean customs officers inspected the oil tanker at the port of Yeosu."
    a = Article("a", "a.txt", seized, outlet="Outlet A")
    b = Article("b", "b.txt", inspected, outlet="Outlet B")
    articles = {"a": a, "b": b}
    spans = (Span("a", 0, len(seized)), Span("b", 0, len(inspected)))
    optional = optional_phrases(dict(zip(articles, parse([seized, inspected]), strict=True)))
    finding = Finding("shared", "tanker", spans, outlets=2)
    alike = write_brief([finding], articles, 2, optional=optional)  # the verb unread: one fact, as both say
    assert [(s.text, s.citations) for s in alike] == [(seized.replace(" on Friday", ""), spans)]
    verbs = {spans[0]: StatedVerb("seized", "seize"), spans[1]: StatedVerb("inspected", "inspect")}
    brief = write_brief([finding], articles, 2, optional=optional, verbs=verbs)
    assert [(s.text, s.citations) for s in brief] == [(f"Outlet A reports: {seized}", spans[:1])]


def _parsed_pair(first: str, second: str) -> tuple[dict[str, Article], tuple[Span, Span], dict[str, Any]]:
    from parallax.annotate.nlp import parse
    from parallax.compare.optional import optional_phrases

    articles = {
        "a": Article("a", "a.txt", first, outlet="Outlet A"),
        "b": Article("b", "b.txt", second, outlet="Outlet B"),
    }
    spans = (Span("a", 0, len(first)), Span("b", 0, len(second)))
    return articles, spans, optional_phrases(dict(zip(articles, parse([first, second]), strict=True)))


def test_a_phrase_naming_someone_goes_before_they_are_named_in_full() -> None:
    """The thirteenth audit: "Harambe was born at a zoo in Texas, according to Thane Maynard." cited the
    Post and RT, where only the Post says whose account it is. Maynard was named in full first, and the
    phrase, written "according to Maynard", was no longer found to cut."""
    first = "Harambe was born at a zoo in Texas, according to Maynard."
    articles, spans, optional = _parsed_pair(first, "Also, Harambe was born at a zoo in Texas in 1999.")
    at = first.index("Maynard")
    surnamed = {"a": [(at, at + len("Maynard"), "Thane Maynard")]}
    brief = write_brief(
        [Finding("shared", "zoo", spans, outlets=2)], articles, 2, surnamed=surnamed, optional=optional
    )
    assert [s.text for s in brief] == ["Harambe was born at a zoo in Texas."]


def test_a_phrase_naming_whom_a_later_pronoun_stands_for_stays() -> None:
    """ "According to Uma Thurman, Quentin Tarantino instructed her …" was read ok; without its opening
    phrase ("Quentin Tarantino instructed her …") as leaning on context (whom?)."""
    first = "According to Thurman, Tarantino instructed her to drive the car."
    articles, spans, optional = _parsed_pair(first, "Also, Tarantino instructed her to drive the car.")
    brief = write_brief([Finding("shared", "car", spans, outlets=2)], articles, 2, optional=optional)
    assert [s.text for s in brief] == [first]


def test_a_verb_is_carried_in_any_of_its_forms() -> None:
    from parallax.brief import carries_verb

    killed, seized = StatedVerb("killed", "kill"), StatedVerb("seized", "seize")
    carried = StatedVerb("carried", "carry")
    assert carries_verb("A gunman is killing people.", killed) and carries_verb("The storm kills 10.", killed)
    assert carries_verb("Customs were seizing the tanker.", seized)
    assert carries_verb("The Taliban said they were carrying out the attack.", carried)
    assert carries_verb("Harambe was born in Texas.", StatedVerb("born", "bear"))
    assert not carries_verb("Customs inspected the tanker.", seized)
    assert not carries_verb("Sarah Silverman announced the split.", StatedVerb("joked", "joke"))


def test_a_fact_only_one_outlet_reports_is_taken_from_the_top_of_its_report() -> None:
    """Deep in a report a sentence leans on what the report has told ("TfL said it was aware of the
    claims", the Guardian's 24th sentence on the Croydon crash): an outlet's one-outlet line chosen there
    is left out, and the next candidate (here its quotation, which its facts come before) does not take
    its place."""
    quoted = "“The line will stay closed until the inspectors have finished their work,”"
    filler = " ".join(f"Rescuers searched carriage number {i} for hours." for i in range(DEEP_SENTENCE - 2))
    top = "The tram operator suspended every service on the line."
    deep = "Transport officials said they would review the speed limit on the curve."
    body = f"{top} {quoted} Jane Smith said. {filler} {deep}"
    article = Article("a", "a.txt", body, outlet="Outlet A")
    other = Article("b", "b.txt", "A tram overturned in Croydon on Wednesday.", outlet="Outlet B")
    articles = {"a": article, "b": other}
    assert not deep_in(article, _span(articles, "a", top)) and deep_in(article, _span(articles, "a", deep))
    said = _span(articles, "a", quoted)
    quotation = Finding("unique", quoted, (said,), speaker="Jane Smith", reason="a quotation of Jane Smith")
    facts = [Finding("unique", t, (_span(articles, "a", t),)) for t in (top, deep)]
    stated = [s.text for s in write_brief([*facts, quotation], articles, 2)]
    assert stated == [f"Only Outlet A reports: {top}"]
    without_deep = [s.text for s in write_brief([facts[0], quotation], articles, 2)]
    assert without_deep[0] == stated[0] and without_deep[1].startswith("Only Outlet A quotes Jane Smith:")
