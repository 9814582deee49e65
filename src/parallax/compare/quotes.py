"""Group the renderings of one statement across outlets, classify them, and show word-level differences.

Two quotes from different articles render the same statement when their words largely coincide (one
contained in the other: a partial quote) or their meaning does (cosine of the content vectors: a
translation or paraphrase), and their speakers do not disagree. When both speakers are known and
differ, the pair is an attribution conflict instead (see conflicts.py).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS

from parallax.compare.languages import language_name
from parallax.embed import Embedder
from parallax.model import Finding, Quote, Rendering, RenderingClass, Span

SAME_STATEMENT = 0.70  # MiniLM cosine above which two quoted passages say the same thing
# ... and above which they do when one speaker says both and the sentences they stand in were aligned as
# one fact: a translation that rewords the whole statement (the example's Park Jin, "I don't think China
# is in a position to like North Korea-Russia growing closer …" / "The growing closeness between these two
# countries … is not something that China would like to see", cosine 0.60)
ALIGNED_STATEMENT = 0.5
LONGER_BY = 1.5  # a translated rendering this many times as long as the other says more than the statement
# ... when they also share this share of the shorter's content words (stems of STEM letters): on 14 such
# pairs read by hand in nine Giveme5W1H stories the right ones share 0.42-0.88, three of four wrong ones
# 0.33 or less (the fourth, two words long, shares "missile")
SHARED_CONTENT = 0.4
STEM = 5
CONTAINED = 0.8  # share of the shorter quote's words found in the longer one
MINOR_EDIT = 0.85  # difflib ratio of word sequences for a light edit (tense, article, punctuation)
MIN_WORDS = 2  # one-word scare quotes ("experts") are not statements
# A fragment this short inside another speaker's longer quote ("play a role") is a common phrase, not
# evidence that the two outlets disagree on who said one statement.
SHORT_FRAGMENT = 3
EDITED_CUT = 8  # words a cut needs before a light edit inside it still reads as a cut
PIECE_WORDS = 3  # a piece of a statement, not a phrase any statement may hold ("constructive role")
OVERLAP_RUN = 5  # words two cuts of one statement give alike, so they are not a stock phrase
RANK: dict[RenderingClass, int] = {
    "verbatim": 3,
    "minor edit": 2,
    "partial": 1,
    "paraphrase or translation": 0,
    "altered meaning": -1,
}
FAITHFUL: frozenset[RenderingClass] = frozenset({"verbatim", "minor edit", "partial"})
WORD = re.compile(r"[\w’'-]+")
NEGATORS = frozenset(
    {"not", "no", "never", "none", "nobody", "nothing", "neither", "nor", "without", "cannot"}
)
NUMBER = re.compile(r"^\d[\d,.]*$")


@dataclass(frozen=True)
class QuoteGroups:
    quotes: list[Quote]  # every input quote, with its group id set
    findings: list[Finding]  # one finding per statement quoted by two or more articles
    misattributed: list[tuple[Quote, Quote]]  # same statement, different known speakers
    translated: tuple[Span, ...] = ()  # contents of renderings joined to a statement only by an aligned fact


def words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in WORD.findall(text)]


NAME_JOINERS = frozenset(
    {"a", "an", "and", "at", "by", "de", "for", "in", "of", "on", "or", "the", "to", "with"}
)
MAX_NAME_WORDS = 6  # "Meet the Press", "State of the Union", "Midnight in the American Empire"


def name_only(text: str) -> bool:
    """A name in quotation marks ("Panama Papers", a programme's "Meet the Press", a book's "Midnight in
    the American Empire"): what something is called, not a statement, so it is no rendering of anyone's
    words (its words would join it to every longer quote that names the thing) and no quotation of the
    speaker the quote reader gives it."""
    ws = WORD.findall(text)
    content = [w for w in ws if w.casefold() not in NAME_JOINERS and w[0].isalpha()]
    return 0 < len(ws) <= MAX_NAME_WORDS and bool(content) and all(w[:1].isupper() for w in content)


def _statement(text: str) -> bool:
    """Words someone said, not a one-word scare quote ("experts") or a name in quotation marks."""
    return len(words(text)) >= MIN_WORDS and not name_only(text)


def _stems(ws: list[str]) -> set[str]:
    """Content words, cut to a crude stem so "leak"/"leaks", "crash"/"crashed", "end"/"ending" and
    "non-consensual"/"nonconsensual" meet; a possessive is its name, and a contraction ("it's",
    "shouldn't") is no content word."""
    found = set()
    for w in ws:
        w = w.removesuffix("'s")
        if w in STOP_WORDS or "'" in w:
            continue
        w = w.replace("-", "")
        for suffix in ("ing", "ed", "es", "s"):
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)]
                break
        found.add(w[:STEM])
    return found


def _same_content(a: list[str], b: list[str]) -> bool:
    """Whether two renderings that share few words in order still share their content words: a
    translation or paraphrase keeps most names, numbers and nouns ("totally unacceptable" / "absolutely
    unacceptable and irresponsible"). Two statements about one story score high on meaning alone ("the
    Panama Papers include 11.5 million documents" / "all content related to the Panama Papers leak
    case", cosine 0.76) and share only the story's name."""
    stems_a, stems_b = _stems(a), _stems(b)
    shorter = min(len(stems_a), len(stems_b))
    # One word in common is a topic, not a statement ("The rocket is looking good." / "This rocket's great
    # for a lot of reasons", both Musk's, on two occasions): two unless the shorter has only one.
    return shorter > 0 and len(stems_a & stems_b) >= max(SHARED_CONTENT * shorter, min(2, shorter))


def _containment(a: list[str], b: list[str]) -> float:
    """Share of the shorter word list found, in order, in the longer one, and no more than the share of its
    content words (stems) the longer one has: BBC's “hijacking our minds and society” matches four of five
    words of a longer quote, “protect our minds from … our lives and society”, but only two of its three
    content words; a quotation cut from a longer one keeps them all."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return 0.0
    matcher = difflib.SequenceMatcher(a=short, b=long_, autojunk=False)
    in_order = sum(block.size for block in matcher.get_matching_blocks()) / len(short)
    content = _stems(short)
    if not content:
        return in_order
    return min(in_order, len(content & _stems(long_)) / len(content))


def _negations(ws: list[str]) -> int:
    """Negations that deny something: "not only … but also" asserts both halves."""
    following = [*ws[1:], ""]
    return sum(
        (w in NEGATORS or w.endswith("n't")) and nxt not in {"only", "just", "merely"}
        for w, nxt in zip(ws, following, strict=True)
    )


def _altered(a: list[str], b: list[str]) -> bool:
    """One rendering negates what the other asserts, or gives other numbers: not the same words at all."""
    if _negations(a) % 2 != _negations(b) % 2:
        return True
    numbers_a, numbers_b = {w for w in a if NUMBER.match(w)}, {w for w in b if NUMBER.match(w)}
    return bool(numbers_a and numbers_b and numbers_a != numbers_b)


def _window(short: list[str], long_: list[str]) -> list[str]:
    """The stretch of the longer word list that the shorter one spans, its unmatched ends included."""
    matcher = difflib.SequenceMatcher(a=short, b=long_, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return long_
    first, last = blocks[0], blocks[-1]
    lead, tail = first.a, len(short) - (last.a + last.size)  # short's words before and after the match
    return long_[max(0, first.b - lead) : last.b + last.size + tail]


def classify(text: str, other: str) -> RenderingClass:
    """How `text` renders the statement that `other` renders too.

    Read on the words alone (``_compared_words``: no quotation marks or dashes, "U.S." as "US",
    "there's" as "there is"). A cut, the shorter word for word a stretch of the longer or the two
    different cuts of one longer statement, is `partial` even with a light edit inside it, as a reader
    calls it (Giveme5W1H's renderings, ``benchmarks/renderings.py``); the shorter reworded inside the
    stretch it spans is a paraphrase however many of its words the longer holds."""
    a, b = _compared_words(text), _compared_words(other)
    if a == b:
        return "verbatim"
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    # The shorter is compared with the stretch of the longer it matches: a negation outside is not in view.
    window = _window(short, long_)
    if _altered(short, window):
        return "altered meaning"
    if _cut(short, long_, window) or _overlapping_cuts(a, b):
        return "partial" if len(a) < len(b) else "verbatim"
    if _ratio(a, b) >= MINOR_EDIT:
        return "minor edit"
    if _containment(a, b) >= CONTAINED and _ratio(short, window) >= MINOR_EDIT:
        return "minor edit"  # the shorter skips a word or two inside what it quotes: an edit, not a cut
    return "paraphrase or translation"


QUOTE_CHARACTERS = "'’‘\"“”"
DOTTED = re.compile(r"\b(?:[A-Za-z]\.){2,}")
CONTRACTIONS = {"n't": ["not"], "'re": ["are"], "'ll": ["will"], "'ve": ["have"], "'m": ["am"]}
IS_BEFORE = frozenset({"it", "that", "there", "here", "what", "he", "she", "who", "where", "how"})


def _compared_words(text: str) -> list[str]:
    """Words as a reader compares two renderings: quotation marks, dashes and the stops of an
    abbreviation are punctuation, and a contraction is the words it stands for ("can't" is "can not")."""
    out: list[str] = []
    for word in words(DOTTED.sub(lambda m: m.group().replace(".", ""), text)):
        word = word.strip(QUOTE_CHARACTERS + "-")
        if not any(c.isalnum() for c in word):
            continue
        for ending, full in CONTRACTIONS.items():
            if word.endswith(ending) and len(word) > len(ending):
                stem = word[: -len(ending)]
                out += ["can" if stem == "ca" else "will" if stem == "wo" else stem, *full]
                break
        else:
            stem = word.removesuffix("'s")
            out += [stem, "is"] if stem in IS_BEFORE and stem != word else [word]
    return out


def _ratio(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()


def _cut(short: list[str], long_: list[str], window: list[str]) -> bool:
    """The shorter is a stretch of the longer, word for word or, when it is long enough for one word not
    to weigh much, with a light edit, and the longer says more around it: an excerpt ("a very sad day" is
    no cut of "it's a sad day all the way around")."""
    if len(window) >= len(long_):
        return False
    return short == window or (len(short) >= EDITED_CUT and _ratio(short, window) >= MINOR_EDIT)


def _word_for_word_in(a: list[str], b: list[str]) -> bool:
    """The shorter rendering's words stand, in a row, in the longer one."""
    return any(b[i : i + len(a)] == a for i in range(len(b) - len(a) + 1))


def _overlapping_cuts(a: list[str], b: list[str]) -> bool:
    """Two cuts of one longer statement: one run of words both give, word for word, with each one's other
    words only before or after it ("It was Uma's suggestion. To just wrap … choke her" / "to just wrap …
    choke her. Not forever …"); the run is most of the shorter."""
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    run = max(matcher.get_matching_blocks(), key=lambda m: m.size)
    if run.size < OVERLAP_RUN or run.size < min(len(a), len(b)) / 2:
        return False
    a_after, b_after = len(a) - (run.a + run.size), len(b) - (run.b + run.size)
    return (run.a == 0 and b_after == 0) or (run.b == 0 and a_after == 0)


def word_diff(text: str, reference: str) -> str:
    """A word diff from `reference` to `text`: removed words as [-w-], added as {+w+}."""
    a, b = reference.split(), text.split()
    out: list[str] = []
    # Words match without the punctuation a cut leaves or takes ("hard." / "hard"); each shows as written.
    keys_a, keys_b = [_bare(w) for w in a], [_bare(w) for w in b]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(b[j1:j2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _bare(word: str) -> str:
    """A word as compared: without the punctuation a cut leaves, the case, the apostrophe's form or a
    handle's "@" ("That’s" / "That's", "@Cubs" / "Cubs" are one word written two ways, not an edit); a
    dash is a dash whatever its length ("RED HANDED - very" / "RED HANDED — very"), as the class reads it."""
    if word.strip(DASHES) == "":
        return "-"
    bare = word.rstrip(".,;:!?") or word
    return bare.replace("’", "'").casefold().lstrip("@#") or bare


DASHES = "-‐‑‒–—―"


def _facts_of(quote: Quote, aligned: Sequence[Sequence[Span]]) -> set[int]:
    """The aligned facts whose renderings hold the quotation."""
    content = quote.content
    return {
        i
        for i, spans in enumerate(aligned)
        if any(s.article == quote.article and s.start <= content.start < s.end for s in spans)
    }


def _text(quote: Quote, bodies: dict[str, str]) -> str:
    return bodies[quote.article][quote.content.start : quote.content.end]


def group_quotes(
    quotes: Sequence[Quote],
    bodies: dict[str, str],
    embedder: Embedder,
    outlet_of: dict[str, str],
    *,
    prefix: str = "q",
    via_of: Mapping[str, str | None] | None = None,
    aligned: Sequence[Sequence[Span]] = (),
    languages: Languages | None = None,
) -> QuoteGroups:
    """Group quotes of one story's articles into statements and build quote findings.

    Pairs are joined strongest first, and a group never takes two quotes from one article: a short
    fragment ("constructive role") is contained in many longer quotes, and joining transitively would
    pull unrelated statements into one group. Group ids are ``{prefix}{n}``; ``via_of`` names the source
    an article republishes, if any (a second-hand rendering is not the likeliest original); ``aligned``
    holds the spans of each fact that claim alignment found in two or more outlets; ``languages`` what
    language each article first reported in and each speaker spoke (``compare.languages``), when known.
    """
    candidates = [i for i, q in enumerate(quotes) if q.kind != "indirect" and _statement(_text(q, bodies))]
    texts = [_text(quotes[i], bodies) for i in candidates]
    tokens = [words(t) for t in texts]
    counts = [Counter(t) for t in tokens]
    # Only quotes of different outlets are compared: with one outlet there is nothing to embed for.
    one_outlet = len({outlet_of[quotes[i].article] for i in candidates}) < 2
    vectors = embedder.embed([] if one_outlet else texts)
    facts = [_facts_of(quotes[i], aligned) for i in candidates]
    pairs: list[tuple[float, int, int]] = []
    translated: list[tuple[float, int, int, int, int]] = []  # cosine, quotes, their word counts
    misattributed: list[tuple[Quote, Quote]] = []
    for x, y in itertools.combinations(range(len(candidates)), 2):
        qx, qy = quotes[candidates[x]], quotes[candidates[y]]
        if outlet_of[qx.article] == outlet_of[qy.article]:
            continue
        cosine = float(vectors[x] @ vectors[y])
        shorter = min(len(tokens[x]), len(tokens[y]))
        one_fact = bool(qx.speaker) and qx.speaker == qy.speaker and bool(facts[x] & facts[y])
        enough = ALIGNED_STATEMENT if one_fact else SAME_STATEMENT
        # Words in common bound the in-order match from above: most pairs are ruled out without difflib.
        common = sum((counts[x] & counts[y]).values())
        if cosine < enough and common < CONTAINED * shorter:
            continue
        contained = _containment(tokens[x], tokens[y])
        if contained < CONTAINED and (cosine < enough or not _same_content(tokens[x], tokens[y])):
            continue
        if contained < CONTAINED and _voices_apart(qx, qy):
            continue  # other words from another named voice: two statements on one topic, not one
        if contained < CONTAINED and cosine < SAME_STATEMENT:
            # joined only by the aligned fact
            translated.append((cosine, candidates[x], candidates[y], len(tokens[x]), len(tokens[y])))
            continue
        if qx.speaker and qy.speaker and qx.speaker != qy.speaker:
            # Two speakers on one topic say similar things (each side answers the other): only the same
            # words, a statement rather than a stock phrase, are one statement given to two people.
            if shorter <= SHORT_FRAGMENT or contained < CONTAINED:
                continue
            if _two_people(qx, qy, bodies):
                misattributed.append((qx, qy))
            else:  # one statement whose speakers may be one voice: grouped, for the role rule to judge
                pairs.append((cosine + contained, candidates[x], candidates[y]))
        else:
            pairs.append((cosine + contained, candidates[x], candidates[y]))
    groups = {i: [i] for i in candidates}
    joined = {frozenset((i, j)) for _, i, j in pairs}
    words_of = {candidates[x]: tokens[x] for x in range(len(candidates))}
    # Strongest first; of pairs alike, the longer renderings first, so that an outlet's whole rendering,
    # not a piece it quotes again, stands for it in the group.
    strongest = sorted(
        pairs, key=lambda p: (p[0], len(words_of[p[1]]) + len(words_of[p[2]]), p), reverse=True
    )
    for _, i, j in strongest:
        gi, gj = groups[i], groups[j]
        if gi is gj or {quotes[k].article for k in gi} & {quotes[k].article for k in gj}:
            continue
        if not _speakers_clash(gi, gj, quotes, joined):
            _merge(groups, gi, gj)
    # A group takes one quote an article, but an outlet may quote one statement in pieces.
    for _, i, j in strongest:
        for part, whole in ((i, j), (j, i)):
            if len(groups[part]) == 1 and _another_part(part, whole, groups[whole], quotes, words_of, joined):
                _merge(groups, groups[whole], groups[part])
    for _, i, j in strongest:
        gi, gj = groups[i], groups[j]
        if (
            gi is not gj
            and _pieces_of_one(gi, gj, quotes, words_of)
            and not _speakers_clash(gi, gj, quotes, joined)
        ):
            _merge(groups, gi, gj)
    # A statement translated anew joins only a rendering no other statement took: the weaker evidence
    # never pulls a quote out of, or into, a group the words and meaning made.
    anew: list[Span] = []
    for _, i, j, size_i, size_j in sorted(translated, reverse=True):
        if len(groups[i]) == 1 and len(groups[j]) == 1:
            _merge(groups, groups[i], groups[j])
            # of the two, a rendering about as long as the other words the same statement anew; one
            # LONGER_BY longer says more than it (the Telegraph's Lauda runs on past the Sun's)
            sizes = ((i, size_i, size_j), (j, size_j, size_i))
            anew += [quotes[k].content for k, size, other in sizes if size < LONGER_BY * other]
    unique_groups = list({id(g): g for g in groups.values()}.values())
    context = _Context(bodies, outlet_of, via_of or {}, languages or Languages({}, {}))
    found = _finish(quotes, context, unique_groups, misattributed, prefix)
    return replace(found, translated=tuple(anew))


def _merge(groups: dict[int, list[int]], group: list[int], other: list[int]) -> None:
    group.extend(other)
    for k in other:
        groups[k] = group


def _another_part(
    part: int,
    whole: int,
    group: list[int],
    quotes: Sequence[Quote],
    words_of: Mapping[int, list[str]],
    joined: set[frozenset[int]],
) -> bool:
    """A quote its outlet gives as one more piece of a statement already grouped: an article that quotes
    Trump's tweet in pieces ("red handed", then "very disappointed") beside another outlet's whole tweet.
    Each piece is part of the whole rendering (joined with it as such) and says what its article's other
    pieces in the group do not, so it is no repetition; a group otherwise takes one quote an article."""
    article = quotes[part].article
    own = [k for k in group if quotes[k].article == article]
    piece = words_of[part]
    return (
        bool(own)
        and quotes[whole].article != article
        and frozenset((part, whole)) in joined
        and len(piece) < len(words_of[whole])
        and _containment(piece, words_of[whole]) >= CONTAINED
        and all(not quotes[k].content.overlap(quotes[part].content) for k in own)
        and all(_containment(piece, words_of[k]) < CONTAINED for k in own)
        and not _speakers_clash([part], group, quotes, joined)
    )


def _pieces_of_one(
    group: list[int], other: list[int], quotes: Sequence[Quote], words_of: Mapping[int, list[str]]
) -> bool:
    """Two groups of one statement kept apart because an outlet quotes it in two pieces, one in each
    (Sarah Silverman's tweet, whole in some outlets, "We just live in different countries and it got
    hard" in others), or quotes it whole and a piece of it again, which another outlet's piece joined:
    every outlet in both gives pieces that do not overlap, one of which stands word for word in another
    outlet's rendering in the other group. A phrase two statements share ("constructive role") joins no
    groups: the outlets quoting both statements quote neither inside the other."""
    articles = {quotes[k].article for k in group} & {quotes[k].article for k in other}
    if not articles:
        return False
    for article in articles:
        mine = [k for k in group if quotes[k].article == article]
        theirs = [k for k in other if quotes[k].article == article]
        if any(quotes[a].content.overlap(quotes[b].content) for a in mine for b in theirs):
            return False
        if not any(
            _inside_another(k, elsewhere, quotes, words_of)
            for k, elsewhere in [*((k, other) for k in mine), *((k, group) for k in theirs)]
        ):
            return False
    return True


def _inside_another(
    piece: int, group: list[int], quotes: Sequence[Quote], words_of: Mapping[int, list[str]]
) -> bool:
    """The piece, three words or more, stands in order in as long a rendering from another article."""
    words = words_of[piece]
    return len(words) >= PIECE_WORDS and any(
        quotes[k].article != quotes[piece].article
        and len(words_of[k]) >= len(words)
        and _containment(words, words_of[k]) >= CONTAINED
        for k in group
    )


def _voices_apart(qx: Quote, qy: Quote) -> bool:
    """Both outlets name who speaks, and not one voice: a paraphrase is then two statements on one topic
    (CNN's "a South Korean official" calling the flights "a show of force …" and the NYT's Barry Pavel
    on "Rolling Back the Growing North Korean Threat", cosine 0.71). A quote whose speaker no one found
    may be anyone's, and a role ("the transport police", "the four-times champion") may be the named
    person's; names that share a word ("Abe" / "Shinzo Abe") are one voice."""
    if not (qx.speaker_name and qy.speaker_name) or (qx.speaker and qx.speaker == qy.speaker):
        return False
    x, y = _name_words(qx.speaker_name), _name_words(qy.speaker_name)
    return bool(x) and bool(y) and not x & y


def _name_words(name: str) -> set[str]:
    """The capitalised words of a speaker's name, without a possessive ("the South’s foreign ministry")."""
    found = (POSSESSIVE.sub("", w).casefold() for w in WORD.findall(name) if w[:1].isupper())
    return {w for w in found if w not in STOP_WORDS}


def _speakers_clash(
    group: Sequence[int], other: Sequence[int], quotes: Sequence[Quote], joined: set[frozenset[int]]
) -> bool:
    """Two groups whose known speakers differ, joined only through a quote whose speaker is unknown (the
    Sun's Boris Johnson, through CNN's unattributed statement, with NPR's Abe): one statement per group
    holds one voice unless the words themselves tied those two speakers' quotes together."""
    return any(
        quotes[a].speaker and quotes[b].speaker and quotes[a].speaker != quotes[b].speaker
        and frozenset((a, b)) not in joined
        for a in group
        for b in other
    )  # fmt: skip


def _two_people(qx: Quote, qy: Quote, bodies: dict[str, str]) -> bool:
    """Two different people, each named where the outlet quotes them. A body and a person (a network and
    its host, a party and its senator) may be one voice: the role rule of compare/conflicts.py judges
    those. A bare family name is the same person where the entities were not merged ("Elliott" /
    "Michael Elliott", "Park" / "Park Jin"). A speaker found through a pronoun or an earlier sentence,
    or named only inside a source that is a body or someone else ("the Obama campaign", "Grimm's
    lawyer, William McGinley"), is the resolver's guess, too weak to say that two outlets disagree."""
    if not (str(qx.speaker).startswith("person:") and str(qy.speaker).startswith("person:")):
        return False
    x, y = (q.speaker_name.split() if q.speaker_name else [] for q in (qx, qy))
    # a single word among the other name's words, in either order ("Park" / "Park Jin", "Khan")
    if not x or not y or (len(x) == 1 and x[0] in y) or (len(y) == 1 and y[0] in x):
        return False
    return all(named_at_quote(q, name, bodies) for q, name in ((qx, x), (qy, y)))


def named_at_quote(quote: Quote, name: list[str], bodies: dict[str, str]) -> bool:
    """Whether the outlet names the speaker as the one who says the quote: the source mention ends in a
    word of the speaker's name (either order: "Park Jin") and stands in the quotation's own sentence.

    A name that only modifies the source ("the Obama campaign", "Grimm's lawyer, William McGinley")
    names a body or someone else speaking for the person; a source in an earlier sentence ("Meredith
    Vieira asked Trump, “…?” His response: “…”") is the resolver's carry-over, not the outlet's word.
    """
    if quote.source is None:
        return False
    body = bodies[quote.article]
    last = WORD.findall(body[quote.source.start : quote.source.end])[-1:] or [""]
    head = POSSESSIVE.sub("", last[0])
    if not any(len(part) > 1 and part == head for part in name):
        return False
    source, content = quote.source, quote.content
    first, second = (source, content) if source.start < content.start else (content, source)
    return not _sentence_break(body[first.end : second.start])


POSSESSIVE = re.compile(r"['’]s?$")
# A sentence ends and the next begins: ". “", "? His", ". The"; a title's stop ("Mr. Smith") does not count.
SENTENCE_BREAK = re.compile(r"(\w*)[.?!][\"”’]?\s+[\"“‘]?[A-Z]")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "rep", "sen", "gov", "gen", "lt", "col", "sgt", "prof",
}  # fmt: skip


def _sentence_break(text: str) -> bool:
    for match in SENTENCE_BREAK.finditer(text):
        word = match.group(1)
        if word.casefold() in ABBREVIATIONS or (len(word) == 1 and word.isupper()):  # "U.S. Attorney"
            continue
        return True
    return False


@dataclass(frozen=True)
class _Context:
    bodies: dict[str, str]
    outlet_of: dict[str, str]
    via_of: Mapping[str, str | None]
    languages: Languages


@dataclass(frozen=True)
class Languages:
    """The language each article first reported in (``origin``, by article id: a credited translation's
    is its source's) and the one each speaker spoke (``spoken``, by entity id); either may be missing."""

    origin: Mapping[str, str | None]
    spoken: Mapping[str, str]


def _finish(
    quotes: Sequence[Quote],
    context: _Context,
    groups: list[list[int]],
    misattributed: list[tuple[Quote, Quote]],
    prefix: str,
) -> QuoteGroups:
    labelled = list(quotes)
    findings: list[Finding] = []
    ordered = sorted(groups, key=lambda g: (quotes[g[0]].article, quotes[g[0]].content.start))
    for number, group in enumerate(ordered, start=1):
        group_id = f"{prefix}{number}"
        for i in group:
            labelled[i] = replace(quotes[i], group=group_id)
        if len({context.outlet_of[quotes[i].article] for i in group}) > 1:
            findings.append(_finding([labelled[i] for i in group], context))
    return QuoteGroups(labelled, findings, misattributed)


def _closest(
    texts: list[str],
    classes: list[list[RenderingClass]],
    vias: list[str | None],
    origins: Sequence[str | None] = (),
    spoken: str | None = None,
) -> tuple[set[int], str]:
    """Which renderings are likely closest to what was said, and why; nothing when the evidence is silent.

    ``classes[i][k]`` is how rendering i renders what rendering k renders; ``origins[i]`` the language
    rendering i was first reported in, ``spoken`` the speaker's.
    """
    n = range(len(texts))
    # A container holds a shorter rendering word for word: a cut with an edit inside ("won't … in any
    # circumstances" of "will not … under any circumstances at all") is partial, but no evidence of which
    # outlet kept the words as said.
    compared = [_compared_words(t) for t in texts]
    longest = max(len(c) for c in compared)
    containers = {
        i
        for i in n
        if len(compared[i]) == longest  # a piece an outlet quotes again is held, not the holder
        and all(classes[k][i] in FAITHFUL for k in n if k != i)
        and any(classes[k][i] == "partial" and _word_for_word_in(compared[k], compared[i]) for k in n)
    }
    if containers and len(containers) < len(texts):
        return containers, "the longest version contains the shorter ones"
    # Reported in the language the speaker spoke while the others were translated: Park Jin's Korean in
    # Donga (read here in News Rebeat's translation), Blinken's English in a US outlet. Only when every
    # rendering's language is known: an unknown one may be the speaker's too.
    if spoken and len(origins) == len(texts) and all(origins):
        first = {i for i in n if origins[i] == spoken}
        if first and len(first) < len(texts):
            name = language_name(spoken)
            return first, f"reported in the speaker's language ({name}); the others are translations"
    agreeing = max(({k for k in n if words(texts[k]) == words(texts[i])} for i in n), key=len)
    if 1 < len(agreeing) < len(texts):
        return agreeing, f"same wording in {len(agreeing)} of {len(texts)} renderings"
    first_hand = {i for i in n if not vias[i]}
    if first_hand and len(first_hand) < len(texts):
        credited = sorted({v for v in vias if v})
        return first_hand, f"the other renderings are republished from {', '.join(credited)}"
    return set(), ""


def _finding(group: list[Quote], context: _Context) -> Finding:
    texts = [_text(q, context.bodies) for q in group]
    outlets = [context.outlet_of[q.article] for q in group]
    classes = [
        [classify(texts[i], texts[k]) if k != i else "verbatim" for k in range(len(group))]
        for i in range(len(group))
    ]
    languages = context.languages
    speakers = {q.speaker for q in group if q.speaker}
    spoken = languages.spoken.get(speakers.pop()) if len(speakers) == 1 else None
    closest, why = _closest(
        texts,
        classes,
        [context.via_of.get(q.article) for q in group],
        [languages.origin.get(q.article) for q in group],
        spoken,
    )
    # Every rendering is shown against one reference, the likely original when the evidence names one (the
    # longest then), so a reader sees how each outlet departs from it; the reference itself reads plain.
    reference = max(closest or range(len(group)), key=lambda i: len(texts[i]))
    renderings = []
    for i, quote in enumerate(group):
        others = [k for k in range(len(group)) if outlets[k] != outlets[i]]
        # Against the reference, as its diff is, so the class never contradicts the diff beside it; the
        # reference itself (and another article of its outlet) is classed by its most faithful match.
        if i != reference and outlets[i] != outlets[reference]:
            best = classes[i][reference]
        else:
            best = max((classes[i][k] for k in others), key=lambda c: RANK[c])
        renderings.append(
            Rendering(
                quote.article,
                quote.content.start,
                quote.content.end,
                texts[i],
                best,
                word_diff(texts[i], texts[reference]),
                closest=i in closest,
                why_closest=why if i in closest else "",
            )
        )
    speaker = next((q.speaker_name for q in group if q.speaker), None) or next(
        (q.speaker_name for q in group if q.speaker_name), None
    )
    citations = tuple(Span(q.article, q.content.start, q.content.end) for q in group)
    return Finding(
        "quote",
        texts[reference],
        citations,
        speaker=speaker,
        renderings=tuple(renderings),
        outlets=len(set(outlets)),
    )
