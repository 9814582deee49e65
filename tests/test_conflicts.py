"""Conflict rules on real sentences of the hand-checked set (benchmarks/data/conflicts.jsonl) and their kind.

Each story is two articles parsed, their entities merged and their dates resolved as the pipeline does;
claims are cut by ``compare.claims`` and the similarity between them is given, so a rule is tested on
what it decides, not on the embedder.
"""

from __future__ import annotations

import numpy as np

from parallax.annotate.dates import resolve_article_dates
from parallax.annotate.entities import build_entities, collect_mentions
from parallax.annotate.nlp import parse
from parallax.compare import conflicts as conflicts_module
from parallax.compare.align import Alignment
from parallax.compare.claims import claims, sentences
from parallax.compare.conflicts import find_conflicts, view
from parallax.model import Claim, Finding, Mention, Quote, Span


def _found(
    a: str,
    b: str,
    similarity: float,
    published: tuple[str | None, str | None] = (None, None),
    sibling: float = 0.0,
    speakers: tuple[str, str] | None = None,
) -> list[Finding]:
    """Conflicts between two articles. Claims of A and B have cosine ``similarity`` where they sit at
    the same place of their sentence, ``sibling`` elsewhere."""
    return _found_in({"a": a, "b": b}, similarity, published, sibling, speakers)


def _found_in(
    bodies: dict[str, str],
    similarity: float,
    published: tuple[str | None, ...] = (),
    sibling: float = 0.0,
    speakers: tuple[str, str] | None = None,
    outlets: dict[str, str] | None = None,
) -> list[Finding]:
    """Conflicts among articles named by their ids (each outlet its id in upper case, unless ``outlets``
    names it)."""
    ids = list(bodies)
    docs = dict(zip(ids, parse(list(bodies.values())), strict=True))
    raw = [m for art, doc in docs.items() for m in collect_mentions(art, doc)]
    mentions: dict[str, list[Mention]] = {art: [] for art in ids}
    for entity in build_entities(raw):
        for m in entity.mentions:
            mentions[m.article].append(m)
    when = [*published, *[None] * len(ids)]
    dates = {art: resolve_article_dates(art, bodies[art], when[n]) for n, art in enumerate(ids)}
    claim_list = [c for art, doc in docs.items() for c in claims(art, doc, sentences(art, doc))]
    views = [
        view(c, docs[c.article], bodies[c.article], mentions[c.article], dates[c.article]) for c in claim_list
    ]
    place = {}
    for c in claim_list:
        place[c] = len([d for d in place if d.article == c.article and d.sentence == c.sentence])
    sim = np.zeros((len(claim_list), len(claim_list)), dtype=np.float32)
    for i, ci in enumerate(claim_list):
        for j, cj in enumerate(claim_list):
            if ci.article != cj.article:
                sim[i, j] = similarity if place[ci] == place[cj] else sibling
    said = zip(ids, speakers or (), strict=False)
    quotes = [_quote(art, bodies[art], who, mentions[art]) for art, who in said]
    labels = {art: (outlets or {}).get(art, art.upper()) for art in ids}
    return find_conflicts(views, Alignment(sim, [], []), labels, [], bodies, quotes, docs)


def _quote(article: str, body: str, source: str, mentions: list[Mention]) -> Quote:
    """The article's quoted statement (in “ ”), said by ``source``, in quote group "q1"."""
    start, end = body.index("“") + 1, body.index("”")
    at = body.index(source)
    inside = [m for m in mentions if at <= m.start and m.end <= at + len(source)]
    speaker = next((m for m in inside if m.entity.startswith("person:")), None)
    return Quote(
        article,
        "direct",
        Span(article, start, end),
        source=Span(article, at, at + len(source)),
        speaker=speaker.entity if speaker else None,
        speaker_name=speaker.text if speaker else source,
        group="q1",
    )


def _types(found: list[Finding]) -> list[str]:
    return [f.conflict_type or "" for f in found]


# ---------------------------------------------------------------- name


RAIT = (
    "On Friday, 36 - year - old Duncan Rait died after slipping and falling about 200ft from a ridge near "
    "the Tasman Glacier."
)
RAITE = (
    "On Friday, 36 - year - old Duncan Raite died after slipping and falling about 60 metres (200 feet) "
    "from a ridge."
)
RUSSELL = (
    "Tom Tennant and Senior Trooper William Hakim, both 51, died at the scene. Woodburn's police chief, "
    "Scott Russell, 46, was injured."
)
RUSTIN = (
    "Tom Tennant and state Senior Trooper William Hakim, both 51, died at the scene. Police Chief Scott "
    "Rustin, 46, was injured and was in stable but critical condition."
)


def test_one_person_whose_family_name_two_outlets_spell_apart_is_a_name_conflict() -> None:
    found = _found(RAIT, RAITE, similarity=0.89)
    assert _types(found) == ["name"]
    assert "Duncan Rait" in found[0].text and "Duncan Raite" in found[0].text


def test_one_spelling_apart_in_three_outlets_is_one_conflict() -> None:
    """Felipe Massa's farewell (Giveme5W1H): the Daily Mail and the Sun write "Anna Raffaella", USA Today
    "Anna Raffaela"; the report listed the same spelling twice, once per pair of outlets."""
    mail = "Massa made his way over to his waiting family, wife Anna Raffaella and son Felipinho."
    sun = "Massa walked to meet his wife Anna Raffaella and son Felipinho, whom he hugged."
    usa = "Massa was greeted by his wife Anna Raffaela, his son Felipinho and members of all teams."
    found = _found_in({"mail": mail, "sun": sun, "usa": usa}, similarity=0.8)
    assert _types(found) == ["name"]
    assert (
        found[0].text
        == "Outlets write the name differently: “Anna Raffaela” (USA); “Anna Raffaella” (MAIL, SUN)."
    )
    assert [side.article for side in found[0].sides] == ["usa", "mail", "sun"]


def test_two_family_names_in_one_place_of_the_story_are_a_name_conflict() -> None:
    assert _types(_found(RUSSELL, RUSTIN, similarity=0.55, sibling=0.3)) == ["name"]
    other_role = (
        "Tom Tennant and Senior Trooper William Hakim, both 51, died. Scott Rustin, a bystander, watched."
    )
    assert _types(_found(RUSSELL, other_role, similarity=0.4, sibling=0.3)) == [], "not the same place"


