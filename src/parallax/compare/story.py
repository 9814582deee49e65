"""Compare the articles of one story: shared and unique claims, quote renderings, conflicts, brief."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.brief import bare_quotation, count_loaded, dangling, not_a_title, write_brief
from parallax.clean import wire_agency
from parallax.compare.align import align, calendar_days
from parallax.compare.conflicts import find_conflicts, view
from parallax.compare.facts import (
    LIST_HEADING,
    FactInput,
    before_story,
    fact_findings,
    omissions,
    shared_background,
    story_date,
)
from parallax.compare.framing import FramingInput, framing_findings
from parallax.compare.languages import origin_languages, speaker_languages
from parallax.compare.optional import optional_phrases, stated_verbs
from parallax.compare.other_event import PassageInput, other_events
from parallax.compare.quotes import Languages, group_quotes
from parallax.compare.standalone import leaning_sentences
from parallax.embed import Embedder, Vectors
from parallax.model import (
    Article,
    Claim,
    Duplicate,
    Entity,
    Finding,
    Mention,
    Quote,
    Span,
    Story,
    TimeExpr,
)
from parallax.stories import StoryGroup

# Words that set a sentence in another time (a past perfect does not: "84 people had been killed by
# Friday morning" is the story's own toll; nor does "formerly" in "IS, formerly ISIS").
EARLIER_CUE = re.compile(
    r"\b(?:\w+ (?:years?|months?|decades?) ago|last (?:year|month|decade)"
    r"|earlier (?:this|that|in the) (?:year|month|decade))\b",
    re.IGNORECASE,
)
# A sentence set against the story ("One person died, in stark contrast with Thursday's rampage in Nice")
# tells of the other event: the story's day in it dates what it is compared with.
CONTRAST_CUE = re.compile(
    r"\b(?:in (?:stark |sharp )?contrast (?:with|to)|unlike|compared (?:with|to))\b", re.I
)


@dataclass(frozen=True)
class StoryInput:
    """Everything the compare stage needs about one story's articles."""

    story_id: str
    articles: list[Article]
    docs: dict[str, Any]
    claims: list[Claim]
    claim_vectors: Vectors
    mentions: dict[str, list[Mention]]
    dates: dict[str, list[TimeExpr]]
    quotes: list[Quote]
    group: StoryGroup | None = None
    duplicates: tuple[Duplicate, ...] = ()
    entities: tuple[Entity, ...] = ()


def _claim_text(claim: Claim, bodies: dict[str, str]) -> str:
    return bodies[claim.article][claim.start : claim.end]


def _span(claim: Claim) -> Span:
    return Span(claim.article, claim.start, claim.end)


def _shared_finding(
    group: list[int],
    claims: Sequence[Claim],
    bodies: dict[str, str],
    source_of: dict[str, str],
    background: str = "",
) -> Finding:
    members = [claims[i] for i in group]
    # The reader sees a rendering that stands on its own (not "…,” he said."), then the most neutral and
    # most complete; every rendering is cited.
    text = min(
        (_claim_text(c, bodies) for c in members),
        key=lambda t: (dangling(t) or bare_quotation(t), count_loaded(t), -len(t)),
    )
    outlets = len({source_of[c.article] for c in members})
    return Finding("shared", text, tuple(_span(c) for c in members), outlets=outlets, reason=background)


