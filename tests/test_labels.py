"""Word choice and labelling: naming phrases and linked descriptions, on hand-made snippets and the seed."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import example_documents

from parallax.compare.labels import Label, entity_labels
from parallax.model import Article, content_id
from parallax.pipeline import annotate, clean_all


def _labels(*texts: str) -> list[list[Label]]:
    """Each text's labels, the texts annotated together as one story."""
    articles = [Article(content_id(t), f"s{i}", t) for i, t in enumerate(texts)]
    annotated = annotate(articles)
    return [
        entity_labels(a.id, annotated.docs[a.id], annotated.mentions[a.id], annotated.entities)
        for a in articles
    ]


def _by_text(labels: list[Label]) -> dict[str, Label]:
    return {label.text: label for label in labels}


def test_pre_modifiers_titles_and_regime_heads_name_one_person() -> None:
    text = (
        "Strongman Vladimir Putin met the press. President Putin said the talks went well. "
        "The Putin regime denied it."
    )
    found = _by_text(_labels(text)[0])
    assert found["Strongman Vladimir Putin"].terms == ("strongman",)
    assert found["President Putin"].terms == ("president",)
    assert found["The Putin regime"].terms == ("regime",)
    assert len({found[t].entity for t in found}) == 1


def test_apposition_and_country_qualified_description() -> None:
    text = (
        "Kim Jong Un, the North Korean dictator, fired a missile at North Korea's coast. "
        "The North Korean leader later said the regime in Pyongyang would not stop. "
        "Communist China said little."
    )
    found = _by_text(_labels(text)[0])
    kim = found["Kim Jong Un, the North Korean dictator"]
    assert kim.terms == ("north korean", "dictator")
    assert found["The North Korean leader"].entity == kim.entity
    assert found["The North Korean leader"].terms == ("north korean", "leader")
    assert found["the regime in Pyongyang"].entity == found["North Korea"].entity
    assert found["Communist China"].terms == ("communist",)


def test_a_quantifier_is_not_part_of_a_name() -> None:
    found = _by_text(_labels("China is a top ally to both Pyongyang and Moscow.")[0])
    assert "Pyongyang" in found and "both Pyongyang" not in found


def test_a_list_bullet_is_not_part_of_a_label() -> None:
    """CNN's Nice witnesses: the naming table showed "• Maryam Violet" and "• Hospitals"."""
    text = "The attack killed 84.\n• French President Francois Hollande said the attack was terrorism."
    found = _by_text(_labels(text)[0])
    assert found["French President Francois Hollande"].terms == ("french", "president")


def test_role_description_links_to_the_person_named_with_that_role() -> None:
    text = (
        "Secretary of State Antony Blinken arrived in Seoul on Thursday. The secretary of state met Park Jin."
    )
    found = _by_text(_labels(text)[0])
    blinken = found["Secretary of State Antony Blinken"]
    assert blinken.terms == ("secretary of state",)
    assert found["The secretary of state"].entity == blinken.entity


def test_unsure_descriptions_stay_unlinked() -> None:
    ambiguous = (
        "Secretary of State Antony Blinken met Secretary of State Mike Pompeo in Seoul. "
        "The secretary of state spoke first. A dictator was mentioned. The president did not attend."
    )
    texts = {label.text for label in _labels(ambiguous)[0]}
    assert "The secretary of state" not in texts, "two people hold the role: no link"
    assert not any("dictator" in t for t in texts), "an indefinite description names no one"
    assert "The president" not in texts, "no one in the article is named as president"


def test_a_role_of_another_country_is_not_the_one_named_with_it() -> None:
    """China Daily on Trump in Asia (Giveme5W1H): "the US president" was linked to "Russian President
    Vladimir Putin", the one person the article names as a president."""
    text = (
        "Trade has been a constant in the tweets of the US president since he took office. "
        "He is expected to meet Russian President Vladimir Putin next week."
    )
    found = _by_text(_labels(text)[0])
    assert "the US president" not in found
    assert found["Russian President Vladimir Putin"].terms == ("russian", "president")


def test_no_mentions_and_a_name_at_the_very_end() -> None:
    assert _labels("It rained all day and nobody came.") == [[]]
    text = "The talks were led by Vladimir Putin"
    (label,) = _labels(text)[0]
    assert (label.start, label.end, label.text, label.terms) == (22, len(text), "Vladimir Putin", ())
    args: tuple[Any, ...] = ("x", None, [], [])
    assert entity_labels(*args) == [], "no mentions, no parse needed"


@pytest.fixture(scope="module")
def seed_labels() -> dict[str, tuple[str, list[Label]]]:
    articles, _, _ = clean_all(example_documents())
    annotated = annotate(articles)
    return {
        a.outlet or a.source: (
            a.body,
            entity_labels(a.id, annotated.docs[a.id], annotated.mentions[a.id], annotated.entities),
        )
        for a in articles
    }


def test_seed_labels_show_each_outlets_word_choice(seed_labels: dict[str, tuple[str, list[Label]]]) -> None:
    for body, labels in seed_labels.values():
        assert all(label.text == body[label.start : label.end] for label in labels)
    _, us_labels = next(v for k, v in seed_labels.items() if not k.startswith("News"))
    us = {(lb.entity, lb.terms) for lb in us_labels}
    assert ("person:vladimir-putin", ("strongman",)) in us
    assert ("person:vladimir-putin", ("regime",)) in us
    assert any(entity == "gpe:china" and terms[:1] == ("communist",) for entity, terms in us)
    _, korean = next(v for k, v in seed_labels.items() if k.startswith("News"))
    assert ("person:park-jin", ("foreign minister",)) in {(lb.entity, lb.terms) for lb in korean}
    assert not any("Russia" in lb.text and lb.terms == ("-",) for lb in korean), "hyphenated pairs are names"


def test_a_hyphenated_word_before_a_name_is_described_whole() -> None:
    """The Mail on NFL coaches (Giveme5W1H): "Vikings offensive co-ordinator Pat Shurmur" was labelled
    "ordinator Pat Shurmur", "the long-serving Marvin Lewis" "serving Marvin Lewis"; "North Korea-Russia"
    still joins two names, not a description."""
    body = "Vikings offensive co-ordinator Pat Shurmur is in demand, as is the long-serving Marvin Lewis."
    texts = {label.text for label in _labels(body)[0]}
    assert "Vikings offensive co-ordinator Pat Shurmur" in texts
    assert "the long-serving Marvin Lewis" in texts
    # Broadcom's bid (Giveme5W1H): "San Diego-based Qualcomm" was labelled "based Qualcomm"
    body = "The San Diego-based Qualcomm rejected the bid. Singapore-based Broadcom said it would go on."
    texts = {label.text for label in _labels(body)[0]}
    assert {"The San Diego-based Qualcomm", "Singapore-based Broadcom"} <= texts, texts