def test_name_variants_of_one_person_are_not_conflicts() -> None:
    """Given names vary (nicknames, romanisation after an East Asian family name), and a compound family
    name is shortened or written without its hyphen: one person, no conflict."""
    blinken = "Secretary of State Antony Blinken urged China to play a constructive role on Thursday."
    tony = "Secretary of State Tony Blinken urged China to play a constructive role on Thursday."
    assert _types(_found(blinken, tony, similarity=0.95)) == []
    seok = "South Korean President Yoon Seok-yeol met the minister in Seoul on Thursday."
    suk = "South Korean President Yoon Suk-yeol met the minister in Seoul on Thursday."
    assert _types(_found(seok, suk, similarity=0.95)) == []
    kim = "North Korean leader Kim Jong Un held out a rare olive branch to the South on Monday."
    kim_hyphen = "North Korean leader Kim Jong-un held out a rare olive branch to the South on Monday."
    assert _types(_found(kim, kim_hyphen, similarity=0.95)) == []
    sun = "Crazed gunman Mohamed Lahouaiej Bouhlel zig-zagged through crowds watching the fireworks."
    mail = "The attacker, Mohamed Lahouaiej-Bouhlel, a 31-year-old dual national, zigzagged through a crowd."
    short = "The attacker, Mohamed Bouhlel, a 31-year-old dual national, zigzagged through a crowd."
    assert _types(_found(sun, mail, similarity=0.8)) == []
    assert _types(_found(mail, short, similarity=0.9)) == []
    credit = "The quarterback was carried off the field on Sunday. Photograph: Matt Slocum/AP"
    plain = "The quarterback was carried off the field on Sunday. Photograph by Matt Slocum."
    assert _types(_found(credit, plain, similarity=0.9, sibling=0.9)) == [], "a credit stuck to a name"


def test_an_outlet_that_writes_both_spellings_has_no_name_conflict() -> None:
    both = RAITE + " Friends said Duncan Rait loved the mountains."
    assert "name" not in _types(_found(RAIT, both, similarity=0.89))


# ---------------------------------------------------------------- number


def test_a_count_the_parser_hangs_on_the_following_name_is_still_measured() -> None:
    twelve = (
        "A shocking video released for the first time Thursday captures the moment a Brooklyn mother of 12 "
        "was killed in a gang shootout as she picked her daughter up from school."
    )
    thirteen = (
        "Video of Brooklyn Mother of 13 Zurana Horton shot and killed in a gang shooting was revealed "
        "Thursday, according to the N.Y. Daily News."
    )
    assert _types(_found(twelve, thirteen, similarity=0.74)) == ["number"]
    same = thirteen.replace("13", "12")
    assert _types(_found(twelve, same, similarity=0.74)) == []


def test_a_model_number_after_a_name_counts_nothing() -> None:
    """The Falcon Heavy launch (Giveme5W1H): "three Falcon 9 rockets" against "SpaceX's operational Falcon
    9 rocket" was read as three rockets against nine."""
    mail = "The vast rocket, which is ultimately three Falcon 9 rockets linked together, will launch cargo."
    flight = (
        "Comprised of three rocket booster cores derived from SpaceX’s operational Falcon 9 rocket, the "
        "Falcon Heavy can generate 5.1 million pounds of thrust."
    )
    assert _types(_found(mail, flight, similarity=0.8)) == []
    assert _types(_found(mail, mail.replace("three Falcon", "two Falcon"), similarity=0.9)) == ["number"]


def test_a_things_age_is_not_the_childs() -> None:
    """The Cincinnati zoo's gorilla (Giveme5W1H): the Sun's "The picture is understood to be four years
    old." joined the boy's age (3 or 4) as a side."""
    boy = "A 3-year-old boy fell into the gorilla enclosure at the Cincinnati Zoo on Saturday."
    picture = "The picture of the boy at the zoo is understood to be four years old."
    assert _types(_found(boy, picture, similarity=0.7)) == []
    said = "The boy who fell into the gorilla enclosure is understood to be four years old."
    assert _types(_found(boy, said, similarity=0.7)) == ["number"]


def test_a_count_of_some_of_a_kind_is_part_of_the_whole() -> None:
    """The Cincinnati zoo (Giveme5W1H): RT's "three gorillas … two females and one male" against the
    Post's "Two female gorillas were also in the area" was a number conflict."""
    three = "There were three gorillas in the area of the enclosure at the time, the zoo said."
    two = "Two female gorillas were also in the area of the enclosure at the time, the zoo said."
    assert _types(_found(three, two, similarity=0.8)) == []
    four = two.replace("Two female", "Four female")
    assert _types(_found(three, four, similarity=0.8)) == ["number"], "a part cannot outnumber the whole"


def test_people_on_board_in_an_existential_sentence_are_counted() -> None:
    there = (
        "There were 129 people on board the ship when the vessel hit a supporting pillar of the A42 motorway."
    )
    which = "The Swiss Crystal, which had 139 people on board, hit a pillar of the bridge near Duisburg."
    assert _types(_found(there, which, similarity=0.43)) == ["number"]
    assert _types(_found(there, which.replace("139", "129"), similarity=0.43)) == []


# ---------------------------------------------------------------- negation


def test_a_phrasal_verb_is_not_its_bare_verb() -> None:
    """North Korea's missile over Hokkaido (Giveme5W1H): the NYT's "has not carried out its threat" was set
    against the Sun's "a missile designed to carry a nuclear payload" as a denial of "carry"."""
    nyt = "North Korea has not carried out its threat to fire a ballistic missile over Japan, officials said."
    sun = "North Korea fired a ballistic missile designed to carry a nuclear payload over Japan, police said."
    assert _types(_found(nyt, sun, similarity=0.8)) == []
    did = "North Korea has carried out its threat to fire a ballistic missile over Japan, officials said."
    assert _types(_found(nyt, did, similarity=0.95)) == ["negation"]


LASALLE = (
    "During his flee, Lasalle struck two other vehicles, but no one was injured, according to authorities."
)


