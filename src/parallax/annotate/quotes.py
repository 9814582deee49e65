"""Quote extraction: direct, partial and indirect quotations with their cue, source and speaker.

Quote marks are paired on the raw text first (``quote_marks``: robust to apostrophes and
unbalanced marks); spaCy's parse then finds the reporting verb (cue) that governs each quote and
its grammatical subject; a learned chooser (``source_chooser``) picks the source among extents of that
subject's phrase and a few other candidates, and the entity the chosen phrase's head names is the speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Token

from parallax.annotate.cue_scorer import cue_scorer, learned_cues  # noqa: F401  (learned_cues: re-exported)
from parallax.annotate.quote_marks import Marked, find_quoted, para_end
from parallax.annotate.source_chooser import (
    NO_SOURCE_HEAD,
    Candidate,
    candidates,
    head_tags,
    no_source,
    source_chooser,
)
from parallax.model import Mention, Quote, QuoteKind, Span


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# Lemmas of reporting verbs, after GenderGapTracker's list (MIT) plus verbs of urging
# and accusing, which frame partial quotes in news copy ("urged China to play a “role”"), and manner-of-
# speaking verbs that introduce quotes in PolNeAR's train split ("retorted", "quipped", "shouted").
CUE_LEMMAS = _words(
    """
    accept accuse acknowledge add admit advise affirm agree allege announce answer argue ask assert
    assure believe boast caution charge claim clarify comment complain concede conclude confirm
    contend criticize criticise declare decry demand deny denounce disclose dispute emphasize
    emphasise estimate explain highlight hint indicate inform insist maintain mention note observe
    predict proclaim promise propose reaffirm recall reckon recommend reiterate remark remind repeat
    reply report respond reveal say signal speculate state stress suggest tell testify think tweet
    underline underscore urge vow warn write
    chant confess counter elaborate email exclaim gush interject joke lament marvel muse post quip
    read retort scoff shout snap wonder yell
    """
)
# "continue" is a cue only right beside a quote ("…,” he continued); elsewhere it rarely reports speech. So
# are verbs of the manner of speaking ("“Go back to Univision,” Trump barked"; "“Mexico!” the audience
# screamed back"), which elsewhere report no words ("demanded a recount", "questioned his record").
WEAK_CUES = _words("continue bark scream cry demand retaliate opine exhort question holler plead growl sneer")
# Verbs that report speech only with their particle ("pointed out", "went on") or object ("as X put it").
PARTICLE_CUES = {"point": "out", "go": "on"}
OBJECT_CUES = {"put": "it"}
TITLES = _words(
    """
    secretary minister president premier chancellor ambassador spokesman spokeswoman spokesperson
    governor senator representative chairman chairwoman chair director envoy general commander king
    queen prince mayor official leader
    """
)
# Nouns that speak for their authors: "a statement saying …", "a poll showing …".
DOCUMENTS = _words(
    """
    ad advertisement analysis article book column complaint document editorial email filing interview
    lawsuit letter memo message note paper petition poll post release report speech statement study
    survey transcript tweet video website
    """
)
# Nouns for what someone said: "His remarks followed …" names no speaker, only what a speaker said.
SAID_NOUNS = _words(
    """
    remark comment word statement speech testimony tweet answer reply response claim assertion
    """
)
# Relations through which a cue takes the subject of the verb above it ("and added", "urging", "is critical").
SUBJECT_CLIMB = frozenset({"conj", "advcl", "xcomp", "ccomp", "pcomp", "prep", "acomp"})
POLLS = frozenset({"poll", "survey", "study"})  # "In a CNN poll, …" reports what the poll found
# Raising verbs: their subject is what the impression is about, not who holds it (PolNeAR gives no source).
RAISING = frozenset({"seem", "appear"})
ANSWERS = frozenset({"yes", "no", "so"})
CONCESSIVE = frozenset({"while", "though", "although", "whereas"})
# where, when or through what something was said ("said during a news conference that …"), not what about
SETTING_PREPOSITIONS = frozenset({"in", "during", "on", "at", "after", "before", "via", "through"})
IMPRESSIONS = RAISING | {"sound"}  # "his plan sounds reasonable": how the writer sees it
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
# A subject may be a quantity or a bare adjective: "Many said …", "42 percent say …", "the 46-year-old said".
SUBJECT_POS = NOMINAL | {"ADJ", "NUM", "DET"}
TAG_POS = NOMINAL | {"DET", "ADJ", "NUM", "ADP", "CCONJ", "PART", "X", "SYM"}  # what a speaker's name holds
OPAQUE_PRONOUNS = frozenset({"i", "we", "you", "they", "it", "us", "them", "this", "that", "who"})
LABEL_RANK = {"PERSON": 0, "ORG": 1, "GPE": 2, "NORP": 3}
# “…,” Cecelia Purner, 67, a retired customer service representative in Allentown, Pa., said: a tag's cue may
# stand a dozen tokens after the quote, or further when no other verb comes between
SHORT_TAG, LONG_TAG = 12, 30
TITLE_WORDS = 8  # a longer capitalized stretch in marks is more often a headline quoted whole
SCARE_QUOTE_WORDS = 3  # the longest cue-less quoted phrase read as the writer's, not a quotation
# Beliefs, findings and stances are attributions too ("wants to …", "cited the report", "showed that …",
# "talked about …", "his plan to …", "is confident that …"): each (cue, complement) candidate is scored by
# a logistic regression learned on PolNeAR's train split (cue_scorer, training/train_cue_scorer.py).
COMPLEMENTS = ("ccomp", "xcomp", "dobj")
VERB_COMPLEMENTS: tuple[str, ...] = (*COMPLEMENTS, "nsubjpass")
NOUN_COMPLEMENTS: tuple[str, ...] = ("acl", "ccomp")
ADJ_COMPLEMENTS: tuple[str, ...] = ("ccomp", "xcomp")
# A cue's own dependents that may name its source when the parse gives it no subject ("read one").
ALT_CHILDREN = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "dative", "npadvmod"})


Who = tuple[str | None, str | None]  # (speaker entity id, speaker name)
Said = tuple[int, str | None, str | None]  # an earlier quote: (content end, speaker, speaker name)

# Spaces within a line, the no-break and thin ones too: ``he said.\xa0“And if …”`` opens a statement.
INLINE_SPACE = " \t\xa0\u2009\u202f"
STATEMENT_BEFORE = frozenset(",:;.!?—–([\n")
CLAUSE_END = frozenset({".", "!", "?", ";"})
# WALLACE: / SEN. TIM KAINE: at a paragraph start; the turn runs to the paragraph end.
SPEAKER_LABEL = re.compile(
    r"(?m)^[ \t]*[\"“]?"  # a quoted transcript opens its turns with a mark
    r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}):[ \t]+(?=[A-Z“\"‘(])(\S)"
)
NOT_SPEAKERS = frozenset(
    {
        "UPDATE",
        "NOTE",
        "EDITOR'S NOTE",
        "EDITOR’S NOTE",
        "CORRECTION",
        "WATCH",
        "VIDEO",
        "PHOTOS",
        "READ MORE",
        "RELATED",
        "SOURCE",
        "SOURCES",
        "CLARIFICATION",
        "Q",
        "A",
    }
)
# A credit line closing a quote's paragraph: “…” ― Sonya Herridge
DASH_CREDIT = re.compile(r"[ \t]*([―—–])[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})[ \t]*(?=\n|$)")
# A headline that gives its speaker a colon: "Lynch: No outside influence on FBI probe into Clinton emails."
HEADLINE_SPEAKER = re.compile(
    r"[ \t]*([A-Z][\w.'’&-]*(?:[ \t]+(?:[A-Z][\w.'’&-]*|of|for|and)){0,5}):[ \t]+(?=[\w“\"‘'])"
)
HEADLINE_WORDS = 25  # a longer first line is a paragraph, not a headline
# Words that open a headline's label, not a speaker's name ("The Latest:", "Breaking:"); NOT_SPEAKERS too
HEADLINE_NOT_SPEAKERS = frozenset(
    {
        "The",
        "A",
        "An",
        "Breaking",
        "Exclusive",
        "Opinion",
        "Analysis",
        "Editorial",
        "Live",
        "Photo",
        "Opinions",
    }
)
# A dateline before a spaced dash at a paragraph's start: "RENO, Nev. (AP) — ", "Dec 29 (Reuters) - "
DATELINE = re.compile(r"([^\n]{1,45}?)[ \t]+[-—–]+[ \t]+(?=\S)")
DATELINE_CHARS = 40  # how far into its line a dateline's remnant may start
SENTENCE_BREAK = re.compile(r"[a-z\d][.!?][\"”’]?\s+[A-Z“\"]")
# Titles and abbreviations whose dot ends no sentence: “…,” Mrs. Clinton said.
ABBREVIATION_DOT = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Reps|Gov|Gen|Col|Lt|Sgt|Capt|Cmdr|Adm|Prof|Rev|St|Jr|Sr|Atty|Supt|Insp|"
    r"Pres|Sens|Amb|Hon|No|Mt|Ft|Co|Corp|Inc|Ltd|Jan|Feb|Aug|Sept|Oct|Nov|Dec)|\b[A-Z]|\.[a-z]+)\.$"
)


@dataclass
class _Ctx:
    doc: Doc
    article: str
    marked: list[Marked]
    mentions: list[Mention]
    names: Mapping[str, str]
    line_starts: list[int]
    token_starts: list[int]
    text: str  # doc.text, kept once: spaCy rebuilds it from the tokens on every access
    # For each character, the index of the first quote in ``marked`` that holds it (-1: none): quote_at is
    # asked for every token, and scanning every quote each time was a tenth of the extraction's time.
    quoted_by: list[int]
    genders: dict[str, str | None] = field(default_factory=dict)  # per entity, what ``_gender`` found

    def line(self, off: int) -> int:
        return bisect.bisect_right(self.line_starts, off)

    def quote_at(self, off: int) -> Marked | None:
        k = self.quoted_by[off] if 0 <= off < len(self.quoted_by) else -1
        return self.marked[k] if k >= 0 else None

    def token_at(self, off: int) -> int:
        return max(0, bisect.bisect_right(self.token_starts, off) - 1)

    def span(self, start: int, end: int) -> Span:
        return Span(self.article, start, end)


def _make_ctx(
    doc: Doc, article: str, mentions: Sequence[Mention], names: Mapping[str, str], text: str | None = None
) -> _Ctx:
    text = str(doc.text) if text is None else text  # spaCy joins every token anew for each doc.text
    lines = [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    starts = [int(t.idx) for t in doc]
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    marked = find_quoted(text)
    quoted_by = [-1] * len(text)
    for k in range(len(marked) - 1, -1, -1):  # the first quote in the list wins where quotes nest
        start, end = marked[k].open, min(marked[k].outer_end, len(text))
        quoted_by[start:end] = [k] * (end - start)
    return _Ctx(doc, article, marked, ordered, names, lines, starts, text, quoted_by)


def _end(tok: Token) -> int:
    return int(tok.idx) + len(tok.text)


def _free(ctx: _Ctx, tok: Token, line: int) -> bool:
    """A token outside every quote and on the given line: where a cue may stand."""
    return ctx.quote_at(int(tok.idx)) is None and ctx.line(int(tok.idx)) == line


def _is_cue(tok: Token, weak_ok: bool) -> bool:
    lower = str(tok.lower_)
    if lower == "according":
        return tok.i + 1 < len(tok.doc) and str(tok.doc[tok.i + 1].lower_) == "to"
    if not str(tok.tag_).startswith("VB") or tok.dep_ in ("amod", "compound"):
        return False  # "alleged “experts”" describes, it does not report
    lemma = str(tok.lemma_).lower()
    if lemma in PARTICLE_CUES:
        return any(c.dep_ == "prt" and c.lower_ == PARTICLE_CUES[lemma] for c in tok.children)
    if lemma in OBJECT_CUES:
        return any(c.dep_ == "dobj" and c.lower_ == OBJECT_CUES[lemma] for c in tok.children)
    return lemma in CUE_LEMMAS or (weak_ok and lemma in WEAK_CUES)


def _cue_span(ctx: _Ctx, cue: Token) -> Span:
    end = _end(cue)
    if str(cue.lower_) == "according":
        end = _end(cue.doc[cue.i + 1])
    for child in cue.children:
        if child.dep_ == "prt" and child.i > cue.i:
            end = max(end, _end(child))
    return ctx.span(int(cue.idx), end)


def _content_tokens(ctx: _Ctx, m: Marked) -> list[Token]:
    first, last = ctx.token_at(m.start), ctx.token_at(m.end - 1)
    return [t for t in ctx.doc[first : last + 1] if m.start <= t.idx < m.end]


def _cue_by_tree(ctx: _Ctx, m: Marked) -> Token | None:
    """The nearest reporting verb above the quote in the parse (partial and ccomp quotes); a partial quote
    may also be reported by a learned cue whose complement holds it ("called him “a loser”")."""
    inside = {t.i for t in _content_tokens(ctx, m)}
    line = ctx.line(m.open)
    partial = _kind(ctx, m, None) == "partial"  # words inside a clause may belong to any learned cue
    short = len(ctx.text[m.start : m.end].split()) <= 3
    for tok in ctx.doc[min(inside) : max(inside) + 1] if inside else []:
        cur, learned = tok.head, partial
        for _ in range(6):
            if cur.i in inside or ctx.line(int(cur.idx)) != line:
                break
            if _free(ctx, cur, line) and (
                _is_cue(cur, weak_ok=False) or (learned and _reports(cur, tok, short))
            ):
                return cur
            if cur.dep_ == "relcl":
                learned = False  # a relative clause has its own speaker: "experts who dismissed it as “…”"
            if cur.head.i == cur.i:
                break
            cur = cur.head
    return None


def _same_sentence(ctx: _Ctx, m: Marked, cue: Token) -> bool:
    """Guard against parses that run over a sentence break between quote and cue."""
    text = ctx.text
    if cue.idx >= m.outer_end:
        if _attribution_tag(ctx, m, cue):
            return True  # a short tag, whatever dots its name holds: “…,” Rep. Gwen Moore (D-Wis.) said.
        nxt = text[m.outer_end : int(cue.idx)].lstrip()[:1]
        if text[m.end - 1] in ".!?" and nxt.isupper():
            return False
        gap = text[m.outer_end : int(cue.idx)]
    else:
        gap = text[_end(cue) : m.open]
    return not _sentence_break(gap)


def _sentence_break(gap: str) -> bool:
    """A sentence ends in ``gap``: a dot, ! or ? before a capital, not the dot of ``Mrs.`` or ``U.S.``."""
    return any(
        ABBREVIATION_DOT.search(gap[: hit.start() + 2]) is None for hit in SENTENCE_BREAK.finditer(gap)
    )


TAG_END = re.compile(r"[.,;]")


def _attribution_tag(ctx: _Ctx, m: Marked, cue: Token) -> bool:
    """``“… ?” Clinton said Monday.``: a short tag after a quote that ends its own sentence; what
    follows a comma may run on (``“… ?” Clinton remarked, alluding to …``)."""
    gap = ctx.text[m.outer_end : int(cue.idx)]
    end = TAG_END.search(ctx.text, _end(cue))
    rest = ctx.text[_end(cue) : end.start() if end is not None else len(ctx.text)]
    if "\n" in gap + rest or len(gap.split()) > 6:
        return False
    # "“Who do they think they are?” Trump said of Apple in February, when …": a longer rest may follow a
    # cue that reports no clause of its own
    return len(rest.split()) <= 3 or not any(
        c.dep_ in ("ccomp", "xcomp") and c.i > cue.i for c in cue.children
    )


def _ends_clause(ctx: _Ctx, tok: Token) -> bool:
    """A clause-ending mark, not the dot of an abbreviation inside brackets: (D-Wis.)"""
    return tok.text in CLAUSE_END and ctx.text[_end(tok) : _end(tok) + 1] not in {")", "]"}


def _cue_before(ctx: _Ctx, m: Marked) -> Token | None:
    """``X said (on Thursday), “…”``: a cue just before the opening mark, with no other verb between."""
    line = ctx.line(m.open)
    i = ctx.token_at(m.open) - 1
    for _ in range(8):
        if i < 0:
            return None
        tok = ctx.doc[i]
        if not _free(ctx, tok, line) or _ends_clause(ctx, tok):
            return None
        if _is_cue(tok, weak_ok=True):
            return tok
        if tok.pos_ in ("VERB", "AUX"):
            return None
        i -= 1
    return None


def _cue_after(ctx: _Ctx, m: Marked) -> Token | None:
    """``“…,” he added`` / ``“…,” according to X``: a cue after a quote that closes a clause."""
    if m.close is None:
        return None
    # Only a quote that ends a clause (“…,” / “…”,) may have its cue further off: “…,” China’s … paper said.
    ends_clause = ctx.text[m.close - 1] in ",.!?" or ctx.text[m.close + 1 : m.close + 2] == ","
    line = ctx.line(m.open)
    i = ctx.token_at(m.close) + 1
    verbless = True
    for n in range(LONG_TAG if ends_clause else 3):
        if i >= len(ctx.doc):
            return None
        tok = ctx.doc[i]
        if not _free(ctx, tok, line) or _ends_clause(ctx, tok):
            return None
        if _is_cue(tok, weak_ok=True):
            return tok
        verbless = verbless and not (tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound"))
        if n >= SHORT_TAG and not verbless:
            return None  # past a dozen words only a name and its titles may stand before the cue
        i += 1
    return None


def _cue_in_lead_in(ctx: _Ctx, m: Marked) -> Token | None:
    """A block quote opening its paragraph after a lead-in that ends in a colon: ``The Post reports:``."""
    text = ctx.text
    line = ctx.line(m.open)
    line_start = ctx.line_starts[line - 1] if line else 0
    lead = text[:line_start].rstrip()
    if text[line_start : m.open].strip() or not lead.endswith(":"):
        return None
    colon = ctx.doc[ctx.token_at(len(lead) - 1)]
    sent = colon.sent
    cues = [t for t in sent if _is_cue(t, weak_ok=True) and ctx.quote_at(int(t.idx)) is None]
    if cues:
        return cues[-1]
    return sent.root if sent.root.pos_ == "VERB" and ctx.quote_at(int(sent.root.idx)) is None else None


def _colon_before(ctx: _Ctx, m: Marked) -> Token | None:
    """The colon that introduces a quote on its line: ``Sanders delivered a retort: “…”``."""
    before = ctx.text[: m.open].rstrip(INLINE_SPACE)
    if not before.endswith(":") or ctx.line(len(before) - 1) != ctx.line(m.open):
        return None
    colon = ctx.doc[ctx.token_at(len(before) - 1)]
    return colon if colon.text == ":" and ctx.quote_at(int(colon.idx)) is None else None


def _cue_by_colon(ctx: _Ctx, m: Marked) -> Token | None:
    """``X delivered a snappy retort: “…”``: the verb of the clause a colon closes, when it has a subject."""
    colon = _colon_before(ctx, m)
    if colon is None:
        return None
    line = ctx.line(m.open)
    for i in range(colon.i - 1, max(-1, colon.i - 25), -1):
        tok = ctx.doc[i]
        if not _free(ctx, tok, line) or _ends_clause(ctx, tok):
            return None
        if tok.pos_ == "VERB" and tok.dep_ not in ("amod", "compound") and _has_subject(tok):
            return tok
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _find_cue(ctx: _Ctx, m: Marked) -> Token | None:
    lead_in = _cue_in_lead_in(ctx, m)
    if lead_in is not None:
        return lead_in
    for finder in (_cue_by_tree, _cue_before, _cue_after, _cue_by_colon):
        cue = finder(ctx, m)
        if cue is not None and _same_sentence(ctx, m, cue):
            return cue
    return None


def _subject(ctx: _Ctx, cue: Token) -> Token | None:
    """The subject of the cue, climbing through ``and added`` / ``urging`` to the verb that has one; for a
    speech verb the parse left without one, the phrase before it (``_subject_before``)."""
    subj = _parsed_subject(ctx, cue)
    if subj is None and _lost_subject(cue):
        return _subject_before(ctx, cue)
    return subj


FINITE = frozenset({"VBD", "VBZ", "VBP"})
ASIDE_RELATIONS = frozenset({"appos", "relcl", "acl", "prep", "advmod", "amod", "npadvmod", "conj"})


def _lost_subject(cue: Token) -> bool:
    """A finite speech verb of a main or joined clause with no subject of its own: the parse hung its
    subject elsewhere ("Senator Harry Reid, the minority leader, said" with Reid joined to a place named
    before it; "Mr. Slinker, whose start-up uses …, said" with Slinker the subject of "uses")."""
    if cue.tag_ not in FINITE or cue.dep_ not in ("ROOT", "conj") or not _is_cue(cue, weak_ok=False):
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in cue.children)


def _subject_before(ctx: _Ctx, cue: Token) -> Token | None:
    """The subject of a speech verb whose parse lost it, from the words before it in its sentence and line:
    the subject of a clause the parse made of the subject's aside and hung on the verb (``Slinker, whose
    start-up uses …, said``; ``majorities of voters going to the polls said``), else a name set off from
    the verb by an aside between commas (``Reid, the minority leader, said``)."""
    doc = cue.doc
    after = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    while after is not None and after.dep_ in ("compound", "flat") and after.head.i > after.i:
        after = after.head
    if after is not None and after.pos_ == "PROPN" and after.head.i == cue.i:
        return None  # "…, said Smith": an inverted tag names its speaker after the verb
    line_start = ctx.text.rfind("\n", 0, int(cue.idx)) + 1
    first = max(cue.sent.start, ctx.token_at(line_start) if line_start else 0)

    def usable(tok: Token) -> bool:
        return first <= tok.i < cue.i and ctx.quote_at(int(tok.idx)) is None

    clauses = [c for c in cue.children if c.i < cue.i and c.pos_ in ("VERB", "AUX")]
    if cue.dep_ == "conj":  # "'…,' Mr. Daniloff, now 81 and retired in Cambridge, said": a joined clause
        clauses += [c for c in cue.head.children if c.dep_ == "conj" and c.i < cue.i]
    for clause in sorted(clauses, key=lambda c: -c.i):
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ in SUBJECT_POS and usable(subj):
            return subj
    if cue.i < 2 or doc[cue.i - 1].text != ",":
        return None
    for tok in doc[first : cue.i - 1]:
        if tok.pos_ not in NOMINAL or tok.dep_ in ("pobj", "dobj", "poss", "compound") or not usable(tok):
            continue
        for child in tok.rights:
            if (
                child.dep_ in ASIDE_RELATIONS
                and doc[child.left_edge.i - 1].text == ","
                and child.right_edge.i == cue.i - 2
            ):
                return tok
    return None


def _parsed_subject(ctx: _Ctx, cue: Token) -> Token | None:
    if str(cue.lower_) == "according":
        objs = [c for c in cue.doc[cue.i + 1].children if c.dep_ == "pobj"]
        return objs[0] if objs else None
    if cue.pos_ == "ADP":  # "In a CNN poll, …"
        return _document_of(cue)
    if str(cue.lemma_).lower() in RAISING and not _raises_a_report(cue):
        return None  # "Clinton seemed to waver": the writer's impression of Clinton, not Clinton's words
    cur = cue
    if cue.pos_ == "NOUN":  # "his plan to …": the possessor; "voiced criticism of …": the verb's subject
        owner = next((c for c in cue.children if c.dep_ == "poss"), None)
        if owner is not None or cue.dep_ != "dobj":
            return owner
        cur = cue.head
    agent = next((g for c in cue.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if agent is None:
        by = _by_phrase(ctx, cue)
        agent = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
    if agent is not None and _outside_statement(ctx, agent):
        return agent  # "was criticized by Republicans"
    subjects: tuple[str, ...] = ("nsubj",)
    cur = _nearer_speech(ctx, cur)
    for _ in range(5):
        if ctx.quote_at(int(cur.idx)) is None:
            for child in cur.children:
                if child.dep_ in subjects and child.pos_ in SUBJECT_POS and _outside_statement(ctx, child):
                    # "experts who said": the relative pronoun is the source; it names the noun it modifies.
                    return child
        if cur.tag_ == "VBN" and cur.dep_ in ("advcl", "acl"):
            return None  # "Asked about …, Blinken said": whoever asked is not the one who answers
        if cur.dep_ == "acl" and cur.head.pos_ in ("NOUN", "PROPN") and cur.i > cur.head.i:
            # "Clinton's speech denouncing …": whose it is; "a statement saying …": the statement
            owner = next((c for c in cur.head.children if c.dep_ == "poss"), None)
            if owner is None and (str(cur.head.lemma_).lower() in DOCUMENTS or cur.tag_ == "VBG"):
                owner = cur.head  # "groups backing Cruz", "disclaimers urging calm": the noun acts
            return owner if owner is not None and _outside_statement(ctx, owner) else None
        if cur.head.i == cur.i or cur.dep_ not in SUBJECT_CLIMB:
            return None
        # "Trump was forced to retreat and said …", "was asked to explain": a passive verb's subject is
        # the subject its joined or controlled verb shares, when that verb has none of its own ("X was
        # found, but Y was only mentioned": Y is what was mentioned, X is no source)
        shares = cur.dep_ in ("conj", "xcomp") and not any(c.dep_.startswith("nsubj") for c in cur.children)
        subjects = ("nsubj", "nsubjpass") if shares else ("nsubj",)
        if cur.dep_ == "conj" and cur.head.dep_ == "ccomp" and _is_cue(cur.head.head, weak_ok=False):
            # "Blinken suggested that the issue had arisen and expressed optimism …": a cue joined to a
            # reported clause is the reporting subject's second statement
            cur = cur.head
        cur = cur.head
    return None


def _by_phrase(ctx: _Ctx, cue: Token) -> Token | None:
    """The ``by`` phrase of a passive cue that the parse hung lower in the verb's phrase ("has been attacked
    on the speeches by Bernie Sanders", "was declared the winner … by news organizations"): the nearest
    ``by`` after the verb whose way up to it passes no other verb, with a nominal object."""
    if cue.tag_ != "VBN" or not any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children):
        return None
    for tok in cue.subtree:
        if tok.i <= cue.i or str(tok.lower_) != "by" or tok.dep_ not in ("prep", "agent"):
            continue
        if ctx.quote_at(int(tok.idx)) is not None:
            continue
        obj = next((g for g in tok.children if g.dep_ == "pobj"), None)
        if obj is None or obj.pos_ not in NOMINAL:
            continue
        up = tok.head
        while up.i != cue.i and up.pos_ not in ("VERB", "AUX"):
            up = up.head
        if up.i == cue.i:
            return tok
    return None


def _nearer_speech(ctx: _Ctx, cue: Token) -> Token:
    """``His remarks followed criticism from Sean Parker who said in November that …, adding that …``: a
    participle the parse hangs on a verb whose subject is something said (remarks do not add) continues
    the report of the speech verb between them."""
    head = cue.head
    if cue.tag_ != "VBG" or cue.dep_ != "advcl" or head.i >= cue.i or _is_cue(head, weak_ok=False):
        return cue
    if not any(c.dep_ == "nsubj" and str(c.lemma_).lower() in SAID_NOUNS for c in head.children):
        return _reporting_verb(ctx, head) or cue
    for tok in reversed(cue.doc[head.i + 1 : cue.i]):
        if tok.pos_ == "VERB" and _is_cue(tok, weak_ok=False) and ctx.quote_at(int(tok.idx)) is None:
            return tok
    return cue


def _reporting_verb(ctx: _Ctx, head: Token) -> Token | None:
    """``The Bureau rejected any claims that the transfer of funds had anything to do with the meeting,
    stating, "…"``: a participle the parse hangs on a clause whose subject is a thing (funds do not state),
    within what a verb before it says of someone's words, continues that verb, when its subject can speak."""
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ != "NOUN" or subject.ent_type_ or _human_role(subject, None):
        return None
    up = head
    for _ in range(3):
        if up.dep_ not in ("ccomp", "acl", "relcl", "dobj") or up.head.i == up.i:
            return None
        up = up.head
        if up.pos_ == "VERB":
            speaker = next((c for c in up.children if c.dep_ == "nsubj"), None)
            speaks = speaker is not None and (
                speaker.pos_ == "PROPN"
                or speaker.ent_type_ in PERSON_OR_ORG
                or _human_role(speaker, None)
                or speaker.lower_ in PERSONAL_PRONOUNS
            )
            return up if speaks and up.i < head.i and ctx.quote_at(int(up.idx)) is None else None
    return None


