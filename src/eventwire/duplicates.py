"""Near-duplicate articles: wire copies and re-publications linked to the first copy (`article.duplicate_of`).

Each stored article has a MinHash signature (datasketch, imported here only) of its text's five-word
shingles, kept in the table `article_signatures`. When an article is written, the signatures of the stored
articles (an LSH index, built once per store connection and kept up to date) give the articles whose text it
repeats: estimated Jaccard similarity of the shingles at least DUPLICATE_JACCARD. The earliest of them
(publication date, then id) is its `duplicate_of`. A copy is still stored and coded in full; what counts
events leaves it out: its events join the first copy's story without adding a source (stories.py), and
`eventwire dyads` counts only articles that are no copy.

Texts shorter than MIN_SHINGLES shingles (a line or two) are not compared: short notices repeat by nature.
"""

from __future__ import annotations

import re
from typing import Any

DUPLICATE_JACCARD = 0.8
NUM_PERM = 64
SHINGLE_WORDS = 5
MIN_SHINGLES = 20
SCHEME = "affine32"

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS article_signatures (id VARCHAR PRIMARY KEY, published DATE, sig UINTEGER[]);
"""

_WORD = re.compile(r"\w+")


def signature(text: str) -> Any | None:
    """The MinHash of the text's word shingles, or None for a text too short to compare."""
    from datasketch import MinHash

    words = [w.lower() for w in _WORD.findall(text)]
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}
    if len(shingles) < MIN_SHINGLES:
        return None
    m = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    m.update_batch([s.encode() for s in shingles])
    return m


class Index:
    """The stored articles' signatures, for finding the first copy of a new article."""

    def __init__(self, con: Any) -> None:
        from datasketch import MinHash, MinHashLSH

        self.con = con
        self.lsh = MinHashLSH(threshold=DUPLICATE_JACCARD, num_perm=NUM_PERM)
        self.known: dict[str, tuple[Any, str]] = {}  # id -> (signature, published or "")
        rows = con.execute("SELECT id, published, sig FROM article_signatures").fetchall()
        for aid, published, sig in rows:
            m = MinHash(num_perm=NUM_PERM, hashvalues=sig, scheme=SCHEME)
            self._add(aid, m, str(published or ""))

    def _add(self, aid: str, m: Any, published: str) -> None:
        if aid in self.known:
            self.lsh.remove(aid)
        self.known[aid] = (m, published)
        self.lsh.insert(aid, m)

    def first_copy(self, aid: str, m: Any, published: str) -> str | None:
        """The earliest stored article whose text this one repeats (not itself), or None."""
        found = []
        for other in self.lsh.query(m):
            if other == aid:
                continue
            sig, when = self.known[other]
            if sig.jaccard(m) >= DUPLICATE_JACCARD:
                found.append((when or "9999", other))
        if not found:
            return None
        when, other = min(found)
        # a copy is the later one: an earlier-published article that repeats a later one is not its copy
        return other if not published or when <= published else None

    def add(self, aid: str, m: Any | None, published: str) -> list[tuple]:
        """Index the article; return its row for `article_signatures` (empty when it has no signature)."""
        if m is None:
            if aid in self.known:
                self.lsh.remove(aid)
                del self.known[aid]
            return []
        self._add(aid, m, published)
        return [(aid, published or None, [int(x) for x in m.hashvalues])]