def compare_story(story: StoryInput, embedder: Embedder) -> tuple[Story, list[Quote]]:
    """The story's findings and brief, and its quotes with their cross-outlet group ids."""
    bodies = {a.id: a.body for a in story.articles}
    outlet_of = {a.id: a.label for a in story.articles}
    label_of = dict(outlet_of)
    texts = [bodies[c.article][c.start : c.end] for c in story.claims]
    views = [
        view(c, story.docs[c.article], bodies[c.article], story.mentions[c.article], story.dates[c.article])
        for c in story.claims
    ]
    days = [calendar_days(v.days) for v in views]  # the days each claim names
    alignment = align(story.claims, story.claim_vectors, outlet_of, texts, days)
    source_of = independent_sources(story)
    # A wire agency's copy renders its reporter's quotes first-hand; a credited republication does not.
    vias = {a.id: None if wire_agency(a.via) else a.via for a in story.articles}
    # The language each article first reported in; the speakers' only when two known ones differ (it reads
    # the parses).
    origin = origin_languages(story.articles)
    spoken = (
        speaker_languages(
            {q.speaker for q in story.quotes if q.speaker},
            story.articles,
            story.docs,
            story.mentions,
            story.entities,
        )
        if len(set(origin.values()) - {None}) > 1
        else {}
    )
    # Group ids name their story: a report of several stories must not reuse "q1".
    grouped = group_quotes(
        story.quotes,
        bodies,
        embedder,
        outlet_of,
        prefix=f"{story.story_id}.q",
        via_of=vias,
        aligned=[[_span(story.claims[i]) for i in g] for g in alignment.shared],
        languages=Languages(origin, spoken),
    )
    titles = {a.id: a.title or "" for a in story.articles}
    passages = other_events(
        PassageInput(story.claims, bodies, titles, story.mentions, story.dates, alignment.shared)
    )
    facts = FactInput(
        story.claims,
        alignment,
        bodies,
        story.docs,
        outlet_of,
        source_of,
        story.dates,
        story_date([a.published for a in story.articles], [d for ds in story.dates.values() for d in ds]),
        [c for f in grouped.findings for c in f.citations],
        grouped.quotes,
        other_events=passages,
        translated=grouped.translated,
    )
    shared = [
        _shared_finding(g, story.claims, bodies, source_of, shared_background(g, facts))
        for g in alignment.shared
    ]
    unique, context = fact_findings(facts)
    omitted = omissions(facts, list(zip(alignment.shared, shared, strict=True)))
    conflicts = find_conflicts(
        views,
        alignment,
        label_of,
        grouped.misattributed,
        bodies,
        grouped.quotes,
        story.docs,
        published_of={a.id: a.published for a in story.articles},
        elsewhere=about_elsewhere(story, facts),
    )
    framing = framing_findings(
        FramingInput(
            story.articles,
            story.docs,
            story.mentions,
            story.entities,
            story.claims,
            story.claim_vectors,
            grouped.quotes,
        ),
        embedder,
    )
    findings: list[Finding] = [*conflicts, *shared, *grouped.findings, *unique, *context, *omitted, *framing]
    articles = {a.id: a for a in story.articles}
    original_of = {d.article: d.original for d in story.duplicates}
    brief = write_brief(
        findings,
        articles,
        len(set(source_of.values())),
        original_of,
        _surnamed(story),
        story.dates,
        leaning_sentences(story.docs, [a.title for a in story.articles if a.title]),
        optional_phrases(story.docs),
        stated_verbs((c for f in shared for c in f.citations), story.docs),
    )
    group = story.group
    result = Story(
        story.story_id,
        tuple(a.id for a in story.articles),
        tuple(findings),
        brief,
        label=group.label if group else "",
        first_published=group.first_published if group else None,
        last_published=group.last_published if group else None,
        key_entities=group.key_entities if group else (),
        duplicates=story.duplicates,
    )
    return result, grouped.quotes


def _full_name(entity: Entity, docs: dict[str, Any]) -> bool:
    """A name of two words or more, capitalised at both ends, that no mention opens on a verb or a
    sentence-opening "-ing" word (the tagger's "Tranquilizing Harambe", RT; "Kwangmyongsong-4 launch")."""
    words = entity.name.split()
    if len(words) < 2 or not (words[0][:1].isupper() and words[-1][:1].isupper()):
        return False
    for m in entity.mentions:
        doc = docs.get(m.article)
        span = doc.char_span(m.start, m.end, alignment_mode="expand") if doc is not None else None
        if span is None or len(span) < 2:
            continue
        if span[0].pos_ in ("VERB", "AUX") or (span[0].is_sent_start and span[0].lower_.endswith("ing")):
            return False
    return True


