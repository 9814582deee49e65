"""Clean: turn a Document into an Article whose ``body`` is the story text and nothing else.

HTML goes through trafilatura for body and metadata. All text is then normalised and whole lines of
boilerplate (headline, byline, promos, share prompts, comment notices, source credit, author bio,
copyright) are cut and kept in ``Article.removed`` with a reason, so a reader can check that no story
text went. Rules are deliberately conservative: a line is cut only when it sits at the top or the
bottom of the text, or when the whole (short) line matches a strict pattern. ``body`` is final: later
stages annotate it by character offsets.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import trafilatura

from parallax.duplicates import credits_itself
from parallax.errors import InputProblem
from parallax.language import MIN_ENGLISH_SHARE, detected_language, english_share
from parallax.model import Article, Document, Removed, content_id

MAX_BODY_CHARS = 1_000_000
"""Largest cleaned text accepted, in characters: far above any article, small enough for later stages."""

# Boilerplate lines are short; longer lines are never matched, which also bounds the regex work.
_SHORT = 200
_HEADLINE_MAX = 150
_BIO_MAX = 800

# --- normalisation -------------------------------------------------------------------------------

_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
# Controls other than \n and \t, plus invisible zero-width characters that break matching and offsets.
# ZWJ/ZWNJ (U+200C/U+200D) stay: they change how Indic, Persian and emoji text reads.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u2060\ufeff\u00ad]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+(?=\n|\Z)")
_BLANK_RUNS = re.compile(r"\n{3,}")
# A wire story's end matter run on after its last sentence: "… appearance. (Editing by Belinda Goldsmith;
# Please credit the Thomson Reuters Foundation …)". Normalising puts it on a line of its own.
_END_MATTER = re.compile(
    r"\((?i:additional\ )?(?:Reporting|Writing|Editing|Compiled|Produced|Translated)\ by"
    r"\ [A-Z][^()\n]{1,400}\)",
    re.VERBOSE,
)
_RUN_ON_END_MATTER = re.compile(rf"(?<=[.!?”\"’])[^\S\n]+(?={_END_MATTER.pattern}$)", re.MULTILINE)
# CNN's gallery button after each caption ("… helped at the Tropicana. Hide Caption 21 of 30"), a whole
# gallery often run into one line: normalising gives each caption and each button a line of its own.
_GALLERY_BUTTON_TEXT = r"Hide Caption \d+ of \d+"
_GALLERY_BUTTON = re.compile(rf"[^\S\n]*\b({_GALLERY_BUTTON_TEXT})\b[^\S\n]*\n?")


def _button_line(match: re.Match[str]) -> str:
    """The button on a line of its own, without adding a blank line where it already stood alone."""
    before = "" if match.start() == 0 or match.string[match.start() - 1] == "\n" else "\n"
    return f"{before}{match.group(1)}\n"


def normalise(text: str) -> str:
    """NFC, ``\\n`` line ends, no trailing spaces, no invisible or control characters, at most one
    blank line in a row, no leading or trailing blank lines. Typographic quotes are kept as they are."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _RUN_ON_END_MATTER.sub("\n", text)
    text = _GALLERY_BUTTON.sub(_button_line, text)
    text = _gallery_titles_apart(text)
    text = _CREDIT_LEAD.sub("\\1\n", text)
    text = _UPDATE_LEAD.sub("\\1\n", text)
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


_GALLERY_SLIDE_LINE = re.compile(r"^Photos?: \S.*$", re.MULTILINE)


def _gallery_titles_apart(text: str) -> str:
    """CNN's gallery slides open on the gallery's title ("Photos: North Korea launches rocket The
    Kwangmyongsong carrier rocket blasted off …"). On a page that is only a gallery, the words every such
    line shares go on a line of their own, so that the caption is a sentence and the title can be cut."""
    slides = _GALLERY_SLIDE_LINE.findall(text)
    if len(slides) < 2 or any(
        _paragraph_like(line.strip()) and not _GALLERY_SLIDE_LINE.match(line) for line in text.split("\n")
    ):
        return text  # a story with a gallery in it: its slides are cut whole, as captions
    words = [line.split() for line in slides]
    shared = 0  # a slide may be the title alone: the title is what the lines share, up to the shortest
    while all(len(w) > shared for w in words) and len({tuple(w[: shared + 1]) for w in words}) == 1:
        shared += 1
    while shared and not all(
        len(w) == shared or w[shared][:1].isupper() or w[shared][:1] in "\"“'‘" for w in words
    ):
        shared -= 1  # each caption opens a sentence: "Caption 1 says …" keeps its "Caption"
    if shared < 2:  # "Photos:" and at least one word of a title
        return text
    title = " ".join(words[0][:shared])
    return re.sub(rf"^{re.escape(title)} (?=\S)", f"{title}\n", text, flags=re.MULTILINE)


# --- line classifiers ----------------------------------------------------------------------------

_PROMO = re.compile(
    r"""^(?:
      (?:WATCH|LISTEN|VIDEO|PHOTOS?|GALLERY|READ\ MORE|READ\ ALSO|ALSO\ READ|MORE|RELATED|SEE\ ALSO
        |RECOMMENDED|TRENDING|PODCAST)(?:\s*[:—–|]|\s+-{1,2}\s)
    | (?i:watch|listen|video|read\ more|read\ also|also\ read|related(?:\ articles?|\ stories)?|see\ also
        |recommended|more\ on\ this(?:\ story)?|trending|podcast|more|now\ playing)\s*:
    | (?i:sign\ up\ (?:for|to|now|today|here)\b|subscribe(?:\ (?:to|now|today|for|here)\b|\W*$)
        |click\ here\b|.{0,60}\bjust\ click\ here\b|download\ (?:our|the)\b.*\bapp\b
        |get\ (?:our|the)\b.*\b(?:app|newsletter)\b
        |follow\ us\ (?:on\b|@)|follow\ [^.:\n]{1,60}?\ on\ (?:twitter|facebook|instagram)\b
        |(?:like|find)\ us\ on\b|check\ us\ out\ on\b
        |support\ (?:our|independent)\ journalism
        |chat\ with\ us\ (?:in|on)\ facebook\ messenger|scroll\ down\ for\b|read\ or\ share\ this\ story\b
        |interested\ in\ [^?]{1,40}\?\ add\ [^.]{1,40}\ as\ an\ interest\b
        |find\ out\ what's\ happening\ in\ the\ world\ as\ it\ unfolds
        |today['’]s\ coverage\ from\ (?:post|our)\ correspondents\b
        |we\ pay\ for\ (?:your\ )?(?:stories|videos)\b|do\ you\ have\ a\ story\ for\b
        |if\ you\ like\ this\ story\b|re-enter\ zip\ code\b|got\ a\ confidential\ news\ tip\?
        |this\ is\ a\ breaking\ news\ story\b|.*\bclick\ to\ read\b
        |.*\bnewsletter\b.{0,150}\bsubscribe\W*$|.*\b(?:like|follow)\ us\ on\ (?:facebook|twitter|instagram)\b
        |.*\b(?:get|sign\ up|subscribe|newsletter)\b.{0,150}\b(?:delivered|sent)\ (?:straight\ |right\ )?to
          \ your\ inbox\b)
    | (?:(?i:advertisement|advertising|sponsored(?:\ content)?|ad|story\ continues\ below(?:\ advertisement)?
        |continue\ reading(?:\ the\ main\ story)?|read\ more|photos?|video|image|anzeige|werbung
        |read\ the\ full\ (?:story|article)|scroll\ to\ continue.*|hide\ caption\ \d+\ of\ \d+
        |updates?\ below|trending(?:\ right)?\ now|(?:\+|\d+)\ show\ all\b.*)\W*)+$
    )""",
    re.VERBOSE,
)
# USA Today's video player, flattened with its playlist ("… Veuer's Lindsey Granger has more. Buzz60 22 of
# 41 Skip in Skip x Embed x Share CLOSE …"): one line of any length, never story text.
_VIDEO_PLAYLIST = re.compile(
    r"\bSkip in Skip x Embed x Share\b|\b\d+ of \d+ Last VideoNext Video\b"
    r"|^JUST WATCHED\b.{0,200}\bReplay More Videos\b"  # CNN's "JUST WATCHED … Replay More Videos ..."
)
# The Independent's galleries: "+ show all Nasa's most stunning pictures of space", then one line a slide,
# "1/30 Earth from the ISS From the International Space Station, … took this photograph …". A thread of
# tweets numbers its posts too ("1/2 Today we transferred …"), but never into a gallery's dozens.
_GALLERY_SLIDE = re.compile(r"^(\d{1,3})/(\d{1,3}) \S")
GALLERY_SLIDES = 5


