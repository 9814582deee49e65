"""End to end on the canonical example pair: what a careful reader finds, Parallax finds."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from conftest import EXAMPLE, by_outlet, check_golden, example_documents

from parallax.model import Document
from parallax.pipeline import compare_documents
from parallax.render.json import report_to_dict
from parallax.render.markdown import render_markdown

LOADED = ("communist", "strongman", "genocidal", "jihadist", "regime", "dictator", "propaganda")


def _story(report: dict[str, Any]) -> dict[str, Any]:
    assert len(report["stories"]) == 1, "the example pair is one story"
    story: dict[str, Any] = report["stories"][0]
    return story


def _findings(report: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [f for f in _story(report)["findings"] if f["kind"] == kind]


def _cited(report: dict[str, Any], citation: dict[str, Any]) -> str:
    body: str = next(a["body"] for a in report["articles"] if a["id"] == citation["article"])
    return body[citation["start"] : citation["end"]]


def test_boilerplate_removed_and_kept_aside(example_json: dict[str, Any]) -> None:
    donga = by_outlet(example_json, "News Rebeat")
    us = by_outlet(example_json, "US outlet")
    assert donga["via"] == "Donga"
    assert {r["reason"] for r in donga["removed"]} >= {"headline", "author bio", "source credit"}
    assert {r["reason"] for r in us["removed"]} == {"promo", "comments notice"}
    for article in (donga, us):
        assert "Comments are closed" not in article["body"]
        assert "world traveler" not in article["body"]
        assert "WATCH —" not in article["body"]
    assert "Park Jin urges China" not in donga["body"]
    assert donga["body"].startswith("U.S. Secretary of State Tony Blinken said on the 9th")


def _entity_with(report: dict[str, Any], name: str) -> dict[str, Any]:
    return next(e for e in report["entities"] if name in {m["text"] for m in e["mentions"]})


def test_name_variants_merge_into_one_entity(example_json: dict[str, Any]) -> None:
    blinken = _entity_with(example_json, "Tony Blinken")
    assert {"Tony Blinken", "Antony Blinken", "Blinken"} <= {m["text"] for m in blinken["mentions"]}
    assert blinken["type"] == "PERSON"
    yoon = _entity_with(example_json, "Yoon Seok-yeol")
    assert {"Yoon Seok-yeol", "Yoon Suk-yeol", "Yoon"} <= {m["text"] for m in yoon["mentions"]}
    north_korea = _entity_with(example_json, "DPRK")
    assert north_korea["name"] == "North Korea"
    assert {"North Korea", "DPRK", "Pyongyang"} <= {m["text"] for m in north_korea["mentions"]}
    assert _entity_with(example_json, "Shoigu")["type"] == "PERSON"
    articles = {m["article"] for m in blinken["mentions"]}
    assert len(articles) == 2, "one entity spans both outlets"


def test_every_citation_points_into_a_body(example_json: dict[str, Any]) -> None:
    story = _story(example_json)
    citations = [c for f in story["findings"] for c in f["citations"]]
    citations += [c for b in story["brief"] for c in b["citations"]]
    assert citations
    for citation in citations:
        assert _cited(example_json, citation).strip()
    for entity in example_json["entities"]:
        for mention in entity["mentions"]:
            assert _cited(example_json, mention) == mention["text"]


def test_shared_and_unique_claims(example_json: dict[str, Any]) -> None:
    shared = _findings(example_json, "shared")
    assert len(shared) >= 3
    for finding in shared:
        assert finding["outlets"] == 2
        assert len({c["article"] for c in finding["citations"]}) == 2
    texts = " ".join(f["text"] for f in shared)
    assert "constructive role" in texts
    # What one outlet adds: `unique` (new facts) and `context` (background), compare/facts.py.
    added = _findings(example_json, "unique") + _findings(example_json, "context")
    owners = {by_outlet(example_json, p)["id"]: p for p in ("News Rebeat", "US outlet")}
    added_by: dict[str, list[str]] = {p: [] for p in owners.values()}
    for finding in added:
        added_by[owners[finding["citations"][0]["article"]]].append(finding["text"])
    assert any("ballistic missile" in t for t in added_by["News Rebeat"])
    # A title in marks that no one is quoted as saying is not "a quotation no other outlet carries".
    assert not any(
        "Washington Declaration" in f["text"] and "quotation" in (f.get("reason") or "") for f in added
    )
    assert any("Security Council in 2024" in t for t in added_by["US outlet"])
    assert not any("ballistic missile" in t for t in added_by["US outlet"])


def test_quotes_aligned_across_outlets(example_json: dict[str, Any]) -> None:
    quotes = _findings(example_json, "quote")
    seeing = next(q for q in quotes if any("also seeing Russia" in r["text"] for r in q["renderings"]))
    assert seeing["speaker"] == "Antony Blinken"
    assert {r["class"] for r in seeing["renderings"]} == {"paraphrase or translation"}
    # The first-hand rendering (the other republishes Donga) is the reference: it reads plain, the other
    # shows how it departs from it, and the statement's text is the reference's.
    (original,) = (r for r in seeing["renderings"] if r["closest"])
    assert original["diff"] == original["text"] == seeing["text"] and "we’re also" in original["text"]
    (copy,) = (r for r in seeing["renderings"] if not r["closest"])
    assert "[-we’re-] {+we are+}" in copy["diff"]
    constructive = next(q for q in quotes if any(r["text"] == "constructive role" for r in q["renderings"]))
    classes = {r["text"]: r["class"] for r in constructive["renderings"]}
    assert classes["constructive role"] == "partial"
    for rendering in (r for q in quotes for r in q["renderings"]):
        assert _cited(example_json, rendering) == rendering["text"]


def test_quote_records_have_speaker_cue_and_group(example_json: dict[str, Any]) -> None:
    park = next(q for q in example_json["quotes"] if q["content"]["text"].startswith("I don’t think China"))
    assert park["kind"] == "direct"
    assert park["speaker"]["name"] == "Park Jin"
    assert park["cue"]["text"] == "pointed out"
    assert park["group"]


def test_the_constructive_role_disagreement_is_found(example_json: dict[str, Any]) -> None:
    conflicts = _findings(example_json, "conflict")
    assert conflicts, "the example's disagreement must be reported"
    top = conflicts[0]
    sides = " || ".join(s["text"] for s in top["sides"])
    assert "did not describe that potential role as “constructive.”" in sides
    assert "urged China to play a “constructive role”" in sides
    assert top["conflict_type"] == "negation"
    assert len({s["article"] for s in top["sides"]}) == 2


def test_brief_is_neutral_and_cited(example_json: dict[str, Any]) -> None:
    brief = _story(example_json)["brief"]
    assert len(brief) >= 4
    for sentence in brief:
        assert sentence["citations"], sentence["text"]
        words = sentence["text"].casefold()
        outside_quotes = "".join(part for i, part in enumerate(words.split("“")) if i == 0 or "”" in part)
        assert not any(f" {w} " in f" {outside_quotes} " for w in LOADED), sentence["text"]
        assert "our government" not in words
    assert any("the government of South Korea" in s["text"] for s in brief)
    first = brief[0]
    assert len({c["article"] for c in first["citations"]}) == 2, "the brief opens with a shared fact"


def test_dates_without_anchor_stay_partial(example_json: dict[str, Any]) -> None:
    values = {d["text"]: d["value"] for d in example_json["dates"]}
    assert values["on the 9th"] == "XXXX-XX-09"
    assert values["from the 11th to the 17th"] == "XXXX-XX-11/XXXX-XX-17"
    assert any("publication date" in note for note in example_json["notes"])


@pytest.fixture(scope="module")
def anchored_report() -> dict[str, Any]:
    documents = example_documents()
    dated = [
        dataclasses.replace(d, published="2023-11-09") if (d.outlet or "").startswith("News") else d
        for d in documents
    ]
    return report_to_dict(compare_documents(dated))


def test_dates_resolve_and_are_lent_across_the_story(anchored_report: dict[str, Any]) -> None:
    donga = by_outlet(anchored_report, "News Rebeat")["id"]
    us = by_outlet(anchored_report, "US outlet")["id"]
    own = {d["text"]: d for d in anchored_report["dates"] if d["article"] == donga}
    assert own["on the 9th"]["value"] == "2023-11-09" and not own["on the 9th"]["inferred"]
    assert own["from the 11th to the 17th"]["value"] == "2023-11-11/2023-11-17"
    lent = {d["text"]: d for d in anchored_report["dates"] if d["article"] == us}
    assert lent["on Thursday"]["value"] == "2023-11-09"
    assert lent["on Thursday"]["inferred"] is True
    assert lent["this week"]["value"] == "2023-W45"


def test_bad_inputs_are_reported_and_the_rest_processed() -> None:
    good = Document(source="good.txt", text=(EXAMPLE / "us-outlet.txt").read_text(encoding="utf-8"))
    korean = Document(source="ko.txt", text="윤석열 대통령은 9일 블링컨 장관과 오찬을 했다. " * 5)
    empty = Document(source="empty.txt", text="   \n")
    report = compare_documents([good, korean, empty])
    assert [a.source for a in report.articles] == ["good.txt"]
    reasons = {e.source: e.reason for e in report.errors}
    assert "English" in reasons["ko.txt"] and "reads as 'ko'" in reasons["ko.txt"]
    assert set(reasons) == {"ko.txt", "empty.txt"}
    assert any("one article" in note for note in report.notes)


def test_markdown_report_matches_golden(example_json: dict[str, Any]) -> None:
    check_golden("seoul-2023-11-09.md", render_markdown(example_json))


def test_claim_vectors_stay_aligned_when_an_article_has_no_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    """An article without claims must not shift the next article's claims against their vectors."""
    import numpy as np

    from parallax.model import Article, Claim
    from parallax.pipeline import Annotated, story_input

    empty, full = Article("a1", "a1", "Photo."), Article("a2", "a2", "One claim. Two claims.")
    claims = {"a1": [], "a2": [Claim("a2", 0, 10, 0), Claim("a2", 11, 22, 1)]}
    # a1's one row is a placeholder (as older caches hold): it must not be taken for a claim of a2
    vectors = {"a1": np.zeros((1, 384), np.float32), "a2": np.eye(2, 384, dtype=np.float32)}
    docs: dict[str, Any] = {"a1": None, "a2": None}
    annotated = Annotated(docs, {}, claims, {"a1": [], "a2": []}, [], {"a1": [], "a2": []}, [])
    monkeypatch.setattr("parallax.pipeline._dates_for", lambda articles, docs: {})
    one = story_input("s", [empty, full], annotated, vectors)
    assert one.claim_vectors.shape == (2, 384)
    assert np.array_equal(one.claim_vectors, vectors["a2"])