def _raises_a_report(verb: Token) -> bool:
    """``Obama seemed to recognize the significance …``: the subject's own stance, seen by the writer; PolNeAR
    gives it the subject as source (cue "seemed to recognize")."""
    inner = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    return inner is not None and _complement(inner) is not None


def _outside_statement(ctx: _Ctx, tok: Token) -> bool:
    """Not inside quoted speech; a short scare-quoted subject (The “experts” said) still counts."""
    m = ctx.quote_at(int(tok.idx))
    if m is None:
        return True
    content = ctx.text[m.start : m.end]
    return len(content.split()) <= 3 and content[:1].islower()


def _head_span(ctx: _Ctx, subj: Token) -> Span:
    """The subject's noun phrase up to its head, plus an ``of`` phrase (``Secretary of State``): who it is."""
    start, end = int(subj.left_edge.idx), _end(subj)
    for child in subj.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            end = _end(child.right_edge)
    return ctx.span(start, _balanced(ctx.text, start, end))


def _rule_extent(ctx: _Ctx, subj: Token, cue: Token | None) -> tuple[int, int]:
    """The rules' extent of the subject's phrase (first and last token): its whole noun phrase less a
    participle set off by a comma, a trailing reflexive and what reaches the cue."""
    tokens = [t for t in subj.subtree if not (t.is_punct or t.is_space)]
    if cue is not None and subj.i < cue.i <= subj.right_edge.i:
        tokens = [t for t in tokens if t.i < cue.i]
    # "Sen. Blunt, facing a stiff challenge": a participle set off by a comma is not part of the source's
    # name (an apposition is: "Rendell, a stalwart Clinton supporter")
    for child in subj.rights:
        if child.dep_ == "acl" and child.left_edge.nbor(-1).is_punct:
            clause = {t.i for t in child.subtree}
            tokens = [t for t in tokens if t.i not in clause]
    tokens = [t for t in tokens if ctx.quote_at(int(t.idx)) is None or _outside_statement(ctx, t)]
    # "Obama himself": the focus word is not the source
    while len(tokens) > 1 and tokens[-1].i > subj.i and str(tokens[-1].lower_) in REFLEXIVES:
        tokens = tokens[:-1]
    return (tokens[0].i, tokens[-1].i) if tokens else (subj.i, subj.i)