_BARE_LINK = re.compile(r"^(?:https?://|www\.)\S+$")  # a web address alone on its line: a link list
_COMMENTS = re.compile(
    r"""^(?i:comments?\ (?:are|is)\ (?:now\ )?(?:closed|disabled|turned\ off)|comments?\ closed
      |commenting\ (?:is\ )?(?:closed|disabled)|leave\ a\ (?:comment|reply)|post\ a\ comment
      |add\ (?:a\ )?comment|(?:show|view|load|read)\ (?:all\ )?comments
      |join\ the\ (?:conversation|discussion)
        (?:\ see\ the\ latest\ news\ and\ share\ your\ comments\b.{0,120})?
      |comments?(?:\s*\(\d+\))?|\d+\s+comments?|be\ the\ first\ to\ comment)\W*$""",
    re.VERBOSE,
)
_SHARE = re.compile(
    r"""^(?i:share\ (?:this|the)\ (?:article|story|post|page)|share\ (?:on|via|to)\ [\w\ ]{1,20}
      |share(?:\ this)?|tweet\ this|(?:email|print)\ this(?:\ article|\ story)?|copy\ link
      |(?:save){2,})\W*$""",
    re.VERBOSE,
)
# A line made only of these words is a row of share buttons ("Facebook Twitter Email").
_SHARE_WORDS = frozenset(
    {"share", "facebook", "twitter", "x", "email", "e-mail", "whatsapp", "linkedin", "reddit", "print"}
    | {"copy", "link", "messenger", "telegram", "pinterest", "flipboard", "tumblr", "mail", "bluesky"}
)
# A sign-up box flattened into one line: nothing but its form's own messages ("Invalid email address.").
_FORM_MESSAGES = re.compile(
    r"""(?i:newsletter\ sign\ up|continue\ reading\ the\ main\ story
      # a newsletter's own blurb runs on after its name, the box having no full stop between them: "Sign Up
      # for the Louder Newsletter Every week, stay on top of the latest in pop and jazz … critics."
      |sign\ up\ for\ (?:the\ )?[A-Z][\w'’]*(?:\ [A-Z][\w'’]*){0,3}\ newsletter\b[^.!?]{0,200}
      |sign\ up|sign\ up\ for\ (?:the\ )?[A-Z][\w'’]*(?:\ [A-Z][\w'’]*){0,3}
      |subscribe\ for\ [^.]{1,200}|see\ sample
      |\*\ required\ field|you\ are\ already\ subscribed\ to\ this\ email
      |please\ verify\ you['’]?re\ not\ a\ robot\ by\ clicking\ the\ box
      |invalid\ email(?:\ address)?|please\ re-enter
      |get\ (?:daily|weekly|the\ latest)\ updates\ directly\ to\ your\ inbox|\+\ ?subscribe
      |could\ not\ subscribe,?\ try\ again\ later
      |(?:today['’]s\ )?headlines:\ [^.]{1,200}?\ delivered\ to\ your\ inbox\b[^.]{0,80}
      |you\ must\ select\ a\ newsletter\ to\ subscribe\ to|thank\ you\ for\ subscribing
      |you\ agree\ to\ receive\ occasional\ updates\ and\ special\ offers
        \ for\ [^.]{1,80}?(?:['’]s)?\ products\ and\ services
      |an\ error\ has\ occurred|please\ try\ again\ later|view\ all\ [^.]{1,60}?\ newsletters
      |enter\ your\ email(?:\ address)?|sign\ up\ for\ [^.]{1,60}?\ newsletter
      |please\ enter\ (?:an?\ |your\ )?(?:valid\ )?email(?:\ address)?|email(?:\ address)?\ is\ invalid
      |email\ cannot\ be\ used|try\ another\ or\ register\ with\ your\ social\ account
      |interested\ in\ [^?.]{1,60}\?
      |[^.?]{0,60}\bnewsletter\ will\ keep\ you\ (?:updated|informed|posted)\b[^.]{0,150})
    [.!]?""",
    re.VERBOSE,
)
_FORM_MAX = 1000
_FORM_LEAD = 40  # how far into a line a sign-up box's first message may start
_FORM_BOX_MESSAGES = 4  # a box's own messages around a blurb: more than a sentence that mentions signing up
_CAPTION_MAX = 800  # the longest wire captions in Giveme5W1H run to about 700 characters
_CAPTION_REASONS = frozenset({"photo caption", "caption"})
_CAPTION_WORDS = 7  # shorter unpunctuated lines are sub-headings ("A Frantic Search for the Gunman"): kept
_PROSE_SHARE = 0.6  # the share of the characters in lines that end like sentences, for the caption rule
_QUOTE_OPENERS = frozenset("\"'“‘«„")
_RUNS_ON = frozenset(",;:—–-\"'“”‘’«»„)]")
_INNER_SENTENCE_END = re.compile(r"[\w)][.!?…][\"'”’»]?\s+[\"'“‘«]?[A-Z]")
_LIST_ITEM = re.compile(r"^(?:[-•*·–—▪►]|\d{1,2}[.)])\s")
_EMBED_MAX = 600  # a post's text (a tweet's 280 characters) and its stamp
# Another story's headline as a link: the Post's "[North Korea announces plan …]", the Guardian's
# "… Read more". A bracketed line that ends like a sentence is an editor's note: story text.
_RELATED_LINK = re.compile(r"^(?:\[[^\[\]\n]{8,}(?<![.!?…])(?<![.!?…][\"'”’])\]|\S.{6,}\sRead more)$")
_RELATED_MAX = 250
# Another story's headlines run together: "MOST READ IN NEWS 'I'M MADDIE!' Student jokes … PRINCE MARRY! …"
_HEADLINE_WIDGET = re.compile(
    r"^(?:(?:MOST (?:READ|POPULAR|SHARED)|TRENDING|TOP STORIES)(?: IN [A-Z]+)?\b"
    # the Sun's other rows: "Most Read In TV & Showbiz LEW WANTED …", "Related stories OH NO, MO Moeen Ali
    # doubt …", "more on space and astronomy OUT OF THIS WORLD …": a label, then a headline's capitals
    r"|(?:(?i:most (?:read|popular|shared|viewed))(?: (?i:in) [A-Za-z&' ]{1,30}?)?"
    r"|(?i:related (?:stories|articles|content))|(?i:more on) [a-z&' ]{1,40}?) (?=[A-Z'‘\"“]))"
)
# Who wrote, reported or edited the piece: end matter wherever the extraction left it.
# Where the piece ran in print: "China Daily USA 07/15/2016 page1", "A version of this article appears in
# print on July 15, 2016, on Page A1 of the New York edition".
_PRINT_EDITION = re.compile(
    r"""^(?:[A-Z][\w.]*(?:\ [A-Z][\w.]*){0,4}\ \d{1,2}/\d{1,2}/\d{4}\ page\ ?[A-Z]?\d+
      |(?:Order\ Reprints\ \|\ Today['’]s\ Paper\ \|\ Subscribe\ )?
        A\ version\ of\ this\ article\ appears\ in\ print\b.{0,300})\.?$""",
    re.VERBOSE,
)
_CONTRIBUTORS = re.compile(
    r"""^\(?(?:
      (?i:additional\ )?(?i:reporting|writing|editing|compiled|produced|translated)\ by\ [A-Z].{0,250}
    | .{0,250}\bcontributed\ (?:reporting|to\ this\ (?:report|story|article))(?:\ from\ [^.]{1,80})?
    )\.?\)?\.?$""",
    re.VERBOSE,
)
# A social post embedded in the page: its text is the poster's, not the outlet's, and ends with a stamp.
_EMBEDDED_POST = re.compile(
    r"""(?:\bPosted\ by\ [^\n]{1,80}?\ on\ \w+,?\ \d{1,2}\ \w+\ \d{4}
      |—\ [^—\n]{1,60}\(@\w{1,30}\)\ (?:\w+\ \d{1,2},|\d{1,2}\ \w+)\ \d{4}
      |\bA\ post\ shared\ by\ [^\n]{1,80}?\(@[\w.]{1,30}\)\ on\ \w+\ \d{1,2},\ \d{4}
        (?:\ at\ \d{1,2}:\d{2}\s?[ap]m(?:\ [A-Z]{2,4})?)?)(?:\ Report)?\W*$""",  # the BBC's "Report" button
    re.VERBOSE,
)
_AGENCY = (
    r"(?:AP|AFP|Reuters|Getty\ Images|PA|EPA|Xinhua|Agence\ France-?\s?[Pp]resse|Associated\ Press"
    r"|Bloomberg|ANP|dpa)"
)
# A photo's caption: it opens on a credit pair (the Sun's "AP:Associated Press Women comfort …"),
# ends with the photo's credit ("(Costa Rica's Public Safety Ministry/AP)",
# "Ezequiel Becerra / Agence Francepresse") or opens the way wire captions do ("This photo released by…"),
# or carries a gallery's or a photo's page furniture (CNN's "Photos: …", the BBC's
# "Image copyright … Image caption", NPR's "Enlarge this image … toggle caption", the Guardian's share row).
_CAPTION = re.compile(
    rf"""(?:
      ^(?:In\ )?[Tt]his\ (?:[\w.,]+\ ){{0,4}}?(?:photo|image|picture|handout\ photo|file\ photo|video\ grab)
        (?:\ \w+){{0,3}}?\ (?:released|provided|taken|made\ available|shows|showing)\b
    | \((?:[^()\n]{{0,80}}/\ ?)?{_AGENCY}(?:\ Photos?)?(?:/[^()\n]{{1,60}})?\)\.?$
    | [A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){{0,3}}\ ?/\ ?{_AGENCY}\.?$
    | \((?:Photo|Image|Picture)s?:\ [^()\n]{{1,80}}\)\.?$|\ Photograph:\ [^.\n]{{1,80}}$
    | \ Credit\ [A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){{0,3}}(?:\ ?/\ ?[^.\n]{{1,60}})?$
    | ^{_AGENCY}:{_AGENCY}\ (?=\S)
    | ^(?:Photos?|Screenshots?|Screen\ ?grabs?|Illustration|Graphic):\ (?=\S)  # Gizmodo's "Screenshot: “…”"
    | ^(?:Getty\ Images|AP\ Photo|Shutterstock|Alamy|Rex\ Features)\ (?=[A-Z])  # the Sun: "Getty Images A …"
    | ^Image\ copyright\b.{{0,100}}?\bImage\ caption\b
    | ^Enlarge\ this\ image\b|\btoggle\ caption\b|^Facebook\ Twitter\ Pinterest\ (?=\S)
    | ^\d+\ of\ \d+\ Full\ Screen\b|\bBuy\ Photo\ Wait\ \d+\ seconds?\ to\ continue\.?$
    | ^(?:[\w-]+\ ){{0,4}}(?:image|photo|chart|picture|illustration)s?\b[^.\n]{{0,60}}
        \ via\ [A-Z][\w.]+(?:\ [A-Z][\w.]+)?\.?$
    | ^(?:GETTY(?:\ IMAGES)?|REUTERS|EPA|Getty\ Images)\ (?=[A-Z][a-z])
    | \bPlay\ slideshow\b.{{0,40}}\b\d+\ of\ \d+$
    | ^Enlarge\ Image\b|^Image\ copyright\ [^.\n]{{1,40}}$|\((?:file\ )?(?:photo|picture|image)\)\.?$
    | \((?:Getty|PA|AP|AFP|EPA|Reuters)(?:\ Images)?\)\.?$|\[Photo/[^\]\n]{{1,30}}\]$
    | \([A-Z][\w.'’-]+\ [A-Z][\w.'’-]+\ /\ [A-Z][^()\n]{{2,40}}\)\.?$
    | ^[^.\n]{{1,60}}\ via\ (?:Getty\ Images|Storyful|Reuters|AP)(?:,\ FILE)?$
    | \bPictured(?:\ (?:left|right|above|below|inset))?:\ \S
    | \b(?:REUTERS|AFP|AP|EPA)/[A-Z][\w.'’-]+(?:[\ -][A-Z][\w.'’-]+){{0,3}}(?:\ TPX\ IMAGES\ OF\ THE\ DAY)?$
    | \bin\ this\ (?:undated\ |handout\ |file\ )?(?:photo|image|picture)\ (?:released|provided|taken)\b
    )""",
    re.VERBOSE,
)
# A photo's credit that opens the paragraph under it (HuffPost's Reuters copy: "Issei Kato / Reuters U.S.
# Forces officials are seen …", "Andrew Kelly / Reuters The United Nations Security Council said …"):
# normalising gives it a line of its own, cut as a credit, and the rest is judged by itself.
_CREDIT_LEAD = re.compile(
    rf"^([A-Z][\w.'’-]+(?:\ [A-Z][\w.'’-]+){{0,3}}\ ?/\ ?{_AGENCY})[^\S\n]+(?=[A-Z“\x22])", re.M | re.X
)
# A page's status marker opening the first paragraph (Newsweek's "Updated | Silicon Valley's …", "UPDATE: The
# police said …"): normalising gives it a line of its own, cut as an editor's note; the paragraph stays.
_UPDATE_LEAD = re.compile(
    r"^((?i:updated?)[^\S\n]*[|:])[^\S\n]+(?=[A-Z“\x22])"
    r"(?!(?i:this|the)\ (?:post|story|article|report|piece)\b)",
    re.M,
)  # "Update: This article has been amended …" is one editor's note, cut whole
_UPDATE_MARKER = re.compile(r"^(?i:updated?)\s*[|:]$")
_AGENCY_WORDS = frozenset({"ap", "afp", "reuters", "xinhua", "efe", "dpa", "ani", "pti", "ians", "agencies"})
# A correction appended to the story ("• This article was amended on 4 November 2016. An earlier version
# said that …"): what the outlet once got wrong, not what it reports; read as a fact it pairs with
# another outlet's true sentence (the Guardian's "1948" beside the Post's).
_CORRECTION_NOTE = re.compile(
    r"^[•*\s]*(?:(?:correction|clarification)\s*:"
    r"|(?:update\s*:\s*)?(?:this|the)\ (?:post|story|article|report|piece)\ (?:has\ been|was)"
    r"\ (?:amended|updated|corrected)(?=\.|$|\ (?:on|at|to|with|since|after)\b)"
    r"|an?\ (?:earlier|previous)\ version\ of\ this\ (?:post|story|article|report|piece)\b)",
    re.I | re.VERBOSE,
)
_CORRECTION_MAX = 800
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4}|all rights reserved|license for publishing\b"
    r"|registration number\s*:)",
    re.I,
)
# A site's legal footer run into one long line: "Copyright 1995 - . All rights reserved. The content …
# shall not be republished …". Two of its phrases, so a story run on after one copyright line is kept.
_RIGHTS = re.compile(
    r"\b(?:all rights reserved|(?:may|shall) not be (?:re)?published|without (?:the )?(?:prior )?written"
    r" (?:authori[sz]ation|permission|consent))\b",
    re.I,
)
_RIGHTS_PHRASES = 2
# A broadcaster's note on its transcript, about the text rather than the story: NPR's "NPR transcripts are
# created on a rush deadline by … This text may not be in its final form …", CNN's "THIS IS A RUSH
# TRANSCRIPT. THIS COPY MAY NOT BE IN ITS FINAL FORM AND MAY BE UPDATED."
_TRANSCRIPT_NOTICE = re.compile(
    r"\b(?:rush transcript|transcripts? (?:is|are) (?:created|produced) (?:on|by|using)"
    r"|(?:this|the) (?:text|copy|transcript) may not be in its final form)\b",
    re.I,
)
# A paywall's or subscription page's notice, standing where the story would (the Daily Times's Rose Parade
# page: "Sorry, this zipcode is not in our deliverable area for this subscription service.").
_PAYWALL = re.compile(
    r"^(?:sorry, this zip ?code is not in our deliverable area\b"
    r"|(?:please )?(?:subscribe|log in|sign in|register) (?:now )?to (?:continue reading|keep reading"
    r"|read (?:the|this) (?:full )?(?:story|article))\b"
    r"|this (?:article|story|content) is (?:only )?(?:available|reserved|exclusive) (?:only )?(?:to|for)"
    r" (?:our )?(?:subscribers|members)(?: only)?\W*$"
    r"|you(?:['’]ve| have) (?:reached|used up) (?:your|the) (?:limit|maximum|quota) of free"
    r" (?:articles|stories)\b"
    r"|get (?:unlimited )?digital access\W*$)",
    re.I,
)
# A site's notice on the links it carries (ABC News: "External links are provided for reference purposes.
# ABC News is not responsible for the content of external Internet sites.").
_LINKS_NOTICE = re.compile(
    r"^(?:external links are provided for reference purposes"
    r"|[\w .'’&!-]{1,60}? (?:is|are) not responsible for the content of external"
    r" (?:internet )?(?:web)?sites)\b",
    re.I,
)
# Where the story first ran, said by the republisher: "This article originally appeared on …", Business
# Insider Deutschland's "Den Originalartikel gibt es auf Business Insider Australia."
_ORIGINAL_CREDIT = re.compile(
    r"^(?:this (?:article|story|post|piece) (?:was )?(?:originally|first) (?:appeared|published|ran)\b"
    r"|(?:read )?the original (?:article|story)(?: (?:is|can be (?:found|read)))?"
    r" (?:on|at) (?-i:[A-Z])[^.]{0,60}\.?$"
    r"|den originalartikel gibt es (?:auf|bei)\b|der originalartikel (?:ist|erschien)\b)",
    re.I,
)
_CREDIT = re.compile(
    r"^\(?\s*(?i:sources?|via|courtesy(?: of)?)\s*:\s*(?P<via>[^()\n:]{1,80}?)\s*\)?\.?$",
)
_NAME = r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3}"
_BIO = re.compile(
    rf"""^(?:
      (?P<n1>{_NAME})\s+(?:is|was|has\ been)\s+(?:a|an|the|[A-Z][\w&.-]*['’]s)\b[^.]{{0,200}}?
        \b(?:journalist|writer|reporter|editor|correspondent|contributor|author|columnist|photographer
        |producer|analyst|freelancer|blogger)s?\b
    | (?P<n2>{_NAME})\s+(?:covers|writes\ about|reports\ on)\b[^.]{{0,200}}?\bfor\b
    | Follow\ (?P<n3>{_NAME}|@\w+)\ on\ (?i:twitter|x|instagram|facebook|threads|bluesky|linkedin|mastodon)\b
    | (?i:about\ the\ author)\b|(?i:disclaimer)\s*:
    | (?i:e-?mail|contact)(?:\ (?:him|her|them|me|us))?(?:\ at)?:?\ [\w.+-]+@[\w-]+\.\w
    | (?i:got\ a\ story\?)\ .{{0,40}}[\w.+-]+@[\w-]+\.\w  # the Sun's "Got a story? email digishowbiz@…"
    | (?P<n4>{_NAME})\ can\ be\ reached\ (?:at|by|via)\ [\w.+-]+@[\w-]+\.\w  # the Post's sky columnist
    | [^.]{{0,80}}\bis\ an?\ [^.]{{0,60}}\b(?:strives|committed|adheres|abides)\b[^.]{{0,80}}
        \b(?:journalistic\ standards|editorial\ polic)
    )""",
    re.VERBOSE,
)
# A column's disclaimer opens "The opinions (views) expressed …": one pattern for the three regexes below.
_VIEWS_EXPRESSED = r"(?i:(?:opinions|views) expressed)\b"
# What sets a bio at the top of an opinion piece apart from a story that opens on a journalist ("Jamal
# Khashoggi was a journalist who…"): the column's disclaimer, a handle or e-mail, "author of".
_BIO_SIGN = re.compile(
    _VIEWS_EXPRESSED + r"|\b(?i:follow) (?:him|her|them)\b|(?<![\w.])@\w|[\w.+-]+@[\w-]+\.\w"
    r"|\b(?:is|was) (?:the )?author of\b"
)
_OPINION_DISCLAIMER = re.compile(
    r"^(?:the )?" + _VIEWS_EXPRESSED + r".{0,80}?\bare\b.{0,60}?"
    r"\b(?:own|his|hers|theirs|author['’]?s?|authors['’]?|writer['’]?s?|contributor['’]?s?)\b",
    re.I,
)
_BYLINE = re.compile(rf"^(?:By|BY|Written by)\s+(?P<name>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)$")
_QUOTE_PAIRS = tuple(
    (p[0], p[1]) for p in ("“”", '""', "‘’", "''", "«»", "»«", "„“", "„”", "‚‘", "「」", "『』")
)
# Sentence ends in the scripts a news page may be in: Latin, CJK (。！？), Devanagari (।), Arabic (؟ ۔),
# Armenian (։) and Ethiopic (።), before any closing quote or bracket.
_STOPS = ".!?…。！？｡।؟۔։።"
_SENTENCE_END = re.compile(rf"[{_STOPS}][\"'”’»)\]」』）》]*$")


