"""Entity mentions from spaCy's NER, repaired, then merged into canonical entities across articles.

The small English model makes errors that matter for comparison: it cuts Korean names at the hyphen
("Yoon Seok" of "Yoon Seok-yeol"), tags a surname alone as a place ("Blinken" GPE) and an acronym
state as an organisation ("DPRK" ORG). The repairs here are general rules, not lists for one text:
extend a name over a lowercase hyphenated tail; give a bare surname the type its full name has
elsewhere; resolve country names, acronyms and capitals used as the state through a gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from rapidfuzz import fuzz

from parallax.clean import wire_agency
from parallax.linked import UnionFind
from parallax.model import Entity, Mention

KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW"}
ORG_LABELS = {"ORG", "FAC", "EVENT", "LAW"}  # named by long names, acronyms and shortened forms
# Prepositions after which a capital names the city, not the state ("in Seoul" versus "ties with Seoul").
LOCATIVE_PREPOSITIONS = {
    "in",
    "at",
    "near",
    "outside",
    "around",
    "across",
    "into",
    "through",
    "inside",
    "within",
}
TITLES = {
    "secretary", "minister", "president", "prime", "chancellor", "premier", "mr", "mrs", "ms", "dr",
    "sen", "senator", "rep", "gov", "governor", "general", "gen", "king", "queen", "prince", "pope",
    "foreign", "defense", "defence", "state", "vice", "deputy", "chairman", "chairwoman", "leader",
    "ambassador", "mayor", "judge", "justice", "sir", "lord", "lady", "u.s.", "us",
}  # fmt: skip
# Names set against each other ("Roe v. Wade", a subheading "Auckland v. Oakland") are a case or a contest,
# not a person: tagged PERSON, they would lend their parts a person's type and stand in for "he".
VERSUS = re.compile(r"\s(?:v|vs)\.?\s|\sversus\s", re.IGNORECASE)
STOP_WORDS = {"the", "of", "and", "for", "on", "in", "a", "an", "&"}
COMPASS = {"north", "south", "east", "west"}
FUZZY_NAME_RATIO = 80.0  # "Seok-yeol" vs "Suk-yeol" scores 88.9; unrelated given names score far lower.


@dataclass(frozen=True)
class RawMention:
    article: str
    start: int
    end: int
    text: str
    label: str
    locative: bool = False


# ---------------------------------------------------------------------------- gazetteer


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, str]
    capitals: dict[str, str]
    written: dict[str, str]  # every name and capital as written ("DPRK", "Seoul") -> canonical country


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    names: dict[str, str] = {}
    capitals: dict[str, str] = {}
    written: dict[str, str] = {}
    text = resources.files("parallax.data").joinpath("countries.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, aliases, capital = [*line.split("\t"), "", ""][:3]
        for alias in [canonical, *aliases.split("|")]:
            if alias:
                names[name_key(alias)] = canonical
                written[alias] = canonical
        for city in capital.split("|"):
            if city:
                capitals[name_key(city)] = canonical
                written[city] = canonical
    return Gazetteer(names, capitals, written)


# ---------------------------------------------------------------------------- normalisation


def name_key(text: str) -> str:
    """A comparison key: case, accents, periods, leading article and possessive removed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[’']s$", "", text.strip())
    text = re.sub(r"^the\s+", "", text)
    text = text.replace(".", "")
    text = re.sub(r"[‐‑–—]", "-", text)
    return " ".join(re.sub(r"[^\w\s-]", " ", text).split())


def mid_sentence(name: str) -> str:
    """A name or description as it reads mid-sentence: "of the “experts”", "quotes a Met spokesman", "of the
    second largest credit rating firm" (a speaker found at the start of a sentence, or of the Sun's capital
    lede, "THE second largest …", keeps its capital)."""
    first, _, rest = name.partition(" ")
    return f"{first.lower()} {rest}" if first.casefold() in ("a", "an", "the") and rest else name


def _tokens(key: str) -> list[str]:
    return [t for t in key.split() if t]


def strip_titles(key: str) -> str:
    tokens = _tokens(key)
    while len(tokens) > 1 and tokens[0] in TITLES:
        tokens = tokens[1:]
    return " ".join(tokens)


# ---------------------------------------------------------------------------- mention repair


def collect_mentions(article_id: str, doc: Any) -> list[RawMention]:
    """Mentions of one article from spaCy's entities, with the model's boundary errors repaired."""
    body: str = doc.text
    found: list[RawMention] = []
    for ent in doc.ents:
        named = _named_after_occupation(ent)
        if named is not None:  # "Model Chrissy Teigen", read as a product: the person it names
            found.append(RawMention(article_id, *named, body[named[0] : named[1]], "PERSON", False))
            continue
        if ent.label_ not in KEPT_LABELS:
            continue
        head = ent.root.head
        locative = ent.root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPOSITIONS
        if _is_title_complement(ent) or _capitalised_noun(ent):
            continue
        for start, end in _split_lines(body, ent.start_char, ent.end_char):
            repaired = _repair_span(body, start, end, ent.label_)
            if repaired is not None:
                s, e = repaired
                label = _label(ent.label_, body[s:e], body[max(0, s - TITLE_REACH) : s])
                found.append(RawMention(article_id, s, e, body[s:e], label, locative))
    return found


TITLE_REACH = 20  # characters before a name where its title stands ("Mayor Bloomberg")
# Occupations a name is introduced by ("Model Chrissy Teigen", "Actress Amber Heard"), which the small model
# then reads as a product, an organisation or a building: 5 of Giveme5W1H's 383 texts. Not "star" or
# "host" ("Star Alliance"), nor "director" ("Director General …").
OCCUPATION_TITLES = frozenset(
    {"model", "supermodel", "singer", "songwriter", "actor", "actress", "rapper", "comedian", "author"}
    | {"novelist", "poet", "musician", "dancer", "filmmaker", "socialite", "chef", "designer"}
)
# Last words that make such a name a business's ("Singer Sewing Company", "Designer Brands").
BUSINESS_HEADS = frozenset(
    {"company", "brands", "studios", "records", "entertainment", "media", "productions"}
)


def _named_after_occupation(ent: Any) -> tuple[int, int] | None:
    """The name a non-person entity holds after an occupation: two capitalised words or more."""
    if ent.label_ == "PERSON" or len(ent) < 3 or ent[0].lower_ not in OCCUPATION_TITLES:
        return None
    rest = ent[1:]
    if not all(t.is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN" for t in rest):
        return None
    if rest[-1].lower_ in CORPORATE_SUFFIXES | INSTITUTION_HEADS | BUSINESS_HEADS:
        return None  # "Designer Brands Inc.", "Singer Sewing Company": a company's name
    return int(rest[0].idx), int(rest[-1].idx + len(rest[-1].text))


def _label(label: str, text: str, before: str) -> str:
    """The tagger's type, less two slips a "person" makes: a case ("Roe v. Wade") and a news agency
    ("state media Xinhua reported", the BBC's Hebei well story), which is a body unless a title names
    someone by it ("Mayor Bloomberg")."""
    if label == "PERSON" and VERSUS.search(text):
        return "LAW"
    last = re.findall(r"[\w.]+", before)[-1:]
    titled = bool(last) and last[0].lower().rstrip(".") in TITLES
    if label == "PERSON" and wire_agency(text) and not titled:
        return "ORG"
    return label


def _capitalised_noun(ent: Any) -> bool:
    """A common noun capitalised only because it opens the sentence ("Flags will fly at half-staff"),
    which the model sometimes tags as a name: one token the tagger reads as a plain noun, at a sentence's
    start, and nowhere in the text capitalised inside a sentence. A proper noun listed only with common
    nouns ("Oxygen, food and water have been supplied") is one of them too."""
    if len(ent) != 1 or not ent.root.is_sent_start:
        return False
    listed = ent.root.conjuncts
    common = bool(listed) and all(t.pos_ == "NOUN" and t.is_lower for t in listed)
    if ent.root.pos_ != "NOUN" and not (ent.root.pos_ == "PROPN" and common):
        return False
    word = ent.root.text
    return not any(t.text == word and not t.is_sent_start for t in ent.doc)


def _is_title_complement(ent: Any) -> bool:
    """ "State" in "Secretary of State" is part of a title, not the organisation; so is a lone title word
    tagged as a name ("Defense" in "Russian Defense Minister")."""
    if len(ent) != 1:
        return False
    key = name_key(ent.text)
    if ent.label_ != "PERSON" and key in TITLES and key not in gazetteer().names:  # "U.S." is a state
        return True
    if ent.start < 2:
        return False
    before = ent.doc[ent.start - 1]
    return bool(before.lower_ == "of" and name_key(ent.doc[ent.start - 2].text) in TITLES)


def _split_lines(body: str, start: int, end: int) -> Iterable[tuple[int, int]]:
    """An entity may not cross a line break (the model joins a credit line to the next line's name)."""
    offset = start
    for part in body[start:end].split("\n"):
        if part.strip():
            yield offset, offset + len(part)
        offset += len(part) + 1


def _repair_span(body: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    # A leading article, quote mark or list bullet ("• Maryam Violet, a witness, said") is no part of a name.
    match = re.match(r"(?i)(?:the\s+|[“”\"‘«]+|[•·▪►*]\s*)+", body[start:end])
    if match:
        start += match.end()
    while end > start and body[end - 1] in '-‐‑–— ,;:“”"’»':
        end -= 1
    start = _after_glued_credit(body, start, end)
    end = _before_open_bracket(body, start, end)
    possessive = re.search(r"[’']s$", body[start:end])
    if possessive:
        end -= len(possessive.group())
    if label == "PERSON":
        tail = re.match(r"[-‐‑][a-z]+", body[end : end + 20])
        if tail:  # "Yoon Seok" + "-yeol": romanised given names are hyphenated and lowercase after it
            end += tail.end()
        end = _past_particle(body, start, end)
    return (start, end) if body[start:end].strip() else None


NAME_PARTICLE = re.compile(r"\s(?:van|von|der|den|de|da|di|du|del|della|la|le|bin|ibn|al|dos|das|ter)$")
NEXT_NAME_WORD = re.compile(r"\s+[A-Z][\w'’-]*")


def _past_particle(body: str, start: int, end: int) -> int:
    """A person's name does not end on a particle: the tagger stopped at "Michiel van der" before
    "Leeuw," (PSU on the PS4 update); the name runs on to the next capitalised word."""
    while NAME_PARTICLE.search(body, start, end) and (following := NEXT_NAME_WORD.match(body, end)):
        end = following.end()
    return end


def _before_open_bracket(body: str, start: int, end: int) -> int:
    """The mention's end before a bracket it opens and does not close: the tagger reads "Goldman (GS"
    out of "Goldman (GS) said", a ticker symbol or an acronym in brackets after the name."""
    for opening, closing in ("()", "[]"):
        cut = body.rfind(opening, start, end)
        if cut > start and body.find(closing, cut, end) < 0:
            end = cut
    while end > start and body[end - 1].isspace():
        end -= 1
    return end


# A photo's credit the page glued to the start of the next paragraph: "Reuters Equifax claimed …",
# "Equifax Equifax holds data …" (the company's own picture). The tagger reads both words as one name.
GLUED_CREDIT = re.compile(r"(?:AP|AFP|Reuters|Getty(?: Images)?|PA|EPA|Alamy|Rex|Shutterstock)\s+(?=[A-Z])")


def _after_glued_credit(body: str, start: int, end: int) -> int:
    """The mention's start past a photo credit glued on at its line's start."""
    if start and body[start - 1] != "\n":
        return start
    words = body[start:end].split()
    if len(words) > 1 and words[0] == words[1]:
        return body.index(words[1], start + len(words[0]))
    credit = GLUED_CREDIT.match(body, start, end)
    return credit.end() if credit and len(words) > 1 else start


# The last word of a name of several words says what kind of thing it names, whatever the tagger read:
# "Asia-Pacific Economic Cooperation" (read a facility) is a body, the "Indo-Pacific region" (read an
# organisation) a place. Words that also end places' names ("West Bank", "Soviet Union", "Russian
# Federation") are not in the list.
INSTITUTION_HEADS = frozenset({
    "cooperation", "organization", "organisation", "council", "association", "committee", "commission",
    "agency", "ministry", "department", "institute", "university", "foundation", "corporation",
    "authority", "administration", "bureau", "party", "parliament", "congress", "senate",
})  # fmt: skip
PLACE_HEADS = frozenset({
    "region", "sea", "ocean", "strait", "peninsula", "gulf", "mountains", "desert", "archipelago",
})  # fmt: skip
NOT_INSTITUTIONS = frozenset({"ORG", "GPE", "NORP", "LAW"})  # "the Paris Agreement"-like law names stay
NOT_PLACES = frozenset({"LOC", "GPE", "FAC", "EVENT", "WORK_OF_ART", "LAW"})  # "South China Sea dispute"


def fix_head_types(mentions: Sequence[RawMention]) -> list[RawMention]:
    """Type a name of several words by its last word where that word names a kind of body or place."""
    fixed = []
    for m in mentions:
        words = m.text.split()
        head = words[-1].casefold().strip(".,") if len(words) > 1 else ""
        if head in INSTITUTION_HEADS and m.label not in NOT_INSTITUTIONS:
            m = replace(m, label="ORG")
        elif head in PLACE_HEADS and m.label not in NOT_PLACES:
            m = replace(m, label="LOC")
        fixed.append(m)
    return fixed


def fix_types(mentions: Sequence[RawMention]) -> list[RawMention]:
    """Give a surname tagged as a place the PERSON type its full name has in the same article.

    Only in that article: spaCy once read Gizmodo's "the official Equifax Twitter account" as a person,
    and every "Equifax" of the 12-article Equifax story then became that person's. And only for a full
    name's last word, or a word the article tags as a person at least as often as otherwise: DW's
    "Duisburg Inner Harbor", read as a person, must not make its eight "Duisburg"s one ("Mark Noll"
    makes both "Noll"s the tagger called organisations his). Across the story, a full name's last word
    is a person's where the story tags it a person at least as often as otherwise (NewsWCL50: 67 of the
    "Trump"s of five outlets read as an organisation, against many more read as a person)."""
    gaz = gazetteer()
    story_last: dict[str, set[str]] = defaultdict(set)  # the articles naming someone in full by the word
    story_person: Counter[str] = Counter()  # PERSON mentions holding the word, story-wide
    story_otherwise: Counter[str] = Counter()
    last_words: set[tuple[str, str]] = set()
    full_name_words: set[tuple[str, str]] = set()
    as_person: Counter[tuple[str, str]] = Counter()  # PERSON mentions holding the word, in that article
    otherwise: Counter[tuple[str, str]] = Counter()
    for m in mentions:
        tokens = _tokens(strip_titles(name_key(m.text)))
        if m.label == "PERSON":
            as_person.update((m.article, token) for token in set(tokens))
            story_person.update(set(tokens))
            if len(tokens) > 1:
                last_words.add((m.article, tokens[-1]))
                full_name_words.update((m.article, token) for token in tokens)
                story_last[tokens[-1]].add(m.article)
        else:
            otherwise[(m.article, name_key(m.text))] += 1
            story_otherwise[name_key(m.text)] += 1
    fixed = []
    for m in mentions:
        key = (m.article, name_key(m.text))
        is_place_name = key[1] in gaz.names or key[1] in gaz.capitals
        in_a_name = (
            key in last_words
            or (key in full_name_words and as_person[key] >= otherwise[key])
            or (
                _surname_across(m.text, story_last[key[1]])
                and story_person[key[1]] >= story_otherwise[key[1]]
            )
        )
        if m.label != "PERSON" and in_a_name and not is_place_name:
            m = replace(m, label="PERSON")
        fixed.append(m)
    return fixed


CORPORATE_SUFFIXES = frozenset(
    {"inc", "incorporated", "ltd", "limited", "corp", "corporation", "co", "llc", "plc", "ag", "sa", "nv"}
    | {"gmbh", "holdings", "group"}
)
ORGANISATION_MAJORITY = 2  # a name tagged an organisation this many times as often as otherwise is one
# Online platforms the small model reads as people ("She wondered on Twitter why …": Twitter, a PERSON, then
# took Chrissy Teigen's "she" and her tweet): a platform is where someone writes, never who.
PLATFORMS = frozenset(
    {"twitter", "facebook", "instagram", "youtube", "tiktok", "reddit", "whatsapp", "snapchat", "linkedin"}
    | {"weibo", "wechat", "tumblr", "periscope"}
)


def company_base(key: str) -> str:
    """A company's name without its corporate suffixes: "goldman sachs group inc" → "goldman sachs"."""
    tokens = _tokens(key)
    while len(tokens) > 1 and tokens[-1] in CORPORATE_SUFFIXES:
        tokens = tokens[:-1]
    return " ".join(tokens)


def fix_company_types(mentions: Sequence[RawMention]) -> list[RawMention]:
    """Give a company's bare name the ORG type where the tagger read it as a person or a nationality.

    The small model read Qualcomm a person 62 times in six stories of Broadcom's bid (and an organisation
    20 times), Broadcom a nationality 10 times: the story had two entities of each name. A name is a
    company's when the story also writes it with a corporate suffix ("Qualcomm Inc.", "Broadcom Ltd.") and
    no person's full name holds it. A name the story tags an organisation at least twice as often as a
    person (no full name holding it: "Tesla" 12 to 2, "Cubs" 141 to 1), a nationality or a place no
    gazetteer knows is an organisation's too ("Chrissy Teigen"'s "Teigen", 10 to 7, stays apart). An online
    platform (``PLATFORMS``) is never a person."""
    keys = [name_key(m.text) for m in mentions]
    companies = {  # the names a corporate suffix was cut from: "Qualcomm" of "Qualcomm Inc."
        base
        for m, key in zip(mentions, keys, strict=True)
        if m.label == "ORG" and (base := company_base(key)) != key
    }
    in_full_names = {
        token
        for m in mentions
        if m.label == "PERSON" and len(tokens := _tokens(strip_titles(name_key(m.text)))) > 1
        for token in tokens
    }
    named = [
        replace(m, label="ORG")
        if m.label == "PERSON"
        and (key in PLATFORMS or (key in companies and not set(_tokens(key)) & in_full_names))
        else m
        for m, key in zip(mentions, keys, strict=True)
    ]
    tagged = Counter(zip(keys, (m.label for m in named), strict=True))
    gaz = gazetteer()
    fixed = []
    for m, key in zip(named, keys, strict=True):
        mislabelled = (
            not set(_tokens(key)) & in_full_names
            if m.label == "PERSON"
            else m.label in {"NORP", "GPE", "LOC"} and key not in gaz.names and key not in gaz.capitals
        )
        organised = mislabelled and tagged[(key, "ORG")] >= ORGANISATION_MAJORITY * tagged[(key, m.label)]
        fixed.append(replace(m, label="ORG") if organised else m)
    return fixed


def _surname_across(text: str, articles: set[str]) -> bool:
    """A word that ends full names in two articles or more and is written as a family name is: not
    "AP", "S9", "@steelers", "Sr." or a title ("Sheriff")."""
    word = text.strip()
    shaped = word.replace("-", "").replace("'", "").replace("’", "").isalpha() and not word.isupper()
    return len(articles) >= 2 and shaped and word.lower() not in TITLES


# ---------------------------------------------------------------------------- merging


def _country_of(m: RawMention) -> str | None:
    gaz = gazetteer()
    key = name_key(m.text)
    if key in gaz.names and m.label != "PERSON":
        return gaz.names[key]
    if key in gaz.capitals and m.label in {"GPE", "ORG"} and not m.locative:
        return gaz.capitals[key]
    return None


def _given_names_compatible(a: list[str], b: list[str]) -> bool:
    """Two full names with one shared token agree on the rest: a nickname inside it, or a spelling variant."""
    rest_a = " ".join(t for t in a if t not in b)
    rest_b = " ".join(t for t in b if t not in a)
    if not rest_a or not rest_b:
        return True
    if rest_a in rest_b or rest_b in rest_a:
        return True  # Tony / Antony
    return bool(fuzz.ratio(rest_a, rest_b) >= FUZZY_NAME_RATIO)


def _merge_people(
    articles: list[str], keys: list[str], uf: UnionFind, people: list[int], texts: Sequence[str]
) -> None:
    full = [i for i in people if len(_tokens(keys[i])) > 1]
    for x, i in enumerate(full):
        for j in full[x + 1 :]:
            ti, tj = _tokens(keys[i]), _tokens(keys[j])
            shared = set(ti) & set(tj)
            if keys[i] == keys[j] or (shared and _given_names_compatible(ti, tj)) or _close_spelling(ti, tj):
                uf.union(i, j)
    named_in = {(articles[j], uf.find(j)) for j in full}
    holding: dict[str, list[int]] = defaultdict(list)  # a word -> the full names holding it
    for j in full:
        for word in set(_tokens(keys[j])):
            holding[word].append(j)
    singles = [i for i in people if len(_tokens(keys[i])) == 1]
    # People some article calls by the first part of their name after naming them in full ("Xi Jinping …
    # Xi said"): their family name comes first, so a bare "Xi" in another article is them too.
    first_named = {
        uf.find(j)
        for i in singles
        for j in holding[keys[i]]
        if articles[j] == articles[i] and keys[i] in _tokens(keys[j])[:-1]
    }

    def may_be(i: int, j: int) -> bool:
        """The bare name is that full name's: its last word, or a first word the article itself pairs
        with the full name or the person's outlets use alone. A man "who gave his name as Michel" in one
        article is not Brazil's Michel Temer named in another."""
        tokens = _tokens(keys[j])
        if keys[i] == tokens[-1]:
            return True
        return keys[i] in tokens and ((articles[i], uf.find(j)) in named_in or uf.find(j) in first_named)

    for i in singles:
        # An acronym the tagger took for a person ("the UN") is no part of a name ("Kim Jong Un"): the
        # keys are case-folded, the words were not.
        acronym = _acronym_word(texts[i])
        owners = {uf.find(j) for j in holding[keys[i]] if may_be(i, j) and not acronym}
        if len(owners) == 1:
            uf.union(i, owners.pop())
        else:
            same = [j for j in people if keys[j] == keys[i]]
            for j in same:
                uf.union(i, j)


def _acronym_word(text: str) -> bool:
    word = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper()


def _close_spelling(a: list[str], b: list[str]) -> bool:
    """Same length, first token equal, the rest spelled alike ("Yoon Seok-yeol" / "Yoon Suk-yeol")."""
    if len(a) != len(b) or a[0] != b[0]:
        return False
    return bool(fuzz.ratio(" ".join(a[1:]), " ".join(b[1:])) >= FUZZY_NAME_RATIO)


def _acronym(key: str) -> str:
    words = key.replace("-", " ").split()
    return "".join(t[0] for t in words if t not in STOP_WORDS) if len(words) > 2 else ""


def _merge_organisations(keys: list[str], uf: UnionFind, orgs: list[int]) -> None:
    by_key: dict[str, list[int]] = defaultdict(list)
    for i in orgs:
        by_key[keys[i]].append(i)
    distinct = list(by_key)
    for short in distinct:
        longer = [k for k in distinct if k != short and (k.endswith(" " + short) or _acronym(k) == short)]
        if len(longer) == 1:  # only when unambiguous: "Times" -> "Global Times", "APEC" -> its long name
            uf.union(by_key[short][0], by_key[longer[0]][0])
        base = company_base(short)  # "Qualcomm Inc." is Qualcomm
        if base != short and base in by_key:
            uf.union(by_key[short][0], by_key[base][0])
    for members in by_key.values():
        for j in members[1:]:
            uf.union(members[0], j)


def _compass_countries(mentions: Sequence[RawMention], countries: list[str | None]) -> list[str | None]:
    """ "The North" is the one state named "North …" in the same article (North Korea), else itself."""
    named: dict[str, set[str]] = defaultdict(set)
    for m, country in zip(mentions, countries, strict=True):
        if country:
            named[m.article].add(country)
    resolved = list(countries)
    for i, m in enumerate(mentions):
        key = name_key(m.text)
        if countries[i] is None and m.label in {"GPE", "LOC"} and key in COMPASS:
            matches = [c for c in named[m.article] if name_key(c).startswith(key + " ")]
            resolved[i] = matches[0] if len(matches) == 1 else None
    return resolved


def _group(mentions: Sequence[RawMention]) -> list[list[int]]:
    keys = [strip_titles(name_key(m.text)) for m in mentions]
    countries = _compass_countries(mentions, [_country_of(m) for m in mentions])
    uf = UnionFind(len(mentions))
    first_by_country: dict[str, int] = {}
    first_by_key: dict[tuple[str, str], int] = {}
    people, orgs = [], []
    for i, m in enumerate(mentions):
        country = countries[i]
        if country:
            uf.union(i, first_by_country.setdefault(country, i))
        elif m.label == "PERSON":
            people.append(i)
        elif m.label in ORG_LABELS:
            orgs.append(i)
        else:
            uf.union(i, first_by_key.setdefault((m.label, keys[i]), i))
    _merge_people([m.article for m in mentions], keys, uf, people, [m.text for m in mentions])
    _merge_organisations(keys, uf, orgs)
    return sorted(uf.groups(), key=lambda g: (mentions[g[0]].article, mentions[g[0]].start))


# ---------------------------------------------------------------------------- canonical names


def _entity_type(members: list[RawMention], country: str | None) -> str:
    if country:
        return "GPE"
    return Counter(m.label for m in members).most_common(1)[0][0]


def _canonical_name(members: list[RawMention], country: str | None, etype: str) -> str:
    if country:
        return country
    forms = Counter(_clean_form(m.text) for m in members)
    if etype == "PERSON":
        multi = {f: n for f, n in forms.items() if len(f.split()) > 1}
        forms = Counter(multi) or forms
    return max(forms, key=lambda f: (forms[f], len(f)))


def _clean_form(text: str) -> str:
    text = re.sub(r"^(?i:the)\s+", "", " ".join(text.split()))
    text = re.sub(r"(?<=s)['’]$", "", text)  # a plural's possessive mark: "Avago Technologies'"
    words = text.split()
    while len(words) > 1 and name_key(words[0]) in TITLES:
        words = words[1:]
    return " ".join(words)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name_key(text)).strip("-") or "x"


def build_entities(mentions: Sequence[RawMention]) -> list[Entity]:
    """Merge repaired mentions from all articles into canonical entities with stable ids."""
    mentions = fix_company_types(fix_types(fix_head_types(mentions)))
    entities: list[Entity] = []
    used: set[str] = set()
    for group in _group(mentions):
        members = [mentions[i] for i in group]
        country = next((c for c in (_country_of(m) for m in members) if c), None)
        etype = _entity_type(members, country)
        name = _canonical_name(members, country, etype)
        entity_id = _unique_id(f"{etype.lower()}:{_slug(name)}", used)
        linked = tuple(
            Mention(m.article, m.start, m.end, m.text, m.label, entity_id)
            for m in sorted(members, key=lambda m: (m.article, m.start))
        )
        entities.append(Entity(entity_id, name, etype, linked))
    return sorted(entities, key=lambda e: (-len(e.mentions), e.id))


def _unique_id(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    used.add(candidate)
    return candidate
