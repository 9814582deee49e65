"""Ingest: every kind of input, and every kind of bad input reported without stopping the batch."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from parallax import ingest
from parallax.ingest import read_inputs
from parallax.model import Document, InputError

PARA = "The minister said on Tuesday that talks would continue next week."


def _write(path: Path, content: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def _reasons(errors: list[InputError]) -> dict[str, str]:
    return {e.source: e.reason for e in errors}


@pytest.fixture
def batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(ingest, "MAX_INPUT_BYTES", 2000)
    front = "---\ntitle: “Talks resume”\noutlet: Daily\npublished: 2023-11-09\nextra: ignored\n---\n"
    _write(tmp_path / "a-front.txt", front + PARA + "\n")
    lines = [
        json.dumps({"text": PARA, "outlet": "Wire", "published": "2023-11-09T10:00:00+09:00"}),
        "{not json",
        "",
        json.dumps({"html": "<p>Hello there.</p>", "title": "Hi"}),
        json.dumps({"title": "no body"}),
        json.dumps({"text": PARA, "outlet": ["a", "b"]}),
    ]
    _write(tmp_path / "b-wire.jsonl", "\n".join(lines))
    _write(tmp_path / "c-empty.txt", "  \n\t\n")
    _write(tmp_path / "d-binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _write(tmp_path / "e-latin1.txt", "Caf\xe9 au lait, said the minister.".encode("latin-1"))
    _write(tmp_path / "f-big.txt", "x" * 3000)
    _write(tmp_path / "g-page.html", "<html><body><p>Hi.</p></body></html>")
    _write(tmp_path / "sub" / "h-notes.md", PARA)
    _write(tmp_path / ".hidden.txt", PARA)
    _write(tmp_path / ".git" / "x.txt", PARA)
    _write(tmp_path / "README.md", "# about")
    _write(tmp_path / "image.png", b"\x89PNG")
    return tmp_path


def test_directory_batch(batch: Path) -> None:
    documents, errors = read_inputs([str(batch)])
    root = str(batch)
    assert [d.source for d in documents] == [
        f"{root}/a-front.txt",
        f"{root}/b-wire.jsonl#1",
        f"{root}/b-wire.jsonl#4",
        f"{root}/g-page.html",
        f"{root}/sub/h-notes.md",
    ]
    front, wire, wire_html, page, notes = documents
    assert front == Document(
        f"{root}/a-front.txt", PARA + "\n", title="“Talks resume”", outlet="Daily", published="2023-11-09"
    )
    assert (wire.outlet, wire.published, wire.is_html) == ("Wire", "2023-11-09T10:00:00+09:00", False)
    assert (wire_html.is_html, wire_html.title) == (True, "Hi")
    assert page.is_html and page.text.startswith("<html>")
    assert notes.text == PARA and notes.title is None
    reasons = _reasons(errors)
    assert set(reasons) == {
        f"{root}/b-wire.jsonl#2",
        f"{root}/b-wire.jsonl#5",
        f"{root}/b-wire.jsonl#6",
        f"{root}/c-empty.txt",
        f"{root}/d-binary.txt",
        f"{root}/e-latin1.txt",
        f"{root}/f-big.txt",
    }
    assert reasons[f"{root}/b-wire.jsonl#2"].startswith("invalid JSON")
    assert "text" in reasons[f"{root}/b-wire.jsonl#5"]
    assert "'outlet' must be a string" in reasons[f"{root}/b-wire.jsonl#6"]
    assert reasons[f"{root}/c-empty.txt"] == "empty input"
    assert reasons[f"{root}/d-binary.txt"].startswith("binary")
    assert reasons[f"{root}/e-latin1.txt"].startswith("not UTF-8 text")
    assert reasons[f"{root}/f-big.txt"].startswith("too large")


def test_missing_path_and_empty_dir(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    good = _write(tmp_path / "ok.txt", PARA)
    documents, errors = read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "empty"), good])
    assert [d.source for d in documents] == [good]
    assert len(errors) == 2
    assert "no such file" in errors[0].reason


def test_invalid_front_matter(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.txt", "---\ntitle: [unclosed\n---\n" + PARA)
    not_map = _write(tmp_path / "list.txt", "---\n- a\n- b\n---\n" + PARA)
    bad_date = _write(tmp_path / "date.txt", "---\npublished: last Tuesday\n---\n" + PARA)
    only_front = _write(tmp_path / "only.txt", "---\ntitle: x\n---\n\n")
    documents, errors = read_inputs([bad, not_map, bad_date, only_front])
    assert documents == []
    reasons = _reasons(errors)
    assert reasons[bad].startswith("invalid YAML front matter")
    assert "mapping" in reasons[not_map]
    assert "ISO" in reasons[bad_date]
    assert "no text" in reasons[only_front]


def test_unclosed_front_matter_is_text_and_bom_is_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path / "rule.txt", b"\xef\xbb\xbf---\nno closing rule\n" + PARA.encode())
    [doc], errors = read_inputs([path])
    assert errors == []
    assert doc.text.startswith("---\nno closing rule")


def test_stdin_text_bytes_and_html() -> None:
    [doc], errors = read_inputs(["-"], stdin=io.StringIO("---\nauthor: Jo\n---\n" + PARA))
    assert errors == []
    assert (doc.source, doc.author, doc.text, doc.is_html) == ("<stdin>", "Jo", PARA, False)
    [doc], _ = read_inputs(["-"], stdin=io.BytesIO(b"  \n<!DOCTYPE html><html><p>Hi.</p></html>"))
    assert doc.is_html
    _, errors = read_inputs(["-"], stdin=io.BytesIO(b"\xff\xfe bad"))
    assert errors == [InputError("<stdin>", errors[0].reason)]
    assert errors[0].reason.startswith("not UTF-8")
    _, errors = read_inputs(["-"], stdin=io.StringIO(""))
    assert errors == [InputError("<stdin>", "empty input")]


def test_stdin_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_INPUT_BYTES", 10)
    _, errors = read_inputs(["-"], stdin=io.StringIO("é" * 6))
    assert errors[0].reason.startswith("too large")


def test_flags_override_front_matter_for_one_document(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.txt", "---\noutlet: Daily\npublished: 2020-01-01\n---\n" + PARA)
    [doc], _ = read_inputs([path], outlet="Flag", published="2023-11-09")
    assert (doc.outlet, doc.published) == ("Flag", "2023-11-09")
    [doc], _ = read_inputs([path], outlet="Flag")
    assert (doc.outlet, doc.published) == ("Flag", "2020-01-01")


def test_flags_with_several_documents_or_bad_date_are_usage_errors(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.txt", PARA)
    b = _write(tmp_path / "b.txt", PARA)
    with pytest.raises(ValueError, match="single input"):
        read_inputs([a, b], outlet="X")
    with pytest.raises(ValueError, match="ISO"):
        read_inputs([a], published="yesterday")
    documents, _ = read_inputs([a, b])
    assert len(documents) == 2


def test_explicit_file_with_other_extension_is_text(tmp_path: Path) -> None:
    path = _write(tmp_path / "story.dat", PARA)
    [doc], errors = read_inputs([path])
    assert (doc.text, doc.is_html, errors) == (PARA, False, [])


def test_example_directory_skips_readme() -> None:
    root = Path(__file__).resolve().parents[1] / "examples" / "seoul-2023-11-09"
    documents, errors = read_inputs([str(root)])
    assert errors == []
    assert [Path(d.source).name for d in documents] == ["newsrebeat-donga.txt", "us-outlet.txt"]
    assert documents[0].title == "Discussing additional measures to put pressure on Russia"


def test_real_stdin_wrapper_is_read_as_bytes() -> None:
    wrapper = io.TextIOWrapper(io.BytesIO(b"caf\xe9 is not UTF-8"), encoding="latin-1")
    _, errors = read_inputs(["-"], stdin=wrapper)
    assert errors[0].reason.startswith("not UTF-8")


def test_jsonl_dumps_name_outlet_date_and_body_their_own_way(tmp_path: Path) -> None:
    """news-please, NewsAPI and feed exports: their field names fill ours when ours are absent."""
    lines = [
        {"maintext": PARA, "source_domain": "example.org", "date_publish": "2023-11-09 10:00:00"},
        {"content": PARA, "source": {"id": "bbc", "name": "BBC News"}, "publishedAt": "2023-11-09T01:00:00Z"},
        {
            "text": PARA,
            "publisher": "Wire",
            "pubDate": "Thu, 09 Nov 2023 10:00:00 +0900",
            "link": "https://x.org/a",
        },
        {
            "text": PARA,
            "outlet": "Own",
            "source": "Other",
            "date": 1699488000,
        },  # ours wins; an epoch is skipped
    ]
    path = _write(tmp_path / "dump.jsonl", "\n".join(json.dumps(line) for line in lines))
    documents, errors = read_inputs([path])
    assert errors == []
    assert [d.outlet for d in documents] == ["example.org", "BBC News", "Wire", "Own"]
    assert [d.published for d in documents] == [
        "2023-11-09T10:00:00",
        "2023-11-09T01:00:00+00:00",
        "2023-11-09T10:00:00+09:00",
        None,
    ]
    assert documents[2].url == "https://x.org/a"


def test_front_matter_date_alias_is_read_as_published(tmp_path: Path) -> None:
    path = _write(tmp_path / "post.md", f"---\ntitle: Talks\ndate: 2023-11-09\n---\n{PARA}\n")
    documents, _ = read_inputs([path])
    assert documents[0].published == "2023-11-09"
