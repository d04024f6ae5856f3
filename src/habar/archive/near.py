"""Near-duplicate detection: MinHash signatures (datasketch) of word shingles, banded for lookup in SQLite.

Two articles are near-duplicates when the estimated Jaccard similarity of their 3-word shingles is at least
:data:`THRESHOLD` (the same story re-published with small edits). Bands of the signature are stored in the
``minhash_bands`` table, so a lookup costs a few indexed queries however large the archive is.
"""

from __future__ import annotations

import hashlib
import sqlite3
from typing import TYPE_CHECKING

from habar.archive.terms import words

if TYPE_CHECKING:
    import numpy as np

NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 3
THRESHOLD = 0.8
"""Estimated Jaccard similarity of 3-word shingles from which a document counts as a near-duplicate."""
SEED = 20260101


def signature(text: str) -> np.ndarray:
    # imported here: datasketch pulls in scipy (0.3 s), which reading an archive never needs
    import numpy as np
    from datasketch import MinHash

    tokens = words(text)
    shingles = {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return np.asarray(mh.hashvalues, dtype=np.uint64)


def band_keys(sig: np.ndarray) -> list[int]:
    keys = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def find_original(conn: sqlite3.Connection, sig: np.ndarray) -> tuple[int, float] | None:
    """(rowid, similarity) of the most similar stored original at or above the threshold, or None."""
    candidates: set[int] = set()
    for band, key in enumerate(band_keys(sig)):
        candidates.update(row[0] for row in conn.execute(
            "SELECT doc FROM minhash_bands WHERE band = ? AND key = ?", (band, key)))
    import numpy as np

    best: tuple[int, float] | None = None
    for doc in sorted(candidates):
        row = conn.execute("SELECT signature FROM minhash WHERE doc = ?", (doc,)).fetchone()
        if row is None:
            continue
        other = np.frombuffer(row[0], dtype=np.uint64)
        similarity = float(np.mean(other == sig))
        if similarity >= THRESHOLD and (best is None or similarity > best[1]):
            best = (doc, similarity)
    return best


def remember(conn: sqlite3.Connection, doc: int, sig: np.ndarray) -> None:
    conn.execute("INSERT INTO minhash (doc, signature) VALUES (?, ?)", (doc, sig.tobytes()))
    conn.executemany("INSERT OR IGNORE INTO minhash_bands (band, key, doc) VALUES (?, ?, ?)",
                     [(band, key, doc) for band, key in enumerate(band_keys(sig))])