def test_a_negated_subject_denies_its_verb_and_sibling_clauses_relate_the_claims() -> None:
    injured = LASALLE.replace("but no one was", "and their drivers were")
    found = _found(LASALLE, injured, similarity=0.46, sibling=1.0)
    assert _types(found) == ["negation"]
    assert "“injure”" in found[0].text
    assert _types(_found(LASALLE, injured, similarity=0.46, sibling=0.5)) == [], "unrelated sentences"


def test_no_one_hurt_in_other_words_is_not_a_negation_conflict() -> None:
    nobody = (
        "During his flee, Lasalle struck two other vehicles, but nobody was hurt, according to authorities."
    )
    assert _types(_found(LASALLE, nobody, similarity=0.8, sibling=1.0)) == []


def test_a_word_under_a_denial_tied_only_by_a_name_is_not_what_is_denied() -> None:
    """Written after a BASIL story: the denial is of an "attempt", not of the Tea Party movement."""
    denial = (
        "NAACP president Benjamin Jealous said the resolution was not an attempt to label the entire Tea "
        "Party movement as racist."
    )
    adopted = "The NAACP adopted a resolution condemning racist elements in the Tea Party movement."
    assert _types(_found(denial, adopted, similarity=0.62)) == []
    no_question = "Steele said there is no question that America must win the war in Afghanistan."
    war = "Steele called the war in Afghanistan a war of Obama's choosing that America cannot win."
    assert _types(_found(no_question, war, similarity=0.63)) == []
    # what the negation itself denies, said by the writer, still conflicts
    denied = "The White House did not offer Joe Sestak a paid position in the administration."
    offered = "The White House offered Joe Sestak a paid position in the administration, officials said."
    assert _types(_found(denied, offered, similarity=0.7)) == ["negation"]


def test_a_speakers_denial_against_another_quotation_is_two_voices() -> None:
    denial = "“The savings do not cut a single guaranteed Medicare benefit,” Sebelius said."
    other_voice = "“Obama has cut Medicare benefits to pay for his health law,” the Romney ad says."
    assert _types(_found(denial, other_voice, similarity=0.6)) == []
    writer = "The savings cut guaranteed Medicare benefits by $716 billion over ten years."
    assert _types(_found(denial, writer, similarity=0.6)) == ["negation"], "the outlet's own words"
    # one quotation in two renderings: a dropped negation conflicts, the same negation does not
    safe = "“All German employees of the consulate general are safe and uninjured,” he said."
    assert _types(_found(safe.replace("“All", "“Not all"), safe, similarity=0.98)) == ["negation"]
    same = "“If somebody tells you how to exercise discretion,” he said, “you don’t have discretion.”"
    plain = "“If somebody tells you how to exercise discretion, you don't have discretion,” he said."
    assert _types(_found(same, plain, similarity=0.96)) == []


def test_one_of_a_group_in_apposition_is_no_age() -> None:
    one_of = "Anthony Weiner, one of Congress's keenest users of Twitter, said his account was hacked."
    aged = "Anthony Weiner, 46, said his account was hacked."
    assert _types(_found(one_of, aged, similarity=0.75)) == []
    assert _types(_found(aged.replace("46", "47"), aged, similarity=0.75)) == ["number"]


# ---------------------------------------------------------------- date


NYT = (
    "LONDON — At least seven people were killed and dozens more were injured when a tram derailed near "
    "London on Wednesday, the British police and emergency services said, and the driver of the tram has "
    "been arrested."
)


def test_the_same_toll_on_two_days_is_a_date_conflict() -> None:
    usa = (
        "A least seven people were killed on November 8 when a two-car tram jumped the rails on a sharp "
        "curve in south London and flipped on its side, according to British rail investigators and media "
        "reports."
    )
    found = _found(NYT, usa, similarity=0.66, published=("2016-11-09", "2016-11-09"), sibling=0.6)
    assert _types(found) == ["date"]
    assert "2016-11-09" in found[0].text and "2016-11-08" in found[0].text
    same_day = usa.replace("November 8", "November 9")
    assert (
        _types(_found(NYT, same_day, similarity=0.66, published=("2016-11-09", "2016-11-09"), sibling=0.6))
        == []
    )


def test_the_day_a_toll_was_reported_is_not_the_day_of_the_event() -> None:
    said = "At least seven people were killed when a tram derailed near London, police said on Thursday."
    on = "At least seven people were killed when a tram derailed near London on Wednesday."
    for similarity in (0.9, 0.62):
        assert _types(_found(said, on, similarity, published=("2016-11-10", "2016-11-10"))) == []
    on_tuesday = on.replace("Wednesday", "Tuesday")
    assert _types(_found(on_tuesday, on, 0.9, published=("2016-11-10", "2016-11-10"))) == ["date"]


# ---------------------------------------------------------------- attribution


TOLL = "“At least seven people are now confirmed as having died as a result of the incident,”"


def test_a_statement_from_a_titled_person_and_from_a_body_with_no_word_of_that_title_conflicts() -> None:
    police = f"{TOLL} the transport police said in a statement."
    mayor = f"{TOLL} London mayor Sadiq Khan said in a statement."
    found = _found(police, mayor, 0.92, speakers=("the transport police", "London mayor Sadiq Khan"))
    assert _types(found) == ["attribution"]
    assert "the transport police" in found[0].text and "Sadiq Khan" in found[0].text


def test_a_body_and_its_own_chief_or_a_bare_surname_are_one_voice() -> None:
    chief = f"{TOLL} transport police chief Paul Crowther said in a statement."
    assert (
        _types(
            _found(
                f"{TOLL} the transport police said.",
                chief,
                0.92,
                speakers=("the transport police", "transport police chief Paul Crowther"),
            )
        )
        == []
    )
    officials = f"{TOLL} officials said in a statement."
    mayor = f"{TOLL} London mayor Sadiq Khan said in a statement."
    assert _types(_found(officials, mayor, 0.92, speakers=("officials", "London mayor Sadiq Khan"))) == []
    scientist = f"{TOLL} the scientist said in a statement."
    assert (
        _types(_found(scientist, mayor, 0.92, speakers=("the scientist", "London mayor Sadiq Khan"))) == []
    ), "a singular description is most often the quoted person again"
    bare = f"{TOLL} Khan said in a statement."
    assert _types(_found(bare, mayor, 0.92, speakers=("Khan", "London mayor Sadiq Khan"))) == []


