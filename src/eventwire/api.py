"""The library's front door: code_text(), code_file(), code_many().

>>> from eventwire import code_text
>>> record = code_text("Officials met in Paris on Wednesday.", published="2022-01-26")
>>> record.article.published
'2022-01-26'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from . import settings
from .errors import InputError, PipelineError
from .ingest import ReadOptions, Source, read_articles
from .ingest.readers import to_article
from .pipeline import Failure, Outcome, Pipeline, check_stages, run_parallel
from .records import Article, Record, Skipped


@dataclass(frozen=True)
class CodeOptions:
    """How a run reads and codes its inputs. `from_settings` fills what is not given from settings.py (the
    environment, then the defaults): the one place where the library and the command line get their
    defaults. `workers` 0 means one per CPU core."""

    model: str | None = None
    workers: int = 1
    batch_size: int = 32
    stages: list[str] | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    parallel_min_articles: int = 16
    # (id, hash) of articles already coded: left out, each reported as a Skipped outcome
    skip: frozenset[tuple[str, str]] = frozenset()
    engine: str = "local"  # local (this machine's processes) or ray (engine_ray.py)
    address: str | None = None  # a running Ray cluster to join; None starts a local one
    shards: str | None = None  # where Ray workers write their Parquet shards; None: a temporary directory

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else os.cpu_count() or 1

    @classmethod
    def from_settings(
        cls,
        *,
        max_input_mb: int | None = None,
        max_chars: int | None = None,
        encoding: str | None = None,
        published: str | None = None,
        **overrides: object,
    ) -> CodeOptions:
        """Options from the settings, with any of the fields (or the reading limits) given instead."""
        read = ReadOptions(
            max_input_bytes=int(max_input_mb or settings.get("max_input_mb")) * 1_000_000,
            max_chars=int(max_chars or settings.get("max_chars")),
            encoding=encoding,
            published=published,
        )
        base = dict(
            model=settings.get("model"),
            workers=int(settings.get("workers")),
            batch_size=int(settings.get("batch_size")),
            read=read,
            parallel_min_articles=int(settings.get("parallel_min_articles")),
            engine=str(settings.get("engine")),
        )
        base.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**base)  # type: ignore[arg-type]


def code_text(
    text: str,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    id: str | None = None,
    options: CodeOptions | None = None,
) -> Record:
    """Code one article given as text (a clean text or a page captured as text)."""
    options = options or CodeOptions()
    src = Source(
        source=url or "<text>", kind="text", content=text, id=id, url=url, title=title, published=published
    )
    article = to_article(src, options.read)
    return _single(article, options)


def code_with_doc(
    text: str, *, id: str | None = None, published: str | None = None, options: CodeOptions | None = None
) -> tuple[Record, Any]:
    """Like code_text, also returning the spaCy Doc (for evaluation and debugging)."""
    from . import nlp

    options = options or CodeOptions()
    article = to_article(
        Source(source="<text>", kind="text", content=text, id=id, published=published), options.read
    )
    doc = nlp.load(options.model)(article.text)
    outcome = Pipeline(options.model, options.stages, options.batch_size).apply(article, doc)
    if isinstance(outcome, Failure):
        raise PipelineError(outcome.reason)
    return outcome, doc


def code_file(path: str, options: CodeOptions | None = None) -> Record:
    """Code the one article in a .txt or .html file; raise InputError when it cannot be read."""
    options = options or CodeOptions()
    items = list(read_articles([path], options.read))
    if len(items) != 1:
        raise InputError(path, f"holds {len(items)} articles, not one", "use code_many() for batches")
    if isinstance(items[0], InputError):
        raise items[0]
    return _single(items[0], options)


def _single(article: Article, options: CodeOptions) -> Record:
    (outcome,) = Pipeline(options.model, options.stages, options.batch_size).run([article])
    if isinstance(outcome, Failure):
        raise PipelineError(outcome.reason)
    return outcome


def code_many(paths: Iterable[str], options: CodeOptions | None = None) -> Iterator[Outcome | Skipped]:
    """Every article of the inputs coded, in input order where possible, with a Failure for each bad item
    (and a Skipped for each article whose id and content hash are in options.skip).

    With options.workers > 1 and more than options.parallel_min_articles articles, parsing runs in a process
    pool; reading errors are then reported as soon as they are met."""
    options = options or CodeOptions()
    stream = read_articles(paths, options.read, options.skip)
    failures: list[Failure | Skipped] = []

    def articles_only(items: Iterable[Article | InputError | Skipped]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                failures.append(Failure.from_error(item))
            elif isinstance(item, Skipped):
                failures.append(item)
            else:
                yield item

    # Look ahead to decide whether a process pool is worth its start-up cost (a model load per worker).
    head: list[Article | InputError | Skipped] = []
    n_articles = 0
    for item in stream:
        head.append(item)
        n_articles += isinstance(item, Article)
        if n_articles > options.parallel_min_articles:
            break
    parallel = options.worker_count > 1 and n_articles > options.parallel_min_articles

    def rest() -> Iterator[Article | InputError | Skipped]:
        yield from head
        yield from stream

    check_stages(options.stages)  # a bad setting is one error here, not a failure of every article
    if options.engine == "ray":
        from .engine_ray import run_ray

        outcomes = run_ray(
            articles_only(rest()),
            options.worker_count,
            options.model,
            options.stages,
            options.batch_size,
            options.address,
            options.shards,
        )
    elif parallel:
        outcomes = run_parallel(
            articles_only(rest()), options.worker_count, options.model, options.stages, options.batch_size
        )
    else:
        outcomes = Pipeline(options.model, options.stages, options.batch_size).run(articles_only(rest()))
    for outcome in outcomes:
        while failures:
            yield failures.pop(0)
        yield outcome
    yield from failures
