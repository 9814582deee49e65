"""Word choice and labelling: how one article names and describes each canonical entity.

Two passes over the spaCy dependency parse of one article, no model calls:

1. **Named labels.** Every mention of a person, organisation, country or group is widened to its naming
   phrase: the pre-modifiers of the name's head ("Strongman Vladimir Putin", "communist China", "U.S.
   Secretary of State Mike Pompeo"), an apposition on either side ("Kim Jong Un, the North Korean
   dictator"; "its leader, Kim Jong-un"), a noun the name qualifies when that noun stands for the entity
   itself ("the Putin regime", "China's government"), and a predicate nominal ("Kim is a ruthless
   dictator"). Its ``terms`` are the describing words beyond the bare name.
2. **Descriptions.** A definite noun phrase with no name whose head is a role ("the North Korean leader",
   "the secretary of state", "the US president") or a regime word ("the regime in Pyongyang", "the
   Chinese government") is linked to an entity only on evidence: a regime word qualified by a country
   (demonym, name or capital) is that country; a role is the one person whom this article itself names
   with that role (pass 1), narrowed by the country when the phrase gives one. Two candidates, or none,
   leave the phrase unlinked: a wrong link would put words in an outlet's mouth.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from parallax.annotate.entities import gazetteer, name_key
from parallax.model import Entity, Mention

LABELLED_TYPES = {"PERSON", "ORG", "GPE", "NORP"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "det", "nummod"}
SKIPPED_IN_TERMS = {"det", "case", "punct", "predet"}
QUANTIFIERS = {"both", "either", "neither", "all", "each", "every"}
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx"}  # a house style ("Mr. Trump"), not a description
POSSESSIVE_PRONOUNS = {"his", "her", "its", "their", "our", "my", "your"}
DEFINITE = {"the", "this", "that"}
# Title words that make one term with the noun they modify ("prime minister", "foreign minister").
TITLE_PARTS = {
    "prime", "foreign", "vice", "deputy", "defense", "defence", "interior", "chief", "supreme", "attorney",
    "finance", "home", "first", "state", "national", "security", "press", "white", "house",
}  # fmt: skip
# Nouns that name a person by role: a definite one can stand for a person named earlier.
ROLE_NOUNS = {
    "president", "leader", "dictator", "strongman", "premier", "chancellor", "minister", "secretary",
    "chairman", "chairwoman", "king", "queen", "ruler", "despot", "tyrant", "autocrat", "envoy",
    "ambassador", "director", "chief", "head", "general", "senator", "governor", "mayor", "monarch",
    "prince", "emperor", "spokesman", "spokeswoman", "spokesperson", "diplomat", "negotiator", "commander",
    "tycoon", "billionaire", "mogul", "candidate", "nominee", "lawmaker", "congressman", "congresswoman",
}  # fmt: skip
# Roles that name whoever leads a state: "the North Korean leader" is the person the same article calls
# "the North Korean dictator", when exactly one person carries that country and such a role.
HEAD_OF_STATE = {
    "president", "leader", "dictator", "strongman", "premier", "ruler", "despot", "tyrant", "autocrat",
    "king", "queen", "monarch", "emperor", "chancellor",
}  # fmt: skip
# What an apposition may call a country, organisation or group ("China, a top ally"); a person's
# apposition is taken whatever its noun ("Park, his counterpart").
COLLECTIVE_NOUNS = {
    "country", "nation", "state", "ally", "partner", "rival", "enemy", "adversary", "foe", "power",
    "superpower", "group", "organization", "organisation", "movement", "party", "militia", "alliance",
    "bloc", "agency", "company", "firm", "network", "outlet", "newspaper", "force",
}  # fmt: skip
DASHES = {"-", "‐", "‑", "–", "—", "/"}
# Nouns that stand for the state or organisation itself ("the Putin regime" is how Russia is named).
REGIME_NOUNS = {
    "regime", "government", "administration", "leadership", "dictatorship", "junta", "authorities",
    "cabinet", "kingdom", "republic", "establishment", "white house",
}  # fmt: skip
DEMONYMS = {
    "afghan": "Afghanistan", "american": "United States", "argentine": "Argentina",
    "argentinian": "Argentina",
    "australian": "Australia", "austrian": "Austria", "belarusian": "Belarus", "belgian": "Belgium",
    "brazilian": "Brazil", "british": "United Kingdom", "canadian": "Canada", "chilean": "Chile",
    "chinese": "China", "colombian": "Colombia", "cuban": "Cuba", "czech": "Czech Republic",
    "danish": "Denmark", "egyptian": "Egypt", "emirati": "United Arab Emirates", "ethiopian": "Ethiopia",
    "finnish": "Finland", "french": "France", "german": "Germany", "greek": "Greece", "hungarian": "Hungary",
    "indian": "India", "indonesian": "Indonesia", "iranian": "Iran", "iraqi": "Iraq", "irish": "Ireland",
    "israeli": "Israel", "italian": "Italy", "japanese": "Japan", "jordanian": "Jordan", "kenyan": "Kenya",
    "lebanese": "Lebanon", "libyan": "Libya", "mexican": "Mexico", "dutch": "Netherlands",
    "nigerian": "Nigeria", "north korean": "North Korea", "norwegian": "Norway", "pakistani": "Pakistan",
    "palestinian": "Palestine", "filipino": "Philippines", "philippine": "Philippines", "polish": "Poland",
    "portuguese": "Portugal", "qatari": "Qatar", "romanian": "Romania", "russian": "Russia",
    "saudi": "Saudi Arabia", "south african": "South Africa", "south korean": "South Korea",
    "spanish": "Spain", "swedish": "Sweden", "swiss": "Switzerland", "syrian": "Syria", "taiwanese": "Taiwan",
    "thai": "Thailand", "turkish": "Turkey", "ukrainian": "Ukraine", "venezuelan": "Venezuela",
    "vietnamese": "Vietnam", "yemeni": "Yemen", "soviet": "Russia", "kremlin": "Russia",
}  # fmt: skip


@dataclass(frozen=True)
class Label:
    """How one article names or describes one canonical entity at one place."""

    article: str
    entity: str  # canonical Entity.id
    start: int  # the whole naming phrase, char offsets into the article body
    end: int
    text: str  # body[start:end]
    terms: tuple[str, ...]  # describing words beyond the bare name, lower-case, in text order


@dataclass(frozen=True)
class _Context:
    """What both passes look up: which tokens belong to which mention, and the story's countries."""

    doc: Any
    body: str  # doc.text, built once: spaCy rebuilds it from the tokens on every access
    token_entity: dict[int, str]  # token index -> entity id of the mention covering it
    token_mention: dict[int, int]  # token index -> index of that mention
    types: dict[str, str]  # entity id -> type
    mention_texts: list[str]
    country_entities: dict[str, str]  # canonical country name -> entity id
    parties: dict[str, str]  # entity id -> name key, for organisations named "... Party"