def _source_candidates(ctx: _Ctx, d: _Draft) -> list[Candidate]:
    """The sources the chooser weighs for a draft with a cue: extents of the rules' subject, of the
    phrase that subject stands in (``Vice President Joe Biden, New York``), of the subjects of the verbs
    above the cue and of the cue's own nominal dependents, and no source at all."""
    cue, subj = d.cue, d.subj
    if cue is None:
        return []

    def usable(tok: Token) -> bool:
        return ctx.quote_at(int(tok.idx)) is None or _outside_statement(ctx, tok)

    if _addressed_unnamed(cue):
        return [no_source(cue, False, d.kind)]
    found: list[Candidate] = []
    heads: list[tuple[str, Token]] = [("rule", subj)] if subj is not None else []
    # the parse hung the subject elsewhere (``_subject_before``): its head and the verbs above mislead
    lost = _lost_subject(cue) and _parsed_subject(ctx, cue) is None
    joined = subj is not None and subj.dep_ in ("appos", "compound", "conj") and subj.head.pos_ in NOMINAL
    if subj is not None and joined and not lost:
        heads.append((f"up:{subj.dep_}", subj.head))
    for child in cue.children:
        if child.dep_ in ALT_CHILDREN and child.pos_ in SUBJECT_POS:
            heads.append((f"child:{child.dep_}", child))
        elif child.dep_ == "agent":
            heads.append(("agent", child))  # "is viewed positively by Republicans": PolNeAR keeps the "by"
        elif child.dep_ == "prep":
            # "In a CNN poll released Monday, 31% said …": the poll speaks for the 31 %
            heads += [
                (f"prep:{child.lower_}", g)
                for g in child.children
                if g.dep_ == "pobj" and str(g.lemma_).lower() in POLLS | DOCUMENTS
            ]
    by = None if any(c.dep_ == "agent" for c in cue.children) else _by_phrase(ctx, cue)
    if by is not None:
        heads.append(("agent", by))
    cur, depth = cue, 0
    while cur.head.i != cur.i and depth < 3 and cur.head.sent.start == cue.sent.start and not lost:
        cur, depth = cur.head, depth + 1
        for child in cur.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ in SUBJECT_POS and child.i != cue.i:
                heads.append((f"anc{depth}:{child.dep_}", child))
    if str(cue.lower_) == "according" and subj is not None:
        heads = heads[:1]  # "G4S receives, according to one report, …": the report is the source
    seen: set[int] = set()
    for how, head in heads:
        if head.i in seen or (how != "rule" and (d.start <= int(head.idx) < d.end or not usable(head))):
            continue  # an alternative inside the content or a quoted statement speaks no words of it
        seen.add(head.i)
        tags = head_tags(how, head, cue, subj is not None)
        found += candidates(head, cue, _rule_extent(ctx, head, cue), usable, tags)
    found.append(no_source(cue, subj is not None, d.kind))
    return found


def _addressed_unnamed(cue: Token) -> bool:
    """``Rubio was asked to name …``, ``Asked whether he would …, Trump said``: a passive or participle of a
    verb of addressing without its ``by`` phrase names the one addressed, not the one who asked or told,
    who goes unnamed (PolNeAR gives such attributions no source)."""
    if cue.tag_ not in ("VBN", "VBD") or str(cue.lemma_).lower() not in ADDRESSING:
        return False
    if any(c.dep_ in ("agent", "nsubj") for c in cue.children):
        return False  # "was asked by host John Dickerson": the host asked
    if cue.dep_ in ("advcl", "acl"):  # the tagger takes a sentence's opening "Asked" for a past tense too
        return True
    return cue.tag_ == "VBN" and any(c.dep_ in ("nsubjpass", "auxpass") for c in cue.children)


def _extent_span(ctx: _Ctx, first: int, last: int) -> Span:
    start, end = int(ctx.doc[first].idx), _end(ctx.doc[last])
    start = _past_dateline(ctx, start, end)
    closing = re.match(r"\.?\)", ctx.text[end : end + 2])
    if closing and ctx.text[start:end].count("(") > ctx.text[start:end].count(")"):
        end += closing.end()  # Sen. Bernie Sanders (I-Vt.)
    return ctx.span(start, _balanced(ctx.text, start, end))


def _past_dateline(ctx: _Ctx, start: int, end: int) -> int:
    """``CLEVELAND - Donald Trump``, ``Philadelphia (AFP) – US President Barack Obama``: a dateline opening
    the paragraph, which the parse joined to the name after it, is not part of the source."""
    match = DATELINE.match(ctx.text, start, end)
    if match is None or start - (ctx.text.rfind("\n", 0, start) + 1) > DATELINE_CHARS:
        return start
    head = match.group(1)
    letters = [ch for ch in head if ch.isalpha()]
    agency = re.search(r"\((?:AP|AFP|Reuters|UPI|CNN)\)", head) is not None
    return match.end() if agency or sum(ch.isupper() for ch in letters) >= 0.6 * len(letters) else start


def _choose_source(ctx: _Ctx, d: _Draft) -> tuple[Token, Span] | None:
    """The source the learned chooser picks for a draft: its head token and the stretch that names it
    (``A spokeswoman for Clinton``, ``Petrilli`` without ``, who thinks …``), or None for no source.

    A cue inside the phrase (``a statement saying …``) cuts it: the source ends before the cue.
    """
    found = _source_candidates(ctx, d)
    if not found:
        return None
    best = source_chooser().choose(found)
    if best.head == NO_SOURCE_HEAD:
        return None
    return ctx.doc[best.head], _extent_span(ctx, best.first, best.last)


def _balanced(text: str, start: int, end: int) -> int:
    if text[start:end].count("“") > text[start:end].count("”") and text[end : end + 1] == "”":
        return end + 1  # keep a scare-quoted subject balanced: The “experts”
    return end


def _mention_name(ctx: _Ctx, m: Mention) -> Who:
    if not m.entity:
        return None, m.text
    if m.label == "PERSON":
        full = _named_in_full(ctx, m.entity)
        if full is not None:
            return full
    return m.entity, ctx.names.get(m.entity, m.text)


def _abbreviation(word: str) -> bool:
    """A word that may be a title given by its initials: "ADA" (assistant district attorney), "DA"."""
    return 2 <= len(word) <= 5 and word.isalpha() and word.isupper()


TITLE_GLUE = frozenset({"of", "the", "and", "for"})  # words a title's initials leave out


def _initials_before(ctx: _Ctx, m: Mention, first: str) -> str:
    """The initials of the words just before a person's name ("assistant district attorney Gail Fairman":
    "ADA"), a title inside the mention or before it."""
    at = m.text.find(first)
    words = re.findall(r"[A-Za-z]+", ctx.text[max(0, m.start - 80) : m.start + max(at, 0)])
    return "".join(w[0] for w in words if w.lower() not in TITLE_GLUE).upper()


def _named_in_full(ctx: _Ctx, entity: str) -> Who | None:
    """A person the entity stage kept apart under a title's initials and a surname ("ADA Fairman") is the
    one this article names in full with that surname after that title ("assistant district attorney Gail
    Fairman"); initials that are no title there ("AJ Smith" beside "Dean Smith") are left."""
    words = ctx.names.get(entity, "").split()
    if len(words) != 2 or not _abbreviation(words[0]):
        return None
    title, surname = words[0], words[1].casefold()
    owners = set()
    for m in ctx.mentions:
        full = ctx.names.get(m.entity, "").split() if m.entity and m.label == "PERSON" else []
        if (
            m.entity != entity
            and len(full) > 1
            and full[-1].casefold() == surname
            and _initials_before(ctx, m, full[0]).endswith(title)
        ):
            owners.add(m.entity)
    if len(owners) != 1:
        return None
    owner = owners.pop()
    return owner, ctx.names[owner]


def _best_mention(ctx: _Ctx, subj: Token, src: Span) -> Mention | None:
    hits = [
        m
        for m in ctx.mentions
        if m.start < src.end and src.start < m.end and m.label in LABEL_RANK and not _kin_of(ctx, m, subj)
    ]
    if not hits:
        return None
    head = int(subj.idx)
    return min(hits, key=lambda m: (not m.start <= head < m.end, LABEL_RANK[m.label], abs(m.start - head)))


def _common_noun(tok: Token) -> bool:
    """A common noun, or a lower-case word for a person that the tagger took for a name ("said father, Jos,
    who …"); not the lower-case part of a name ("Ki-moon")."""
    if tok.pos_ == "NOUN":
        return True
    lower = str(tok.lower_)
    return (
        tok.pos_ == "PROPN"
        and str(tok.text) == lower
        and (lower in TITLES or lower in KIN_GENDER or lower in PERSON_ROLES)
    )


def _apposed_person(ctx: _Ctx, subj: Token) -> Mention | None:
    """The person an apposition names when the subject is a common noun ("the minister, Park Jin")."""
    if not _common_noun(subj):
        return None
    for child in subj.children:
        if child.dep_ == "appos":
            named = [m for m in ctx.mentions if m.label == "PERSON" and m.start <= child.idx < m.end]
            if named:
                return named[0]
    return None


