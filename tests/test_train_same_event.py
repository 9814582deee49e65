"""The same-event training script's choices: near-ties between thresholds or rules do not decide."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def train() -> ModuleType:
    """``training/train_same_event.py`` as a module (it reads the sets as ``benchmarks/clustering`` does)."""
    folder = str(ROOT / "benchmarks")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    spec = importlib.util.spec_from_file_location(
        "train_same_event", ROOT / "training" / "train_same_event.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_the_threshold_is_the_middle_of_the_near_best_plateau(train: ModuleType) -> None:
    means = {0.25: 0.9251, 0.3: 0.9268, 0.35: 0.9276, 0.4: 0.9207}
    assert train.plateau_middle(means) == (0.35, [0.3, 0.35])
    # an article moving after re-embedding (the ninth digit of the weights) tips the argmax, not the choice
    tipped = {**means, 0.3: 0.9277}
    assert max(tipped, key=tipped.__getitem__) == 0.3 and max(means, key=means.__getitem__) == 0.35
    assert train.plateau_middle(tipped) == (0.35, [0.3, 0.35])
    assert train.plateau_middle({0.2: 0.92, 0.25: 0.9301, 0.3: 0.93, 0.35: 0.9299})[0] == 0.3
    assert train.plateau_middle({0.2: 0.90, 0.25: 0.93, 0.3: 0.91})[0] == 0.25


def test_a_rule_is_chosen_for_the_whole_plateau_and_ties_keep_the_first_listed(train: ModuleType) -> None:
    first, second, third = (None, None), (6.0, None), (8.0, None)
    plateau = [0.3, 0.35]
    means = {
        (0.3, first): 0.9270,
        (0.35, first): 0.9250,
        (0.3, second): 0.9285,  # best at the threshold by a hair
        (0.35, second): 0.9260,
        (0.3, third): 0.9280,  # within the tie of it, and better over the plateau
        (0.35, third): 0.9290,
    }
    rules = [first, second, third]
    assert train.steadiest_rule(rules, plateau, 0.3, means) == third
    # a rule further than the tie below the best at the threshold is not chosen, whatever the plateau says
    means[0.3, third] = 0.9260
    assert train.steadiest_rule(rules, plateau, 0.3, means) == second
    tied = {(t, r): 0.93 for t in plateau for r in rules}
    assert train.steadiest_rule(rules, plateau, 0.3, tied) == first
