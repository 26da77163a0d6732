"""Benchmark: throughput of spaCy parsing alone vs the whole eventwire pipeline with the store, in one run.

    python scripts/bench.py [--input samples/wikinews-bench.jsonl.gz] [--articles 200] [--model NAME]
                            [--rounds 2] [--synthetic [--seed 7]]

Reads N real news articles (by default the 200 Wikinews articles shipped in samples/, CC BY 2.5, see
samples/README.md; --synthetic makes articles of 400-800 words from templates instead), writes them as JSON
Lines, then measures:
  (a) spaCy alone: nlp.pipe over the article texts;
  (b) eventwire: read the JSONL file, clean, parse, run every default stage, write each record to a fresh
      DuckDB file;
(a) runs before and after (b), and their mean is used, so drift of the machine's speed does not favour
either side; this is done --rounds times and the rounds' ratios are averaged (each is printed too);
and prints articles/s and words/s of each, the ratio (b)/(a), and the peak RSS of the process.
The model is loaded, and a few articles go through the whole pipeline (loading the actor knowledge base and
the lexicon once), before either timing starts. This is a measurement, not a test: nothing asserts on time.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ACTORS = [
    "Russian officials",
    "the Ukrainian government",
    "German Chancellor Olaf Scholz",
    "French diplomats",
    "the United Nations",
    "NATO allies",
    "Chinese state media",
    "Israeli forces",
    "Iran's foreign ministry",
    "the European Commission",
    "protesters in the capital",
    "police",
    "rebel fighters",
    "Turkish mediators",
]
VERBS = [
    "met with",
    "criticized",
    "called on",
    "signed an agreement with",
    "warned",
    "accused",
    "praised",
    "held talks with",
    "rejected a proposal from",
    "sent aid to",
    "imposed sanctions on",
    "threatened",
]
PLACES = [
    "in Geneva",
    "in Kyiv",
    "near the border",
    "in Brussels",
    "at the United Nations in New York",
    "in the southern region",
    "on the outskirts of the city",
    "in Istanbul",
    "in Doha",
]
TIMES = ["on Monday", "on Tuesday", "last week", "earlier this month", "on Friday", "next month", "in March"]
FILLERS = [
    "The talks were described as difficult but useful by people familiar with them.",
    "Prices of grain and fuel have risen sharply since the start of the year, analysts said.",
    "The ministry did not respond to a request for comment on Wednesday.",
    "Several rounds of negotiations have failed to produce a lasting ceasefire.",
    "Thousands of people have fled the area, according to aid groups working there.",
]


def make_article(rng: random.Random, i: int) -> dict:
    target = rng.randint(400, 800)
    paragraphs, words = [], 0
    while words < target:
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.25:
                s = rng.choice(FILLERS)
            elif rng.random() < 0.2:
                s = f"“We will not accept this,” {rng.choice(ACTORS)} said {rng.choice(TIMES)}."
            else:
                a, b = rng.sample(ACTORS, 2)
                verb, place, when = rng.choice(VERBS), rng.choice(PLACES), rng.choice(TIMES)
                s = f"{a[0].upper() + a[1:]} {verb} {b} {place} {when}."
            sentences.append(s)
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    return {"id": f"bench-{i}", "title": f"Synthetic report {i}", "text": "\n\n".join(paragraphs)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--input", default=str(Path(__file__).resolve().parents[1] / "samples" / "wikinews-bench.jsonl.gz")
    )
    parser.add_argument("--synthetic", action="store_true", help="template articles instead of --input")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--model", default=None)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--rounds", type=int, default=2, help="paired measurements; the ratio is their mean (default 2)"
    )
    parser.add_argument(
        "--no-ray", action="store_true", help="skip the Ray scaling measurement (done when Ray is installed)"
    )
    args = parser.parse_args()

    from eventwire import nlp as nlp_module
    from eventwire.api import CodeOptions, code_many
    from eventwire.pipeline import Failure, Pipeline
    from eventwire.store import BackgroundWriter, Store

    if args.synthetic:
        rng = random.Random(args.seed)
        articles = [make_article(rng, i) for i in range(args.articles)]
        kind = "synthetic"
    else:
        opener = gzip.open if args.input.endswith(".gz") else open
        with opener(args.input, "rt", encoding="utf-8") as fh:
            articles = [json.loads(line) for line in fh if line.strip()][: args.articles]
        kind = f"real ({Path(args.input).name})"
        args.articles = len(articles)
    n_words = sum(len(a["text"].split()) for a in articles)
    options = CodeOptions.from_settings(model=args.model, workers=1)
    nlp = nlp_module.load(options.model)
    stages = Pipeline(options.model).stage_names

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "bench.jsonl"
        feed.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        # Warm-up, outside both timings: the model's first batches, and the pipeline's one-time loads (actor
        # knowledge base, phrase matchers, lexicon), which a long run pays once.
        list(nlp.pipe([a["text"] for a in articles[:8]], batch_size=options.batch_size))
        warm = Path(tmp) / "warm.jsonl"
        warm.write_text("".join(json.dumps(a) + "\n" for a in articles[:4]), encoding="utf-8")
        list(code_many([str(warm)], options))

        def spacy_alone() -> float:
            t0 = time.perf_counter()
            for _ in nlp.pipe((a["text"] for a in articles), batch_size=options.batch_size):
                pass
            return time.perf_counter() - t0

        def pipeline(n: int) -> tuple[float, int]:
            t0 = time.perf_counter()
            n_ok = 0
            with (
                Store(Path(tmp) / f"bench-{n}.duckdb") as store,
                BackgroundWriter(store, share=True) as writer,
            ):
                for outcome in code_many([str(feed)], options):
                    if isinstance(outcome, Failure):
                        sys.exit(f"bench: an article failed: {outcome.reason}")
                    writer.put(outcome)
                    n_ok += 1
            return time.perf_counter() - t0, n_ok

        # Each round times spaCy alone before and after the pipeline and averages the two, so that drift of
        # the machine's speed during the round (other load, CPU clock) does not favour either side; the
        # rounds' ratios are averaged, which halves the noise of one round on a shared machine.
        rounds = []
        for n in range(max(1, args.rounds)):
            spacy_before = spacy_alone()
            full_s, n_ok = pipeline(n)
            spacy_after = spacy_alone()
            rounds.append((spacy_before, full_s, spacy_after))
        ray_lines = [] if args.no_ray else ray_scaling(feed, options, args.articles)
    spacy_before = sum(r[0] for r in rounds) / len(rounds)
    full_s = sum(r[1] for r in rounds) / len(rounds)
    spacy_after = sum(r[2] for r in rounds) / len(rounds)
    spacy_s = (spacy_before + spacy_after) / 2
    ratios = [((b + a) / 2) / f for b, f, a in rounds]

    print(f"model {nlp_module.describe(options.model)}; stages {', '.join(stages)}")
    print(f"{args.articles} {kind} articles, {n_words} words ({n_words / args.articles:.0f} per article)")
    print(
        f"spaCy alone          {args.articles / spacy_s:8.1f} articles/s {n_words / spacy_s:9.0f} words/s"
        f"   (before {args.articles / spacy_before:.1f}, after {args.articles / spacy_after:.1f} articles/s)"
    )
    print(f"eventwire + store    {n_ok / full_s:8.1f} articles/s {n_words / full_s:9.0f} words/s")
    each = ", ".join(f"{r:.2f}" for r in ratios)
    mean = sum(ratios) / len(ratios)
    print(f"ratio (eventwire / spaCy alone) {mean:.2f}   (rounds: {each})")
    print(f"peak RSS {peak_rss_mb():.0f} MB")
    for line in ray_lines:
        print(line)


def ray_scaling(feed: Path, options, n_articles: int) -> list[str]:
    """Articles/s of `code --engine ray` (no store) with 1 and 2 workers on one local Ray cluster started
    beforehand; each run's time includes its actors' start and model load."""
    import importlib.util
    import os
    from dataclasses import replace

    if importlib.util.find_spec("ray") is None:
        return ["ray: not installed (pip install 'eventwire[ray]'), scaling not measured"]
    import ray

    from eventwire.api import code_many

    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        rates = {}
        for workers in (1, 2):
            t0 = time.perf_counter()
            n = sum(1 for _ in code_many([str(feed)], replace(options, engine="ray", workers=workers)))
            rates[workers] = n / (time.perf_counter() - t0)
    finally:
        ray.shutdown()
    return [
        f"ray, 1 worker        {rates[1]:8.1f} articles/s   (actor start and model load included)",
        f"ray, 2 workers       {rates[2]:8.1f} articles/s   scaling {rates[2] / rates[1]:.2f}x on "
        f"{os.cpu_count()} CPUs, {n_articles} articles",
    ]


if __name__ == "__main__":
    main()