def test_a_wire_agency_copy_renders_its_quotes_first_hand() -> None:
    """The Post runs the AP's story; its rendering of a quotation is the AP reporter's, as good a witness
    as the Times', so neither is called closest for the other being "republished from AP" (a credited
    translation, the example's "Source: Donga", still is second-hand)."""
    post = Document(
        "a.txt",
        "WASHINGTON (AP) — Senator Jane Smith rejected the budget deal on Tuesday. “We will not accept this"
        " deal under any circumstances at all,” Smith said at the Capitol.\n\nThe vote is set for Friday.",
        outlet="The Post",
        published="2024-03-05",
    )
    times = Document(
        "b.txt",
        "Senator Jane Smith rejected the budget deal on Tuesday. “We won't accept this deal in any"
        " circumstances,” Smith told reporters at the Capitol.\n\nThe vote is set for Friday.",
        outlet="The Times",
        published="2024-03-05",
    )
    report = report_to_dict(compare_documents([post, times], one_story=True))
    assert [a["via"] for a in report["articles"]] == ["AP", None]
    (quote,) = [f for s in report["stories"] for f in s["findings"] if f["kind"] == "quote"]
    assert len(quote["renderings"]) == 2 and not any(r["closest"] for r in quote["renderings"])


def test_a_shared_fact_read_as_background_says_so_in_every_report(example_json: dict[str, Any]) -> None:
    import copy
    import io

    from rich.console import Console

    from parallax.render.html import render_html
    from parallax.render.terminal import render_terminal

    shared = [f for s in example_json["stories"] for f in s["findings"] if f["kind"] == "shared"]
    assert shared and all(f["background"] is None for f in shared), "the seed's shared facts are all news"
    report = copy.deepcopy(example_json)
    first = next(f for f in report["stories"][0]["findings"] if f["kind"] == "shared")
    first["background"] = "an earlier time: in 2015"
    assert "— 2 outlets _(background: an earlier time: in 2015)_" in render_markdown(report)
    assert "background: an earlier time: in 2015" in render_html(report)
    out = io.StringIO()
    render_terminal(report, Console(file=out, width=200, color_system=None))
    assert "(2 outlets; background: an earlier time: in 2015)" in out.getvalue()