def _surnamed(story: StoryInput) -> dict[str, list[tuple[int, int, str]]]:
    """Per article, its mentions of a person by surname or given name alone ("Poulter", "Michael"), with
    the full name the story's entity merging gives them ("Alex Poulter"): the brief names them in full.

    A person is an entity the tagger typed so, or one speaking of themselves in a quotation ("Now when I hear
    a loud sound, I look outside," 68-year-old Kawamura said: the tagger's ORG "Mitsuyo Kawamura"), named
    by the quotation's source where the tagger kept only the surname ("Le’Veon Bell" of its "Bell"). A
    surname two people of the story bear is the one not named as the other's relative ("Khalida Jarrar",
    not "Her husband, Ghassan Jarrar")."""
    speaking = _speaking(story)
    full = _people(story, speaking)
    by_surname: dict[str, set[str]] = {}
    for name in full.values():
        by_surname.setdefault(name.split()[-1], set()).add(name)
    self_quoted = {name for entity, name in full.items() if entity in speaking}
    relatives = _relatives([a.body for a in story.articles], full.values())
    bearers = {
        surname: names if len(names) == 1 else names - relatives for surname, names in by_surname.items()
    }
    borne = {surname: next(iter(names)) for surname, names in bearers.items() if len(names) == 1}
    alternatives = "|".join(re.escape(surname) for surname in sorted(borne, key=len, reverse=True))
    bare = re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])") if borne else None
    found: dict[str, list[tuple[int, int, str]]] = {}
    for article in story.articles:
        mentions = story.mentions.get(article.id, [])
        for m in mentions:
            known = full.get(m.entity)
            if known is not None and _named_by_one_part(m, known, mentions):
                found.setdefault(article.id, []).append((m.start, m.end, known))
        for hit in bare.finditer(article.body) if bare is not None else ():
            # the tagger leaves a bare surname untagged at times ("Poulter said …"), or a person of its own
            # after the full name in one article ("Khalida Jarrar … Jarrar, who is in her mid-50s")
            name = borne[hit.group()]
            within = [m for m in mentions if m.start <= hit.start() < m.end]
            if not within or (
                name in article.body[: hit.start()]
                and all(
                    _bare_person(m, hit.group(), name in self_quoted) and m.entity not in full for m in within
                )
            ):
                found.setdefault(article.id, []).append((hit.start(), hit.end(), name))
    return found


def _speaking(story: StoryInput) -> dict[str, list[str]]:
    """Who speaks of themselves in a direct quotation (a person, not a body), by entity id, with how the
    quotations' sources name them."""
    bodies = {a.id: a.body for a in story.articles}
    speaking: dict[str, list[str]] = {}
    for q in story.quotes:
        body = bodies.get(q.article, "")
        if q.speaker and q.kind == "direct" and FIRST_PERSON.search(body[q.content.start : q.content.end]):
            named = body[q.source.start : q.source.end] if q.source is not None else ""
            speaking.setdefault(q.speaker, []).append(named)
    return speaking


def _bare_person(mention: Mention, surname: str, self_quoted: bool) -> bool:
    """A mention of the surname alone the tagger took for a person, or for anything where the person speaks
    of themselves in a quotation ("Kawamura has since stocked up …", a place to the tagger, after
    "seaweed farmer Mitsuyo Kawamura"; not "the town hall of Erimo" after "Cape Erimo")."""
    return mention.text.strip() == surname and (mention.label == "PERSON" or self_quoted)


def _people(story: StoryInput, speaking: dict[str, list[str]]) -> dict[str, str]:
    """The story's people named in full, by entity id: the tagger's persons, and whoever speaks of
    themselves in a direct quotation, by the quotation's own naming where the entity's name is a surname."""
    people: dict[str, str] = {}
    for entity in story.entities:
        if entity.type != "PERSON" and entity.id not in speaking:
            continue
        if _full_name(entity, story.docs):
            people[entity.id] = entity.name
            continue
        if entity.id not in speaking or " " in entity.name:
            continue
        given = {m.group(1) for n in speaking[entity.id] if (m := _given_before(n, entity.name))}
        if len(given) == 1:  # "Le’Veon Bell" of the tagger's "Bell"
            people[entity.id] = f"{given.pop()} {entity.name}"
    return people