# How a role's phrase names its holder: "his friend and spokesman Frank Murtha", "company chairman and chief
# executive Richard Smith", "an official named Adrienne Day".
NAMING_RELATIONS = frozenset({"appos", "conj", "compound", "flat"})
NAMING_VERBS = frozenset({"name", "call", "identify"})


def _named_in_phrase(ctx: _Ctx, subj: Token, src: Span) -> Mention | None:
    """The person a role noun's own phrase names: a name reached from the role through appositions,
    coordinated roles and compounds, or as what the role is "named" (not a name behind "for" or "'s")."""
    if not _common_noun(subj):
        return None
    start, end = min(src.start, int(subj.left_edge.idx)), max(src.end, _end(subj.right_edge))
    for m in ctx.mentions:
        if m.label != "PERSON" or m.start < start or m.end > end:
            continue
        cur = ctx.doc[ctx.token_at(m.end - 1)]
        for _ in range(6):
            if cur.i == subj.i:
                return m
            if cur.dep_ in ("oprd", "dobj") and str(cur.head.lemma_).lower() in NAMING_VERBS:
                cur = cur.head
                if cur.dep_ != "acl":
                    break
            elif cur.dep_ not in NAMING_RELATIONS or cur.head.i == cur.i:
                break
            cur = cur.head
    return None


PERSON_OR_ORG = frozenset({"PERSON", "ORG"})


def _named_after_principal(ctx: _Ctx, subj: Token) -> Mention | None:
    """The name set off after whom a role speaks for ("A spokesperson for Buhari, Mallam Garba Shehu,
    said"): the parse hangs it on the principal's name, but a name needs no second name, so it names the
    role's holder, whatever type the tagger gave it. Not a description ("a spokesman for Alphabet, Google's
    parent"), nor after a common noun ("a spokesman for the president, Donald Trump": the president)."""
    if not _common_noun(subj) or _is_group(subj):
        return None
    for prep in subj.rights:
        if prep.dep_ != "prep" or prep.lower_ != "for":
            continue
        for principal in prep.children:
            if principal.dep_ != "pobj" or principal.pos_ != "PROPN":
                continue
            for name in principal.rights:
                if name.dep_ != "appos" or name.pos_ != "PROPN" or name.ent_type_ in NOT_PEOPLE:
                    continue
                found = [m for m in ctx.mentions if m.start <= name.idx < m.end and m.label in PERSON_OR_ORG]
                if found and ctx.text[_end(name) : _end(name) + 1] == ",":
                    return found[0]
    return None


def _kin_of(ctx: _Ctx, mention: Mention, subj: Token) -> bool:
    """A person named as the possessor of the source ("Bruce Steinberg’s sister, Tamara …") is not who
    speaks. An organisation's is kept: its spokesman speaks for it ("the ministry's spokesman")."""
    if mention.label != "PERSON" or mention.start <= subj.idx < mention.end:
        return False
    return ctx.text[mention.end : mention.end + 2] in {"'s", "’s"} or ctx.text[
        mention.end - 1 : mention.end + 1
    ] in {
        "s'",
        "s’",
    }


# Verbs whose object is the person spoken to ("she told CNN's Anderson Cooper"), and verbs that name that
# person after "to" ("he said to Smith").
ADDRESSING = frozenset({"tell", "ask", "inform", "assure", "warn", "brief", "interview", "remind"})
ADDRESSED_WITH_TO = frozenset({"say", "speak", "talk", "write", "explain", "describe", "complain", "reply"})


def _addressee(ctx: _Ctx, m: Mention) -> bool:
    """The person is the one spoken to, whom the next "she said" does not mean: “I grabbed my son,” she
    told CNN's Anderson Cooper. “He's really shaken,” she said."""
    name = ctx.doc[ctx.token_at(m.end - 1)]
    head = name.head
    if name.dep_ in ("dobj", "dative") and str(head.lemma_).lower() in ADDRESSING:
        return True
    return name.dep_ == "pobj" and head.lower_ == "to" and str(head.head.lemma_).lower() in ADDRESSED_WITH_TO


def _antecedent(ctx: _Ctx, ref: int, prev: Said | None, pronoun: str = "", reply: bool = False) -> Who:
    """He/she: the latest PERSON mentioned before ``ref`` who is not the one spoken to and whom the article
    does not show to be of the other gender, or the previous speaker if nearer; a proper-name subject the
    tagger did not take for a name, when nearer than both. One who ``reply``s ("He responded, “Yes”") is
    not the previous speaker, whom the reply answers ("LaCalamita was asked by Judge Michael A. Martone if he
    understood the charges …")."""
    want = PRONOUN_GENDER.get(pronoun)
    asker = prev[1] if reply and prev is not None else None
    if reply:
        prev = None
    persons = [
        m
        for m in ctx.mentions
        if m.label == "PERSON"
        and m.end <= ref
        and ctx.quote_at(m.start) is None
        and not _addressee(ctx, m)
        and not _name_as_modifier(ctx, m)
        and _gender_fits(ctx, m.entity, want)
        and (asker is None or m.entity != asker)
    ]
    last = _salient(ctx, persons)
    untagged = _untagged_subject(ctx, ref, max(last.end if last else 0, prev[0] if prev else 0), want)
    if untagged is not None:
        return untagged
    # "…, according to the Los Angeles Times. … he told the LA Times": an organisation that spoke last is
    # not "he" when a person has been named
    if (
        prev is not None
        and prev[1]
        and _gender_fits(ctx, prev[1], want)
        and (last is None or (prev[0] >= last.end and _a_person(ctx, prev[1])))
    ):
        return prev[1], prev[2]
    return _mention_name(ctx, last) if last is not None else (None, None)


def _name_as_modifier(ctx: _Ctx, m: Mention) -> bool:
    """A name that says what kind a thing is, not someone the text speaks of: "a Chicago lawyer wearing a
    vintage Bruce Sutter jersey. “…,” he said." is the lawyer (the Post on the Cubs), as "the Trump
    administration" is no "he"."""
    last = ctx.doc[ctx.token_at(m.end - 1)]
    return last.dep_ == "compound" and not (m.start <= last.head.idx < m.end)


def _salient(ctx: _Ctx, persons: list[Mention]) -> Mention | None:
    """Of the people named in the latest sentence that names one, the subject of its main verb, else the
    last named: "Thurman says that … Tarantino … a teenager named Gogo … “…,” she says" is Thurman."""
    if not persons:
        return None
    sent = ctx.doc[ctx.token_at(persons[-1].end - 1)].sent
    for m in persons:
        tok = ctx.doc[ctx.token_at(m.end - 1)]
        if tok.sent.start == sent.start and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == sent.root.i:
            return m
    return persons[-1]


# The gender a third-person pronoun gives its antecedent, and the words that show a person's in the text
# itself: an honorific before the name ("Mrs. Clinton"), a kin or gendered role noun before it ("her husband
# Tony", "actress Uma Thurman") or in an apposition after it ("Lawan Zanna, the father of …").
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}
HONORIFIC_GENDER = {"mr": "m", "mister": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f"}
HONORIFIC_GENDER |= {"madam": "f", "lady": "f", "dame": "f"}
KIN_GENDER = dict.fromkeys(
    _words(
        """
        husband father son brother boyfriend uncle nephew grandfather grandson widower fiance stepfather
        dad actor businessman spokesman chairman congressman king prince boy man gentleman
        """
    ),
    "m",
) | dict.fromkeys(
    _words(
        """
        wife mother daughter sister girlfriend aunt niece grandmother granddaughter widow fiancee stepmother
        mom mum actress businesswoman spokeswoman chairwoman congresswoman queen princess girl woman lady
        """
    ),
    "f",
)
BEFORE_NAME = re.compile(r"([A-Za-z]+)\.?,?\s+$")
APPOSED_KIN = re.compile(r",\s+(?:(?:his|her|their|the|a|an)\s+)?(?:[\w-]+\s+){0,2}?([a-z]+)\b")


def _gender_fits(ctx: _Ctx, entity: str | None, want: str | None) -> bool:
    """Nothing in the article shows the person to be of the other gender than the pronoun's."""
    if want is None or not entity:
        return True
    found = _gender(ctx, entity)
    return found is None or found == want


def _gender(ctx: _Ctx, entity: str) -> str | None:
    """What the article itself shows of a person's gender: honorifics and kin words beside their name (two
    votes each), and the first he/she the article uses right after naming them as a subject (one vote)."""
    cached = ctx.genders.get(entity, "?")
    if cached != "?":
        return cached
    votes = {"m": 0, "f": 0}
    for m in ctx.mentions:
        if m.entity != entity or m.label != "PERSON":
            continue
        first = m.text.split()[0].strip(".").lower() if m.text.split() else ""
        before = BEFORE_NAME.search(ctx.text, max(0, m.start - 30), m.start)
        word = before.group(1).lower() if before is not None else ""
        apposed = APPOSED_KIN.match(ctx.text, m.end, m.end + 40)
        for w in (first, word):
            if w in HONORIFIC_GENDER:
                votes[HONORIFIC_GENDER[w]] += 2
        for w in (word, apposed.group(1) if apposed is not None else ""):
            if w in KIN_GENDER:
                votes[KIN_GENDER[w]] += 2
        pronoun = _pronoun_after(ctx, m)
        if pronoun is not None:
            votes[pronoun] += 1
    gender = None if votes["m"] == votes["f"] else max(votes, key=lambda g: votes[g])
    ctx.genders[entity] = gender
    return gender


def _pronoun_after(ctx: _Ctx, m: Mention) -> str | None:
    """The gender of the first subject he/she after a mention that is a subject, up to the end of the next
    sentence, when no other person is named and no quote opens in between."""
    name = ctx.doc[ctx.token_at(m.end - 1)]
    if name.dep_ not in ("nsubj", "nsubjpass"):
        return None
    sent = name.sent
    nxt = ctx.doc[sent.end].sent if sent.end < len(ctx.doc) else sent
    for tok in ctx.doc[name.i + 1 : nxt.end]:
        off = int(tok.idx)
        if ctx.quote_at(off) is not None:
            return None
        if any(o.start <= off < o.end and o.label == "PERSON" and o.entity != m.entity for o in ctx.mentions):
            return None
        if str(tok.lower_) in ("he", "she") and tok.dep_ in ("nsubj", "nsubjpass"):
            return PRONOUN_GENDER[str(tok.lower_)]  # a subject; "spat in her face" is someone else's
    return None


def _untagged_subject(ctx: _Ctx, ref: int, after: int, want: str | None = None) -> Who | None:
    """``Brit Kartik Bhanot, from Essex, witnessed the horror … He added: “…”``: a proper-name subject of a
    sentence after ``after`` that no entity mention covers (the tagger missed the name) is the nearer
    antecedent; its name is the run of proper nouns it heads. So is a singular role noun of the pronoun's
    gender (``A Downing Street spokesman said PM Theresa May was … He stressed: “…”``): the person the
    article introduced with that title, else, for someone new ("a spokesman"), the role."""
    first = ctx.token_at(after) + (1 if after else 0)
    for tok in reversed(ctx.doc[first : ctx.token_at(ref) + 1]):
        if int(tok.idx) < after or int(tok.idx) >= ref:
            continue
        if tok.dep_ != "nsubj" or ctx.quote_at(int(tok.idx)) is not None:
            continue
        if _human_role(tok, want):
            phrase = _head_span(ctx, tok)
            named = _apposed_person(ctx, tok) or _named_in_phrase(ctx, tok, phrase)
            if named is not None:
                return _mention_name(ctx, named)  # "A resident, Priscilla McBride, told …": she is named
            untyped = _apposed_name(ctx, tok)
            if untyped is not None:  # a name the tagger did not take for a person: named, not an entity
                return None, ctx.names.get(untyped.entity, untyped.text) if untyped.entity else untyped.text
            found = _by_title(ctx, phrase, int(tok.idx))
            # a definite role no one was introduced with ("The director said"): left to the last person named;
            # one the article brought in as someone new ("According to a relative, … The relative said …")
            # is that someone
            indefinite = _indefinite(ctx.text[phrase.start : phrase.end])
            return found if found[0] is not None or indefinite or _introduced(ctx, tok) else None
        if tok.pos_ != "PROPN" or (tok.head.i != tok.sent.root.i and not _is_cue(tok.head, weak_ok=False)):
            continue  # the subject of the main clause or of a speech verb ("… film Kill Bill is …": not)
        if not str(tok.text)[:1].isupper():
            return None  # "the businesswoman": a common noun the tagger took for a name
        if any(m.start <= tok.idx < m.end for m in ctx.mentions) or tok.ent_type_ in NOT_PEOPLE:
            return None  # a tagged name (an organisation, a place) nearer than any person: not "he"
        known = _by_name_part(ctx, str(tok.text))
        if known is not None:
            return known  # "Mr Turnbull": the person the article names in full
        names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        start = int(names[0].idx) if names else int(tok.idx)
        return None, ctx.text[start : _end(tok)]
    return None


# Entity types no person's name is given, however the small model errs (it tags names WORK_OF_ART, ORG).
NOT_PEOPLE = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "CARDINAL"})


# Verbs of answering: who replies is not whom they answer.
REPLY_VERBS = _words("reply respond answer retort")
# Nouns for one person by where they stand to the story rather than by title or kin (no gender of their own).
PERSON_ROLES = _words(
    "neighbour neighbor relative friend witness resident colleague cousin classmate bystander"
)


