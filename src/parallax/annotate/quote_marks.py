"""Quote marks paired on raw text: straight, typographic, guillemets, single and typewriter doubles.

Robust to apostrophes (we’re, Korea’s, ‘90s) and unbalanced marks: an unclosed double mark runs to its
paragraph end, and `unclosed_marks` says where that happened unless the next paragraph carries the
quote on, as news style does. A quotation over several paragraphs opens each with a mark and closes
only the last; single marks do so too when they open a sentence (see `_opens_unclosed`), and copy whose
paragraphs were run into one line keeps each paragraph's opening mark inside the open quote
(see `_reopens`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# ” opens only where it is mistyped for “ at a paragraph's start (see _is_opener).
PAIRS = {"“": "”", "«": "»", '"': '"', "‘": "’", "'": "'", "”": "”"}
SINGLE = frozenset({"‘", "'"})
DOUBLE = frozenset({"“", '"', "”"})
DOUBLE_MARKS = frozenset({"“", "”", '"'})
OPENER_BEFORE = frozenset(" \t\n([{—–-/“«")
SENTENCE_END = frozenset(".!?…")
CONTRACTION = re.compile(r"(?:s|d|ll|re|ve|m)(?![^\W\d_])")
# Tokenized copy sets a closing mark apart from the words it closes and joins it to the tag after it
# (ECB+: "… were found and confiscated, "the officer said.", "… live on, "she said", "…, "said Charlie
# Kafoury"), and to a tag that opens with a name or title ("… of a deputy, "Sheriff Lee Baca said."): a mark
# after punctuation and a space, before a tag of up to five words and a reporting verb, closes.
TAG_AFTER = re.compile(
    r"(?:[a-zA-Z][\w'’.-]*\s+){0,5}?(?:said|says|told|tells|added|adds|wrote|writes|asked|explained|stated"
    r"|read|testified|noted|continued|recalled)\b"
)
QUOTE_MARK_CHARS = "“”«»‘’\"'`"  # every mark find_quoted pairs, typewriter doubles included


@dataclass(frozen=True)
class Marked:
    """Text between quote marks: ``open``/``close`` are the marks' offsets, ``start``/``end`` the content."""

    open: int
    close: int | None
    start: int
    end: int

    @property
    def outer_end(self) -> int:
        return self.close + 1 if self.close is not None else self.end


def _is_opener(text: str, i: int) -> bool:
    ch = text[i]
    if ch in "“«":
        return True
    if ch == "”":  # Reuters' ”Their aim is to terrorize people, …,” he said. (a paragraph's first mark)
        return (i == 0 or text[i - 1] == "\n") and text[i + 1 : i + 2].isalnum()
    nxt = text[i + 1 : i + 3].lstrip("\x00")[:1]  # past a typewriter double's second half
    if not nxt or nxt.isspace():
        return False
    if ch == '"':
        return True
    # A single mark opens only at a word start, and not in elisions like ‘90s or rock 'n' roll, nor before
    # a contraction that tokenized copy sets apart (ECB+'s "She 'd found", "we 'll see").
    prev = text[i - 1] if i > 0 else " "
    elision = (
        (nxt.isdigit() and text[i + 1 : i + 4].endswith("s"))
        or text[i + 1 : i + 3] in ("n'", "n’")
        or CONTRACTION.match(text, i + 1) is not None
    )
    return ch in SINGLE and prev in OPENER_BEFORE and not elision


def _is_single_closer(text: str, j: int) -> bool:
    # An apostrophe between letters (we’re, Korea’s, don’t) never closes a quote.
    prev = text[j - 1] if j > 0 else " "
    nxt = text[j + 1] if j + 1 < len(text) else " "
    return not prev.isspace() and not nxt.isalnum()


def _capital_after(text: str, i: int) -> bool:
    nxt = text[i + 1 : i + 3].lstrip("\x00")[:1]
    return nxt.isupper()


def _opens_unclosed(text: str, i: int) -> bool:
    """Whether a single mark nothing closes in its paragraph quotes to the paragraph end.

    It does when it opens a quoted sentence, as news style does in a quotation over several paragraphs
    (each opens with a mark, only the last closes): a capital follows it, and it opens its paragraph
    (‘That seemed extremely boring.), or the next paragraph opens with such a mark (He said ‘Falcon Heavy
    launching…), or it follows a colon, comma or sentence end and no other mark stands in the rest of the
    paragraph (Verstappen said. 'I think we were…): where marks follow, the quote's own closer is
    likelier lost or mistyped (… a lack of experience," Gaskin told …) than the paragraph all quoted.
    Anywhere else a lone single mark is far likelier an apostrophe (Korea’s ‘lone mark, wear 'em, the
    'smoke-rings'were spotted).
    """
    if not _capital_after(text, i):
        return False
    start, end = text.rfind("\n", 0, i) + 1, para_end(text, i)
    before = text[start:i].rstrip()
    if not before:
        return True
    rest = text[end:].lstrip()
    if rest[:1] in SINGLE and _capital_after(rest, 0):
        return True
    return before[-1] in ":,.!?" and not any(
        ch in QUOTE_MARK_CHARS and not _in_word(text, j) for j, ch in enumerate(text[i + 1 : end], i + 1)
    )


def _in_word(text: str, j: int) -> bool:
    return 0 < j < len(text) - 1 and text[j - 1].isalnum() and text[j + 1].isalnum()