def strip_quotes(text: str) -> str:
    """Drop one pair of quotes wrapping the whole text (not two quotes that each wrap a part)."""
    text = text.strip()
    for open_, close in _QUOTE_PAIRS:
        if len(text) > 2 and text[0] == open_ and text[-1] == close:
            inner = text[1:-1]
            if open_ not in inner and close not in inner:
                return inner.strip()
    return text


def _anywhere_reason(line: str) -> str | None:
    """A reason for a short line that is boilerplate wherever it stands (the first rule that holds)."""
    if len(line) > _SHORT:
        return None
    return next((reason for holds, reason in _ANYWHERE if holds(line)), None)


def _long_line_reason(line: str) -> str | None:
    """A reason for a line of any length that is not the outlet's story text: a caption, an embed, a form."""
    # The box's own name may lead its messages ("ES News Email Enter your email address …")
    if (_FORM_MESSAGES.search(line[:_FORM_LEAD]) and _form_only(line)) or _HEADLINE_WIDGET.match(line):
        return "promo"
    if _VIDEO_PLAYLIST.search(line):
        return "promo"
    if _gallery_slide(line):
        return "photo caption"
    if len(line) <= _RELATED_MAX and _RELATED_LINK.match(line):
        return "promo"
    if _END_MATTER.fullmatch(line):
        return "contributors"
    if len(line) <= _CORRECTION_MAX and _CORRECTION_NOTE.match(line):
        return "editor's note"
    if len(line) <= _FORM_MAX and _COPYRIGHT.match(line) and _legal_footer(line):
        return "copyright"
    if len(line) <= _FORM_MAX and _TRANSCRIPT_NOTICE.search(line):
        return "transcript notice"
    if len(line) <= _FORM_MAX and _PRINT_EDITION.match(line):
        return "source credit"  # the NYT's print line names the headline: longer than a short line
    # A longer line is a paragraph, or a whole article run into one line, that merely ends like them.
    if len(line) <= _EMBED_MAX and _EMBEDDED_POST.search(line):
        return "embedded post"
    if len(line) <= _CAPTION_MAX and _CAPTION.search(line):
        return "photo caption"
    return None