def entity_labels(
    article_id: str, doc: Any, mentions: Sequence[Mention], entities: Sequence[Entity]
) -> list[Label]:
    """Every naming of a person, organisation, country or group in one article, with its describing words."""
    own = sorted((m for m in mentions if m.article == article_id and m.entity), key=lambda m: m.start)
    if not own:
        return []  # descriptions are linked only on the evidence of names
    ctx = _context(doc, own, entities)
    named = [label for i, m in enumerate(own) if (label := _named_label(ctx, article_id, i, m)) is not None]
    described = _descriptions(ctx, article_id, named)
    return sorted([*named, *described], key=lambda lb: (lb.start, lb.end, lb.entity))


# ---------------------------------------------------------------------------- context


def _context(doc: Any, mentions: Sequence[Mention], entities: Sequence[Entity]) -> _Context:
    types = {e.id: e.type for e in entities}
    token_entity: dict[int, str] = {}
    token_mention: dict[int, int] = {}
    for i, m in enumerate(mentions):
        for t in _tokens_of(doc, m.start, m.end):
            token_entity.setdefault(t.i, m.entity)
            token_mention.setdefault(t.i, i)
    names = set(gazetteer().names.values())
    countries = {e.name: e.id for e in entities if e.type == "GPE" and e.name in names}
    parties = {e.id: name_key(e.name) for e in entities if e.type == "ORG" and "party" in name_key(e.name)}
    texts = [m.text for m in mentions]
    return _Context(doc, doc.text, token_entity, token_mention, types, texts, countries, parties)