def _human_role(tok: Token, want: str | None) -> bool:
    """A singular noun for one person holding a title, a kin or gendered role or a place in the story
    ("spokesman", "the mayor", "his wife", "a neighbour") whose gender, where the word has one, is the
    pronoun's."""
    lemma = str(tok.lemma_).lower()
    if (
        tok.pos_ != "NOUN"
        or tok.tag_ != "NN"
        or not (lemma in TITLES or lemma in KIN_GENDER or lemma in PERSON_ROLES)
    ):
        return False
    return want is None or KIN_GENDER.get(lemma, want) == want


def _apposed_name(ctx: _Ctx, tok: Token) -> Mention | None:
    """A proper name in apposition to a noun for one person is that person's, whatever type the tagger gave
    it ("A resident, Priscilla McBride, told …", McBride tagged ORG); a place is not."""
    for child in tok.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ not in NOT_PEOPLE:
            found = [m for m in ctx.mentions if m.start <= child.idx < m.end]
            if found:
                return found[0]
    return None


def _introduced(ctx: _Ctx, tok: Token) -> bool:
    """The role noun was brought in earlier as someone new: "a relative", "another neighbour" before "the
    relative"."""
    noun = re.escape(str(tok.text).lower())
    before = ctx.text[: int(tok.idx)].lower()
    return re.search(rf"\b(?:a|an|another|one)\s+(?:[\w-]+\s+){{0,2}}?{noun}\b", before) is not None


def _a_person(ctx: _Ctx, entity: str) -> bool:
    """The entity is named as a person somewhere in the article."""
    return any(m.entity == entity and m.label == "PERSON" for m in ctx.mentions)


def _by_title(ctx: _Ctx, src: Span, ref: int) -> Who:
    """A role (``the secretary of state``): the latest PERSON earlier introduced with that title, before the
    name (``London Mayor Sadiq Khan``) or in an apposition after it (``Christian Estrosi, the mayor of
    Nice``), nearest first."""
    words = {w.strip(".,").lower() for w in ctx.text[src.start : src.end].split()}
    titles = words & TITLES
    if _indefinite(ctx.text[src.start : src.end]):
        titles = set()  # "A Downing Street spokesman said": someone not named before, not the last spokesman
    for m in reversed(ctx.mentions):
        if m.end > ref or not titles or not (m.label == "PERSON" or _titled_name(m, titles)):
            continue
        context = ctx.text[max(0, m.start - 40) : m.end].lower()
        if any(t in context for t in titles) or _titled_after(ctx, m, titles, ref):
            return _mention_name(ctx, m)
    return None, ctx.text[src.start : src.end]


def _indefinite(phrase: str) -> bool:
    return phrase.split(maxsplit=1)[0].lower() in ("a", "an", "another", "one") if phrase.strip() else False


def _titled_name(m: Mention, titles: frozenset[str] | set[str]) -> bool:
    """A name the tagger took for an organisation that holds the title itself ("Mayor Christian Estrosi"):
    a titled person."""
    return m.label == "ORG" and bool(titles & {w.strip(".,").lower() for w in m.text.split()[:-1]})


APPOSITION_AFTER = re.compile(r",\s+(?:the|a|an|his|her|its|their)\s+([^,.;:()\n]{1,60})")


def _titled_after(ctx: _Ctx, m: Mention, titles: frozenset[str] | set[str], ref: int) -> bool:
    """The name is followed by an apposition that gives one of the titles: "Estrosi, the mayor of Nice"."""
    found = APPOSITION_AFTER.match(ctx.text, m.end, ref)
    if found is None or ctx.text[found.end() : found.end() + 1] not in (",", ")"):
        return False  # an apposition closes before the role that speaks ("Thurman, the director told …")
    return bool(titles & {w.lower() for w in re.findall(r"[\w-]+", found.group(1))})


def _is_group(subj: Token) -> bool:
    if subj.tag_ in ("NNS", "NNPS"):
        return True
    return any(c.dep_ == "conj" for c in subj.children)


def _relative_antecedent(subj: Token) -> Token | None:
    """The noun a relative pronoun stands for: "experts" in "experts who said". "Who" is a person: hung by
    the parse on a thing in a phrase after one ("a distraught elderly woman outside the bank, who wept and
    cried"), it stands for the person the phrase follows."""
    if not (subj.tag_.startswith("W") and subj.head.dep_ == "relcl" and subj.head.head.i != subj.head.i):
        return None
    noun = subj.head.head
    if str(subj.lower_) == "who" and noun.dep_ == "pobj" and not _person_noun(noun):
        above = noun.head.head  # the noun the preposition's phrase modifies
        if noun.head.dep_ == "prep" and above.i != noun.head.i and _person_noun(above):
            return above
    return noun


def _person_noun(tok: Token) -> bool:
    """A name tagged a person, or a common noun for one (a title, a kin or gendered role, a place in the
    story)."""
    if tok.ent_type_ == "PERSON":
        return True
    lemma = str(tok.lemma_).lower()
    return tok.pos_ == "NOUN" and (lemma in TITLES or lemma in KIN_GENDER or lemma in PERSON_ROLES)


def _speaker(ctx: _Ctx, subj: Token, src: Span, ref: int, prev: Said | None) -> Who:
    noun = _relative_antecedent(subj)
    if noun is not None:
        return _speaker(ctx, noun, _head_span(ctx, noun), ref, prev)
    lower = str(subj.lower_)
    if lower in PERSONAL_PRONOUNS:
        return _antecedent(ctx, ref, prev, lower, _replies_to(ctx, subj, prev))
    if lower in OPAQUE_PRONOUNS:
        return None, None
    if str(subj.lemma_).lower() in SAID_NOUNS:
        return _said_by(ctx, subj, ref, prev)
    apposed = (
        _apposed_person(ctx, subj) or _named_in_phrase(ctx, subj, src) or _named_after_principal(ctx, subj)
    )
    if apposed is not None:  # "Bruce Steinberg’s sister, Tamara Steinberg Jacobson": the apposition names her
        return _mention_name(ctx, apposed)
    # One person's noun ("Early Facebook executive and former vice president of growth, Chamath
    # Palihapitiya,", the name tagged ORG) is named by a name in apposition, whatever its tag.
    untyped = _apposed_name(ctx, subj) if subj.pos_ == "NOUN" and subj.tag_ == "NN" else None
    if untyped is not None:
        return None, ctx.names.get(untyped.entity, untyped.text) if untyped.entity else untyped.text
    best = _best_mention(ctx, subj, src)
    src_text = ctx.text[src.start : src.end]
    if best is not None and best.start <= subj.idx < best.end:
        return _mention_name(ctx, best)
    if _is_group(subj):
        return None, src_text
    if best is not None and _affiliation_only(subj, best):
        return None, src_text  # "Weibo user S_AND_YY", "a Google engineer": someone of it, not it
    # "the secretary of State": a role, not State; "one of the French fighters": a role, not the French
    if best is not None and str(subj.lower_) not in TITLES and best.label != "NORP":
        return _mention_name(ctx, best)
    if subj.pos_ == "PROPN":
        named = _by_name_part(ctx, str(subj.text))
        if named is not None:
            return named
    return _by_title(ctx, src, ref)


# Someone of a body who does not speak for it: "Weibo user", "a Google engineer", "a BBC reporter".
AFFILIATES = _words(
    """
    user engineer employee worker staffer reader viewer listener fan customer subscriber follower
    passenger member student researcher scientist reporter journalist correspondent commentator analyst
    """
)


def _affiliation_only(subj: Token, best: Mention) -> bool:
    """The name only modifies the speaker's noun, a person of the body who does not speak for it: a user
    of Weibo, an engineer at Google are neither Weibo nor Google, where a spokesman, an official or the
    "Global Times propaganda newspaper" is the body's voice or the body itself."""
    return (
        str(subj.lemma_).lower() in AFFILIATES
        and subj.tag_ == "NN"
        and any(c.dep_ == "compound" and best.start <= c.idx < best.end for c in subj.children)
    )


def _replies_to(ctx: _Ctx, subj: Token, prev: Said | None) -> bool:
    """The pronoun's verb answers a question the previous speaker asked in this sentence or the one before
    ("X was asked by Judge Y if … He responded, “Yes”"); "Asked about it, he replied" answers no one named."""
    if (
        prev is None
        or not prev[1]
        or subj.dep_ != "nsubj"
        or str(subj.head.lemma_).lower() not in REPLY_VERBS
    ):
        return False
    sent = subj.sent
    first = ctx.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
    for tok in ctx.doc[first : subj.i]:
        if str(tok.lemma_).lower() != "ask":
            continue
        askers = [c for c in tok.children if c.dep_ == "nsubj"]
        askers += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        for a in askers:
            if any(m.entity == prev[1] and m.start <= a.idx < m.end for m in ctx.mentions):
                return True
    return False


def _said_by(ctx: _Ctx, said: Token, ref: int, prev: Said | None) -> Who:
    """Who said what a statement noun names: its owner ("His remarks", "Obama's statement") or the
    person it is from or by; a statement is no speaker, so with neither the speaker is unknown."""
    owner = next((c for c in said.children if c.dep_ == "poss"), None)
    if owner is None:
        owner = next(
            (
                g
                for c in said.children
                if c.dep_ == "prep" and str(c.lower_) in ("by", "from", "of")
                for g in c.children
                if g.dep_ == "pobj" and g.pos_ in NOMINAL
            ),
            None,
        )
    if owner is None:
        owner = _statement_owner(ctx, said)
    if owner is None or str(owner.lemma_).lower() in SAID_NOUNS:
        return None, None
    return _speaker(ctx, owner, _head_span(ctx, owner), ref, prev)


STATEMENT_SEARCH = 1500  # characters back to the statement "the statement" refers to