def _gallery_slide(line: str) -> bool:
    match = _GALLERY_SLIDE.match(line)
    return (
        match is not None
        and int(match.group(2)) >= GALLERY_SLIDES
        and int(match.group(1)) <= int(match.group(2))
    )


def _legal_footer(line: str) -> bool:
    return len({m.group(0).casefold() for m in _RIGHTS.finditer(line)}) >= _RIGHTS_PHRASES


def _form_only(line: str) -> bool:
    """Nothing but a sign-up box's messages; or a box that opens and closes on them, with a newsletter's
    blurb between (the Times's "Newsletter Sign Up … Go behind the N.B.A.’s curtain … View all New York
    Times newsletters.")."""
    if len(line) > _FORM_MAX:
        return False
    rest = _FORM_MESSAGES.sub(" ", line)
    if sum(ch.isalnum() for ch in rest) <= 0.1 * sum(ch.isalnum() for ch in line):
        return True
    messages = list(_FORM_MESSAGES.finditer(line))
    return (
        len(messages) >= _FORM_BOX_MESSAGES
        and messages[0].start() < _FORM_LEAD
        and len(line.rstrip()) - messages[-1].end() < _FORM_LEAD
    )


def _only_agencies(line: str) -> bool:
    words = re.findall(r"[\w]+", line.casefold())
    return len(words) >= 2 and all(w in _AGENCY_WORDS for w in words)