# A quotation in which its speaker speaks of themselves: a person, not a body ("we" may be a company's)
FIRST_PERSON = re.compile(r"\b(?:I|me|my|myself)\b|\bI['’](?:m|ve|d|ll)\b")


def _given_before(source: str, surname: str) -> re.Match[str] | None:
    """The given name a quotation's source writes before the surname ("Le’Veon Bell"), not a title."""
    found = re.search(rf"(?:^|\s)([A-Z][\w'’.-]*[a-z][\w'’-]*)\s+{re.escape(surname)}$", source.strip())
    return found if found is not None and not_a_title(found.group(1)) else None


def _relatives(bodies: Sequence[str], names: Iterable[str]) -> set[str]:
    """The names the story gives as someone's relative ("her father, Robert Thurman", "Her husband,
    Ghassan Jarrar"): a writer calls them by given name after, and a bare surname is the other bearer's."""
    found = set()
    for name in names:
        kin = re.compile(rf"{KINSHIP}(?:\W+\w+){{0,4}}?\W+{re.escape(name)}\b", re.IGNORECASE)
        if any(kin.search(body) for body in bodies):
            found.add(name)
    return found


KINSHIP = (
    r"\b(?:father|mother|parents?|husband|wife|son|daughter|brother|sister|sibling|uncle|aunt|cousin"
    r"|nephew|niece|grand(?:father|mother|son|daughter)|partner|boyfriend|girlfriend|fianc[ée]e?|widow(?:er)?)"
)


def _named_by_one_part(mention: Mention, full_name: str, in_article: Sequence[Mention]) -> bool:
    """The mention is the person's surname alone, or the given name a tabloid uses ("Michael recently
    revealed …", the Sun on Sheen) after the same article named them in full: "Bitcoin" is no given name
    of a "Bitcoin Cash" the tagger took for a person in another article, nor "Telegram" of the "Telegram X"
    the Telegraph names only after it."""
    word = mention.text.strip()
    parts = full_name.split()
    if " " in word:
        return _short_form(word.split(), parts)
    if word == parts[-1]:
        return True
    return word == parts[0] and any(
        m.entity == mention.entity and " " in m.text.strip() and m.start < mention.start for m in in_article
    )


def _short_form(words: Sequence[str], parts: Sequence[str]) -> bool:
    """A full name written with a short form of the given name the story's name gives in full: "Tony
    Blinken" of Antony Blinken (News Rebeat), "Alex Poulter" of Alexander Poulter."""
    if len(words) != len(parts) or words[1:] != list(parts[1:]) or words[0] == parts[0]:
        return False
    given, full = words[0].casefold(), parts[0].casefold()
    return len(given) >= 3 and (full.endswith(given) or full.startswith(given))


def about_elsewhere(story: StoryInput, facts: FactInput) -> dict[int, str | None]:
    """Claims (indices) whose sentence tells of another event, so that its counts are not the story's,
    each with the earlier time that dates it, if any (two outlets recalling one earlier figure still
    disagree about it). Such a sentence is dated well before the story ("in January 2015", "four months
    ago"), is a list's heading ("Sandy Hook: 26 killed"), is set only in places no other outlet names while
    its article names the story's ("The next day, in the French town of Nantes, …" in a story of Nice),
    or follows one of those in its paragraph with no time of its own ("… in Aurora in July 2012. Twelve
    people and 70 wounded.")."""
    by_article: dict[str, dict[int, list[int]]] = {}
    for i, claim in enumerate(story.claims):
        by_article.setdefault(claim.article, {}).setdefault(claim.sentence, []).append(i)
    places = _places(story)
    found: dict[int, str | None] = {}
    for article, sentences in by_article.items():
        body = facts.bodies[article]
        breaks = [k for k, ch in enumerate(body) if ch == "\n"]
        carried: tuple[int, str | None] | None = None  # (paragraph, key) of an earlier sentence elsewhere
        for _, members in sorted(sentences.items()):
            start = min(story.claims[i].start for i in members)
            end = max(story.claims[i].end for i in members)
            paragraph = bisect.bisect_left(breaks, start)
            times = [d for d in facts.dates.get(article, []) if start <= d.start < end]
            elsewhere, key = _elsewhere(story, facts, article, (start, end), times, places)
            if elsewhere:
                carried = (paragraph, key)
            elif (
                carried is not None and carried[0] == paragraph and (not times or _contrasts(body[start:end]))
            ):
                elsewhere, key = True, carried[1]
            else:
                carried = None
            if elsewhere:
                found.update(dict.fromkeys(members, key))
    return found