def test_what_someone_said_made_the_source_is_not_a_body() -> None:
    """The tech-addiction campaign (Giveme5W1H): the BBC's "His remarks followed … criticism from Sean Parker
    who said …, adding that … 'a vulnerability in human psychology'" gave the quote to "His remarks", and
    the attribution rule set that plural noun against the Guardian's "Sean Parker" as a body."""
    remarks = f"{TOLL} His remarks followed in a statement."
    mayor = f"{TOLL} London mayor Sadiq Khan said in a statement."
    assert _types(_found(remarks, mayor, 0.92, speakers=("His remarks", "London mayor Sadiq Khan"))) == []


def test_a_person_named_only_inside_a_body_is_not_the_source_the_role_rule_weighs() -> None:
    """BASIL (in our words): "the Obama campaign said" gives the line to the campaign, not to Obama; a
    person is set against a body only where the outlet names the person as the one who said it."""
    police = f"{TOLL} the transport police said in a statement."
    office = f"{TOLL} London mayor Sadiq Khan's office said in a statement."
    speakers = ("the transport police", "London mayor Sadiq Khan's office")
    assert _types(_found(police, office, 0.92, speakers=speakers)) == []


def test_a_negated_subject_does_not_deny_the_clauses_under_its_verb() -> None:
    """USA Today and The Inquirer on Telegram (Giveme5W1H): a generic "no one wants …" denies no fact."""
    may = (
        "British Prime Minister Theresa May said: No one wants to be known as the terrorists' platform or "
        "the first-choice app for criminals."
    )
    app = "Prime minister Theresa May said the app acts as a platform where criminals can hide their crimes."
    assert _types(_found(may, app, similarity=0.6)) == []


def test_a_negated_subject_is_only_a_conflict_between_near_identical_sentences() -> None:
    """CNN and The New York Times on the Chibok girls (Giveme5W1H): one verb in common is not one fact."""
    cnn = (
        "No captive Boko Haram fighters were released in exchange for the girls, the source with knowledge "
        "of the negotiations said."
    )
    nyt = (
        "In August, Boko Haram released a video purporting to show the bodies of several kidnapped "
        "schoolgirls who fighters said were killed by Nigerian airstrikes."
    )
    assert _types(_found(cnn, nyt, similarity=0.5)) == []


def test_counts_of_other_events_a_story_recalls_are_not_its_toll() -> None:
    """Whole-story check: the earlier attacks an outlet recalls ("Four months ago … 32 people", "in
    January 2015 … seventeen"), an event in a town no other outlet names (Nantes) and a sentence that goes
    on about a dated earlier event in its paragraph ("Twenty people were killed there") are left out of
    the number conflicts; the toll itself is still compared (without the rule: one finding of six figures)."""
    from parallax.model import Document
    from parallax.pipeline import compare_documents

    a = (
        "A truck drove into a crowd on the promenade in Nice on Thursday night, killing 84 people.\n\n"
        "Four months ago, a truck attack at the Brussels airport killed 32 people.\n\n"
        "Seventeen people were killed in a truck attack in January 2015 against a magazine in Paris.\n\n"
        "The mayor of Nice spoke on Friday.\n\n"
        "In the town of Nantes, a truck driver ran into a crowd and killed five people.\n\n"
        "Sandy Hook: 26 killed\n\n"
        "A gunman opened fire at a school in Newtown in December 2012. Twenty people were killed there.\n\n"
        # the NYT on Nice: the story's day in a sentence set against it dates the story, not the sentence
        "A man in Canada rammed his car into two soldiers in a Quebec parking lot. One person died, in stark "
        "contrast with Thursday's rampage in Nice."
    )
    b = "A truck plowed into a crowd celebrating Bastille Day in Nice on Thursday night, killing 80 people."
    documents = [
        Document("a.txt", a, outlet="Outlet A", published="2016-07-15"),
        Document("b.txt", b, outlet="Outlet B", published="2016-07-15"),
    ]
    report = compare_documents(documents, one_story=True)
    numbers = [f for s in report.stories for f in s.findings if f.conflict_type == "number"]
    assert [f.text for f in numbers] == ["Outlet B gives 80 people dead, Outlet A gives 84."]


def test_a_place_within_one_another_outlet_names_is_the_storys() -> None:
    """Giveme5W1H on the Costa Rica crash: the Washington Post's family "in the suburbs of New York City"
    and China Daily's "in the suburbs of New York" are one family; "New York City" is no town foreign to
    the story, so their counts of the dead compare. A town no other outlet names still is (Nantes)."""
    from parallax.model import Document
    from parallax.pipeline import compare_documents

    crash = "A plane crashed in Costa Rica on Sunday, killing all 12 people on board.\n\n"
    wapo = crash + (
        "A family in the suburbs of New York City said five of the dead were relatives on vacation."
    )
    china = crash + (
        "A family in the suburbs of New York said seven of the dead were their relatives on vacation."
    )
    nantes = wapo.replace("New York City", "Nantes")

    def numbers(a: str, b: str) -> list[str]:
        documents = [
            Document("a.txt", a, outlet="Outlet A", published="2018-01-01"),
            Document("b.txt", b, outlet="Outlet B", published="2018-01-01"),
        ]
        report = compare_documents(documents, one_story=True)
        return [f.text for s in report.stories for f in s.findings if f.conflict_type == "number"]

    assert numbers(wapo, china) == ["Outlet A gives five of the dead, Outlet B gives seven."]
    assert numbers(nantes, china) == []
    # A place named in another form is not a place the outlets share, which would make the rest of the
    # article's places foreign (the BBC's "Hebei province" / the Daily Mail's "Hebei", "central China").
    bbc = "A tram crashed in Hebei province on Sunday, killing seven people."
    mail = "A tram crashed in Hebei on Sunday.\n\nRescuers in central China said nine people were killed."
    assert numbers(bbc, mail) == ["Outlet A gives seven people dead, Outlet B gives nine."]