def _only_share_words(line: str) -> bool:
    words = re.findall(r"[\w-]+", line.casefold())
    return bool(words) and all(w in _SHARE_WORDS for w in words)


_ANYWHERE: tuple[tuple[Callable[[str], object], str], ...] = (
    (_PROMO.match, "promo"),
    (_BARE_LINK.match, "link"),
    (_COMMENTS.match, "comments notice"),
    (lambda line: _SHARE.match(line) or _only_share_words(line), "share prompt"),
    (_COPYRIGHT.match, "copyright"),
    (_CORRECTION_NOTE.match, "editor's note"),
    (_UPDATE_MARKER.match, "editor's note"),
    (_CONTRIBUTORS.match, "contributors"),
    (_PRINT_EDITION.match, "source credit"),
    (_only_agencies, "source credit"),
    (_OPINION_DISCLAIMER.match, "author bio"),
    (_LINKS_NOTICE.match, "copyright"),
    (_PAYWALL.match, "paywall"),
    (_ORIGINAL_CREDIT.match, "source credit"),
)


def _is_bio(line: str, author: str | None) -> bool:
    match = _BIO.match(line) if len(line) <= _BIO_MAX else None
    if match is None or _role_as_title(line, match):
        return False
    name = match.group("n1") or match.group("n2") or match.group("n3")
    if not author or not name or name.startswith("@"):
        return True
    # With a known author, a "X is a reporter" paragraph about someone else is more likely story text.
    return bool(set(name.casefold().split()) & set(author.casefold().replace(",", " ").split()))


