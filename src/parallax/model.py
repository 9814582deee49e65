"""The records that flow through Parallax's stages.

Every record is a frozen dataclass. Annotations are stand-off: they hold
(start, end) character offsets into an article's clean ``body`` and never a
copy that could drift from it; ``text`` fields on spans are kept only for
readability of the JSON report and are always ``body[start:end]``.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

REPORT_VERSION = "1.1"  # 1.1: articles carry `opinion`

FindingKind = Literal["shared", "unique", "context", "omission", "quote", "conflict", "framing"]
FramingAspect = Literal["", "loaded", "label", "perspective", "tone"]
QuoteKind = Literal["direct", "partial", "indirect"]
DuplicateKind = Literal["syndicated", "rewrite", "republication"]
RenderingClass = Literal["verbatim", "minor edit", "paraphrase or translation", "partial", "altered meaning"]


def content_id(text: str) -> str:
    """A stable id for an article: a hash of its whitespace- and Unicode-normalised body."""
    normalised = " ".join(unicodedata.normalize("NFKC", text).split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Removed:
    """A piece of boilerplate that cleaning cut, kept so a reader can see what went."""

    text: str
    reason: str


@dataclass(frozen=True)
class Document:
    """One input as read by ingest, before cleaning: raw text or HTML plus known metadata."""

    source: str
    text: str
    is_html: bool = False
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Article:
    """A cleaned article. ``id`` is the content hash of ``body``."""

    id: str
    source: str
    body: str
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    published: str | None = None
    author: str | None = None
    language: str | None = None
    country: str | None = None
    via: str | None = None
    removed: tuple[Removed, ...] = ()

    @property
    def label(self) -> str:
        """How the article is named to a reader: its outlet, else its source."""
        return self.outlet or self.source


@dataclass(frozen=True)
class Span:
    """A stretch of one article's body."""

    article: str
    start: int
    end: int

    def overlap(self, other: Span | Claim) -> int:
        """Characters this span shares with another stretch (0 when in another article)."""
        if self.article != other.article:
            return 0
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True)
class Sentence:
    article: str
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """An entity mention. ``entity`` is the canonical entity id it was merged into."""

    article: str
    start: int
    end: int
    text: str
    label: str
    entity: str = ""


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class TimeExpr:
    """A time expression and what it resolves to.

    ``value`` is an ISO 8601 date (``2023-11-09``), month (``2023-09``), year,
    ISO week (``2023-W45``) or a range ``start/end``; with no anchor it keeps
    unknown parts as ``X`` in TIMEX3 style (``XXXX-XX-09``). ``inferred`` is
    true when the anchor came from another article of the story, not this one.
    """

    article: str
    start: int
    end: int
    text: str
    value: str | None
    inferred: bool = False
    anchor: str | None = None


@dataclass(frozen=True)
class Quote:
    """A quotation: its content span, the cue verb and the mention naming the speaker."""

    article: str
    kind: QuoteKind
    content: Span
    cue: Span | None = None
    source: Span | None = None
    speaker: str | None = None
    speaker_name: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class Claim:
    """One clause-level statement of an article: the unit that compare aligns."""

    article: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class Rendering:
    """One outlet's rendering of a statement that several outlets quote."""

    article: str
    start: int
    end: int
    text: str
    cls: RenderingClass
    diff: str = ""
    closest: bool = False  # likely the closest to what was actually said, when the evidence allows
    why_closest: str = ""


@dataclass(frozen=True)
class Side:
    """One side of a conflict: what one article says, with the span that says it."""

    article: str
    text: str
    citations: tuple[Span, ...]


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    text: str
    citations: tuple[Span, ...]
    speaker: str | None = None
    renderings: tuple[Rendering, ...] = ()
    sides: tuple[Side, ...] = ()
    conflict_type: str | None = None
    outlets: int = 0
    confidence: float = 1.0
    reason: str = (
        ""  # context: why the claim reads as background; unique: what makes a quotation one outlet's
    )
    omitted_by: tuple[str, ...] = ()  # omission: the articles that leave the claim out
    aspect: FramingAspect = ""  # framing: what about the outlet's wording it describes
    article: str | None = None  # framing: the article (outlet) whose wording it describes
    outlet: str | None = None
    entity: str | None = None  # framing: the canonical entity named or judged (label, tone)
    terms: tuple[str, ...] = ()  # framing: the words that carry it
    score: float = 0.0  # framing: loaded share / loadedness in [0, 1]; tone in [-1, 1]


@dataclass(frozen=True)
class BriefSentence:
    text: str
    citations: tuple[Span, ...]


@dataclass(frozen=True)
class Duplicate:
    """``article`` is a copy of ``original``; ``score`` is the similarity that decided ``kind``."""

    article: str
    original: str
    kind: DuplicateKind
    score: float
    evidence: str


@dataclass(frozen=True)
class Story:
    """One event's articles and what comparing them found. Copies (``duplicates``) count once."""

    id: str
    articles: tuple[str, ...]
    findings: tuple[Finding, ...] = ()
    brief: tuple[BriefSentence, ...] = ()
    label: str = ""
    first_published: str | None = None
    last_published: str | None = None
    key_entities: tuple[str, ...] = ()
    duplicates: tuple[Duplicate, ...] = ()


@dataclass(frozen=True)
class InputError:
    """An input that could not be processed, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class Annotations:
    """What the annotate stage adds to a set of articles."""

    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    dates: tuple[TimeExpr, ...] = ()
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Report:
    articles: tuple[Article, ...]
    annotations: Annotations
    stories: tuple[Story, ...]
    errors: tuple[InputError, ...] = ()
    notes: tuple[str, ...] = field(default=())
    version: str = REPORT_VERSION