def _reopens(text: str, j: int, kind: str) -> bool:
    """A double mark that opens the next paragraph of the open quotation in copy run into one line.

    Tabloid copy flattened into one line keeps each paragraph's opening mark (…to see if I could help.
    "I shouldn't have done that. What I saw, it was horrible. "The bodies…road." France's President…): a
    mark of the quotation's own shape after a sentence's end and a space, before a capital, inside the open
    quotation carries it on; it neither nests a quote nor closes one. A mark of the other shape there
    nests one ("… around the world. “They haven’t done anything close,” he quoted one analyst.").
    """
    if text[j] != kind or text[j - 1 : j] != " ":
        return False
    before = text[max(0, j - 8) : j].rstrip(" ").rstrip("’'")
    return before[-1:] in SENTENCE_END and _capital_after(text, j)


def _double_step(text: str, j: int) -> int:
    """How a double mark inside a double quote changes its depth: +1 opens a nested quote, -1 closes one.

    Copy mixes its marks (“…," or "…”) and mistypes closers (“Apparently not,“ he said): a mark that
    follows a word and precedes a space or punctuation closes, whatever its shape, and so does one before
    the plural's s of a quoted phrase (a chorus of "what did he say"s); only ” always closes. A mark
    standing alone between spaces opens nothing: it closes, as in tokenized copy (ECB+'s "We 've seen
    sites compromised , '' Marcus said.) and after a nested quote's closer ('… seen this,' " Perry told).
    """
    ch = text[j]
    if ch == "”":
        return -1
    if ch == '"' and text[j - 2 : j] in (", ", ". ", "? ", "! ") and TAG_AFTER.match(text, j + 1):
        return -1
    prev = text[j - 1] if j > 0 else " "
    nxt = (text[j + 1 : j + 3].lstrip("\x00") or " ")[0]
    if nxt == "s" and not text[j + 2 : j + 3].isalnum():
        nxt = " "
    closes = not prev.isspace() and prev not in '“"' and (nxt.isspace() or not nxt.isalnum())
    return -1 if closes or (prev.isspace() and nxt.isspace()) else 1


def _find_close(text: str, i: int) -> int | None:
    """The offset of the mark closing the one at ``i`` in its paragraph, counting nesting of ““…””."""
    kind, closer, depth = text[i], PAIRS[text[i]], 1
    for j in range(i + 1, len(text)):
        ch = text[j]
        if ch == "\n":
            return None
        if kind in DOUBLE:
            if ch in DOUBLE_MARKS and not (depth == 1 and _reopens(text, j, kind)):
                depth += _double_step(text, j)
                if depth == 0:
                    return j
        elif kind in SINGLE:
            # a typewriter double closes a single mark too: 'If it sounds too good…,'' Fandal said.
            typewriter = ch == '"' and text[j + 1 : j + 2] == "\x00"
            if (ch == closer or typewriter) and _is_single_closer(text, j):
                return j
        elif ch == kind and kind != closer:
            depth += 1
        elif ch == closer:
            depth -= 1
            if depth == 0:
                return j
    return None


def _trimmed(text: str, i: int, close: int | None) -> Marked | None:
    end = close if close is not None else para_end(text, i)
    start = i + 1
    while start < end and (text[start].isspace() or text[start] == "\x00"):
        start += 1
    # A trailing comma inside the marks is the writer's punctuation, not the speaker's.
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:\x00"):
        end -= 1
    # Marks around nothing but marks or punctuation quote nothing.
    return Marked(i, close, start, end) if any(ch.isalnum() for ch in text[start:end]) else None


def para_end(text: str, i: int) -> int:
    nl = text.find("\n", i)
    return len(text) if nl < 0 else nl


def double_marks(text: str) -> str:
    """Typewriter doubles (``…'' as in the NYT's copy) as one straight double mark, offsets unchanged."""
    return text.replace("''", '"\x00').replace("``", '"\x00')


def find_quoted(text: str) -> list[Marked]:
    """Outermost quoted stretches in reading order; an unclosed quote runs to its paragraph end."""
    text = double_marks(text)
    found: list[Marked] = []
    i = 0
    while i < len(text):
        if text[i] == '"' and i > 0 and text[i - 1] == "=":
            # markup left in the text (<tweet author="…">): an attribute's value quotes no one
            end = text.find('"', i + 1)
            i = end + 1 if end > 0 else i + 1
            continue
        if text[i] not in PAIRS or not _is_opener(text, i):
            i += 1
            continue
        close = _find_close(text, i)
        if close is None and text[i] in SINGLE and not _opens_unclosed(text, i):
            i += 1  # a lone ‘ is far likelier an apostrophe than a quote
            continue
        marked = _trimmed(text, i, close)
        if marked is not None:
            found.append(marked)
        i = close + 1 if close is not None else max(i + 1, para_end(text, i))
    return found


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """Each quotation's extent with its marks: the words that are a source's, not the writer's.

    The one reading of "inside quotation marks" that sentences, claims, facts, conflicts, framing and the
    brief share, so none of them calls a stretch a quotation that another reads as the writer's prose.
    An unclosed double quote runs to its paragraph end (to the end of a sentence cut from inside it).
    """
    return [(m.open, _outer_end(text, m)) for m in find_quoted(text)]


def _outer_end(text: str, marked: Marked) -> int:
    if marked.close is None:
        return para_end(text, marked.open)
    return marked.close + (2 if text.startswith("''", marked.close) else 1)


def unclosed_marks(text: str) -> list[int]:
    """Offsets of opening marks nothing closes, where no next paragraph carries the quote on.

    News style leaves a quote open at a paragraph end when the next paragraph opens with a mark and
    continues it; any other unclosed mark is read to its paragraph end, and the reader should know.
    """
    found = []
    for m in find_quoted(text):
        if m.close is not None:
            continue
        rest = text[para_end(text, m.open) :].lstrip()
        if not (rest[:1] in PAIRS and _is_opener(rest, 0)):
            found.append(m.open)
    return found