_NAME_AFTER = re.compile(r"\s+[A-Z][a-z]")


def _role_as_title(line: str, match: re.Match[str]) -> bool:
    """The role word titles someone the sentence names ("Felt was an instrumental player …, but his
    identity as 'Deep Throat' - reporter Bob Woodard's source …"): story text about a reporter, not a
    line about the article's author."""
    return bool(match.group("n1")) and bool(_NAME_AFTER.match(line, match.end()))


def _headline_like(line: str) -> bool:
    core = strip_quotes(line)
    return (
        0 < len(line) <= _HEADLINE_MAX
        and len(core.split()) >= 2
        and not core[0].islower()
        and core[-1] not in ".…。｡।۔։።:;,—–-"  # a headline may ask or exclaim, but not end on a full stop
    )


def ends_sentence(text: str) -> bool:
    """Whether a text ends as a sentence does, in any script ("…", "。", "؟"), closing marks after."""
    return _SENTENCE_END.search(text) is not None


def _paragraph_like(line: str) -> bool:
    return len(line) > _HEADLINE_MAX or ends_sentence(line)


def _same_title(line: str, title: str) -> bool:
    def key(text: str) -> str:
        return " ".join(strip_quotes(text).split()).casefold()

    return key(line) == key(title)


def _hard_wrapped(lines: list[str]) -> bool:
    """True when lines are wrapped at a fixed width, so one line is not one paragraph."""
    mid_sentence = sum(
        1
        for line, following in itertools.pairwise(lines[2:])
        if line and following and len(line) <= 100 and not _SENTENCE_END.search(line)
    )
    nonblank = sum(1 for line in lines[2:] if line)
    return mid_sentence >= 3 and mid_sentence * 2 >= nonblank


# --- marking -------------------------------------------------------------------------------------


@dataclass
class _Cut:
    """What cleaning decided about a text: reasons by line index, and metadata found on the way."""

    lines: list[str]
    title: str | None
    author: str | None
    wrapped: bool
    marks: dict[int, str]
    via: str | None = None

    def open_lines(self) -> list[int]:
        return [i for i, line in enumerate(self.lines) if line.strip() and i not in self.marks]


def _mark_anywhere(cut: _Cut) -> None:
    for i, line in enumerate(cut.lines):
        reason = _anywhere_reason(line.strip()) or _long_line_reason(line.strip())
        if reason:
            cut.marks[i] = reason


OTHER_LANGUAGE_WORDS = 8  # a line this long that is not English is the page's, not the English story's
OTHER_LANGUAGE_SURE = 0.99  # py3langid's probability; a list of names scores far lower (0.1-0.3)


def _mark_other_language(cut: _Cut) -> None:
    """In an English article, a line in another language is the site's (Business Insider Germany's helpline
    note, "Wenn ihr mit jemandem sprechen wollt, erreicht ihr die Telefon Seelsorge unter …", under an
    English story): few English function words, and py3langid sure of another language."""
    open_lines = cut.open_lines()
    whole = english_share(" ".join(cut.lines[i] for i in open_lines))
    if whole is None or whole < MIN_ENGLISH_SHARE:
        return  # the whole text is refused or read as it is
    for i in open_lines:
        line = cut.lines[i].strip()
        share = english_share(line)
        if len(line.split()) < OTHER_LANGUAGE_WORDS or share is None or share >= MIN_ENGLISH_SHARE:
            continue
        found = detected_language(line)
        if found and found[0] != "en" and found[1] >= OTHER_LANGUAGE_SURE:
            cut.marks[i] = "other language"


# A blog's author box: its heading, and the paragraph under it however it is worded.
_AUTHOR_BOX = re.compile(r"^(?i:about\ the\ (?:author|writer)s?)\s*:?$")


def _mark_author_box(cut: _Cut) -> None:
    lines = cut.open_lines()
    for i, after in zip(lines, [*lines[1:], None], strict=False):
        if _AUTHOR_BOX.match(cut.lines[i].strip()):
            cut.marks[i] = "author bio"
            if after is not None and len(cut.lines[after].strip()) <= _BIO_MAX:
                cut.marks[after] = "author bio"


def _credit(cut: _Cut, line: str) -> bool:
    match = _CREDIT.match(line) if len(line) <= _SHORT else None
    if match and cut.via is None:
        cut.via = match.group("via").strip()
    return match is not None


# A page's list of its other stories run on after the article: USA Today's "Elon Musk says global race for
# A.I. will cause WW3 / Elon Musk reveals new spaceX spacesuit / …" (35 headlines). Fewer lines at the end
# may be the story's own list (its key points, the victims' names).
_RELATED_RUN = 5
# A line that is an item of the story's own list: a bullet, a number, a date ("June 9 – West Palm Beach, FL
# @ …", a tour's dates; "- England (Group A): 10th appearance").
_LIST_ITEM = re.compile(
    r"^(?:[-–—•·*▪►]\s|\d|\(?[a-z]\)\s|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
)


def _mark_related_headlines(cut: _Cut) -> None:
    """Cut a closing run of headline-like lines (no full stop) that lists other stories; not one the story
    introduces ("Here are the lyrics to the instantly recognisable song:", the Sun's blue-moon story)."""
    run: list[int] = []
    before = ""
    for i in reversed(cut.open_lines()):
        line = cut.lines[i].strip()
        if not _headline_like(line) or _LIST_ITEM.match(line):
            before = line
            break
        run.append(i)
    if len(run) >= _RELATED_RUN and not before.endswith(":"):
        for i in run:
            cut.marks[i] = "related stories"


# A label that introduces the links closing a page: "Read more:", "Related:", "See also:".
_LINK_LABEL = re.compile(
    r"^(?i:read\ more|read\ also|also\ read|related(?:\ articles?|\ stories|\ coverage)?|see\ also"
    r"|more\ on\ this(?:\ story)?|more)\s*:$"
)
_LINKS_MAX = 10  # the most lines a closing link label introduces


def _mark_after_link_label(cut: _Cut) -> None:
    """Cut the short lines a closing "Read more:" introduces: the Post's headlines of other stories, two
    sentences long or ending on a quotation ("… Passengers recorded his ‘fit of rage,’ then arrest.")."""
    label = max((i for i, line in enumerate(cut.lines) if _LINK_LABEL.match(line.strip())), default=None)
    if label is None:
        return
    after = [i for i in cut.open_lines() if i > label]
    if 0 < len(after) <= _LINKS_MAX and all(len(cut.lines[i].strip()) <= _RELATED_MAX for i in after):
        for i in after:
            cut.marks[i] = "related stories"