def _tokens_of(doc: Any, start: int, end: int) -> list[Any]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


# ---------------------------------------------------------------------------- pass 1: named labels


def _named_label(ctx: _Context, article: str, index: int, mention: Mention) -> Label | None:
    etype = ctx.types.get(mention.entity, mention.label)
    if etype not in LABELLED_TYPES:
        return None
    name = _tokens_of(ctx.doc, mention.start, mention.end)
    if not name:
        return None
    root = min(name, key=lambda t: _depth(t))
    in_name = {t.i for t in name}
    extra = _self_head(ctx, root, in_name)
    entity = _state_of(ctx, mention) or mention.entity
    if extra is not None:  # "the Putin regime": the phrase is the head noun's, the name its qualifier
        phrase = extra
    else:
        phrase = _modifiers(ctx, root, in_name) | in_name
        phrase |= _apposition(ctx, root, in_name) | _predicate(ctx, root)
    descriptive = sorted(i for i in phrase if i not in in_name)
    terms = _title_terms(mention.text) + _terms(ctx, descriptive, index)
    return _label(ctx, article, entity, phrase, terms)


def _state_of(ctx: _Context, mention: Mention) -> str | None:
    """A demonym names its country ("the Russians", "the Chinese government") and a party's members the
    party ("Democrats"), when the story has that country or party as an entity of its own."""
    if ctx.types.get(mention.entity) != "NORP":
        return None
    key = name_key(mention.text)
    country = _country_from_text(key) or _country_from_text(key.removesuffix("s"))
    if country:
        return ctx.country_entities.get(country)
    stem = key.removesuffix("s").removesuffix("ic")
    parties = [e for e, name in ctx.parties.items() if len(stem) > 3 and name.startswith(stem)]
    return parties[0] if len(parties) == 1 else None


def _depth(token: Any) -> int:
    depth = 0
    while token.head.i != token.i and depth < 100:
        token, depth = token.head, depth + 1
    return depth


def _self_head(ctx: _Context, root: Any, in_name: set[int]) -> set[int] | None:
    """The noun phrase "the Putin regime" / "China's government" when the name qualifies such a noun."""
    head = root.head
    if root.dep_ not in {"compound", "poss", "nmod", "amod"} or head.i in ctx.token_entity:
        return None
    if head.lemma_.lower() not in REGIME_NOUNS or head.pos_ not in {"NOUN", "PROPN"}:
        return None
    return _modifiers(ctx, head, in_name) | {head.i} | in_name


def _modifiers(ctx: _Context, head: Any, in_name: set[int]) -> set[int]:
    """The contiguous pre-modifiers of a head: their whole subtrees, up to the head."""
    found: set[int] = set()
    for child in reversed(list(head.lefts)):
        if child.dep_ not in MODIFIER_DEPS | {"punct", "case"} or child.i in in_name:
            continue
        if child.dep_ == "det" and child.lower_ in QUANTIFIERS:
            continue  # "both Pyongyang and Moscow": a count of the names, not how one is named
        subtree = set(range(child.left_edge.i, child.right_edge.i + 1))
        if child.dep_ == "poss" and child.lower_ in POSSESSIVE_PRONOUNS:
            subtree = {child.i}  # "his": in the phrase, never a term
        found |= subtree
    edge = min(in_name | {head.i})
    kept: set[int] = set()
    for i in range(edge - 1, -1, -1):  # only what runs unbroken up to the name
        token = ctx.doc[i]
        if (
            i not in found
            or token.is_sent_end
            or (token.text in DASHES and not token.whitespace_ and _named_before(ctx, i))
        ):
            break  # "North Korea-Russia": a hyphenated pair of names, not a description
        kept.add(i)
    return kept


