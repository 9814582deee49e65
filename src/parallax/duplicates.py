"""Rewrites and copies: near-duplicate articles, each linked to its likely original.

Three kinds of copy are told apart (``Duplicate.kind``):

- ``syndicated``: the same (wire) text, perhaps under another headline, with boilerplate or a few words
  changed: word-shingle Jaccard ≥ ``Thresholds.syndicated_jaccard``.
- ``rewrite``: an aggregator rewrite or an excerpt that reuses much of the original's text: the copy's
  shingles are mostly (≥ ``Thresholds.rewrite_containment``) contained in the original.
- ``republication``: a credited republication, typically a machine translation ("Source: Donga"): the
  copy's ``via`` credit names the other article's outlet (or initials, URL host or title) and at least
  ``Thresholds.anchor_containment`` of the copy's proper names and numbers occur in the other text,
  though their words may differ.

How pairs are found. Texts are NFKC-normalised, casefolded and split into word tokens; each article is
the set of its 5-word shingles (64-bit hashes). Candidate pairs come from MinHash LSH: one pass over the
whole texts and one over their leads (first ``LEAD_SHINGLES`` shingles), because an excerpt or a rewrite
of the first paragraphs of a long article has a low Jaccard with it but shares its lead. Candidates are
verified on the exact shingle sets, so LSH bounds recall, never precision. Credits are matched with
rapidfuzz on names reduced to lower-case letters and digits.

Why MinHash is done here in numpy and not with ``datasketch``: with ``datasketch`` (2.0.0, ``MinHash``
plus ``MinHashLSH``) the whole call ran at about 430 articles/s on the benchmark's 2-core machine, most of
it per-article Python in ``MinHashLSH.insert``/``query`` (a dict per band) and ``MinHash`` set-up; the
same scheme (affine hashing of mixed 32-bit values, banding) vectorised over all articles at once runs
at 1,700-2,000 articles/s with the same candidates, and needs no new dependency.

Which is the original. Linked articles form groups (copies of copies collapse to one root). The root is,
in order: an article that another member credits as its source; else the earliest ``published`` (an
undated article never beats a dated one: it carries no evidence; a date without a time cannot order
articles of that day); else the longest text (the copies' shingles are contained in it), where texts
within ``SAME_LENGTH`` of the longest count as equally long; else, a stable tie-break, the smallest
article id (the content hash, so the choice does not depend on input order).

Thresholds come from ``benchmarks/duplicates.py`` (seeded synthetic copies of real giveme5w1h articles,
tuning; ECB+ as a check; ``benchmarks/results/duplicates.md``). Moving one threshold at a time from the
defaults, overall F1 on giveme5w1h was 0.69 / 0.82 / 0.92 / 0.94 / 0.94 for a syndicated Jaccard of
0.4 / 0.5 / 0.6 / 0.7 / 0.8 (lower values call rewrites syndicated); 0.933 for a rewrite containment of
0.4-0.6, 0.936 at 0.7 and 0.927 at 0.8 (short rewrites are lost); 0.936 for an anchor containment of
0.3-0.6, falling from 0.7. The defaults are the start of the Jaccard plateau, the best containment and
the middle of the anchor plateau. No independent real report pair (same event or not) was linked at
any of these values.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np
from numpy.typing import NDArray
from rapidfuzz import fuzz

from parallax.linked import components
from parallax.model import Article, Duplicate, DuplicateKind

SHINGLE = 5
"""Words per shingle: long enough that two independent reports rarely share one by chance."""
NUM_PERM = 64
"""MinHash permutations."""
LSH_PARAMS = (21, 3)
"""LSH bands and rows: a pair at Jaccard J becomes a candidate with probability 1 - (1 - J^3)^21:
0.16 at J = 0.2, 0.75 at 0.4, 0.94 at 0.5, 0.994 at 0.6 (on the whole texts and, separately, the leads)."""
LEAD_SHINGLES = 60
"""Shingles of the lead indexed on their own (about the first 65 words)."""
CREDIT_MATCH = 90.0
"""rapidfuzz score (0-100) at which a ``via`` credit names an outlet ("donga" in "dongailbo" scores 100)."""
MIN_ANCHORS = 5
"""Fewer names and numbers than this are too few to tell one story from another."""
SAME_LENGTH = 0.1
"""Texts whose shingle counts differ by less than this share count as equally long."""

_TOKEN = re.compile(r"\w+")
_ANCHOR = re.compile(r"\b(?:[A-Z][\w'’-]*\w|\d[\d,.]*\d|\d)")
# Capitalised function words start sentences in every text; they are no evidence of a shared story.
_COMMON_WORDS = (
    "a an and as at but by for from he her his i if in it its mr mrs ms no not of on or our she so that the "
    "their there these they this those to we what when where which who why with you"
)
_COMMON_CAPS = frozenset(_COMMON_WORDS.split())
_POSSESSIVE = re.compile(r"['’]s$")
_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
                 0xFF51AFD7ED558CCD], dtype=np.uint64)  # fmt: skip
_HOST_PARTS = frozenset(
    {"www", "com", "co", "org", "net", "news", "edition", "uk", "au", "ca", "in", "ac", "go"}
)


@dataclass(frozen=True)
class Thresholds:
    """The decision thresholds; the defaults (``THRESHOLDS``) are the measured ones."""

    syndicated_jaccard: float = 0.7
    rewrite_containment: float = 0.7
    anchor_containment: float = 0.5
    min_shingles: int = 20
    """A text with fewer shingles (about 25 words) is too short to call a copy by its words alone."""


THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class _Profile:
    """What the comparison needs of one article."""

    article: Article
    shingles: NDArray[np.uint64]  # sorted, unique
    lead: NDArray[np.uint64]
    names: tuple[str, ...]  # outlet, host and title, reduced by _key
    date: tuple[dt.date, dt.time | None] | None


@dataclass(frozen=True)
class _Link:
    """Two articles found to be copies of one another, and whether ``b`` is credited by ``a``."""

    a: str
    b: str
    credited: bool
    credit_score: float = 0.0


# ---------------------------------------------------------------- profiles


def tokens(text: str) -> list[str]:
    """Casefolded word tokens of NFKC-normalised text."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


