"""Tests for the terminal, Markdown and HTML renderers, on a hand-built report dict."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from rich.console import Console

from parallax.render.html import render_html, safe_url
from parallax.render.json import JSONDict
from parallax.render.markdown import md_escape, render_markdown
from parallax.render.terminal import diff_parts, render_terminal

# Sentences from examples/seoul-2023-11-09: one Korean outlet, one US outlet.
BODY_A = (
    "U.S. Secretary of State Tony Blinken said on the 9th, “We are not only seeing North Korea providing "
    "military equipment to Russia, but we are also seeing Russia providing technical support for North "
    "Korea’s military programs.”\n"
    "The two ministers also urged China to play a “constructive role” in preventing North Korea-Russia "
    "military cooperation. In response to North Korea-Russia military cooperation, our government "
    "initiated independent sanctions against North Korea in September."
)
BODY_B = (
    "Secretary of State Antony Blinken accused North Korea of “growing and dangerous military cooperation "
    "with Russia” during a visit to South Korea on Thursday, urging communist China to “play a "
    "constructive role” in reducing tensions.\n"
    "Blinken said Washington believes North Korea is selling military equipment to the Putin regime, "
    "“but we’re also seeing Russia provide technology and support to the DPRK for its own military "
    "programs.”\nPark also called for China to “play a role,” but did not describe that potential role "
    "as “constructive.”"
)
SECTIONS = [
    "Conflicts",
    "Shared facts",
    "Quotes",
    "Unique facts",
    "Dates",
    "Entities",
    "Brief",
    "Errors",
    "Notes",
]
HOSTILE = '<script>alert("x")</script>'


def _span(article: str, body: str, text: str) -> JSONDict:
    start = body.index(text)
    return {"article": article, "start": start, "end": start + len(text)}


def _article(aid: str, outlet: str | None, source: str, body: str, **extra: Any) -> JSONDict:
    base: JSONDict = {
        "id": aid, "source": source, "outlet": outlet, "title": None, "url": None, "published": None,
        "author": None, "language": "en", "via": None, "body": body, "removed": [],
    }  # fmt: skip
    return base | extra


def _rendering(aid: str, body: str, text: str, cls: str, diff: str) -> JSONDict:
    return _span(aid, body, text) | {"text": text, "class": cls, "diff": diff}


def _findings() -> list[JSONDict]:
    shared_a = _span("a", BODY_A, "urged China to play a “constructive role”")
    shared_b = _span("b", BODY_B, "urging communist China to “play a constructive role”")
    quote_a = "we are also seeing Russia providing technical support for North Korea’s military programs"
    quote_b = (
        "we’re also seeing Russia provide technology and support to the DPRK for its own military programs"
    )
    sanctions = _span(
        "a", BODY_A, "our government initiated independent sanctions against North Korea in September"
    )
    return [
        {"kind": "shared", "text": "Blinken urged China to play a constructive role.", "outlets": 2,
         "citations": [shared_a, shared_b]},
        {"kind": "unique", "text": "Seoul imposed its own sanctions on North Korea in September.",
         "outlets": 1, "citations": [sanctions]},
        {"kind": "quote", "text": quote_b, "outlets": 2, "citations": [], "speaker": "Antony Blinken",
         "renderings": [
             _rendering("a", BODY_A, quote_a, "paraphrase or translation",
                        "we [-’re-] {+are+} also seeing Russia [-provide technology and-] "
                        "{+providing technical+} support"),
             _rendering("b", BODY_B, quote_b, "verbatim", ""),
         ]},
        {"kind": "conflict", "text": "Who urged China to play a constructive role", "outlets": 2,
         "citations": [], "conflict_type": "attribution",
         "confidence": 0.8,
         "sides": [
             {"article": "a", "text": "Both ministers urged a constructive role.",
              "citations": [_span("a", BODY_A, "The two ministers also urged China")]},
             {"article": "b", "text": "Park did not call the role constructive.",
              "citations": [_span("b", BODY_B, "but did not describe that potential role")]},
         ]},
    ]  # fmt: skip


def make_report() -> JSONDict:
    findings = _findings()
    brief = [
        {"text": "Blinken and Park asked China for a constructive role.",
         "citations": [findings[0]["citations"][0], findings[0]["citations"][1]]},
        {"text": "Seoul sanctioned North Korea in September.", "citations": findings[1]["citations"]},
    ]  # fmt: skip
    thursday = _span("b", BODY_B, "Thursday")
    return {
        "version": "1.0",
        "articles": [
            _article("a", "News Rebeat", "newsrebeat-donga.txt", BODY_A, title="Pressure on Russia",
                     author="Mark Jones", removed=[{"text": "Source: Donga", "reason": "credit line"}]),
            _article("b", None, "us-outlet.txt", BODY_B, url="https://example.com/blinken",
                     published="2023-11-09", via="https://web.archive.org/"),
        ],
        "entities": [
            {"id": "e1", "name": "Antony Blinken", "type": "PERSON", "mentions": [
                _span("a", BODY_A, "Tony Blinken") | {"text": "Tony Blinken"},
                _span("b", BODY_B, "Antony Blinken") | {"text": "Antony Blinken"},
            ]},
        ],
        "dates": [
            _span("a", BODY_A, "the 9th") | {"text": "the 9th", "value": "2023-11-09", "inferred": True,
                                             "anchor": "b"},
            thursday | {"text": "Thursday", "value": "2023-11-09", "inferred": False, "anchor": None},
        ],
        "quotes": [],
        "stories": [{"id": "s1", "articles": ["a", "b"], "findings": findings, "brief": brief}],
        "brief": [dict(b, story="s1") for b in brief],
        "errors": [{"source": "broken.html", "reason": "no article text found"}],
        "notes": ["Offsets are character offsets into each article body."],
    }  # fmt: skip


def hostile_report() -> JSONDict:
    """The same report with script payloads in every article-derived field."""
    report = make_report()
    art = report["articles"][0]
    art["body"] = HOSTILE + art["body"]  # shift every offset of article a by the payload length
    shift = len(HOSTILE)
    for story in report["stories"]:
        for f in story["findings"]:
            for s in [
                *f["citations"],
                *f.get("renderings", []),
                *(c for sd in f.get("sides", []) for c in sd["citations"]),
            ]:
                if s["article"] == "a":
                    s["start"] += shift
                    s["end"] += shift
            f["text"] = HOSTILE + f["text"]
    art.update(title=HOSTILE, outlet=HOSTILE, url="javascript:alert(1)", published=HOSTILE, via=HOSTILE)
    art["removed"] = [{"text": HOSTILE, "reason": HOSTILE}]
    report["stories"][0]["findings"][2]["renderings"][1]["diff"] = "{+" + HOSTILE + "+}"
    report["stories"][0]["findings"][2]["speaker"] = HOSTILE
    report["stories"][0]["findings"][2]["renderings"][1] |= {"closest": True, "why_closest": HOSTILE}
    report["entities"][0]["name"] = HOSTILE
    report["entities"][0]["mentions"][0]["text"] = HOSTILE
    report["dates"][0]["text"] = HOSTILE
    report["errors"][0]["reason"] = HOSTILE
    report["notes"].append(HOSTILE)
    return report


class _Columns(HTMLParser):
    """Collects the text of each article body column and checks that every tag is closed."""

    VOID = frozenset({"meta", "br", "hr", "img", "input", "link"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.texts: dict[str, str] = {}
        self.current: str | None = None
        self.depth = 0
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        self.stack.append(tag)
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        if self.current is None and tag == "div" and found.get("class") == "body":
            self.current, self.depth = str(found["data-article"]), len(self.stack)
            self.texts[self.current] = ""

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> in {self.stack}"
        if self.current is not None and len(self.stack) == self.depth:
            self.current = None
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.texts[self.current] += data


def parse(page: str) -> _Columns:
    parser = _Columns()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    return parser


@pytest.fixture
def report() -> JSONDict:
    return make_report()


def terminal_text(report: JSONDict) -> str:
    console = Console(record=True, width=120, color_system=None)
    render_terminal(report, console)
    return console.export_text()


def test_every_renderer_has_every_section(report: JSONDict) -> None:
    outputs = [terminal_text(report), render_markdown(report), render_html(report)]
    for out in outputs:
        for section in SECTIONS:
            assert section in out
        for text in ["News Rebeat", "us-outlet.txt", "Antony Blinken", "2023-11-09", "Tony Blinken"]:
            assert text in out


def test_terminal_content(report: JSONDict) -> None:
    out = terminal_text(report)
    assert "Park did not call the role constructive." in out
    assert out.index("Conflicts") < out.index("Shared facts") < out.index("Quotes")
    assert "date unknown" in out and "inferred" in out
    assert "[1,2]" in out and "[1] News Rebeat" in out and "[2] us-outlet.txt" in out
    assert "paraphrase or translation" in out
    assert "attribution (80% confidence)" in out


def test_terminal_does_not_interpret_markup(report: JSONDict) -> None:
    report["articles"][0]["outlet"] = "[bold]Loud[/bold] \x1b[31mred"
    report["stories"][0]["findings"][3]["sides"][0]["text"] = "[link=https://evil.test]click[/link] :smile:"
    out = terminal_text(report)
    assert "[bold]Loud[/bold]" in out
    assert "[link=https://evil.test]click[/link] :smile:" in out
    assert "\x1b" not in out


def test_terminal_colours_diff(report: JSONDict) -> None:
    console = Console(record=True, width=120, force_terminal=True, color_system="truecolor")
    render_terminal(report, console)
    styled = console.export_text(styles=True)
    assert "\x1b[9" in styled  # strike-through: a removed word
    assert re.search(r"\x1b\[[0-9;]*32m(are|providing)", styled)  # green: an added word
    assert "[-’re-]" not in styled  # colour shows the difference; no markers


def test_terminal_without_colour_marks_diff(report: JSONDict) -> None:
    out = terminal_text(report)
    assert "we [-’re-] {+are+} also seeing Russia [-provide technology and-]" in out
    assert "{+providing technical+} support" in out


def test_diff_parts() -> None:
    assert diff_parts("a [-b-] {+c+} d") == [
        ("same", "a "),
        ("del", "b"),
        ("same", " "),
        ("ins", "c"),
        ("same", " d"),
    ]


def test_markdown_content_and_citations(report: JSONDict) -> None:
    md = render_markdown(report)
    start = BODY_B.index("but did not describe")
    assert f"(us-outlet.txt, chars {start}–{start + len('but did not describe that potential role')})" in md
    assert (
        "we ~~’re~~ **are** also seeing Russia ~~provide technology and~~ **providing technical** support"
        in md
    )
    assert "| 2023-11-09 | inferred |" in md


def test_one_outlets_two_articles_are_told_apart(report: JSONDict) -> None:
    """The Nice story has two New York Times articles: a citation must say which of them it points at,
    by the number the article tables show, in every renderer."""
    report["articles"][1]["outlet"] = "News Rebeat"
    start = BODY_B.index("but did not describe")
    md = render_markdown(report)
    assert f"(News Rebeat \\#2, chars {start}–" in md  # "#" escaped: Markdown shows it as typed
    assert "| 1 | News Rebeat \\#1 |" in md and "| 2 | News Rebeat \\#2 |" in md
    assert "News Rebeat #1" in terminal_text(report) and "[2] News Rebeat #2" in terminal_text(report)
    assert "News Rebeat #2" in render_html(report)
    single = make_report()
    assert "#1" not in render_markdown(single).replace("| 1 |", "")


def test_markdown_escapes() -> None:
    assert md_escape("<b>x</b> & *y* _z_ `c` [l](javascript:x) ![i](u)") == (
        r"&lt;b&gt;x&lt;/b&gt; &amp; \*y\* \_z\_ \`c\` \[l\](javascript:x) \!\[i\](u)"
    )
    assert md_escape("1. item") == r"1\. item"
    assert md_escape("- item\n# head") == r"\- item \# head"
    assert md_escape(" 2023-11-09 ") == " 2023-11-09 "
    md = render_markdown(hostile_report())
    assert "<script" not in md and "&lt;script&gt;" in md
    assert "javascript:" not in md


def test_html_escapes_hostile_text() -> None:
    page = render_html(hostile_report())
    assert page.count("<script") == 1  # only the page's own enhancement script
    assert page.index("<script>") > page.index("</h1>")
    assert "&lt;script&gt;" in page
    assert 'href="javascript:' not in page.lower() and "javascript:alert" not in page
    cols = parse(page)
    assert cols.texts["a"] == hostile_report()["articles"][0]["body"]


def test_html_loads_nothing_external(report: JSONDict) -> None:
    page = render_html(report)
    assert "default-src &#x27;none&#x27;" in page
    assert not re.search(r"\ssrc\s*=", page, re.I)
    hrefs = re.findall(r'href="([^"]*)"', page)
    external = [h for h in hrefs if not h.startswith("#")]
    assert external == ["https://example.com/blinken"]  # the article's own link, not its via
    assert 'rel="noopener noreferrer nofollow"' in page
    assert "@import" not in page and "url(" not in page


def test_html_columns_keep_bodies_exactly(report: JSONDict) -> None:
    page = render_html(report)
    cols = parse(page)
    assert cols.texts == {"a": BODY_A, "b": BODY_B}
    assert len(cols.ids) == len(set(cols.ids)), "ids must be unique"


def test_html_overlapping_spans(report: JSONDict) -> None:
    story = report["stories"][0]
    # A span crossing the shared one's end, and one nested inside it.
    story["findings"].append(
        {"kind": "unique", "text": "overlap", "outlets": 1,
         "citations": [_span("a", BODY_A, "play a “constructive role” in preventing"),
                       _span("a", BODY_A, "China")]}
    )  # fmt: skip
    page = render_html(report)
    assert parse(page).texts["a"] == BODY_A
    # The segment under both spans carries both classes; the innermost finding names the anchor.
    assert re.search(r'class="seg cited conflict shared unique"[^>]*data-finding="f-5"[^>]*>China<', page)
    assert re.search(r'class="seg cited shared"[^>]*data-finding="f-1"[^>]*> to <', page)
    assert re.search(r'class="seg unique"[^>]*data-finding="f-5"[^>]*> in preventing<', page)


def test_html_links_findings_and_brief_to_spans(report: JSONDict) -> None:
    page = render_html(report)
    ids = set(parse(page).ids)
    targets = set(re.findall(r'href="#([^"]+)"', page))
    assert targets <= ids, targets - ids
    shared_b = report["stories"][0]["findings"][0]["citations"][1]
    assert f'href="#a-b-{shared_b["start"]}"' in page
    assert page.count('data-finding="f-1"') >= 2  # the shared claim is highlighted in both columns
    # Where the conflict side crosses the shared claim, the segment belongs to both findings.
    assert re.search(r'data-finding="f-4" data-findings="f-4 f-1"[^>]*>urged China<', page)
    assert "(1 outlet)" in page and "(2 outlets)" in page
    assert "<del>" in page and "<ins>" in page and "<details>" in page


def test_html_ignores_bad_offsets(report: JSONDict) -> None:
    bad = copy.deepcopy(report)
    bad["stories"][0]["findings"][1]["citations"].append({"article": "a", "start": 10_000, "end": -3})
    bad["stories"][0]["findings"][1]["citations"].append({"article": "a", "start": "1", "end": None})
    bad["stories"][0]["findings"][1]["citations"].append({"article": "a", "start": -5, "end": 4})
    assert parse(render_html(bad)).texts["a"] == BODY_A


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://a.example/x", True), ("http://a.example", True), ("javascript:alert(1)", False),
     (" javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), ("data:text/html,x", False),
     ("//evil.example", False), ("https://a.example/\nx", False), (None, False)],
)  # fmt: skip
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def test_empty_report() -> None:
    empty: JSONDict = {"version": "1.0", "articles": [], "entities": [], "dates": [], "quotes": [],
                       "stories": [], "brief": [], "errors": [], "notes": []}  # fmt: skip
    assert "No stories" in render_html(empty)
    assert "# Parallax report" in render_markdown(empty)
    assert "No stories" in terminal_text(empty)


def test_one_outlets_fact_its_two_articles_carry_is_listed_once(report: JSONDict) -> None:
    """The Mail's two Hebei reports: a fact only the Mail gives, cited in both, is one line under the first
    article, not one under each (Markdown and terminal)."""
    report["articles"][1]["outlet"] = "News Rebeat"
    unique = next(f for f in report["stories"][0]["findings"] if f["kind"] == "unique")
    unique["citations"] = [*unique["citations"], {**unique["citations"][0], "article": "b"}]
    assert render_markdown(report).count(unique["text"]) == 1
    assert terminal_text(report).count(unique["text"]) == 1