def _named_before(ctx: _Context, i: int) -> bool:
    """The hyphen at ``i`` joins two names: "Korea-Russia"; "co-ordinator" and "long-serving" (the Mail's
    "offensive co-ordinator Pat Shurmur") are one word each, and "Singapore-based", "San Diego-headquartered"
    describe the name they stand before."""
    after = ctx.doc[i + 1].text if i + 1 < len(ctx.doc) else ""
    return i == 0 or (ctx.doc[i - 1].text[:1].isupper() and not after[:1].islower())


def _core(ctx: _Context, noun: Any) -> set[int]:
    """A noun with its pre-modifiers and a short "of" complement: "the North Korean dictator"."""
    core = _modifiers(ctx, noun, set()) | {noun.i}
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ == "of" and child.right_edge.i - child.i <= 3:
            core |= set(range(child.i, child.right_edge.i + 1))
    return core


def _apposition(ctx: _Context, root: Any, in_name: set[int]) -> set[int]:
    """ "Kim Jong Un, the North Korean dictator" and "its leader, Kim Jong-un"."""
    person = ctx.types.get(ctx.token_entity.get(root.i, ""), "") == "PERSON"
    for child in root.rights:
        if child.dep_ == "appos" and _is_appositive(ctx, child, person):
            return _bridge(_core(ctx, child), in_name)
    if root.dep_ == "appos" and _is_appositive(ctx, root.head, person) and root.head.i < root.i:
        return _bridge(_core(ctx, root.head), in_name)
    return set()


def _is_appositive(ctx: _Context, noun: Any, person: bool) -> bool:
    lemma = noun.lemma_.lower()
    fits = person or lemma in COLLECTIVE_NOUNS or lemma in REGIME_NOUNS or lemma in ROLE_NOUNS
    return fits and _is_description(ctx, noun)


def _predicate(ctx: _Context, root: Any) -> set[int]:
    """ "Kim is a ruthless dictator": the attribute of a copula whose subject is the name."""
    verb = root.head
    if root.dep_ != "nsubj" or verb.lemma_ != "be" or verb.i != root.i + 1:
        return set()  # only "Kim is a ...": with auxiliaries and adverbs between, the parse misleads
    for child in verb.rights:
        if child.dep_ == "attr" and _is_description(ctx, child):
            return _bridge(_core(ctx, child), {root.i}) | set(range(root.i, child.i))
    return set()


def _is_description(ctx: _Context, token: Any) -> bool:
    return bool(token.pos_ == "NOUN" and token.i not in ctx.token_entity)


def _bridge(part: set[int], name: set[int]) -> set[int]:
    """The describing part plus the commas between it and the name, so the phrase is one stretch."""
    if not part:
        return part
    low, high = min(part | name), max(part | name)
    return part | {i for i in range(low, high + 1) if i not in name}


# ---------------------------------------------------------------------------- terms


def _title_terms(text: str) -> tuple[str, ...]:
    """Title words the mention itself begins with ("President" when the model kept it in the name)."""
    words = text.split()
    titles: list[str] = []
    while len(words) > 1 and name_key(words[0]) in {"president", "secretary", "minister", "leader"}:
        titles.append(words.pop(0).lower())
    return tuple(titles)