def _contrasts(sentence: str) -> bool:
    return bool(CONTRAST_CUE.search(sentence))


def _places(story: StoryInput) -> dict[str, tuple[set[str], set[str]]]:
    """Per article: the places it names that no other outlet names, even in a longer or shorter form
    ("New York City" / "New York", ``_within_named``), and those another outlet names as it does. A place
    named only in another form is neither: not foreign to the story, nor enough to tell that the article
    names the story's place (BBC's "Hebei province" does not make the Daily Mail's "central China" a
    foreign place for want of a place it shares)."""
    outlet_of = {a.id: a.label for a in story.articles}
    named = {a: {m.entity for m in ms if m.label == "GPE" and m.entity} for a, ms in story.mentions.items()}
    outlets: dict[str, set[str]] = {}
    for article, entities in named.items():
        for entity in entities:
            outlets.setdefault(entity, set()).add(outlet_of.get(article, article))
    in_forms = {entity: set(o) for entity, o in outlets.items()}
    for entity, within in _within_named(story).items():
        for place in within & outlets.keys():  # either name counts as naming the other's place
            in_forms[entity] |= outlets[place]
            in_forms[place] |= outlets[entity]
    return {
        a: ({e for e in es if len(in_forms[e]) == 1}, {e for e in es if len(outlets[e]) > 1})
        for a, es in named.items()
    }


def _within_named(story: StoryInput) -> dict[str, set[str]]:
    """Per place, the other places whose name begins its own: "New York City" lies in (or is) "New York",
    as "Qeshm Island" is "Qeshm"; one outlet's "New York City" and another's "New York" name one place of
    the story, neither a place foreign to it."""
    names: dict[str, set[tuple[str, ...]]] = {}
    for mentions in story.mentions.values():
        for m in mentions:
            if m.label == "GPE" and m.entity:
                names.setdefault(m.entity, set()).add(tuple(m.text.casefold().split()))
    return {
        entity: {other for other, shorter in names.items() if other != entity and _begins(written, shorter)}
        for entity, written in names.items()
    }


def _begins(names: set[tuple[str, ...]], shorter: set[tuple[str, ...]]) -> bool:
    """Whether one of ``names`` begins with one of ``shorter`` and goes on ("new york city" / "new york")."""
    return any(len(name) > len(s) and name[: len(s)] == s for name in names for s in shorter)


def _elsewhere(
    story: StoryInput,
    facts: FactInput,
    article: str,
    bounds: tuple[int, int],
    times: Sequence[TimeExpr],
    places: dict[str, tuple[set[str], set[str]]],
) -> tuple[bool, str | None]:
    """Whether one sentence tells of another event, and the earlier time that dates it."""
    start, end = bounds
    earlier = next((d.value for d in times if before_story(d.value, facts.story_date)), None)
    if earlier is not None:
        return True, earlier
    text = facts.bodies[article][start:end]
    if EARLIER_CUE.search(text) or (LIST_HEADING.match(text) and any(ch.isdigit() for ch in text)):
        return True, None
    only_here, shared = places.get(article, (set(), set()))
    named = {m.entity for m in story.mentions.get(article, []) if m.label == "GPE" and start <= m.start < end}
    return bool(named and shared and named <= only_here), None


def independent_sources(story: StoryInput) -> dict[str, str]:
    """Each article's outlet, a copy's being its original's: ten copies of one wire story are one source."""
    outlet_of = {a.id: a.label for a in story.articles}
    original = {d.article: d.original for d in story.duplicates}
    return {a.id: outlet_of[original.get(a.id, a.id)] for a in story.articles}