def _statement_owner(ctx: _Ctx, said: Token) -> Token | None:
    """Whose statement an ownerless one is: "a police statement" the police's; "The statement said" the one
    the article last told of, "Isiah's family released a statement", "X said in a statement"."""
    noun = next((c for c in said.children if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN")), None)
    if noun is not None:
        return noun
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in said.children):
        return None
    lemma, start = str(said.lemma_).lower(), int(said.idx) - STATEMENT_SEARCH
    for tok in reversed(ctx.doc[ctx.token_at(max(0, start)) : said.i]):
        if str(tok.lemma_).lower() != lemma or ctx.quote_at(int(tok.idx)) is not None:
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        verb = tok.head
        if owner is None and tok.dep_ == "pobj" and tok.head.lower_ == "in":
            verb = tok.head.head  # "X said in a statement"
        if owner is None and (tok.dep_ == "dobj" or verb is not tok.head):
            owner = next((c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in NOMINAL), None)
        return owner
    return None


def _by_name_part(ctx: _Ctx, word: str) -> Who | None:
    """A bare name the tagger missed (``Park, the … minister``): the one person whose name has it."""
    people = {m.entity for m in ctx.mentions if m.label == "PERSON" and m.entity}
    matches = [e for e in people if word in ctx.names.get(e, "").split()]
    return (matches[0], ctx.names[matches[0]]) if len(matches) == 1 else None


@dataclass(frozen=True)
class _Draft:
    """A quote before speaker resolution; ``subj`` is the cue's subject token, if any."""

    kind: QuoteKind
    start: int
    end: int
    cue: Token | None
    subj: Token | None
    marked: Marked | None = None
    # The source span when text, not the parse, names the speaker: a transcript label (WALLACE:), a dash
    # credit line, a tag the parse missed ("…,” Tulsa police Chief Chuck Jordan said).
    label: tuple[int, int] | None = None


def _kind(ctx: _Ctx, m: Marked, cue: Token | None) -> QuoteKind:
    """Direct when a capitalised statement stands on its own (after ``said,`` or a clause break)."""
    text = ctx.text
    before = text[: m.open].rstrip(INLINE_SPACE)
    prev = before[-1:] or "\n"
    after_cue = cue is not None and _end(cue) <= m.open and not text[_end(cue) : m.open].strip(" ,:")
    first = next((ch for ch in text[m.start : m.end] if ch.isalpha()), "")
    return "direct" if first.isupper() and (prev in STATEMENT_BEFORE or after_cue) else "partial"


def _marked_draft(ctx: _Ctx, m: Marked) -> _Draft:
    credit = DASH_CREDIT.match(ctx.text, m.outer_end) if m.close is not None else None
    if credit is not None:  # “…” ― Sonya Herridge: a quote credited to its speaker after a dash
        dash = ctx.doc[ctx.token_at(credit.start(1))]
        return _Draft("direct", m.start, m.end, dash, None, m, label=(credit.start(2), credit.end(2)))
    cue = _find_cue(ctx, m)
    if cue is None:
        named = _name_colon(ctx, m)
        if named is not None:  # Clinton: “Our goal is …”: the colon is the cue, the name the source
            return _Draft("direct", m.start, m.end, named[0], None, m, label=named[1])
    subj = _subject(ctx, cue) if cue is not None else None
    if cue is not None and subj is None and int(cue.idx) >= m.outer_end:
        # “…,” Tulsa police Chief Chuck Jordan said: the parse missed the subject, the words between name it.
        tag = _tag_between(ctx, m, cue)
        if tag is not None:
            return _Draft(_kind(ctx, m, cue), m.start, m.end, cue, None, m, label=tag)
        if not ctx.text[m.outer_end : int(cue.idx)].strip(" ,'\"”’"):
            subj = _name_after(ctx, cue)
    return _Draft(_kind(ctx, m, cue), m.start, m.end, cue, subj, m)


def _name_after(ctx: _Ctx, cue: Token) -> Token | None:
    """``“…,” said Robin Maynard, half joking``: the name right after an inverted cue, when the parse hung
    it elsewhere (as the subject of "joking"): its last word."""
    last = None
    for tok in cue.doc[cue.i + 1 : cue.i + 6]:
        if (
            tok.pos_ != "PROPN"
            or tok.ent_type_ in ("DATE", "TIME")
            or not _free(ctx, tok, ctx.line(int(cue.idx)))
        ):
            break
        last = tok
    return last


def _name_colon(ctx: _Ctx, m: Marked) -> tuple[Token, tuple[int, int]] | None:
    """``Clinton: “…”`` / ``Sen. Bernie Sanders: “…”``: a short name and a colon, no verb before it."""
    colon = _colon_before(ctx, m)
    if colon is None:
        return None
    words: list[Token] = []
    line = ctx.line(m.open)
    i = colon.i - 1
    while i >= 0 and _free(ctx, ctx.doc[i], line) and not ctx.doc[i].is_space:
        if ctx.doc[i].is_punct and ctx.doc[i].text not in ".'’-":
            break
        if ctx.doc[i].text == "-" and ctx.doc[i].whitespace_ and i and ctx.doc[i - 1].whitespace_:
            break  # "RED STATES OUTNUMBER BLUE STATES - Jeffrey M. Jones: “…”": a spaced dash ends a heading
        words.insert(0, ctx.doc[i])
        i -= 1
    if not 0 < len(words) <= 6 or any(t.pos_ in ("VERB", "AUX") for t in words) or words[-1].pos_ != "PROPN":
        return None  # a long lead-in is a sentence, not a name
    return colon, (int(words[0].idx), _end(words[-1]))


def _tag_between(ctx: _Ctx, m: Marked, cue: Token) -> tuple[int, int] | None:
    """The noun phrase between a closing quote mark and its cue, when nothing else stands there."""
    tokens = [t for t in ctx.doc[ctx.token_at(m.outer_end) : cue.i] if int(t.idx) >= m.outer_end]
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    # A capitalised word is part of a name whatever the small tagger says ("Tulsa" as a verb).
    if not words or len(words) > 10 or not all(t.pos_ in TAG_POS or t.text[:1].isupper() for t in words):
        return None
    if not any(t.pos_ in NOMINAL for t in words):
        return None
    return int(words[0].idx), _end(words[-1]) + (
        1 if ctx.text[_end(words[-1]) : _end(words[-1]) + 1] == ")" else 0
    )


def _with_headline(ctx: _Ctx, drafts: list[_Draft]) -> list[_Draft]:
    """``Lynch: No outside influence on FBI probe``: a headline opening the text that names its speaker
    before a colon reports the rest of its line; quotes inside it are that speaker's words.

    Only the first line, where the convention holds (PolNeAR's train split: 71 of the 117 first lines of
    that shape are annotated so, most of the rest "The Latest: …"); further down, "Name: …" paragraphs
    are transcript turns (``_label_drafts``) or a name before a quote (``_name_colon``).
    """
    text = ctx.text
    match = HEADLINE_SPEAKER.match(text)
    line_end = text.find("\n") if "\n" in text else len(text)
    if match is None or match.end() > line_end:
        return drafts
    name = match.group(1)
    if name.split()[0] in HEADLINE_NOT_SPEAKERS or name.upper() in NOT_SPEAKERS:
        return drafts
    start, end = match.end(), line_end
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".;,"):
        end -= 1
    if len(text[start:end].split()) > HEADLINE_WORDS or _sentence_break(text[start:end]):
        return drafts
    if any(d.label == match.span(1) for d in drafts):
        return drafts  # Trump: “I’m the worst …”: the quote after the name already has it as source
    colon = ctx.doc[ctx.token_at(match.end(1))]
    label = match.span(1)
    inside = [d for d in drafts if start <= d.start < end and d.marked is not None]
    rest = [d for d in drafts if d not in inside]
    words = [replace(d, cue=colon, subj=None, label=label) for d in inside if d.cue is None]
    words += [d for d in inside if d.cue is not None]
    marked = inside[0].marked if len(inside) == 1 else None
    if marked is not None and not (text[start : marked.open] + text[marked.outer_end : end]).strip():
        return [*rest, replace(words[0], kind="direct")]  # the whole rest is the quote
    return [*rest, *words, _Draft("indirect", start, end, colon, None, label=label)]


def turn_text_start(line: str) -> int:
    """Where a transcript turn's words start in its line ("MONTAGNE: Take us …" at "Take"); 0 for a line
    that opens with no speaker's label."""
    match = SPEAKER_LABEL.match(line)
    return match.start(2) if match and match.group(1).strip() not in NOT_SPEAKERS else 0


def _label_drafts(ctx: _Ctx) -> list[_Draft]:
    """Transcript turns: a paragraph opening with a speaker's name in capitals and a colon.

    The turn may itself sit in quote marks (a quoted transcript); it runs to its paragraph's end.
    """
    found = []
    for match in SPEAKER_LABEL.finditer(ctx.text):
        name, start, end = match.group(1), match.start(2), para_end(ctx.text, match.start(2))
        inner = [m for m in ctx.marked if start <= m.open < end]
        if name.strip() in NOT_SPEAKERS or inner:
            continue
        while end > start and (ctx.text[end - 1].isspace() or ctx.text[end - 1] in '"”'):
            end -= 1
        colon = ctx.doc[ctx.token_at(match.end(1))]
        found.append(_Draft("direct", start, end, colon, None, label=(match.start(1), match.end(1))))
    return found


def _indirect_bounds(ctx: _Ctx, clause: Token, direct: list[Marked]) -> tuple[int, int] | None:
    toks = list(clause.subtree)
    predicate = None
    if clause.dep_ == "dobj":  # "called him a political opportunist": the object and what it is called
        # and "described the ground as “Swiss cheese”": what it is described as
        predicate = next(
            (c for c in clause.head.children if c.i > clause.i and (c.dep_ == "oprd" or _as_phrase(c))), None
        )
        if predicate is not None:
            toks += [t for t in predicate.subtree if t.i > toks[-1].i]
    if clause.dep_ == "pobj" and _as_phrase(clause.head):  # "described the ground as …": from the object
        obj = next((c for c in clause.head.head.children if c.dep_ == "dobj" and c.i < clause.i), None)
        if obj is not None:
            toks = [t for t in obj.subtree if t.i < clause.head.i] + list(clause.head.subtree)
    around = list(clause.children)
    if clause.dep_ == "dobj" and predicate is not None:
        around += list(predicate.children)  # 'called Cruz the "ultimate hypocrite," linking to a story'
    nested = next((t for t in around if _another_attribution(t) and not _joined_in_clause(t, clause)), None)
    if nested is not None:  # "says he respects Clinton and calls her …": the second verb reports its own
        toks = [t for t in toks if t.i < nested.left_edge.i]
        while toks and (toks[-1].dep_ == "cc" or toks[-1].is_punct):
            toks.pop()
    aside = next((t for t in toks if t.i > clause.i and (_reporting_aside(t) or _reporting_clause(t))), None)
    if aside is not None:  # "backed Rubio, who called it …", "…, though records show …": reported apart
        toks = [t for t in toks if t.i < aside.left_edge.i]
        while toks and (toks[-1].dep_ == "cc" or toks[-1].is_punct):
            toks.pop()
    line_start = ctx.text.rfind("\n", 0, int(clause.idx)) + 1  # a quote closing the paragraph above
    toks = [t for t in toks if t.idx >= line_start and not t.is_space]  # is another paragraph's
    # a "that" which is the complement itself is no marker: "Sanders rejected that" reports "that"
    while toks and (
        toks[0].dep_ == "mark" or (_that_marker(toks[0]) and toks[0] is not clause) or toks[0].is_punct
    ):
        toks = toks[1:]
    if not toks:
        return None
    start, end = int(toks[0].idx), _end(toks[-1])
    end = min(end, para_end(ctx.text, start))
    if any(m.open <= start < m.outer_end for m in direct):
        return None  # the complement is the direct quote itself: Blinken said, “We …”
    for m in direct:
        if start < m.open < end:
            if int(clause.head.idx) >= m.outer_end and ctx.text[start : m.open].rstrip()[-1:] in ".!?:":
                # 'Trump seemed to suggest he had silenced his wife: "She signed …," he told the Times': a
                # parse run over the lead-in before a quote hangs it on the quote's cue; it is not reported
                return None
            end = m.open  # stop where the speaker's own words take over
    for m in ctx.marked:
        if m.open < end < m.outer_end and m not in direct:
            if m.open <= start:
                return None  # accused X of “…”: the partial quote is the content, and a quote already
            end = min(m.outer_end, para_end(ctx.text, start))  # keep an embedded partial quote whole
    while end > start and (ctx.text[end - 1].isspace() or ctx.text[end - 1] in ',;:—–-“"'):
        end -= 1
    words = ctx.text[start:end].split()
    if not words or (len(words) == 1 and ctx.doc[ctx.token_at(start)].pos_ not in NOMINAL):
        return None  # one word is reported only as a thing or a name ("endorsed Sanders"), not "wants to"
    return start, end


def _that_marker(tok: Token) -> bool:
    """A leading "that" the parse may have missed as a marker; not one that is the clause's subject."""
    return str(tok.lower_) == "that" and tok.dep_ not in ("nsubj", "nsubjpass")


def _as_phrase(tok: Token) -> bool:
    return tok.dep_ == "prep" and str(tok.lower_) == "as" and any(c.dep_ == "pobj" for c in tok.children)