def test_a_happening_measured_in_articles_weeks_apart_may_be_two_happenings() -> None:
    """Giveme5W1H on North Korea's missiles: HuffPost (28 August) has "the latest missile fell into the sea
    1,180 km … east of Cape Erimo", NPR (14 September, the next launch) "fell into the ocean 2,000
    kilometers east of Cape Erimo": two launches, not two accounts of one (audited as a false conflict).
    The same figures in articles a day apart disagree."""
    from parallax.model import Document
    from parallax.pipeline import compare_documents

    huffpost = (
        "Japan’s Chief Cabinet Secretary Yoshihide Suga said the latest missile fell into the sea 1,180 km"
        " (735 miles) east of Cape Erimo on Hokkaido."
    )
    npr = (
        "The Japanese chief Cabinet secretary, Yoshihide Suga, says the missile reached an altitude of 770"
        " kilometers (about 500 miles), crossed over the northern Japanese island of Hokkaido and fell into"
        " the ocean 2,000 kilometers (about 1,200 miles) east of Cape Erimo, according to Reuters."
    )

    def numbers(second_published: str) -> list[str]:
        documents = [
            Document("a.txt", huffpost, outlet="Outlet A", published="2017-08-28"),
            Document("b.txt", npr, outlet="Outlet B", published=second_published),
        ]
        report = compare_documents(documents, one_story=True)
        return [f.text for s in report.stories for f in s.findings if f.conflict_type == "number"]

    assert numbers("2017-09-14") == []
    assert len(numbers("2017-08-29")) == 1


def test_a_denial_weeks_before_an_assertion_is_a_state_that_changed() -> None:
    """Giveme5W1H's PS4 update: the Sun (16 January) "Sony hasn't confirmed exactly what new goodies are
    being added in Version 5.50", PlayStation LifeStyle (6 February) "Sony has now confirmed a list of new
    features": an update, not two accounts at odds (the second audit's "sides do not disagree"). Written a
    day apart, they are."""
    from parallax.model import Document
    from parallax.pipeline import compare_documents

    sun = "Sony hasn't confirmed exactly what new features are being added in Version 5.50."
    psls = "Sony has now confirmed a list of new features being added in Version 5.50."

    def negations(second_published: str) -> list[str]:
        documents = [
            Document("a.txt", sun, outlet="Outlet A", published="2018-01-16"),
            Document("b.txt", psls, outlet="Outlet B", published=second_published),
        ]
        report = compare_documents(documents, one_story=True)
        return [f.text for s in report.stories for f in s.findings if f.conflict_type == "negation"]

    assert len(negations("2018-01-17")) == 1
    assert negations("2018-02-06") == []


# ---------------------------------------------------------------- whole stories (BASIL causes, own words)


def test_a_denial_in_a_clause_of_its_own_subject_is_about_that_subject() -> None:
    """A relative clause denies its own subject's act: the farmer never went, not the congressman."""
    mocked = "Congressman Jones mocked Senator Smith as a farmer from Ohio who never went to law school."
    went = "Congressman Jones went to the state university's law school and worked as a lawyer."
    assert _types(_found(mocked, went, similarity=0.5)) == []
    # the same denial of the congressman himself still conflicts
    himself = "Congressman Jones, who never went to law school, mocked Senator Smith as a farmer."
    assert _types(_found(himself, went, similarity=0.5)) == ["negation"]


def test_a_persons_denied_act_and_the_same_act_by_someone_unnamed_can_both_hold() -> None:
    denied = "Congressman Jones said he did not send a lewd photo to a student on Twitter."
    unnamed = "Congressman Jones faced questions about a lewd photo sent to a student from his account."
    assert _types(_found(denied, unnamed, similarity=0.85)) == []
    sent = "Congressman Jones sent a lewd photo to a student on Twitter."
    assert _types(_found(denied, sent, similarity=0.85)) == ["negation"]


def test_a_noun_denied_its_part_in_a_predicate_needs_that_predicate() -> None:
    """ "Parents should be in control, not the government" denies the government no other act."""
    control = "Parents should be the ones in control of the schools, certainly not the federal government."
    run = "Smith called schools run by the federal government an outdated idea."
    assert _types(_found(control, run, similarity=0.85)) == []


def test_a_denied_copula_denies_its_complement_not_every_word_under_it() -> None:
    single = "Married couples will not be able to file federal tax returns as single people."
    joint = "Married couples will be allowed to file federal joint tax returns."
    assert _types(_found(single, joint, similarity=0.85)) == []
    able = "Married couples will be able to file federal tax returns as single people."
    assert _types(_found(single, able, similarity=0.95)) == ["negation"]
    weather = "The two accidents were not due to bad weather, police said."
    assert _types(_found(weather, weather.replace("not ", ""), similarity=0.95)) == ["negation"]


def test_a_past_denial_and_a_future_assertion_are_two_times() -> None:
    before = "Before this spring, the agency did not recognize married couples of the same sex."
    will = "Married couples of the same sex will be recognized by the agency for tax purposes."
    assert _types(_found(before, will, similarity=0.85)) == []
    now = "The agency recognized married couples of the same sex for tax purposes."
    assert _types(_found(before, now, similarity=0.85)) == ["negation"]


def test_two_depths_of_one_well_conflict_and_a_conversion_does_not() -> None:
    deep = "The six-year-old fell into the 80m-deep well in Hebei province on Sunday, Xinhua reported."
    shallow = "The boy fell into a 40-metre-deep well (131 feet) in Hebei province on Sunday."
    assert _types(_found(deep, shallow, similarity=0.9)) == ["number"]
    in_feet = "The boy fell into a well about 131 feet deep in Hebei province on Sunday."
    assert _types(_found(shallow, in_feet, similarity=0.9)) == []
    wide = "The boy fell into a 30cm-wide well in Hebei province on Sunday."
    assert _types(_found(deep, wide, similarity=0.9)) == []


def test_one_value_written_two_ways_is_one_figure_of_a_disagreement() -> None:
    bodies = {
        "cnn": "The 3-year-old boy fell into the gorilla enclosure at the Cincinnati Zoo on Saturday.",
        "npr": "The 4-year-old boy fell into the gorilla enclosure at the Cincinnati Zoo on Saturday.",
        "mail": "The four-year-old boy fell into the gorilla enclosure at the Cincinnati Zoo on Saturday.",
    }
    (found,) = _found_in(bodies, similarity=0.9)
    assert "3 (CNN); 4 (NPR, MAIL)" in found.text
    assert len(found.sides) == 3  # each article is still cited, with its own words