class WordHashes(dict[str, int]):
    """Stable 32-bit word hashes (CRC-32), computed once per distinct word of a call."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


def shingle_hashes(words: Sequence[str], table: WordHashes | None = None) -> NDArray[np.uint64]:
    """64-bit hashes of the text's ``SHINGLE``-word shingles in text order (one for a shorter text)."""
    if not words:
        return np.empty(0, dtype=np.uint64)
    lookup = (WordHashes() if table is None else table).__getitem__
    ids = np.fromiter(map(lookup, words), dtype=np.uint64, count=len(words))
    width = min(SHINGLE, len(ids))
    count = len(ids) - width + 1
    hashed = np.zeros(count, dtype=np.uint64)
    for j in range(width):  # order-sensitive combination; uint64 arithmetic wraps on purpose
        hashed = (hashed + ids[j : j + count] * _MIX[j]) ^ (hashed >> np.uint64(29))
    return hashed


@lru_cache(maxsize=1024)
def _anchors(text: str) -> frozenset[str]:
    """Proper names and numbers: what survives translation when the words do not."""
    words = _ANCHOR.findall(unicodedata.normalize("NFKC", text))
    found = (_POSSESSIVE.sub("", m.casefold()).replace(",", "") for m in words)
    return frozenset(a for a in found if a not in _COMMON_CAPS)


