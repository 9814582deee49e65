"""The brief benchmark: its labelled set's shape and the before/after scoring (no model but spaCy's parse
for the cached inputs' parse reads)."""

from __future__ import annotations

from pathlib import Path

from conftest import load_benchmark

bb = load_benchmark("brief")


def test_the_audit_set_is_labelled_with_known_classes() -> None:
    items = bb.load_set(bb.DEFAULT_SET)
    assert len(items) == 150
    assert len({i["id"] for i in items}) == len(items)
    assert {i["label"] for i in items} <= {"ok", *bb.CLASSES}
    assert {i["kind"] for i in items} == set(bb.KINDS)
    for i in items:
        assert i["citations"] and all(len(c["text"]) <= bb.EXCERPT_CHARS for c in i["citations"])
        assert bb.kind_of(i["sentence"]) == i["kind"]
        assert i["label"] == "ok" or i["note"], i["id"]


def test_a_sentence_keeps_its_label_while_stated_and_new_ones_are_listed() -> None:
    items = [
        {"id": "1", "event": "e", "kind": "shared", "sentence": "Fine.", "label": "ok"},
        {
            "id": "2",
            "event": "e",
            "kind": "only",
            "sentence": "Only A reports: Junk.",
            "label": "caption-or-junk",
        },
        {"id": "3", "event": "e", "kind": "shared", "sentence": "It leans.", "label": "leans-on-context"},
        {"id": "4", "event": "e", "kind": "shared", "sentence": "Gone fine.", "label": "ok"},
    ]
    briefs = {"e": [{"text": t, "kind": "shared"} for t in ("Fine.", "It leans.", "Brand new.", "Old.")]}
    result = bb.score(items, briefs, {"e": ["Fine.", "It leans.", "Old."]})
    assert result["before"]["ok"] == 2 and result["error_rate_before"] == 0.5
    assert result["after"]["fixed"] == 1 and result["after"]["lost"] == 1
    assert result["stated_after"] == 2 and result["error_rate_after"] == 0.5
    assert [s["sentence"] for s in result["new"]["all"]] == ["Brand new."]


def test_new_sentences_take_their_labels_and_a_line_citing_fewer_outlets_is_listed() -> None:
    cited = [{"outlet": "A", "text": "x"}, {"outlet": "B", "text": "y"}]
    items = [{"id": "1", "event": "e", "kind": "shared", "sentence": "Four hurt.", "label": "not-supported",
              "citations": cited}]  # fmt: skip
    briefs = {
        "e": [
            {"text": "Four hurt.", "kind": "shared", "citations": cited[:1]},
            {"text": "Brand new.", "kind": "shared", "citations": cited},
            {"text": "Unread.", "kind": "shared", "citations": cited},
        ]
    }
    new_labels = [{"event": "e", "sentence": "Brand new.", "label": "ok"}]
    result = bb.score(items, briefs, {"e": ["Four hurt."]}, new_labels)
    assert result["recited"] == [
        {"id": "1", "label": "not-supported", "sentence": "Four hurt.", "dropped": ["B"]}
    ]
    assert result["new"]["labels"] == {"ok": 1, "unlabelled": 1}
    # the one audited sentence, still stated and bad, and the labelled new one, ok: one bad of two
    assert result["whole"] == {"bad": 1, "of": 2, "error_rate": 0.5}
    assert bb.new_labels_path(bb.DEFAULT_SET).name == "brief_audit_new.jsonl"