def complement_relations(tok: Token) -> list[tuple[str, Token]]:
    """What a verb, noun or adjective may report, by relation: a verb's clause or object (``ccomp``,
    ``xcomp``, ``dobj``), its passive subject (``nsubjpass``: "the plan was criticized"), a prepositional
    object (``prep:about``: "talked about the wall"), a marked clause (``mark:for``: "called for the party
    to unite"); a noun's clause or prepositional object (``n:acl``: "his plan to boycott",
    ``n:prep:of``: "criticism of the deal"); an adjective's (``a:ccomp``: "is confident that …",
    ``a:prep:of``: "was critical of …").

    The relations that ``training/learn_cues.py`` counts and the extractor looks up.
    """
    verb = tok.pos_ == "VERB" or str(tok.tag_).startswith("VB")
    if verb:
        prefix, direct = "", VERB_COMPLEMENTS
    elif tok.pos_ in ("NOUN", "ADJ"):
        prefix, direct = ("n:", NOUN_COMPLEMENTS) if tok.pos_ == "NOUN" else ("a:", ADJ_COMPLEMENTS)
    else:
        return []
    found = []
    for child in tok.children:
        relation = str(child.dep_)
        if relation in direct:
            found.append((prefix + relation, child))
        elif relation == "prep" and child.i > tok.i:
            obj = next((g for g in child.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                found.append((f"{prefix}prep:{child.lower_}", obj))
        elif relation == "advcl" and verb and child.i > tok.i:
            # "is calling for the United States to step up …": a clause introduced by its marker
            mark = next((g for g in child.children if g.dep_ == "mark" and g.i < child.i), None)
            if mark is not None:
                found.append((f"mark:{mark.lower_}", child))
    return found


def cue_lemma(tok: Token) -> str:
    """The lemma a learned cue is keyed by; a phrasal verb keeps its particle ("show off" is not "show")."""
    lemma = str(tok.lemma_).lower()
    particle = next((c for c in tok.children if c.dep_ == "prt" and c.i > tok.i), None)
    return f"{lemma} {particle.lower_}" if particle is not None else lemma


def _reports(cue: Token, tok: Token, short: bool) -> bool:
    """The learned cue's complement holds ``tok``: "called him “a loser”", "accused her of “lying in
    public about the deal”".

    A short quote (three words at most) takes a learned cue only as what someone is called (“a loser”):
    elsewhere it is as often the writer's scare quotes (cited alleged “experts”) or a fragment that
    would pass for a longer statement by someone else ("called for China to “play a role”").
    """
    comp = _complement(cue)
    if comp is None:
        return False
    parts = [] if short else [comp]
    parts += [c for c in cue.children if c.dep_ == "oprd" and comp.dep_ == "dobj"]
    return any(p.left_edge.i <= tok.i <= p.right_edge.i for p in parts)


def _another_attribution(tok: Token) -> bool:
    """A verb joined to a reported clause that reports something itself, with the same (unstated) subject."""
    if tok.dep_ not in ("conj", "advcl", "acl") or tok.pos_ != "VERB" or tok.i < tok.head.i:
        return False
    if tok.dep_ == "acl" and not (
        tok.tag_ == "VBG" and tok.left_edge.i and tok.doc[tok.left_edge.i - 1].text == ","
    ):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    return _complement(tok) is not None


def _reporting_aside(tok: Token) -> bool:
    """A relative clause set off by a comma or dash whose verb reports something of its own ("…, which
    supported Kloppenburg", "…, who called it a hoax"): no part of the outer content."""
    if tok.dep_ != "relcl" or tok.left_edge.i == 0 or tok.left_edge.i <= tok.head.i:
        return False
    if tok.doc[tok.left_edge.i - 1].text not in (",", "—", "–", "-", "--", "("):
        return False
    return _complement(tok) is not None


def _reporting_clause(tok: Token) -> bool:
    """A concession or contrast with its own subject whose verb reports ("…, though public records indicate
    he did not own a home"): another attribution beside the outer content, not inside it. Other marked
    clauses ("as", "because", "when") left in the content: on train, cutting at them found more false
    attributions than true ones."""
    if tok.dep_ != "advcl" or tok.pos_ != "VERB" or tok.i < tok.head.i:
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children):
        return False
    if not any(c.dep_ == "mark" and c.i < tok.i and str(c.lower_) in CONCESSIVE for c in tok.children):
        return False
    return _complement(tok) is not None


def _joined_in_clause(verb: Token, clause: Token) -> bool:
    """A verb joined to the reported clause in the clause's verb form, not the cue's, is more of the clause:
    "said voters would follow him and endorse Bush" reports both; "says he respects Clinton and calls her
    …" (one form for all three) stays split at the second verb."""
    return verb.dep_ == "conj" and verb.tag_ == clause.tag_ and verb.tag_ != clause.head.tag_


def _complement(tok: Token) -> Token | None:
    """What a cue reports: ``said that …`` (a listed cue) or a learned cue's complement (the likeliest)."""
    relations = [(r, c) for r, c in complement_relations(tok) if not _across_line(tok, c)]
    if not relations:
        return None
    if tok.pos_ != "NOUN" and _is_cue(tok, weak_ok=False):
        clauses = [c for relation, c in relations if relation == "ccomp"]
        if clauses:
            # "X is seen as …: 60 percent said Y": a clause on each side, the parse joined the one before
            # across a colon, semicolon or dash; the speech verb reports the one after it
            return next((c for c in clauses if c.i > tok.i), clauses[0])
        clause = _that_clause_in_phrase(tok)
        if clause is not None:
            return clause
    if any(relation in ("ccomp", "xcomp") for relation, _ in relations):
        # "the summit is expected to be held …": the clause says what is expected, not the subject alone
        relations = [(relation, c) for relation, c in relations if relation != "nsubjpass"]
    scorer, lemma, listed = cue_scorer(), cue_lemma(tok), _is_cue(tok, weak_ok=False)
    scored = [(scorer.probability(tok, relation, c, lemma, listed), c) for relation, c in relations]
    share, best = max(scored, key=lambda x: x[0])
    if tok.pos_ == "NOUN" and best.dep_ == "acl" and _is_cue(best, weak_ok=False):
        return None  # "a statement saying …": the speech verb reports, the noun is its source
    if best.dep_ == "dobj" and any(c.dep_ == "acl" and _is_cue(c, weak_ok=False) for c in best.children):
        return None  # "released a statement saying …": as above, the statement's verb reports
    return best if share >= scorer.threshold else None


def _that_clause_in_phrase(verb: Token) -> Token | None:
    """``said during a news conference that he may wait …``: a clause opened by the conjunction "that" in a
    phrase after a speech verb that has no clause of its own; the parse hung it on the phrase's noun."""
    for child in verb.children:
        if child.dep_ != "prep" or child.i < verb.i or str(child.lower_) not in SETTING_PREPOSITIONS:
            continue
        for tok in child.subtree:
            if tok.dep_ not in ("acl", "relcl", "ccomp") or _across_line(verb, tok):
                continue
            marker = next((c for c in tok.children if c.i < tok.i and c.dep_ == "mark"), None)
            if marker is not None and str(marker.lower_) == "that":
                return tok
    return None


def _across_line(tok: Token, child: Token) -> bool:
    """A complement on another line than its word: the parser ran a paragraph that ends with a quote
    into the next one (“…” ⏎ Aides said the donation …) and hung the quote on the next one's verb."""
    first, last = sorted((tok.i, child.i))
    return "\n" in tok.doc[first:last].text_with_ws


def _line_sentence(ctx: _Ctx, tok: Token) -> tuple[int, int]:
    """The token's sentence cut to its line: the parser runs a paragraph that ends in a quote into the
    next one, and no attribution crosses a paragraph break."""
    sent, idx = tok.sent, int(tok.idx)
    line_start = ctx.text.rfind("\n", 0, idx) + 1
    return max(int(sent.start_char), line_start), min(int(sent.end_char), para_end(ctx.text, idx))


def _parenthetical_bounds(ctx: _Ctx, cue: Token, direct: list[Marked]) -> tuple[int, int] | None:
    """``X, he said, Y`` / ``X, he said.``: a cue set off in its sentence reports the rest of it."""
    if cue.dep_ != "parataxis" or not _is_cue(cue, weak_ok=False):
        return None
    aside = list(cue.subtree)
    start, end = _line_sentence(ctx, cue)
    if _end(aside[-1]) >= end - 1:
        end = int(aside[0].idx)  # the aside closes the sentence: the content is what comes before
    return _sentence_part(ctx, start, end, direct, min_words=3)


def _tail_bounds(ctx: _Ctx, cue: Token, direct: list[Marked]) -> tuple[int, int] | None:
    """``X happened, police said.`` where the parse missed that X is what is said: it joined the cue to X
    as a second clause ("This includes a force …, Carter told a panel": ``conj``), or ran the line into
    the paragraph above, one ending in a quote, and hung X there. The line's sentence up to the comma
    before the cue's subject is the content, when the cue's clause closes the sentence."""
    if not _is_cue(cue, weak_ok=False) or cue.pos_ != "VERB":
        return None
    start, end = _line_sentence(ctx, cue)
    if cue.dep_ != "conj" and start <= int(cue.sent.start_char):
        return None  # a sound parse: its own clauses say what is reported
    subj = next((c for c in cue.children if c.dep_ == "nsubj" and c.i < cue.i), None)
    if subj is None or _end(cue.right_edge) < len(ctx.text[:end].rstrip(" .!?\"”'")):
        return None
    cut = int(subj.left_edge.idx)
    if cut <= start or not ctx.text[start:cut].rstrip().endswith(","):
        return None
    return _sentence_part(ctx, start, cut, direct, min_words=3)


def _answer_bounds(cue: Token) -> tuple[int, int] | None:
    """``46 percent said yes``, ``half said so``: a one-word answer is what the speech verb reports."""
    if not _is_cue(cue, weak_ok=False):
        return None
    answer = next((c for c in cue.children if c.i > cue.i and str(c.lower_) in ANSWERS), None)
    if answer is None or answer.dep_ not in ("intj", "advmod", "dobj", "ccomp", "acomp"):
        return None
    return int(answer.idx), _end(answer)


def _impression_bounds(ctx: _Ctx, verb: Token, direct: list[Marked]) -> tuple[int, int] | None:
    """``Washington appears weak``, ``she looks strong``: PolNeAR marks the writer's impression of a
    subject as an attribution without a source, its content the subject and the predicate."""
    if verb.pos_ not in ("VERB", "AUX") or str(verb.lemma_).lower() not in IMPRESSIONS:
        return None
    predicate = next((c for c in verb.children if c.dep_ in ("oprd", "acomp") and c.i > verb.i), None)
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    if predicate is None or subj is None or str(subj.lower_) == "it":
        return None  # "it seems clear that …": the clause is the content, found as one
    start, end = int(subj.left_edge.idx), _end(predicate.right_edge)
    return _sentence_part(ctx, start, min(end, para_end(ctx.text, start)), direct, min_words=2)


def _bounds_without_complement(
    ctx: _Ctx, tok: Token, direct: list[Marked]
) -> tuple[tuple[int, int] | None, bool]:
    """What a word with no complement of its own reports: the sentence around ``according to``, a
    parenthetical or closing cue's clause, a one-word answer, or the writer's impression (the flag: no
    source)."""
    if (str(tok.lower_) == "according" and _is_cue(tok, weak_ok=False)) or _in_document(ctx, tok):
        return _according_bounds(ctx, tok, direct), False
    if not str(tok.tag_).startswith("VB"):
        return None, False  # each rule below reads a verb
    bounds = _parenthetical_bounds(ctx, tok, direct) or _tail_bounds(ctx, tok, direct) or _answer_bounds(tok)
    if bounds is not None:
        return bounds, False
    return _impression_bounds(ctx, tok, direct), True


def _indirect_drafts(ctx: _Ctx, drafts: list[_Draft]) -> list[_Draft]:
    """Reported speech and other attributions outside quote marks: a cue verb and what it reports."""
    direct = [d.marked for d in drafts if d.kind == "direct" and d.marked is not None]
    used = {d.cue.i for d in drafts if d.cue is not None}
    found: list[_Draft] = []
    reported = bytearray(len(ctx.text) + 1)  # characters inside a content found so far
    for tok in ctx.doc:
        idx = int(tok.idx)
        if ctx.quote_at(idx) is not None:
            continue
        if reported[idx]:
            continue  # "said Washington believes …": the inner verb is part of the content
        complement = _complement(tok)
        bounds = _indirect_bounds(ctx, complement, direct) if complement is not None else None
        sourceless = False
        if bounds is None and tok.i not in used:  # a cue that introduces a direct quote reports only that
            bounds, sourceless = _bounds_without_complement(ctx, tok, direct)
        if bounds is not None:
            subj = None if sourceless else _subject(ctx, tok)
            found.append(_Draft("indirect", bounds[0], bounds[1], tok, subj))
            reported[bounds[0] : bounds[1]] = b"\x01" * (bounds[1] - bounds[0])
    return found


def _in_document(ctx: _Ctx, tok: Token) -> bool:
    """``In a Quinnipiac poll released Monday, 50 percent chose Clinton``: a poll or statement as the source.

    Only where no speech verb in the sentence reports it instead (``In a statement, Trump said …``).
    """
    obj = _document_of(tok) if str(tok.lower_) == "in" and tok.dep_ == "prep" else None
    if obj is None:
        return False
    if obj.tag_ == "NNS" and [str(c.lower_) for c in obj.children] == ["the"]:
        return False  # "Trump leads in the polls": a standing, not what a poll found
    return not any(_is_cue(t, weak_ok=False) and ctx.quote_at(int(t.idx)) is None for t in tok.sent)


def _document_of(tok: Token) -> Token | None:
    obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return obj if obj is not None and str(obj.lemma_).lower() in POLLS else None


def _according_bounds(ctx: _Ctx, tok: Token, direct: list[Marked]) -> tuple[int, int] | None:
    """``X happened, according to Y``: the rest of the sentence is the content."""
    start, end = _line_sentence(ctx, tok)
    phrase = list(tok.subtree)
    left = (start, max(start, int(phrase[0].idx)))
    right = (min(end, _end(phrase[-1])), end)
    start, end = max(left, right, key=lambda b: b[1] - b[0])
    return _sentence_part(ctx, start, end, direct, min_words=2)


def _sentence_part(
    ctx: _Ctx, start: int, end: int, direct: list[Marked], min_words: int
) -> tuple[int, int] | None:
    """A stretch of a sentence as reported content: trimmed of edge punctuation, clear of direct quotes."""
    text = ctx.text
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.!?"):
        end -= 1
    if any(start < m.outer_end and m.open < end for m in direct) or len(text[start:end].split()) < min_words:
        return None
    return start, end


def _is_split(ctx: _Ctx, d: _Draft, prev: _Draft) -> bool:
    """“…,” he said, “and …”: the second half of a quote that the writer split with the cue."""
    if d.marked is None or prev.kind != "direct" or d.kind != "partial":
        return False
    gap = ctx.text[prev.end : d.marked.open]
    return "," in gap[-3:] and "\n" not in gap and not any(ch in ".!?" for ch in gap)


def _continues(ctx: _Ctx, d: _Draft, prev: _Draft | None) -> bool:
    """A cue-less statement carrying on the previous quote: same paragraph, or opening the next one (a
    partial quote: same paragraph only)."""
    if d.marked is None or d.cue is not None or prev is None or _own_tag(ctx, d.marked):
        return False
    line, prev_line = ctx.line(d.marked.open), ctx.line(prev.end)
    if d.kind != "direct":
        # “A,” she said. That makes it “a failure of the whole system”: quoted words (more than scare
        # quotes) in the paragraph of someone's quote, with no cue of their own, are taken as hers
        return line == prev_line and len(ctx.text[d.start : d.end].split()) > SCARE_QUOTE_WORDS
    if line == prev_line:
        return True
    line_start = ctx.line_starts[line - 1] if line else 0
    if line <= prev_line or ctx.text[line_start : d.marked.open].strip():
        return False  # a quote further on in its paragraph has its own speaker, or none
    # the next paragraph, whether paragraphs are split by one newline or by a blank line (as clean.py does)
    prev_line_end = ctx.line_starts[prev_line] if prev_line < len(ctx.line_starts) else len(ctx.text)
    return not ctx.text[prev_line_end:line_start].strip()


OWN_TAG_TOKENS = 5


def _own_tag(ctx: _Ctx, m: Marked) -> bool:
    """The quote is followed by a tag of its own whose verb is no cue ("“Over the years, …,” the letter
    began."): it is that subject's, not carried on from the quote before (the Post gave Carson Palmer's
    letter to Bruce Arians, who "said he was leaving" in the paragraph above)."""
    if m.close is None:
        return False
    start = ctx.token_at(m.close) + 1
    for tok in ctx.doc[start : start + OWN_TAG_TOKENS]:
        if tok.is_punct and tok.text in ",":
            continue
        if "\n" in tok.text or _ends_clause(ctx, tok):
            return False
        if tok.pos_ == "VERB":
            # "…,” he continued": the same speaker, carried on; "…,” the letter began": its own
            return any(
                c.dep_ in ("nsubj", "nsubjpass") and start <= c.i < tok.i and c.pos_ in ("NOUN", "PROPN")
                for c in tok.children
            )
    return False


def _resolve(ctx: _Ctx, drafts: list[_Draft]) -> list[Quote]:
    """Speakers in reading order, so pronouns and continuations can lean on earlier quotes."""
    quotes: list[Quote] = []
    said: Said | None = None
    prev: tuple[_Draft, Quote] | None = None
    prev_direct: tuple[_Draft, Quote] | None = None  # a quote carries on the last direct one first
    for d in sorted(drafts, key=lambda x: (x.start, x.kind != "indirect")):
        if prev is not None and _is_split(ctx, d, prev[0]):
            # A cue-less second half is said by whoever said the first.
            src = d if d.cue is not None else prev[0]
            d = replace(d, kind="direct", cue=src.cue, subj=src.subj)
        quote = _quote(ctx, d, said)
        carried = next(
            (
                p
                for p in (prev_direct, prev)
                if p is not None and _continues(ctx, d, p[0]) and (p[1].speaker_name or p[1].cue)
            ),
            None,
        )
        if carried is not None:
            # “A,” she said. “B.”: B is said by her, and her cue and source report it too.
            p = carried[1]
            quote = replace(quote, cue=p.cue, source=p.source, speaker=p.speaker, speaker_name=p.speaker_name)
        quotes.append(quote)
        if quote.speaker is not None:
            said = (d.end, quote.speaker, quote.speaker_name)
        if d.kind != "partial" or d.cue is not None:
            prev = (replace(d, kind=quote.kind), quote)
            if prev[0].kind == "direct":
                prev_direct = prev
    return quotes


def _quote(ctx: _Ctx, d: _Draft, said: Said | None) -> Quote:
    cue = _cue_span(ctx, d.cue) if d.cue is not None else None
    if d.label is not None:
        src = ctx.span(*d.label)
        hits = [m for m in ctx.mentions if m.start < src.end and src.start < m.end and m.label == "PERSON"]
        speaker, name = _mention_name(ctx, hits[0]) if hits else (None, ctx.text[src.start : src.end])
        return Quote(ctx.article, d.kind, ctx.span(d.start, d.end), cue, src, speaker, name)
    chosen = _choose_source(ctx, d)
    if chosen is None:
        return Quote(ctx.article, d.kind, ctx.span(d.start, d.end), cue)
    head, src = chosen
    if _inside_source(src, d):
        return Quote(ctx.article, d.kind, ctx.span(d.start, d.end), cue, src)
    ref = min(src.start, d.marked.open if d.marked is not None else d.start)
    # Who speaks is read off the head of the phrase; appositions and modifiers name others too.
    speaker, name = _speaker(ctx, head, _head_span(ctx, head), ref, said)
    return Quote(ctx.article, d.kind, ctx.span(d.start, d.end), cue, src, speaker, name)


def _inside_source(src: Span, d: _Draft) -> bool:
    """The quoted words lie inside the phrase taken for their speaker (A ‘leaked’ photo has revealed …, The
    “Cosby Show” star said …): the phrase holds the words, it does not say them; the writer does. The source
    span is kept (PolNeAR's annotators mark such a phrase as the source), the speaker is not named."""
    return src.start <= d.start and d.end <= src.end


def extract_quotes(
    doc: Doc, article_id: str, mentions: Sequence[Mention], entity_names: Mapping[str, str]
) -> list[Quote]:
    """All direct, partial and indirect quotes of one article, in reading order.

    ``doc`` is the spaCy parse of the article body; ``mentions`` its canonicalised entity
    mentions and ``entity_names`` maps entity ids to canonical names. ``group`` is left None.
    """
    text = str(doc.text)
    if not text.strip():
        return []
    ctx = _make_ctx(doc, article_id, mentions, entity_names, text)
    quotes = [q for q in _resolve(ctx, _drafts(ctx)) if not _scare_quoted(ctx, q)]
    headline = _title_case_headline(ctx)
    if headline is None:
        return quotes
    head_mentions = [m for m in mentions if m.end <= len(headline.text)]
    head_ctx = _make_ctx(headline, article_id, head_mentions, entity_names, text[: len(headline.text)])
    # a short quoted phrase keeps the article parse's reading: lower-cased around it, the headline's verb
    # takes it as its own ("Escapee Added to U.S. Marshals '15 Most Wanted' List" made it said by him)
    found = [
        q
        for q in _resolve(head_ctx, _drafts(head_ctx))
        if q.kind != "partial" and not _scare_quoted(head_ctx, q)
    ]
    end = len(headline.text)
    kept = [q for q in quotes if q.content.start >= end or q.kind == "partial"]
    return sorted(found + kept, key=lambda q: q.content.start)


TITLE_WORD = re.compile(r"[A-Za-z][\w’'.-]*")
TITLE_SHARE = 0.8  # of a line's longer words capitalized: the line is in title case
SENTENCE_OPENER = re.compile(r"(?:^|[.!?:]\s+|[“\"‘']\s*)$")


def _title_case_headline(ctx: _Ctx) -> Doc | None:
    """``Donald Trump Finally Endorses House Speaker Paul Ryan.``: a first line in title case, parsed
    again in sentence case, where the tagger reads "Endorses" as a verb and not as part of a name.

    A capitalized word stays capitalized where the text below the line writes it so inside a sentence
    (a name), where it opens a sentence, and where it has capitals or a dot inside (``GOP``, ``U.S.``,
    ``McConnell``); every other is lower-cased. The new parse keeps the line's offsets, so the quotes
    found in it replace those the article's parse found on its first line.
    """
    text, doc = ctx.text, ctx.doc
    end = text.find("\n")
    if end <= 0 or not doc.has_annotation("DEP"):
        return None
    line, body = text[:end], text[end:]
    if len(line.split()) > HEADLINE_WORDS:
        return None  # a paragraph in capitals, not a headline: no second parse of it
    longer = [w for w in TITLE_WORD.findall(line) if len(w) > 3]
    if len(longer) < 3 or sum(w[0].isupper() for w in longer) < TITLE_SHARE * len(longer):
        return None
    chars = list(line)
    for match in TITLE_WORD.finditer(line):
        word = match.group()
        if not word[0].isupper() or any(c.isupper() or c == "." for c in word[1:]):
            continue
        if SENTENCE_OPENER.search(line[: match.start()]) or _named_in(body, re.split(r"[’']", word)[0]):
            continue
        chars[match.start()] = word[0].lower()
    cased = "".join(chars)
    if cased == line:
        return None
    from parallax.annotate.nlp import load_nlp  # the pipeline that parsed the article, loaded once

    parsed: Doc = load_nlp()(cased)
    return parsed


def _named_in(body: str, word: str) -> bool:
    """The word written capitalized inside a sentence of the body: a name, not a headline's capital."""
    for match in re.finditer(rf"\b{re.escape(word)}\b", body):
        i = match.start() - 1
        while i >= 0 and body[i] in " \t\xa0":  # no copy of the text before each match: a long body
            i -= 1
        if i >= 0 and body[i] not in ".!?\n“\"‘'":
            return True
    return False


def _drafts(ctx: _Ctx) -> list[_Draft]:
    """Every quote found, before speakers are resolved: marked quotes, transcript turns, reported speech."""
    turns = _label_drafts(ctx)
    labelled = {t.label[0] for t in turns if t.label is not None}
    drafts = [_marked_draft(ctx, m) for m in ctx.marked if m.start not in labelled] + turns
    drafts = [d for d in drafts if not _quoted_subheading(ctx, d)]
    drafts = _with_headline(ctx, drafts)
    if ctx.doc.has_annotation("DEP"):  # reported speech is found only in a parse
        indirect = _indirect_drafts(ctx, drafts)
        drafts = [_enclosed(ctx, d, indirect) for d in drafts] + indirect
    return _unnested(drafts)


HEADING_QUOTE_WORDS = 8


def _quoted_subheading(ctx: _Ctx, d: _Draft) -> bool:
    """A line that is only a short phrase in marks, with no cue and no sentence end, past the first line:
    a subheading quoting the words below it (CNN's 'Well planned', 'We had to run for our lives'), which
    would otherwise be read as a second quotation of the speaker before it."""
    m = d.marked
    if m is None or d.cue is not None or d.label is not None or m.close is None:
        return False
    line_start = ctx.text.rfind("\n", 0, m.open) + 1
    line_end = para_end(ctx.text, m.outer_end)
    if line_start == 0 or ctx.text[line_start:line_end].strip() != ctx.text[m.open : m.outer_end]:
        return False
    content = ctx.text[m.start : m.end].strip()
    return len(content.split()) <= HEADING_QUOTE_WORDS and content[-1:] not in ".!?…"


def _unnested(drafts: list[_Draft]) -> list[_Draft]:
    """Attributions inside another's content, reported by a word inside it, belong to the outer one.

    A partial quote there is the outer speaker's words (“… he thinks “children should …”” under
    "adding"): it takes the outer cue. A reported stance or wish there ("Devine said Sanders wants to …")
    is part of what the outer source says: of such nested indirect attributions the extractor found on
    PolNeAR's train split, 33 of 248 matched a gold one, so it is dropped. One reported by a speech verb
    keeps its own (about half of those, 15 of 31 "said", matched when this was written), unless the outer
    one relays it under a headline's speaker or "according to" (``_relayed``).
    """
    kept = []
    for d in drafts:
        outer = _outer(d, drafts) if d.cue is not None and d.kind in ("indirect", "partial") else None
        if outer is None:
            kept.append(d)
        elif d.kind == "partial":
            kept.append(replace(d, cue=outer.cue, subj=outer.subj, label=outer.label))
        elif d.cue is not None and _is_cue(d.cue, weak_ok=False) and not _relayed(d, outer):
            kept.append(d)
    return kept


def _relayed(d: _Draft, outer: _Draft) -> bool:
    """Reported speech inside what a headline's speaker or an "according to" source relays ("Clinton:
    Trump thinks …", "X will propose …, according to her campaign") is part of what they relay: dropping
    it took 36 predictions off PolNeAR's train split, of which 7 had matched a gold content."""
    if d.kind != "indirect" or outer.kind != "indirect" or outer.cue is None:
        return False
    return outer.label is not None or str(outer.cue.lower_) == "according"


def _outer(d: _Draft, drafts: list[_Draft]) -> _Draft | None:
    """Another draft, with another cue, whose content holds both ``d``'s content and its cue."""
    at = int(d.cue.idx) if d.cue is not None else d.start
    return next(
        (
            o
            for o in drafts
            if o is not d
            and o.cue is not None
            and (d.cue is None or o.cue.i != d.cue.i)
            and o.start <= min(d.start, at)
            and d.end <= o.end
            and at < o.end
        ),
        None,
    )


def _scare_quoted(ctx: _Ctx, quote: Quote) -> bool:
    """A phrase of up to three words in marks that no cue reports and no one is said to say is the writer's
    scare quotes or a title (alleged “experts”, “Face the Nation”), not a quotation: framing reports it.

    On PolNeAR's train split only 15–31 % of these are annotated attributions; longer cue-less phrases
    are kept (marked unknown), since from four words on about half are someone's words.
    """
    if quote.cue is not None or quote.source is not None or quote.speaker:
        return False
    words = ctx.text[quote.content.start : quote.content.end].split()
    if quote.kind == "partial" and len(words) <= SCARE_QUOTE_WORDS:
        return True
    return quote.kind in ("partial", "direct") and _a_title(ctx, quote, words)


def _a_title(ctx: _Ctx, quote: Quote, words: list[str]) -> bool:
    """A name in marks, every word capitalized, in a sentence that is not (“Orange is the New Black” star
    Dascha Polanco, the “Keep the Promise” PAC): a title, not someone's words. A headline's quote, in a
    line that capitalizes all its words, may be a quotation and is kept."""
    if len(words) > TITLE_WORDS or any(w[-1] in ".!?" for w in words):
        return False
    if not all(_capitalized(w) for w in words):
        return False
    start, end = ctx.text.rfind("\n", 0, quote.content.start) + 1, para_end(ctx.text, quote.content.end)
    around = ctx.text[start : quote.content.start].split() + ctx.text[quote.content.end : end].split()
    return sum(not _capitalized(w) for w in around) >= 3


def _capitalized(word: str) -> bool:
    """Capitalized, or a short function word a title leaves lower-case ("the", "of", "a")."""
    letters = word.strip("“”\"‘’'(),:;")
    if not letters or letters[0].isupper() or letters[0].isdigit():
        return True
    return len(letters) <= 3 and letters.isalpha()


def _enclosed(ctx: _Ctx, draft: _Draft, indirect: list[_Draft]) -> _Draft:
    """A cue-less partial quote inside reported speech is the reported speaker's words: it takes that cue.

    One or two words in marks are more often the writer's scare quotes (alleged “experts”): left alone.
    """
    if draft.kind != "partial" or draft.cue is not None or len(ctx.text[draft.start : draft.end].split()) < 3:
        return draft
    outer = next((d for d in indirect if d.start <= draft.start and draft.end <= d.end), None)
    return replace(draft, cue=outer.cue, subj=outer.subj) if outer is not None else draft