def _terms(ctx: _Context, indices: Sequence[int], own_mention: int) -> tuple[str, ...]:
    """Group describing tokens into terms: one per word, a name of another entity or a title kept whole."""
    doc = ctx.doc
    units: list[list[Any]] = []
    for i in indices:
        token = doc[i]
        if not _term_token(token) or ctx.token_mention.get(i) == own_mention:
            continue
        if units and _joins(ctx, units[-1][-1], token):
            units[-1].append(token)
        else:
            units.append([token])
    return tuple(t for unit in units if (t := _unit_text(unit)))


def _term_token(token: Any) -> bool:
    if token.dep_ in SKIPPED_IN_TERMS and token.lower_ != "-":
        return False
    if token.lower_ in POSSESSIVE_PRONOUNS or token.lower_ in {",", "is", "was", "are", "'s", "’s"}:
        return False
    return name_key(token.text) not in HONORIFICS and not token.is_space and token.text not in BULLETS


def _joins(ctx: _Context, prev: Any, token: Any) -> bool:
    if prev.i + 1 != token.i:
        return False
    a, b = ctx.token_mention.get(prev.i), ctx.token_mention.get(token.i)
    if a is not None or b is not None:
        return a == b  # another entity's name is one term, never glued to a title
    if not prev.whitespace_ or token.lower_ == "of" or prev.lower_ == "of":
        return True  # "so-called", "secretary of state"
    if prev.lower_ in TITLE_PARTS and token.lower_ in ROLE_NOUNS:
        return True  # "Defense Minister" even when the parse hangs both on the name
    return bool(prev.head.i == token.i and prev.dep_ == "compound")


def _unit_text(unit: Sequence[Any]) -> str:
    text = "".join(t.text_with_ws for t in unit).strip().lower()
    return " ".join(text.split())


BULLETS = frozenset("•·▪►*")


def _label(ctx: _Context, article: str, entity: str, phrase: Iterable[int], terms: tuple[str, ...]) -> Label:
    indices = sorted(phrase)
    while len(indices) > 1 and ctx.doc[indices[0]].text in BULLETS:  # "• Maryam Violet, a witness"
        indices = indices[1:]
    first, last = ctx.doc[indices[0]], ctx.doc[indices[-1]]
    start, end = first.idx, last.idx + len(last)
    return Label(article, entity, start, end, ctx.body[start:end], terms)


# ---------------------------------------------------------------------------- pass 2: descriptions


def _descriptions(ctx: _Context, article: str, named: Sequence[Label]) -> list[Label]:
    covered = {i for lb in named for i in _token_range(ctx.doc, lb.start, lb.end)}
    roles = _roles(ctx, named)
    found = []
    for token in ctx.doc:
        if token.pos_ != "NOUN" or token.i in covered or token.i in ctx.token_entity:
            continue
        label = _describe(ctx, article, token, roles)
        if label is not None:
            found.append(label)
    return found


def _token_range(doc: Any, start: int, end: int) -> list[int]:
    return [t.i for t in _tokens_of(doc, start, end)]


def _roles(ctx: _Context, named: Sequence[Label]) -> dict[str, list[tuple[str, ...]]]:
    """Per entity, the describing terms this article gives it with its name."""
    roles: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for label in named:
        if label.terms:
            roles[label.entity].append(label.terms)
    return roles


def _describe(
    ctx: _Context, article: str, noun: Any, roles: dict[str, list[tuple[str, ...]]]
) -> Label | None:
    lemma = noun.lemma_.lower()
    if lemma not in ROLE_NOUNS and lemma not in REGIME_NOUNS:
        return None
    core = _core(ctx, noun)
    country = _country_qualifier(ctx, noun, core)
    if not _definite(noun, country):
        return None
    if lemma in REGIME_NOUNS:
        entity = ctx.country_entities.get(country or "") or _by_role(ctx, roles, [lemma], None)
    else:
        entity = _by_role(ctx, roles, _role_words(ctx, noun, core), country)
        if entity is None and country is not None and lemma in HEAD_OF_STATE:
            entity = _head_of_state(roles, country)
    if entity is None:
        return None
    terms = _terms(ctx, sorted(core), -1)
    return _label(ctx, article, entity, core | _locative(ctx, noun), terms)