def test_figures_one_outlet_gives_that_can_both_hold_are_one_figure() -> None:
    bodies = {
        "mail1": "A little boy fell into a 40-metre-deep well in Hebei province on Sunday.",
        "mail2": "A little boy fell into a 130-foot-deep well in Hebei province on Sunday.",
        "bbc": "A little boy fell into the 80m-deep well in Hebei province on Sunday.",
    }
    outlets = {"mail1": "Daily Mail", "mail2": "Daily Mail", "bbc": "BBC"}
    (found,) = _found_in(bodies, similarity=0.9, outlets=outlets)
    assert found.text == "Accounts differ on depth: 130 feet / 40 metres (Daily Mail); 80m (BBC)."


def test_a_ratio_is_no_count() -> None:
    win = "He said there is a 2 in 3 chance that the party keeps the House."
    lose = "He said there is a one-in-three chance that the party loses the House."
    assert _types(_found(win, lose, similarity=0.9)) == []


def test_a_count_set_against_another_nights_is_no_count_of_one_night() -> None:
    compared = "The chief said there were six arrests on Wednesday, compared to 47 the previous night."
    overnight = "The police made 47 arrests overnight."
    assert _types(_found(compared, overnight, similarity=0.75)) == []
    six = "The chief said there were six arrests overnight."
    assert _types(_found(six, overnight, similarity=0.75)) == ["number"]


def test_days_weeks_apart_are_two_occurrences_not_a_date_conflict() -> None:
    """The Hokkaido story (Giveme5W1H, the brief audit): "North Korea fired a missile over Hokkaido" on 29
    August and on 15 September was a date conflict, "dates it 2017-09-15 / 2017-08-29"."""
    first = "North Korea fired a ballistic missile over Japan's Hokkaido island on August 29."
    second = first.replace("August 29", "September 15")
    published = ("2017-09-15", "2017-09-15")
    assert _types(_found(first, second, similarity=0.95, published=published)) == []
    next_day = first.replace("August 29", "August 30")
    assert _types(_found(first, next_day, similarity=0.95, published=published)) == ["date"]


def test_two_days_of_two_acts_are_no_date_conflict() -> None:
    sent = "The legislature sent the bill to Governor Brown on Monday."
    vetoed = "Governor Brown vetoed the bill on Wednesday."
    published = ("2014-02-27", "2014-02-27")
    assert _types(_found(sent, vetoed, similarity=0.85, published=published)) == []
    assert _types(_found(sent, sent.replace("Monday", "Tuesday"), 0.95, published=published)) == ["date"]


def test_a_day_the_parser_hangs_on_the_noun_or_on_its_verb_dates_the_same_thing() -> None:
    """Giveme5W1H, Costa Rica (edited): "a plane crash … on Sunday killed …" parses with the day on
    "crash", the same sentence with "Saturday" with the day on "killed"."""
    sunday = (
        "A plane crash in Costa Rica on Sunday killed 10 U.S. citizens and two local pilots, the Costa "
        "Rican government said."
    )
    published = ("2018-01-01", "2018-01-01")
    found = _found(sunday, sunday.replace("Sunday", "Saturday"), similarity=0.98, published=published)
    assert _types(found) == ["date"]


def test_a_persons_age_does_not_tie_two_days_to_one_event() -> None:
    began = "Kevin McCarthy, 49, began gathering votes from other Republicans on Wednesday."
    friday = "On Friday morning, Kevin McCarthy, 49, appeared headed toward winning the post unopposed."
    published = ("2014-06-13", "2014-06-13")
    assert _types(_found(began, friday, similarity=0.6, published=published, sibling=0.6)) == []


def test_a_family_name_a_letter_apart_is_a_spelling_in_claims_about_other_things() -> None:
    """ECB+ on Mark Felt: one outlet's "Bob Woodward" in one fact, the other's "Bob Woodard" in another."""
    guided = "He secretly guided Washington Post reporter Bob Woodward during the Watergate affair."
    source = "Felt was unmasked as Bob Woodard's anonymous source by his family three years ago."
    found = _found(guided, source, similarity=0.2)
    assert _types(found) == ["name"]
    assert "Bob Woodward" in found[0].text and "Bob Woodard" in found[0].text
    other = "Felt was unmasked as Bob Wood's anonymous source by his family three years ago."
    assert _types(_found(guided, other, similarity=0.2)) == [], "a name further apart needs a closer tie"


def test_an_amount_valued_in_a_conversion_prices_what_the_verb_took() -> None:
    """ECB+ on the Harry Winston robbery: diamonds valued at euros ($ …) and jewellery worth $ … stolen."""
    valued = "Armed robbers stole diamonds valued at 85 million euros ($108 million) from the jeweller."
    worth = "Jewellery worth more than $160 million has been stolen from a Paris boutique."
    found = _found(valued, worth, similarity=0.7)
    assert _types(found) == ["number"]
    assert "$108 million" in found[0].text and "more than $160 million" in found[0].text
    agreeing = worth.replace("more than $160 million", "more than $100 million")
    assert _types(_found(valued, agreeing, similarity=0.7)) == []


def test_no_before_the_object_denies_the_verb_too() -> None:
    """A North Korea missile story (Giveme5W1H): "insisted it posed no threat to Guam" against "the
    missile didn't pose a threat to Guam" was read as one outlet reporting the threat, one denying it."""
    from parallax.annotate.nlp import parse as parse_texts

    a = "The US Pacific Command insisted the missile posed no threat to Guam or to the American mainland."
    b = "U.S. Pacific Command says the missile didn't pose a threat to North America or Guam."
    docs = parse_texts([a, b])
    posed = view(Claim("a", 0, len(a), 0), docs[0], a, [], [])
    assert "pose" in posed.negated and "pose" not in posed.asserted
    assert "pose" in view(Claim("b", 0, len(b), 0), docs[1], b, [], []).negated


