"""The command line: formats, output files, exit codes and bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from conftest import EXAMPLE

from parallax.cli import main


def _run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["compare", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_json_to_stdout_is_the_contract() -> None:
    code, out, _ = _run(str(EXAMPLE), "--format", "json")
    assert code == 0
    report = json.loads(out)
    assert report["version"] == "1.1"
    assert len(report["articles"]) == 2 and len(report["stories"]) == 1
    assert [a["opinion"] for a in report["articles"]] == [False, False], "two news reports"


def test_html_written_atomically_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.html"
    code, _, err = _run(str(EXAMPLE), "--format", "html", "-o", str(target))
    assert code == 0 and "wrote" in err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") or page.lower().startswith("<!doctype html>")
    assert "Park also called for China" in page
    assert [p.name for p in target.parent.iterdir()] == ["report.html"], "no temporary file left behind"
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask, "the usual permissions, not mkstemp's 0600"


def test_terminal_report_names_the_conflict() -> None:
    code, out, _ = _run(str(EXAMPLE))
    assert code == 0
    assert "constructive" in out and "News Rebeat" in out


def test_some_inputs_bad_exit_2_and_each_is_named(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    code, out, err = _run(str(EXAMPLE / "us-outlet.txt"), str(tmp_path), "--format", "json")
    assert code == 2
    assert "empty.txt" in err and "binary.txt" in err
    report = json.loads(out)
    assert len(report["articles"]) == 1
    assert {Path(e["source"]).name for e in report["errors"]} == {"empty.txt", "binary.txt"}


def test_all_inputs_bad_exit_1_and_no_output_file(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    code, _, err = _run(str(tmp_path / "missing.txt"), "--format", "json", "-o", str(target))
    assert code == 1
    assert "missing.txt" in err
    assert json.loads(target.read_text(encoding="utf-8"))["errors"], "the report still says what failed"


def test_stdin_and_single_input_metadata_flags() -> None:
    text = (EXAMPLE / "us-outlet.txt").read_text(encoding="utf-8").split("---\n", 2)[2]
    code, out, _ = _run("-", "--outlet", "Wire", "--published", "2023-11-09", "--format", "json", stdin=text)
    assert code == 0
    report = json.loads(out)
    assert report["articles"][0]["outlet"] == "Wire"
    thursday = next(d for d in report["dates"] if d["text"] == "on Thursday")
    assert thursday["value"] == "2023-11-09" and thursday["inferred"] is False


def test_metadata_flags_refused_for_several_inputs() -> None:
    code, _, err = _run(str(EXAMPLE), "--outlet", "X")
    assert code == 2 and "single input" in err


def test_compare_with_db_keeps_the_articles_in_their_story(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    code, out, err = _run(str(EXAMPLE), "--format", "json", "--db", str(db))
    assert code == 0 and json.loads(out)["stories"]
    assert "2 new articles (0 already stored): 1 new stories" in err
    _, _, again = _run(str(EXAMPLE), "--format", "json", "--db", str(db))
    assert "0 new articles (2 already stored)" in again


def test_one_story_compares_what_the_grouping_would_split(tmp_path: Path) -> None:
    """Two one-sentence reports of the Nice toll read as two events; --one-story says they are one."""
    lines = [
        {
            "outlet": "CNN",
            "published": "2016-07-14",
            "text": "The death toll grew through the night, with Hollande saying 77 people died.",
        },
        {
            "outlet": "NYT",
            "published": "2016-07-14",
            "text": "Officials and witnesses in Nice said at least 84 "
            "people, including children, were killed by the driver of the rampaging truck.",
        },
    ]
    dump = tmp_path / "nice.jsonl"
    dump.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    grouped = json.loads(CliRunner().invoke(main, ["compare", str(dump), "--format", "json"]).output)
    one = json.loads(
        CliRunner().invoke(main, ["compare", str(dump), "--one-story", "--format", "json"]).output
    )
    assert len(grouped["stories"]) == 2 and len(one["stories"]) == 1
    conflicts = [f for f in one["stories"][0]["findings"] if f["kind"] == "conflict"]
    assert [f["conflict_type"] for f in conflicts] == ["number"]
