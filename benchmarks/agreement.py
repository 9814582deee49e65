"""Inter-annotator agreement on two hand-labelled sets: ``brief_audit`` and ``shared_pairs``.

Each set was first labelled by one reader (``data/brief_audit.jsonl``, ``data/shared_pairs.jsonl``). A
second reader labels the same items blind, from the written rules in ``data/README.md`` only, into
``data/brief_audit_second.jsonl`` and ``data/shared_pairs_second.jsonl``. Two modes:

```sh
.venv/bin/python benchmarks/agreement.py export [--out /tmp/h36]   # the items without their labels
.venv/bin/python benchmarks/agreement.py compare [--no-write]      # agreement, kappa, disagreements
```

``export`` writes each item with every label field dropped (``label``, ``note``; for pairs also the
cosine, band and linking flags, which hint at the answer), as JSON lines and as a plain-text sheet to read.
``compare`` is run only after the second labels are written: raw agreement and Cohen's kappa per set (for
``brief_audit`` both on ok/bad and on the full class, and the class agreement among items both readers call
bad), and every disagreement with both labels and notes, to ``results/agreement.{json,md}``. The
disagreements' reading (who is likely wrong) lives in ``data/agreement_review.json``, written by hand
after the comparison; ``compare`` copies it into the results.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Hashable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_common import machine, markdown_table, write_results
from brief import CLASSES as BAD_CLASSES

DATA = Path(__file__).resolve().parent / "data"

BRIEF_CLASSES = ("ok", *BAD_CLASSES)  # the audit's labels, as brief.py scores them
PAIR_LABELS = ("S", "D")

SETS = {
    "brief_audit": {
        "first": DATA / "brief_audit.jsonl",
        "second": DATA / "brief_audit_second.jsonl",
        "labels": BRIEF_CLASSES,
    },
    "shared_pairs": {
        "first": DATA / "shared_pairs.jsonl",
        "second": DATA / "shared_pairs_second.jsonl",
        "labels": PAIR_LABELS,
    },
}
REVIEW = DATA / "agreement_review.json"
REVIEW_VERDICTS = ("first-likely-wrong", "second-likely-wrong", "rules-unclear")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float:
    """Cohen's kappa of two readers' labels of the same items: (p_o - p_e) / (1 - p_e).

    p_o is the share of items given one label by both; p_e the agreement expected by chance from each
    reader's own label shares. When both readers give every item the one same label p_e = 1 and kappa is
    undefined; it is returned as 1.0 (they agree on everything).
    """
    if len(a) != len(b):
        raise ValueError("the two label lists differ in length")
    n = len(a)
    if n == 0:
        raise ValueError("no items")
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    count_a, count_b = Counter(a), Counter(b)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)


# --- export ----------------------------------------------------------------------------------------


def blind_brief(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "event": row["event"],
        "kind": row["kind"],
        "sentence": row["sentence"],
        "citations": [
            {"article": c.get("article"), "outlet": c.get("outlet"), "text": c.get("text")}
            for c in row["citations"]
        ],
    }


def blind_pair(row: dict[str, Any]) -> dict[str, Any]:
    def side(s: dict[str, Any]) -> dict[str, Any]:
        return {"outlet": s["outlet"], "article": s["article"], "text": s["text"]}

    return {"id": row["id"], "event": row["event"], "a": side(row["a"]), "b": side(row["b"])}


def export(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    briefs = [blind_brief(r) for r in read_jsonl(SETS["brief_audit"]["first"])]
    pairs = [blind_pair(r) for r in read_jsonl(SETS["shared_pairs"]["first"])]
    for name, rows in (("brief_audit_blind", briefs), ("shared_pairs_blind", pairs)):
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    sheet = []
    for r in briefs:
        sheet.append(f"== {r['id']}  [{r['kind']}]  event={r['event']}")
        sheet.append(f"SENTENCE: {r['sentence']}")
        for c in r["citations"]:
            sheet.append(f"  - {c['outlet']} ({c['article']}): {c['text']}")
        sheet.append("")
    (out / "brief_audit_blind.txt").write_text("\n".join(sheet), encoding="utf-8")
    sheet = []
    for r in pairs:
        sheet.append(f"== {r['id']}  event={r['event']}")
        sheet.append(f"  A {r['a']['outlet']}: {r['a']['text']}")
        sheet.append(f"  B {r['b']['outlet']}: {r['b']['text']}")
        sheet.append("")
    (out / "shared_pairs_blind.txt").write_text("\n".join(sheet), encoding="utf-8")
    print(f"wrote {len(briefs)} brief sentences and {len(pairs)} pairs, unlabelled, to {out}")


# --- compare ---------------------------------------------------------------------------------------


def _binary(label: str) -> str:
    return "ok" if label == "ok" else "bad"


def compare_set(name: str) -> dict[str, Any]:
    spec = SETS[name]
    first = {r["id"]: r for r in read_jsonl(spec["first"])}
    second = {r["id"]: r for r in read_jsonl(spec["second"])}
    missing = sorted(set(first) - set(second))
    if missing:
        raise SystemExit(f"{name}: the second reader has no label for {len(missing)} ids: {missing[:5]}")
    ids = list(first)
    a = [first[i]["label"] for i in ids]
    b = [second[i]["label"] for i in ids]
    result: dict[str, Any] = {"items": len(ids)}
    if name == "brief_audit":
        a2, b2 = [_binary(x) for x in a], [_binary(x) for x in b]
        both_bad = [(x, y) for x, y in zip(a, b, strict=True) if x != "ok" and y != "ok"]
        result["ok_bad"] = {
            "agreement": sum(x == y for x, y in zip(a2, b2, strict=True)) / len(ids),
            "kappa": cohen_kappa(a2, b2),
            "first": dict(Counter(a2)),
            "second": dict(Counter(b2)),
            "confusion": {
                f"{x}/{y}": sum(1 for p, q in zip(a2, b2, strict=True) if (p, q) == (x, y))
                for x in ("ok", "bad")
                for y in ("ok", "bad")
            },
        }
        result["class"] = {
            "agreement": sum(x == y for x, y in zip(a, b, strict=True)) / len(ids),
            "kappa": cohen_kappa(a, b),
            "first": dict(Counter(a)),
            "second": dict(Counter(b)),
        }
        result["class_among_both_bad"] = {
            "items": len(both_bad),
            "agreement": (sum(x == y for x, y in both_bad) / len(both_bad)) if both_bad else None,
            "kappa": cohen_kappa([x for x, _ in both_bad], [y for _, y in both_bad]) if both_bad else None,
        }
        dis_ids = [i for i in ids if first[i]["label"] != second[i]["label"]]
    else:
        result["agreement"] = sum(x == y for x, y in zip(a, b, strict=True)) / len(ids)
        result["kappa"] = cohen_kappa(a, b)
        result["first"] = dict(Counter(a))
        result["second"] = dict(Counter(b))
        result["confusion"] = {
            f"{x}/{y}": sum(1 for p, q in zip(a, b, strict=True) if (p, q) == (x, y))
            for x in PAIR_LABELS
            for y in PAIR_LABELS
        }
        dis_ids = [i for i in ids if first[i]["label"] != second[i]["label"]]
    result["disagreements"] = [
        {
            "id": i,
            "first": first[i]["label"],
            "first_note": first[i].get("note", ""),
            "second": second[i]["label"],
            "second_note": second[i].get("note", ""),
        }
        for i in dis_ids
    ]
    return result


def _agreement_row(label: str, items: int, scores: dict[str, Any]) -> list[str]:
    return [label, str(items), f"{scores['agreement']:.3f}", f"{scores['kappa']:.3f}"]


def _md_escape(text: str) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def compare(write: bool) -> dict[str, Any]:
    review = json.loads(REVIEW.read_text(encoding="utf-8")) if REVIEW.exists() else {}
    payload: dict[str, Any] = {"machine": machine(), "sets": {}}
    for name in SETS:
        res = compare_set(name)
        verdicts = review.get(name, {})
        for d in res["disagreements"]:
            if d["id"] in verdicts:
                d["verdict"] = verdicts[d["id"]]["verdict"]
                d["why"] = verdicts[d["id"]].get("why", "")
        res["verdicts"] = dict(Counter(d.get("verdict", "unreviewed") for d in res["disagreements"]))
        payload["sets"][name] = res
    if "rules" in review:
        payload["rule_changes"] = review["rules"]

    md = ["# Inter-annotator agreement: brief_audit and shared_pairs", ""]
    md.append(
        "First reader: the helper session that made each set. Second reader: an AI assistant (helper "
        "session h36) labelling blind from the written rules in `benchmarks/data/README.md`, without the "
        "first labels, notes, results or per-item docs; its labels were committed before this comparison "
        "and not changed after it. Verdicts on the disagreements were written after the comparison, "
        "without editing either label set."
    )
    md.append("")
    ba = payload["sets"]["brief_audit"]
    sp = payload["sets"]["shared_pairs"]
    cb = ba["class_among_both_bad"]
    rows = [
        _agreement_row("brief_audit, ok / bad", ba["items"], ba["ok_bad"]),
        _agreement_row("brief_audit, full class", ba["items"], ba["class"]),
    ]
    if cb["items"]:
        rows.append(_agreement_row("brief_audit, class among both-bad", cb["items"], cb))
    rows.append(_agreement_row("shared_pairs, S / D", sp["items"], sp))
    md += markdown_table(["set", "items", "raw agreement", "Cohen's kappa"], rows)
    md.append("")
    md.append(
        f"brief_audit ok/bad (first/second): {ba['ok_bad']['confusion']}; classes, first "
        f"{ba['class']['first']}, second {ba['class']['second']}."
    )
    md.append(f"shared_pairs (first/second): {sp['confusion']}.")
    md.append("")
    for name in SETS:
        res = payload["sets"][name]
        md.append(f"## {name}: {len(res['disagreements'])} disagreements")
        md.append("")
        md.append(f"Verdicts: {res['verdicts']}.")
        md.append("")
        md += markdown_table(
            ["id", "first", "first note", "second", "second note", "verdict", "why"],
            [
                [
                    d["id"],
                    d["first"],
                    _md_escape(d["first_note"]),
                    d["second"],
                    _md_escape(d["second_note"]),
                    d.get("verdict", ""),
                    _md_escape(d.get("why", "")),
                ]
                for d in res["disagreements"]
            ],
        )
        md.append("")
    if "rule_changes" in payload:
        md.append("## Rules that would need sharpening")
        md.append("")
        for rule in payload["rule_changes"]:
            md.append(f"- {rule}")
        md.append("")
    if write:
        write_results("agreement", payload, "\n".join(md))
    else:
        print("\n".join(md))
    return payload


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    p_export = sub.add_parser("export", help="write the items without their labels")
    p_export.add_argument("--out", type=Path, default=Path("/tmp/h36"))
    p_compare = sub.add_parser("compare", help="compare the second reader's labels with the first's")
    p_compare.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    if args.mode == "export":
        export(args.out)
    else:
        compare(write=not args.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
