"""How the annotation samplers deal their items to annotators (sample_clusters.py, sample_dates.py)."""

from __future__ import annotations

import random


def deal(
    rows: list[dict], n_slices: int, double_share: float, rng: random.Random
) -> tuple[list[list[dict]], list[dict]]:
    """The rows dealt round-robin to `n_slices` annotators, plus a random share of them given to a second,
    different annotator (who is not told which); each slice shuffled. Returns (slices, the doubled rows)."""
    slices: list[list[dict]] = [[] for _ in range(n_slices)]
    for i, r in enumerate(rows):
        slices[i % n_slices].append(r)
    doubled = rng.sample(rows, round(len(rows) * double_share))
    for k, r in enumerate(doubled):
        home = rows.index(r) % n_slices
        slices[(home + 1 + k % (n_slices - 1)) % n_slices].append(r)
    for items in slices:
        rng.shuffle(items)
    return slices, doubled
