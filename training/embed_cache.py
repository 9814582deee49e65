"""MiniLM embeddings for the training scripts, cached on disk by text hash: retraining after a change to
the model's other blocks does not embed thousands of sentences again. The cache is only a speed-up; a
missing or unreadable file is rebuilt."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray


def text_key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _load(cache: Path) -> dict[str, NDArray[np.float32]]:
    try:
        with np.load(cache, allow_pickle=False) as data:
            return dict(zip((str(k) for k in data["keys"]), data["vectors"], strict=True))
    except (OSError, KeyError, ValueError):
        return {}


def cached_embed(texts: Sequence[str], cache: Path) -> NDArray[np.float32]:
    """One MiniLM row per text, in order; texts not in ``cache`` are embedded and added to it."""
    cached = _load(cache)
    keys = [text_key(t) for t in texts]
    missing = [(k, t) for k, t in dict(zip(keys, texts, strict=True)).items() if k not in cached]
    if missing:
        from parallax.embed import default_embedder

        print(f"embedding {len(missing)} texts (cached in {cache})", flush=True)
        vectors = default_embedder().embed([t for _, t in missing])
        cached.update(zip((k for k, _ in missing), vectors, strict=True))
        np.savez(cache, keys=np.array(list(cached)), vectors=np.stack(list(cached.values())))
    return np.stack([cached[k] for k in keys]).astype(np.float32)
