"""Framing findings in compare: loaded words, naming side by side, perspective, and a brief without them.

The session runs with ``PARALLAX_FRAMING_MODEL=off`` (conftest), so these check the lexicon path that
every install has; the BABE model's extra words are checked where the model is built.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import by_outlet

from parallax.brief import carries_flagged, flagged_terms, outside_quotations
from parallax.model import Document
from parallax.pipeline import compare_documents
from parallax.render.html import render_html
from parallax.render.json import report_to_dict
from parallax.render.markdown import render_markdown


def _framing(report: dict[str, Any], aspect: str) -> list[dict[str, Any]]:
    return [
        f
        for s in report["stories"]
        for f in s["findings"]
        if f["kind"] == "framing" and f["aspect"] == aspect
    ]


def test_loaded_words_of_the_us_outlet_are_flagged_with_their_spans(example_json: dict[str, Any]) -> None:
    us = by_outlet(example_json, "US outlet")
    loaded = {f["article"]: f for f in _framing(example_json, "loaded")}
    finding = loaded[us["id"]]
    assert {"strongman", "communist dictator", "genocidal", "jihadist"} <= set(finding["terms"])
    assert 0 < finding["score"] <= 1
    for c in finding["citations"]:
        word = us["body"][c["start"] : c["end"]].lower()
        assert word in finding["terms"] or word.strip('“”"') in {t.strip('“”"') for t in finding["terms"]}


def test_words_inside_quotations_are_the_speakers_not_the_outlets(example_json: dict[str, Any]) -> None:
    # "irresponsible and dangerous actions" is Blinken's, quoted by both outlets.
    for finding in _framing(example_json, "loaded"):
        assert "irresponsible" not in finding["terms"]
        assert "dangerous" not in finding["terms"]


def test_each_outlet_naming_of_an_entity_side_by_side(example_json: dict[str, Any]) -> None:
    us = by_outlet(example_json, "US outlet")
    labels = _framing(example_json, "label")
    putin = [f for f in labels if f["entity"] == "person:vladimir-putin"]
    assert [f["article"] for f in putin] == [us["id"]]
    assert "strongman" in putin[0]["terms"] and putin[0]["score"] > 0
    park = {f["outlet"]: f for f in labels if f["entity"] == "person:park-jin"}
    assert len(park) == 2 and all(f["score"] == 0 for f in park.values())  # titles are not loaded


def test_first_person_voice_and_republication_are_flagged(example_json: dict[str, Any]) -> None:
    rebeat = by_outlet(example_json, "News Rebeat")
    found = [f for f in _framing(example_json, "perspective") if f["article"] == rebeat["id"]]
    assert len(found) == 1
    assert "our" in found[0]["terms"] and "first person" in found[0]["text"]
    assert "Donga" in found[0]["text"]


def test_the_brief_uses_none_of_the_flagged_terms(example_report: Any, example_json: dict[str, Any]) -> None:
    for story in example_report.stories:
        flagged = flagged_terms(story.findings)
        assert flagged
        for sentence in story.brief:
            assert not carries_flagged(sentence.text, flagged), sentence.text
            prose = outside_quotations(sentence.text).lower()
            assert not re.search(r"\b(strongman|communist dictator|regime)\b", prose)


def test_renderers_show_the_framing_tables(example_json: dict[str, Any]) -> None:
    markdown = render_markdown(example_json)
    assert "### Framing" in markdown and "| Naming |" in markdown
    assert "strongman Vladimir Putin" in markdown
    html = render_html(example_json)
    assert "Naming, side by side" in html and 'class="seg framing' in html


def test_html_coverage_matrix_rows_are_facts_columns_outlets(example_json: dict[str, Any]) -> None:
    html = render_html(example_json)
    table = html.split('<table class="coverage">', 1)[1].split("</table>", 1)[0]
    story = example_json["stories"][0]
    facts = [f for f in story["findings"] if f["kind"] in ("shared", "unique")]
    assert table.count("<tr>") == 1 + min(len(facts), 40)
    shared = sum(f["kind"] == "shared" for f in facts)
    assert table.count("✓") == 2 * shared + (len(facts) - shared)  # both outlets, or one


@pytest.fixture(scope="module")
def small_report() -> dict[str, Any]:
    text = (
        "Officials of the Radical Party met on Monday in the capital, where the so-called reform was "
        "debated by alleged “experts” for several hours. “This dictator must go,” said Jane Doe, a member "
        "of the party. Jane Doe later boasted that the party had won. We think the reform is clearly wrong."
    )
    report = compare_documents([Document("a.txt", text, outlet="Daily Example")])
    return report_to_dict(report)


def test_scare_quotes_and_lexicon_words_but_not_names_or_quoted_words(small_report: dict[str, Any]) -> None:
    loaded = _framing(small_report, "loaded")
    assert len(loaded) == 1
    terms = loaded[0]["terms"]
    assert "so-called" in terms and "alleged" in terms and "boasted that" in terms
    assert "“experts”" in terms  # nobody is quoted saying it: the writer's distance
    assert "radical" not in terms  # part of the name "Radical Party"
    assert "dictator" not in terms  # Jane Doe's word, inside her quotation


def test_opinion_markers_and_first_person_in_the_writers_voice(small_report: dict[str, Any]) -> None:
    perspective = _framing(small_report, "perspective")
    assert len(perspective) == 1
    assert {"we", "clearly"} <= set(perspective[0]["terms"])
    assert "opinion markers" in perspective[0]["text"]


def test_a_name_that_is_also_a_loaded_word_is_no_word_choice() -> None:
    """BASIL's "Benjamin Todd Jealous": a person's name, in full, with a title or alone, is not loaded."""
    text = (
        "Governor Bob Brutal said on Monday the plan works. Brutal added that the budget was balanced. "
        "Mr. Brutal later met the ruthless critics of the plan."
    )
    report = report_to_dict(compare_documents([Document("a.txt", text, outlet="Daily Example")]))
    assert [f["terms"] for f in _framing(report, "loaded")] == [["ruthless"]]


def test_a_capitalised_word_inside_a_name_is_no_word_choice_of_the_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The BABE model flagged "shuly" in "List College Dean Shuly Rubin Schwartz" (Giveme5W1H), a name the
    tagger missed; the lexicon's hits were already held to this, the model's were not."""
    from parallax.compare import framing

    text = "List College Dean Shuly Rubin Schwartz told the paper that the student was an ardent campaigner."
    words = ("Shuly", "ardent")

    def hits(story: Any) -> dict[str, list[Any]]:
        at = [(text.index(w), w) for w in words]
        return {a.id: [framing.Hit(i, i + len(w), w.casefold()) for i, w in at] for a in story.articles}

    monkeypatch.setattr(framing, "_model_hits", hits)
    report = report_to_dict(compare_documents([Document("a.txt", text, outlet="Daily Example")]))
    assert [f["terms"] for f in _framing(report, "loaded")] == [["ardent"]]