def _key(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", name).casefold() if ch.isalnum())


def _host(url: str | None) -> str:
    """The distinctive part of a URL's host: ``www.dongA.com`` → ``donga``."""
    if not url:
        return ""
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").split(".")
    return "".join(part for part in host if part not in _HOST_PARTS)


def _names(article: Article) -> tuple[str, ...]:
    """The names a credit may use for an article: outlet, its initials, URL host, title; reduced by _key."""
    outlet = article.outlet or ""
    # An outlet given as a host name ("www.dailymail.co.uk") is reduced like a URL's host.
    outlet_key = _host(outlet) if "." in outlet and " " not in outlet.strip() else _key(outlet)
    words = [w for w in _TOKEN.findall(outlet.casefold()) if w not in _COMMON_CAPS]
    initials = "".join(w[0] for w in words) if len(words) > 1 and " " in outlet.strip() else ""
    names = (outlet_key, initials, _host(article.url), _key(article.title or ""))
    return tuple(dict.fromkeys(n for n in names if n))


def credits_itself(article: Article, via: str) -> bool:
    """Whether a credit names the article's own outlet (Reuters' own "(Reuters)" dateline, AP's on
    apnews.com)."""
    return _names_own(via, _names(article))


def _names_own(via: str, names: tuple[str, ...]) -> bool:
    """Whether a credit names one of these names of an outlet, or its "<credit>news" host."""
    credit = _credit_key(via)
    return credit_score(via, names) >= CREDIT_MATCH or any(name == f"{credit}news" for name in names)


def _date(published: str | None) -> tuple[dt.date, dt.time | None] | None:
    if not published:
        return None
    text = published.strip()
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    has_time = len(text) > 10 and value.time() != dt.time(0)
    return value.date(), value.time() if has_time else None


COPIED_WITH_THE_PAGE = frozenset({"photo caption", "caption", "embedded post"})


def _profile(article: Article, table: WordHashes) -> _Profile:
    hashed = shingle_hashes(tokens(article.body), table)
    lead = np.unique(hashed[:LEAD_SHINGLES])
    # Captions and embedded posts are cut from the body but copied with the page: a copy that carries
    # them still shares them with its original.
    kept = [r.text for r in article.removed if r.reason in COPIED_WITH_THE_PAGE]
    if kept:
        hashed = np.concatenate([hashed, shingle_hashes(tokens("\n".join(kept)), table)])
    return _Profile(article, np.unique(hashed), lead, _names(article), _date(article.published))


# ---------------------------------------------------------------- candidates


def _hash_family() -> tuple[NDArray[np.uint32], NDArray[np.uint32]]:
    """Affine hash functions ``a * x + b`` modulo 2**32 (a odd), one per permutation, seeded.

    Over well-mixed 32-bit values (``_fmix32``) this is datasketch's ``affine32`` scheme; 32-bit
    arithmetic halves the memory traffic of the signature step, the costliest one.
    """
    rng = np.random.default_rng(1)
    a = rng.integers(0, 2**31, size=NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    return a, rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint32)


_A, _B = _hash_family()
_CHUNK = 100_000  # shingles hashed at once: NUM_PERM times this many 4-byte values (50 MB)


def _fmix32(values: NDArray[np.uint64]) -> NDArray[np.uint32]:
    """MurmurHash3's finaliser over the high 32 bits of each shingle hash."""
    h = (values >> np.uint64(32)).astype(np.uint32)
    h ^= h >> np.uint32(16)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    return h


def signatures(sets: Sequence[NDArray[np.uint64]]) -> NDArray[np.uint32]:
    """MinHash signatures, one row per set (an empty set gets all-ones and matches nothing)."""
    out = np.full((len(sets), NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    start = 0
    while start < len(sets):
        stop, size = start, 0
        while stop < len(sets) and (size == 0 or size + len(sets[stop]) <= _CHUNK):
            size, stop = size + len(sets[stop]), stop + 1
        _sign_chunk(sets[start:stop], out[start:stop])
        start = stop
    return out


def _sign_chunk(sets: Sequence[NDArray[np.uint64]], out: NDArray[np.uint32]) -> None:
    filled = [i for i, values in enumerate(sets) if len(values)]
    if not filled:
        return
    values = np.concatenate([sets[i] for i in filled])
    hashed = _fmix32(values)[:, None] * _A + _B  # uint32 arithmetic wraps on purpose
    offsets = np.cumsum([0, *(len(sets[i]) for i in filled[:-1])])
    out[filled] = np.minimum.reduceat(hashed, offsets, axis=0)


def _band_pairs(signature: NDArray[np.uint32], usable: NDArray[np.bool_]) -> set[tuple[int, int]]:
    """Index pairs (i < j) whose signatures agree on every row of some band."""
    bands, rows = LSH_PARAMS
    pairs: set[tuple[int, int]] = set()
    index = np.flatnonzero(usable)
    for band in range(bands):
        block = signature[index, band * rows : (band + 1) * rows]
        keys = (block.astype(np.uint64) * _MIX[:rows]).sum(
            axis=1
        )  # a collision of two different bands is harmless: verified
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
        sizes = np.diff(np.r_[starts, len(keys)])
        for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist(), strict=True):
            members = sorted(index[order[start : start + size]].tolist())
            pairs.update(itertools.combinations(members, 2))
    return pairs


ALL_PAIRS_BELOW = 16
"""Fewer articles than this are verified pair by pair: hashing signatures costs more than the pairs."""


def candidate_pairs(profiles: Sequence[_Profile]) -> set[tuple[int, int]]:
    """Pairs (i < j) worth verifying: similar whole texts or similar leads."""
    whole = [p.shingles for p in profiles]
    usable = np.array([len(s) > 0 for s in whole], dtype=bool)
    if len(profiles) < ALL_PAIRS_BELOW:
        return {(i, j) for i, j in itertools.combinations(range(len(profiles)), 2) if usable[i] and usable[j]}
    pairs = _band_pairs(signatures(whole), usable)
    return pairs | _band_pairs(signatures([p.lead for p in profiles]), usable)


# ---------------------------------------------------------------- verification


def overlap(a: NDArray[np.uint64], b: NDArray[np.uint64]) -> tuple[float, float]:
    """Jaccard of two sorted unique hash arrays, and the containment of the smaller in the larger."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared), shared / min(len(a), len(b))


def _text_kind(a: _Profile, b: _Profile, limits: Thresholds) -> tuple[DuplicateKind, float] | None:
    """``syndicated`` or ``rewrite`` with its score when the words say the two are copies."""
    if min(len(a.shingles), len(b.shingles)) < limits.min_shingles:
        return None
    jaccard, containment = overlap(a.shingles, b.shingles)
    if jaccard >= limits.syndicated_jaccard:
        return "syndicated", jaccard
    if containment >= limits.rewrite_containment:
        return "rewrite", containment
    return None


def anchor_containment(copy: frozenset[str], other: frozenset[str]) -> float:
    """Share of the copy's names and numbers found in the other text (0 below ``MIN_ANCHORS``).

    Containment, not Jaccard: a credited rewrite or excerpt keeps only some of the original's names.
    """
    return len(copy & other) / len(copy) if len(copy) >= MIN_ANCHORS else 0.0


def credit_score(via: str, names: Iterable[str]) -> float:
    """How well a ``via`` credit names one of an article's (reduced) names, 0-100.

    A whole-name match ("Donga" ~ "Dong-A") or a credit of at least five characters found inside a name
    ("donga" in "dongailbo", "reuters" in "thomsonreuters"); shorter credits ("AP", "BBC") must match
    whole, or the initials of a multi-word outlet name (``_names``).
    """
    credit = _credit_key(via)
    return max((_name_score(credit, name) for name in names), default=0.0) if credit else 0.0


@lru_cache(maxsize=1024)
def _credit_key(via: str) -> str:
    return _host(via) if "." in via and " " not in via.strip() else _key(via)  # "nytimes.com" -> "nytimes"


@lru_cache(maxsize=65536)
def _name_score(credit: str, name: str) -> float:
    score = fuzz.ratio(credit, name)
    if len(credit) >= 5 and len(name) >= len(credit):
        score = max(score, fuzz.partial_ratio(credit, name))
    return float(score)


def _credit_links(profiles: Sequence[_Profile], limits: Thresholds) -> list[_Link]:
    """Each credited article linked to the best-matching article its credit names, if the anchors agree."""
    links = []
    for copy in profiles:
        via = copy.article.via
        if not via:
            continue
        if _names_own(via, copy.names):
            continue  # a credit of one's own outlet names no other source
        named = [
            (score, p)
            for p in profiles
            if p is not copy and (score := credit_score(via, p.names)) >= CREDIT_MATCH
        ]
        support = {p.article.id: _support(copy, p, limits) for _, p in named}
        # The best-supported; among equals the smallest id, so the choice does not depend on input order.
        best = min(named, key=lambda sp: (-support[sp[1].article.id], sp[1].article.id), default=None)
        if best is not None and support[best[1].article.id] > 0:
            links.append(_Link(copy.article.id, best[1].article.id, credited=True, credit_score=best[0]))
    return links


def _support(copy: _Profile, other: _Profile, limits: Thresholds) -> float:
    """Evidence beyond the credit that ``other`` is the story ``copy`` republishes (0 when none)."""
    if _text_kind(copy, other, limits) is not None:
        return 2.0  # shared words outrank any anchor agreement (at most 1)
    anchors = anchor_containment(_anchors(copy.article.body), _anchors(other.article.body))
    return anchors if anchors >= limits.anchor_containment else 0.0


# ---------------------------------------------------------------- groups and originals


def _groups(ids: Sequence[str], links: Iterable[_Link]) -> list[list[str]]:
    index = {article: i for i, article in enumerate(ids)}
    joined = components(len(ids), [(index[link.a], index[link.b]) for link in links])
    return [sorted(ids[i] for i in group) for group in joined]


def _root(members: Sequence[_Profile], credited: set[str]) -> tuple[_Profile, str]:
    """The group's likely original and the rule that chose it."""
    pool = [p for p in members if p.article.id in credited]
    rule = "credited as source"
    if not pool:
        pool, rule = list(members), ""
    earliest = _earliest(pool)
    if len(earliest) < len(pool):
        rule = rule or "published first"
    pool = earliest
    longest = max(len(p.shingles) for p in pool)
    long_enough = [p for p in pool if len(p.shingles) >= (1 - SAME_LENGTH) * longest]
    if len(long_enough) < len(pool):
        rule = rule or "contains the others"
    pool = long_enough
    if len(pool) > 1:
        rule = rule or "tie: smallest id"
    return min(pool, key=lambda p: p.article.id), rule


def _earliest(pool: Sequence[_Profile]) -> list[_Profile]:
    """The members published first: by day, then by time where all of that day's members give one.

    An undated member never beats a dated one (it carries no evidence); with no dates, all stay.
    """
    dated = [p for p in pool if p.date is not None]
    if not dated:
        return list(pool)
    first_day = min(p.date[0] for p in dated if p.date)
    same_day = [p for p in dated if p.date and p.date[0] == first_day]
    times = [p.date[1] for p in same_day if p.date]
    if None in times:  # "2023-11-09" against "2023-11-09T10:00": the day alone cannot order them
        return same_day
    first = min(t for t in times if t is not None)
    return [p for p in same_day if p.date and p.date[1] == first]


def _describe(
    copy: _Profile, root: _Profile, rule: str, limits: Thresholds
) -> tuple[DuplicateKind, float, str]:
    jaccard, containment = overlap(copy.shingles, root.shingles)
    via = copy.article.via
    credit = (
        f"credit {via!r} names {root.article.label!r}; "
        if via and credit_score(via, root.names) >= CREDIT_MATCH
        else ""
    )
    figures = f"Jaccard {jaccard:.2f}, containment {containment:.2f}"
    if jaccard >= limits.syndicated_jaccard:
        kind: DuplicateKind = "syndicated"
        score = jaccard
    elif containment >= limits.rewrite_containment:
        kind, score = "rewrite", containment
    elif credit:
        kind, score = (
            "republication",
            anchor_containment(_anchors(copy.article.body), _anchors(root.article.body)),
        )
        figures = f"anchor containment {score:.2f}; {figures}"
    else:  # linked through another copy: the chain decides, the direct figures are weaker
        kind, score = "rewrite", containment
        figures = f"via another copy; {figures}"
    return kind, round(score, 4), f"{credit}{figures}; original {rule}"


def find_duplicates(articles: Sequence[Article], limits: Thresholds = THRESHOLDS) -> list[Duplicate]:
    """Copies among ``articles``, each pointing at the root original of its group, sorted by article id.

    At most one ``Duplicate`` per copy; originals are never copies themselves. Articles with the same id
    (identical bodies) are taken once.
    """
    table = WordHashes()
    profiles = list({a.id: _profile(a, table) for a in articles}.values())
    pairs = candidate_pairs(profiles)
    links = [
        _Link(profiles[i].article.id, profiles[j].article.id, credited=False)
        for i, j in sorted(pairs)
        if _text_kind(profiles[i], profiles[j], limits) is not None
    ]
    credit_links = _credit_links(profiles, limits)
    by_id = {p.article.id: p for p in profiles}
    credited = {link.b for link in credit_links}
    found = []
    for group in _groups(list(by_id), [*links, *credit_links]):
        root, rule = _root([by_id[i] for i in group], credited)
        for member in group:
            if member != root.article.id:
                kind, score, evidence = _describe(by_id[member], root, rule, limits)
                found.append(Duplicate(member, root.article.id, kind, score, evidence))
    return sorted(found, key=lambda d: d.article)


def collapse_copies(article_ids: Iterable[str], duplicates: Iterable[Duplicate]) -> set[str]:
    """The independent originals behind ``article_ids``: each copy replaced by its original.

    Use it to count outlets once: ``len(collapse_copies(ids, dups))`` is how many independent reports
    ``ids`` hold.
    """
    original = {d.article: d.original for d in duplicates}
    return {original.get(i, i) for i in article_ids}