def _definite(noun: Any, country: str | None) -> bool:
    """ "the leader", "North Korea's leader"; never "a leader" or "his leader" (someone else's)."""
    for child in noun.lefts:
        if child.dep_ == "det":
            return bool(child.lower_ in DEFINITE)
        if child.dep_ == "poss":
            return country is not None
    return country is not None and noun.dep_ != "compound"


def _role_words(ctx: _Context, noun: Any, core: set[int]) -> list[str]:
    """The role as words: "secretary of state" -> [secretary, state]; country names are left out."""
    words = []
    for i in sorted(core):
        token = ctx.doc[i]
        if i in ctx.token_entity or token.dep_ in SKIPPED_IN_TERMS or token.lower_ == "of":
            continue
        if token.i == noun.i or token.lower_ in TITLE_PARTS or token.head.i != noun.i or token.pos_ == "NOUN":
            words.append(token.lemma_.lower())
    return [w for w in words if w not in DEMONYMS and w not in POSSESSIVE_PRONOUNS]


def _by_role(
    ctx: _Context, roles: dict[str, list[tuple[str, ...]]], words: list[str], country: str | None
) -> str | None:
    """The one entity this article names with these role words (and this country, when one is given)."""
    wanted = set(words)
    candidates = [
        e for e, term_lists in roles.items() if any(_has_role(terms, wanted) for terms in term_lists)
    ]
    if country is not None:  # "the US president" is not "Russian President Vladimir Putin"
        same = [e for e in candidates if country in _countries_in(roles[e])]
        unstated = [e for e in candidates if not _countries_in(roles[e])]
        candidates = same or unstated
    return candidates[0] if len(candidates) == 1 else None


def _head_of_state(roles: dict[str, list[tuple[str, ...]]], country: str) -> str | None:
    candidates = [
        e
        for e, term_lists in roles.items()
        if country in _countries_in(term_lists)
        and any(_has_role(t, {r}) for t in term_lists for r in HEAD_OF_STATE)
    ]
    return candidates[0] if len(candidates) == 1 else None


def _has_role(terms: tuple[str, ...], wanted: set[str]) -> bool:
    words = {w.rstrip(".") for term in terms for w in re.split(r"[\s-]+", term)}
    words |= {w[:-1] for w in words if w.endswith("s")}  # "secretaries", a cheap lemma
    return bool(wanted) and wanted <= words


def countries_named(terms: tuple[str, ...]) -> set[str]:
    """The countries one naming phrase's describing words name ("south korean", "foreign minister")."""
    return _countries_in([terms])


def _countries_in(term_lists: list[tuple[str, ...]]) -> set[str]:
    return {c for terms in term_lists for term in terms if (c := _country_from_text(term))}


def _country_from_text(text: str) -> str | None:
    key = name_key(text)
    gaz = gazetteer()
    return DEMONYMS.get(key) or gaz.names.get(key) or gaz.capitals.get(key)


def _country_qualifier(ctx: _Context, noun: Any, core: set[int]) -> str | None:
    """The country a phrase names: a demonym or country in its modifiers, or "in/of <country>" after it."""
    for i in sorted(core | _locative(ctx, noun)):
        if i == noun.i:
            continue
        country = _country_of_token(ctx, ctx.doc[i])
        if country:
            return country
    return None


def _country_of_token(ctx: _Context, token: Any) -> str | None:
    mention = ctx.token_mention.get(token.i)
    if mention is not None:
        return _country_from_text(ctx.mention_texts[mention])
    return _country_from_text(token.text)


def _locative(ctx: _Context, noun: Any) -> set[int]:
    """ "the regime in Pyongyang": a prepositional phrase naming a place right after the noun."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in {"in", "of"} and child.i == noun.i + 1:
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and _country_of_token(ctx, objects[0]):
                return set(range(child.i, child.right_edge.i + 1))
    return set()