def test_a_not_in_a_contrast_denies_the_phrase_after_it() -> None:
    """The North Korea missile story: "launched from a site near Pyongyang's international airport, not the
    usual launch site" was read as denying "airport" (the parser hangs "not" on it)."""
    from parallax.annotate.nlp import parse as parse_texts

    a = "It was launched from a site near Pyongyang’s international airport, not the usual launch site."
    contrast = view(Claim("a", 0, len(a), 0), parse_texts([a])[0], a, [], [])
    assert "airport" not in contrast.denied and "airport" not in contrast.negated
    assert "site" in contrast.denied


def test_a_rule_or_a_limit_denies_no_act() -> None:
    """North Korea's oil (Giveme5W1H): the NYT's sanction "countries cannot export more than a half million
    barrels" was read as denying RT's report that China exported oil to North Korea."""
    rule = (
        "Under those sanctions, countries cannot export more than a half million barrels of refined "
        "petroleum products to North Korea."
    )
    act = "Donald Trump has accused China of exporting oil to North Korea, in contravention of UN sanctions."
    assert _types(_found(rule, act, similarity=0.6)) == []
    exported = "China exported oil to North Korea in October, in contravention of UN sanctions."
    denied = "China did not export oil to North Korea in October, officials said."
    barred = "China cannot export oil to North Korea under the sanctions."
    assert _types(_found(denied, exported, similarity=0.8)) == ["negation"], "a denial of the act is one"
    assert _types(_found(barred, exported, similarity=0.8)) == [], "a rule is not"


def test_a_part_of_a_group_counted_before_is_not_the_toll() -> None:
    """ "four of whom were seriously injured" counts part of the 20 treated, not the injured (BBC /
    Independent on the Croydon tram, claims related but not aligned as one fact); a toll is compared."""
    part = "St George's Hospital said it was treating 20 people, four of whom were seriously injured."
    which = "The hospital said 20 people were brought in for treatment, of which four are seriously injured."
    toll = "More than 50 people have been injured after the accident."
    assert _types(_found(part, toll, similarity=0.5)) == []
    assert _types(_found(which, toll, similarity=0.5)) == []
    assert _types(_found("Police said 40 people were injured.", toll, similarity=0.5)) == ["number"]


def test_an_amount_in_a_range_is_not_an_amount_of_the_range() -> None:
    """Two deals priced "in the $75 million range" and "in the range of $145 million to $175 million"
    (ECB+ 10_2ecbplus / 10_13ecbplus: one player's deal, another's offer) are no disagreement about a
    thing called "range"; the offers themselves still compare."""
    lowe = "Lowe is believed to be seeking a five-year deal in the $75 million range."
    offer = "The Red Sox offer was expected to be in the range of $145 million to $175 million."
    assert _types(_found(lowe, offer, similarity=0.5)) == []
    made = "The Red Sox have made Teixeira an eight-year, $200 million offer."
    other = "The Red Sox made Teixeira a $160 million offer."
    assert _types(_found(made, other, similarity=0.5)) == ["number"]


def test_an_offer_bounded_in_two_clauses_excludes_a_figure_above_it() -> None:
    """ECB+ 10_13ecbplus / 10_2ecbplus on Teixeira: "$200 million" against an offer "in excess of $160
    million" that sources say "is less than the $184 million" reported: "it" is the offer, so $200 million
    is outside the bound; a figure inside both bounds agrees."""
    made = (
        "Dan Patrick reported that the Boston Red Sox have made first baseman Mark Teixeira an eight-year, "
        "$200 million offer."
    )
    bounded = (
        "The Red Sox have made an eight-year offer to Teixeira in excess of $160 million, but sources close "
        "to the negotiations say it is less than the $184 million reported by sportscaster Mike Lynch."
    )
    found = _found(made, bounded, similarity=0.6, sibling=0.6)
    assert _types(found) == ["number"]
    assert "$200 million" in found[0].text and "$184 million" in found[0].text
    inside = made.replace("$200 million", "$170 million")
    assert _types(_found(inside, bounded, similarity=0.6, sibling=0.6)) == []
    below = made.replace("$200 million", "$150 million")
    assert _types(_found(below, bounded, similarity=0.6, sibling=0.6)) == ["number"], "in excess of"


def test_two_named_peoples_falls_are_two_measures() -> None:
    """ECB+ 23_3ecbplus / 23_6ecbplus tell of two climbers: Rait's fall of 200 ft is not Buckley's of
    600 m; one climber's fall given two lengths still conflicts, his name spelled apart or not."""
    rait = "Duncan Rait, 36, died after slipping and falling about 200ft from a ridge near the glacier."
    buckley = "Englishman Robert Buckley, 32, fell about 600m while climbing to a small hut."
    assert _types(_found(rait, buckley, similarity=0.5)) == []
    raite = "Duncan Raite, 36, died after slipping and falling about 600m from a ridge near the glacier."
    assert "number" in _types(_found(rait, raite, similarity=0.5))
    unnamed = "A climber fell about 600m while climbing to a small hut."
    assert _types(_found(rait, unnamed, similarity=0.5)) == ["number"]


def test_the_injured_of_one_severity_are_a_part_of_the_injured() -> None:
    """DW's "20 others were slightly hurt" (besides four seriously injured) is no count of all the
    injured, which the NYT gives as 25; two counts of the slightly hurt still compare."""
    dw = "Four people were taken to hospital with serious injuries while 20 others were slightly hurt."
    nyt = "25 people were injured, police said Wednesday."
    assert _types(_found(dw, nyt, similarity=0.5)) == []
    assert _types(_found(dw, nyt, similarity=0.75)) == []  # aligned: nor are "four" and "25" people
    other = "Police said 12 people were slightly hurt in the accident."
    assert _types(_found(dw, other, similarity=0.5)) == ["number"]