def test_a_one_source_line_whose_credit_is_reworded_is_still_stated_and_listed() -> None:
    sentence = "Only www.washingtonpost.com reports: Fitzgerald caught 109 passes this season."
    items = [{"id": "1", "event": "e", "kind": "only", "sentence": sentence, "label": "ok"}]
    now = (
        "Only AP, in the story www.washingtonpost.com ran, reports: Fitzgerald caught 109 passes this season."
    )
    result = bb.score(items, {"e": [{"text": now, "kind": "only"}]}, {"e": [sentence]})
    assert result["after"]["ok"] == 1 and result["after"]["lost"] == 0
    assert [s["id"] for s in result["recredited"]] == ["1"] and result["new"]["count"] == 0
    other = "Only www.washingtonpost.com reports: Fitzgerald caught 110 passes this season."
    assert bb.score(items, {"e": [{"text": other, "kind": "only"}]})["after"]["lost"] == 1
    said = "Only X quotes Y: “Hi.”"
    assert bb.statement(said) == bb.statement("Only Z, in the story X ran, quotes Y: “Hi.”")
    assert bb.statement("Only X quotes Y: “Hi,”") == bb.statement(said)  # now ended on a full stop


def test_a_sentence_whose_speaker_is_now_named_in_full_is_still_stated() -> None:
    audited = "“Family’s a big one,” Arians said."
    items = [{"id": "1", "event": "e", "kind": "shared", "sentence": audited, "label": "ok"}]
    now = "“Family’s a big one,” Bruce Arians said."
    result = bb.score(items, {"e": [{"text": now, "kind": "shared"}]})
    assert result["after"]["ok"] == 1 and [s["id"] for s in result["named_in_full"]] == ["1"]
    assert bb.renamed("“Hi,” wrote Mr. Shacham in a post.", "“Hi,” wrote Ofer Shacham in a post.")
    assert not bb.renamed("“Hi,” Arians said on Monday.", "“Hi,” Arians said on Tuesday.")
    assert not bb.renamed("The bill passed.", "The Bill Passed quickly.")


def test_a_recredited_sentence_whose_person_is_now_named_in_full_is_still_stated() -> None:
    audited = "Only www.washingtonpost.com reports: Fitzgerald, 34, caught 109 passes this season."
    items = [{"id": "1", "event": "e", "kind": "only", "sentence": audited, "label": "ok"}]
    now = "Only Associated Press reports: Larry Fitzgerald, 34, caught 109 passes this season."
    result = bb.score(items, {"e": [{"text": now, "kind": "only"}]})
    assert result["after"]["lost"] == 0 and [s["id"] for s in result["named_in_full"]] == ["1"]


def test_a_later_audit_draw_keeps_its_own_briefs_and_results() -> None:
    """A second draw (``--set benchmarks/data/brief_audit2.jsonl``) must not overwrite the first's briefs
    or results."""
    assert bb.drawn_from_path(bb.DEFAULT_SET) == bb.DRAWN_FROM
    assert bb.results_name(bb.DEFAULT_SET) == "brief"
    second = bb.DEFAULT_SET.with_name("brief_audit2.jsonl")
    assert bb.drawn_from_path(second) == second.with_name("brief_audit2_briefs.json")
    assert bb.results_name(second) == "brief_audit2"


def test_cached_inputs_read_the_parse_afresh(tmp_path: Path) -> None:
    """An old cache (seven arguments) gains the leaning sentences, the optional phrases and the verbs its
    shared renderings state of today's code, read from parses cached once by body."""
    from parallax.compare.optional import StatedVerb
    from parallax.model import Article, Finding, Span

    body = "Prosecutors took over the case, according to BFMTV. Surviving relatives say he sent a telegram."
    article = Article(id="a", source="a.txt", body=body)
    took = Span("a", 0, body.index(".") + 1)
    shared = Finding("shared", body[: took.end], (took,), outlets=2)
    old = {"e": [((shared,), {"a": article}, 1, None, None, None, None)]}
    parses = tmp_path / "parses.pkl"
    fresh = bb.with_fresh_parse_reads(old, parses)
    story = fresh["e"][0]
    assert len(story) == bb.ARGUMENTS
    leaning, optional, verbs = story[-3:]
    assert [x.why for x in leaning["a"]] == ["pronoun"]
    assert any(body[c.start : c.end] == "according to BFMTV" for c in optional["a"])
    assert verbs == {took: StatedVerb("took", "take")}
    assert parses.is_file() and bb.with_fresh_parse_reads(old, parses) == fresh  # the second run reads them