def _mark_bottom(cut: _Cut) -> None:
    """Cut bios and source credits from the end up, stopping at the first story line."""
    _mark_after_link_label(cut)
    _mark_related_headlines(cut)
    for i in reversed(cut.open_lines()):
        line = cut.lines[i].strip()
        if _is_bio(line, cut.author):
            cut.marks[i] = "author bio"
        elif _credit(cut, line):
            cut.marks[i] = "source credit"
        else:
            return


def _mark_top(cut: _Cut) -> None:
    """Cut headline, sub-headline, byline and source credit from the top, stopping at the first story line."""
    open_lines = cut.open_lines()
    last_paragraph = max((i for i in open_lines if _paragraph_like(cut.lines[i].strip())), default=-1)
    heads = 0
    for i in open_lines:
        line = cut.lines[i].strip()
        byline = _BYLINE.match(line) if len(line) <= 100 else None
        if byline:
            cut.marks[i] = "byline"
            cut.author = cut.author or byline.group("name")
        elif _credit(cut, line):
            cut.marks[i] = "source credit"
        elif _BIO_SIGN.search(line) and _is_bio(line, cut.author):
            cut.marks[i] = "author bio"  # an opinion piece opens on its writer: "X is a columnist for …"
        elif heads == 0 and cut.title and _same_title(line, cut.title) and i < last_paragraph:
            cut.marks[i], heads = "headline", 1
        elif heads == 0 and not cut.title and _headline_ok(cut, i, last_paragraph):
            cut.marks[i], heads, cut.title = "headline", 1, strip_quotes(line.lstrip("#"))  # Markdown "# "
        elif heads == 1 and _headline_ok(cut, i, last_paragraph):
            cut.marks[i], heads = "sub-headline", 2
        else:
            return


def _headline_ok(cut: _Cut, i: int, last_paragraph: int) -> bool:
    """A headline stands on its own line, is followed by story text, and the text does not run on."""
    if i >= last_paragraph or not _headline_like(cut.lines[i].strip()):
        return False
    following = next((line for line in cut.lines[i + 1 :] if line.strip()), "")
    if following[:1].islower():
        return False  # the sentence continues on the next line
    # In wrapped text a headline is a block of its own; otherwise it may be a paragraph's first line.
    return not cut.wrapped or i + 1 >= len(cut.lines) or not cut.lines[i + 1].strip()


def _mark_captions(cut: _Cut) -> None:
    """Cut lines that stand between paragraphs without a sentence's end: photo captions, pull quotes and
    summary bullets flattened into the text (the Mail's and the Sun's captions carry no full stop)."""
    open_lines = cut.open_lines()
    if cut.wrapped or not _punctuated_prose([cut.lines[i].strip() for i in open_lines]):
        return
    for i, following in itertools.pairwise(open_lines):
        line, after = cut.lines[i].strip(), cut.lines[following].lstrip()[:1]
        # a lower-case or quoted next line continues the sentence or brings what it introduced
        if _caption_like(line) and not after.islower() and after not in _QUOTE_OPENERS:
            cut.marks[i] = "caption"


def _punctuated_prose(lines: list[str]) -> bool:
    """Most of the text is in lines that end like sentences: a line that does not is out of place."""
    ended = sum(len(line) for line in lines if _SENTENCE_END.search(line))
    return ended >= _PROSE_SHARE * sum(len(line) for line in lines)


def _caption_like(line: str) -> bool:
    return (
        len(line.split()) >= _CAPTION_WORDS
        and not line[0].islower()
        and line[0] not in _QUOTE_OPENERS  # a quotation running on to the next paragraph has no end here
        and not _SENTENCE_END.search(line)
        # a list item, a sentence running on, or a quotation or aside missing its full stop is text
        and line[-1] not in _RUNS_ON
        and not _LIST_ITEM.match(line)
        # several sentences are a paragraph that lost its full stop more often than a caption
        and not _INNER_SENTENCE_END.search(line)
    )


def _keep_gallery(cut: _Cut) -> None:
    """A gallery page is its captions: keep them when nothing else would be left of the story, but not
    the gallery's title repeated before each ("Photos: North Korea launches rocket")."""
    open_text = (cut.lines[i] for i in cut.open_lines())
    if not any(_paragraph_like(line.strip()) for line in open_text):
        repeated = Counter(line.strip() for line in cut.lines)
        for i, reason in list(cut.marks.items()):
            if reason in _CAPTION_REASONS and repeated[cut.lines[i].strip()] < 2:
                del cut.marks[i]


def _body(cut: _Cut) -> str:
    kept = "\n".join(line for i, line in enumerate(cut.lines) if i not in cut.marks)
    return _BLANK_RUNS.sub("\n\n", kept).strip("\n")


# --- HTML ----------------------------------------------------------------------------------------


def _extract_html(document: Document) -> tuple[str, dict[str, str | None]]:
    """Body text (paragraphs on their own lines) and metadata from a page, via trafilatura."""
    result = _bare_extraction(document, favor_precision=True)
    if not _text_of(result):
        # Precision mode drops whole pages when their layout is unusual; plain mode is the fallback.
        result = _bare_extraction(document, favor_precision=False)
    text = _text_of(result)
    if not text:
        raise InputProblem(document.source, "no article text found in the HTML")
    names = {"title": "title", "author": "author", "published": "date", "url": "url"}
    meta = {key: _str_attr(result, attr) for key, attr in names.items()}
    meta["outlet"] = _str_attr(result, "sitename")
    meta["language"] = _str_attr(result, "language") or _html_lang(document.text)
    return text, meta


_HTML_LANG = re.compile(r"<html\b[^>]{0,500}?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)", re.I)


def _html_lang(html: str) -> str | None:
    """The page's declared ``<html lang>``: metadata the page states, not a guess."""
    match = _HTML_LANG.search(html[:5000])
    return match.group(1) if match else None