def test_crews_of_two_kinds_and_another_forty_are_not_one_count() -> None:
    """The Croydon tram (Giveme5W1H): the Standard's "four fire and rescue crews" against the Guardian's
    "22 ambulance crews", and the Daily Mail's "trapping five people and injuring another 40" against
    "more than 50 people have been injured", were flagged; one kind of crew still compares."""
    fire = "There are eight fire engines and four fire and rescue crews in attendance, they added."
    ambulance = (
        "Eight fire engines, five fire rescue units and 22 ambulance crews were involved in the rescue."
    )
    assert _types(_found(fire, ambulance, similarity=0.8)) == []
    units = "More than 70 firefighters, eight fire engines and four rescue units are at the scene."
    [units_apart] = _found(units, ambulance, similarity=0.8)
    assert units_apart.conflict_type == "number", "rescue units: 4 or 5"
    # the kind both name is said (the thirteenth audit's reader: "five units" says not what was counted)
    assert "gives four rescue units" in units_apart.text or "gives five rescue units" in units_apart.text, (
        units_apart.text
    )
    another = "The tram overturned in Croydon, trapping five people and injuring another 40."
    toll = "Police said more than 50 people have been injured after the tram overturned in Croydon."
    assert _types(_found(another, toll, similarity=0.6)) == []


def test_people_counted_by_two_acts_are_two_counts() -> None:
    """The Croydon tram (Giveme5W1H): the Guardian's "eight people had serious or life-threatening
    injuries" against the BBC's "treating 20 people" was flagged; one act counted two ways still is."""
    serious = "A spokeswoman said eight people had serious or life-threatening injuries after the crash."
    treated = "St George's Hospital in Tooting said it was treating 20 people after the crash."
    assert _types(_found(serious, treated, similarity=0.8)) == []
    on_board = ("There were 129 people on board the ship.", "The ship had 130 people on board.")
    assert _types(_found(*on_board, similarity=0.8)) == ["number"]


def test_a_summarised_figure_reads_as_english() -> None:
    """The brief audit: "www.straitstimes.com gives no one people injured", "www.theguardian.com gives five
    unit" (the counted noun is a lemma)."""
    assert conflicts_module._figure_words("no one") == "0" and conflicts_module._figure_words("84") == "84"
    assert conflicts_module._counted("unit", "five") == "units"
    assert conflicts_module._counted("unit", "one") == "unit"
    assert conflicts_module._counted("casualty", "12") == "casualties"
    assert conflicts_module._counted("people injured", "two") == "people injured"
    assert conflicts_module._counted("people", "two") == "people"


def test_not_the_first_time_denies_nothing() -> None:
    """The Amazon and Microsoft sting story (the brief audit): RT's "This is not the first time Seattle has
    witnessed efforts to crack down …" and Newsweek's "first-time sex-buyers" were a negation conflict
    about "time"."""
    newsweek = (
        "They were on their work accounts because Seattle pimps routinely asked first-time sex-buyers to "
        "prove they were not cops by sending an employee email or badge."
    )
    rt = (
        "This is not the first time Seattle has witnessed efforts to crackdown on the trafficking of young "
        "women, many of whom are coerced to work the sex trade under threat to themselves and loved ones."
    )
    assert _types(_found(newsweek, rt, similarity=0.6)) == []
    denial = "Police said the raid was not the work of the task force."
    assert _types(_found("Police said the raid was the work of the task force.", denial, 0.9)) == ["negation"]


def test_a_negation_offered_as_the_other_outcome_denies_nothing() -> None:
    """Giveme5W1H's Tesla Roadster story: the Motley Fool's "SpaceX will (or won't) successfully launch
    Falcon Heavy" was a negation conflict (93 %) with USA Today's boosters "having previously launched
    missions"."""
    usa = (
        "The side boosters are what SpaceX calls “flight proven,” having previously launched missions as "
        "single-stick Falcon 9 rockets."
    )
    fool = (
        "Next month, SpaceX will (or won't) successfully launch Falcon Heavy, and set a new standard in "
        "spaceflight -- proving its new rocketship can (or cannot) lift payloads twice as massive as those "
        "carried by the very biggest Delta IV rockets built by Boeing (NYSE:BA) and Lockheed Martin."
    )
    assert _types(_found(usa, fool, similarity=0.7)) == []
    whether = "SpaceX will decide whether or not to launch the Falcon Heavy boosters next month."
    assert _types(_found("SpaceX will launch the Falcon Heavy boosters next month.", whether, 0.9)) == []
    denial = "SpaceX will not launch the Falcon Heavy boosters next month."
    assert _types(_found("SpaceX will launch the Falcon Heavy boosters next month.", denial, 0.9)) == [
        "negation"
    ]


def test_the_injured_counted_by_the_injuries_they_suffered_are_graded_by_them() -> None:
    """The Terrigal fireworks (Giveme5W1H): "two people suffered minor injuries" counts the slightly
    injured, as "two were slightly hurt" does; an object that is no harm counts nothing."""
    parse_one = parse(["Two people suffered minor injuries when the barge caught fire."])[0]
    assert {k: (m.low, m.high) for k, m in conflicts_module._measures(parse_one[:]).items()} == {
        ("slightly injured", "people"): (2.0, 2.0)
    }
    losses = parse(["The five workers suffered heavy losses."])[0]
    assert conflicts_module._measures(losses[:]) == {}
    serious = "Three people sustained serious injuries in the blast."
    assert _types(_found(serious, "Five people were seriously injured in the blast.", similarity=0.8)) == [
        "number"
    ]


def test_an_outlet_that_gives_the_other_outlets_figure_too_says_so() -> None:
    """The Terrigal fireworks: the Straits Times reports two people with minor injuries and quotes the
    organiser's "no one was injured"; CTV gives two. The conflict read "www.straitstimes.com gives 0 people
    injured, www.ctvnews.ca gives two. In order of publication the figure rises, …"."""
    straits = (
        "Thousands of revellers fled and two people suffered minor injuries after a fireworks blast.\n\n"
        "Police later said three people were injured."
    )
    ctv = "Thousands of spectators were evacuated and two were injured during the fireworks malfunction."
    (found,) = _found_in({"st": straits, "ctv": ctv}, similarity=0.8, sibling=0.5, published=("2018", "2019"))
    assert found.text == "CTV gives two people injured, ST gives three and also two."
    police = "Police later said three people were injured."
    (alone,) = _found_in({"st": police, "ctv": ctv}, similarity=0.8, sibling=0.5, published=("2018", "2019"))
    assert alone.text == "CTV gives two people injured, ST gives three."