def _bare_extraction(document: Document, *, favor_precision: bool) -> Any:
    try:
        return trafilatura.bare_extraction(
            document.text,
            url=document.url,
            favor_precision=favor_precision,
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # a third-party parser on untrusted markup: any failure is a bad input
        raise InputProblem(document.source, f"HTML could not be parsed ({type(exc).__name__})") from None


def _text_of(result: Any) -> str:
    text = _str_attr(result, "text")
    return text or ""


def _str_attr(result: Any, name: str) -> str | None:
    value = getattr(result, name, None) if result is not None else None
    return value.strip() or None if isinstance(value, str) else None


# --- entry point ---------------------------------------------------------------------------------


def clean(document: Document) -> Article:
    """Clean one document; InputProblem when nothing usable remains or the text is too long."""
    text = document.text
    meta: dict[str, str | None] = {}
    if document.is_html:
        text, meta = _extract_html(document)
    text = normalise(text)
    if len(text) > MAX_BODY_CHARS:
        raise InputProblem(document.source, f"text too long: {len(text)} characters (limit {MAX_BODY_CHARS})")
    if not text.strip():
        raise InputProblem(document.source, "no text")

    def pick(key: str, own: str | None) -> str | None:
        return own or meta.get(key)  # the document's own metadata wins over what the page says

    lines = text.split("\n")
    title, author = pick("title", document.title), pick("author", document.author)
    cut = _Cut(lines, title, author, _hard_wrapped(lines), {})
    _mark_anywhere(cut)
    _mark_other_language(cut)
    _mark_author_box(cut)
    _mark_bottom(cut)
    _mark_top(cut)
    if not document.is_html:  # in a page, markup sets captions apart and a line with no stop is a heading
        _mark_captions(cut)
    else:  # and a web address on its own line is the page's (a list of links it gives), not furniture
        for i in [i for i, reason in cut.marks.items() if reason == "link"]:
            del cut.marks[i]
    _keep_gallery(cut)
    body = _body(cut)
    if not body.strip():
        raise InputProblem(document.source, "no article text left after cleaning")
    wire = _wire_credit(body) or _wire_copyright(cut)
    if document.is_html and not any(_paragraph_like(line) for line in body.split("\n")):
        # Menus and link lists survive extraction of pages with no article; they have no sentences.
        raise InputProblem(document.source, "no article text found in the HTML")
    article = Article(
        id=content_id(body),
        source=document.source,
        body=body,
        # With no outlet named anywhere, the URL's host names it better than the input's path does.
        outlet=pick("outlet", document.outlet) or host_outlet(pick("url", document.url)),
        title=cut.title,
        url=pick("url", document.url),
        published=pick("published", document.published),
        author=cut.author,
        language=pick("language", document.language),
        country=document.country,
        via=cut.via,
        removed=tuple(Removed(lines[i].strip(), cut.marks[i]) for i in sorted(cut.marks)),
    )
    if cut.via is None and wire is not None and not credits_itself(article, wire):
        article = dataclasses.replace(article, via=wire)
    return article


# A wire agency's credit in the dateline: "OFER PRISON, West Bank, Jan 1 (Reuters) - Israel …",
# "WASHINGTON (AP) — …". An outlet's own credit there ("NEW YORK (CNNMoney) —") names no other source.
_WIRES = (
    "Reuters|Thomson Reuters Foundation|AP|Associated Press|AFP|Agence France-Presse|Bloomberg|UPI|dpa|DPA"
    "|Xinhua|Yonhap|Kyodo|PA|ANSA|EFE|TASS|Interfax|ANI|PTI|IANS|Anadolu|CNA|Bernama|Antara|Jiji"
)
_WIRE_DATELINE = re.compile(rf"^[A-Z][^\n()]{{0,80}}?\((?P<wire>{_WIRES})\)\s*[-—–]")


_WIRE_NAME = re.compile(rf"(?:The\s+)?(?:{_WIRES})")


def wire_agency(via: str | None) -> bool:
    """Whether a credit names a news agency: its copy is the agency reporter's own text, first-hand, not a
    republication such as a translation."""
    return via is not None and _WIRE_NAME.fullmatch(via.strip()) is not None


def _wire_credit(body: str) -> str | None:
    match = _WIRE_DATELINE.match(body)
    return match.group("wire") if match else None


# The copyright line a site keeps under a wire story it runs: "Copyright 2018 The Associated Press. All
# rights reserved. …" (the Post's AP copy, its dateline's credit dropped).
_WIRE_COPYRIGHT = re.compile(rf"(?:©|\(c\)|(?i:copyright))\s*(?:\d{{4}}\s+)?(?:The\s+)?(?P<wire>{_WIRES})\b")


def _wire_copyright(cut: _Cut) -> str | None:
    for i, reason in sorted(cut.marks.items()):
        match = _WIRE_COPYRIGHT.search(cut.lines[i]) if reason == "copyright" else None
        if match:
            return match.group("wire")
    return None


def host_outlet(url: str | None) -> str | None:
    """A page's host without ``www.``, port and credentials: how a reader names an outlet that names itself
    nowhere else ("nytimes.com"); None for no URL or one without a host."""
    if not url:
        return None
    try:
        host = urllib.parse.urlsplit(url.strip()).hostname
    except ValueError:
        return None
    return host.removeprefix("www.") if host else None


# --- opinion pieces ------------------------------------------------------------------------------

# Where outlets file columns and editorials: /opinion/, /opinions/, /op-ed/, RT's /op-edge/, /commentary/.
_OPINION_SECTIONS = frozenset(
    {"opinion", "opinions", "op-ed", "oped", "op-eds", "op-edge", "commentary", "editorial", "editorials"}
)
_OPINION_TITLE = re.compile(r"^(?:opinion|op-ed|editorial|commentary)\s*[:|–—]", re.I)
# A critic's review: "Review: …", "… review – …", "…, Reviewed"; its address "…-review" or "/reviews/".
_REVIEW_TITLE = re.compile(r"^review\s*:|\breview\s+[–—]\s|,\s*reviewed$", re.I)
_REVIEW_SLUG = re.compile(r"(?:^|-)review(?:ed)?$")
_OPINION_DISCLAIMER_WORDS = re.compile(r"\b" + _VIEWS_EXPRESSED)


_GALLERY_BUTTON_LINE = re.compile(_GALLERY_BUTTON_TEXT)  # the line _GALLERY_BUTTON gives each button
GALLERY_SLIDES_KEPT = 3


def photo_gallery(article: Article) -> bool:
    """A page that is a photo gallery: its slides' buttons were cut ("Hide Caption 3 of 30") and its
    captions kept as the text, only the gallery's title cut from each. Its sentences describe pictures
    ("People cross a street near the Las Vegas Strip just after sunrise on Monday."), not reported facts."""
    buttons = sum(1 for r in article.removed if _GALLERY_BUTTON_LINE.fullmatch(r.text))
    captions_cut = {r.text for r in article.removed if r.reason in _CAPTION_REASONS}
    return buttons >= GALLERY_SLIDES_KEPT and len(captions_cut) <= 2


def opinion_piece(article: Article) -> bool:
    """A column, op-ed, editorial or critic's review, as the outlet files or labels it: its section in the
    address, a title opening "Opinion:" or saying "review", or the column's disclaimer ("The opinions
    expressed … are hers") cut as its writer's bio. A reader weighs its sentences as argument, not as
    reported fact."""
    try:
        path = urllib.parse.urlsplit(article.url or "").path.casefold()
    except ValueError:  # an address that does not parse ("http://[::1") names no section
        path = ""
    segments = [part for part in path.split("/") if part]
    if _OPINION_SECTIONS & set(segments) or {"review", "reviews"} & set(segments):
        return True
    if segments and _REVIEW_SLUG.search(segments[-1].removesuffix(".html")):
        return True
    title = (article.title or "").strip()
    if _OPINION_TITLE.match(title) or _REVIEW_TITLE.search(title):
        return True
    return any(r.reason == "author bio" and _OPINION_DISCLAIMER_WORDS.search(r.text) for r in article.removed)
