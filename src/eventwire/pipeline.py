"""Stage registry and runner.

A stage is a plain function `fn(ctx: Context) -> None` registered by name with what it requires, what it
reads when present and what it assigns (like a spaCy component); names are record fields ("actors",
"times") or article fields ("article.published"). The runner parses articles with spaCy's `nlp.pipe` in
batches, then calls the stages in order on each article. The order comes from the declarations (a stage runs
after the stages that assign what it requires or reads), so adding a stage never means editing the runner.
The declarations are checked: a stage that changes a record or article field it does not assign fails the
article with a message naming the field (`undeclared_writes`). Stage modules register themselves on import;
`STAGE_MODULES` lists them.

The same `Pipeline.run` serves one process and each worker of a process pool (`run_parallel`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from . import registry
from .errors import EventwireError, PipelineError
from .records import Article, Failure, Record
from .registry import PROVIDED, Context, Stage, StageFn, stage

__all__ = ["PROVIDED", "Context", "Failure", "Pipeline", "Stage", "StageFn", "resolve_order", "stage"]

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Modules that register stages when imported (times, quotes, events and places arrive with their issues).
STAGE_MODULES: tuple[str, ...] = (
    "eventwire.times",
    "eventwire.actors.resolve",
    "eventwire.quotes",
    "eventwire.places.resolve",
    "eventwire.events.coder",
)


def load_stage_modules() -> None:
    for module in STAGE_MODULES:
        importlib.import_module(module)


def resolve_order(names: Iterable[str] | None = None) -> list[Stage]:
    """The stages to run, ordered so that each runs after those assigning what it requires."""
    load_stage_modules()
    if names is None:
        chosen = [s for s in registry.REGISTRY.values() if s.default]
    else:
        unknown = [n for n in names if n not in registry.REGISTRY]
        if unknown:
            raise PipelineError(
                f"unknown stage(s): {', '.join(unknown)}",
                f"known stages: {', '.join(registry.REGISTRY) or 'none'}",
            )
        chosen = [registry.REGISTRY[n] for n in names]
    available, ordered, pending = set(PROVIDED), [], list(chosen)
    names = {s.name for s in chosen}
    while pending:
        done = {s.name for s in ordered}
        waiting = {field for s in pending for field in s.assigns}
        ready = [
            s
            for s in pending
            if set(s.requires) <= available
            and set(s.after) & names <= done
            and not (set(s.reads) & (waiting - set(s.assigns)))
        ]
        if not ready:
            missing = {s.name: sorted(set(s.requires) - available) for s in pending}
            raise PipelineError(f"stages cannot run, nothing assigns what they require: {missing}")
        for s in ready:
            ordered.append(s)
            available.update(s.assigns)
            pending.remove(s)
    return ordered


def check_stages(names: Iterable[str] | None = None) -> list[Stage]:
    """The stages in order (see resolve_order), once each has checked its settings."""
    ordered = resolve_order(names)
    for s in ordered:
        if s.check is not None:
            s.check()
    return ordered


Outcome = Record | Failure


class Pipeline:
    """Parse with spaCy, then run the stages on each article."""

    def __init__(self, model: str | None = None, stages: Iterable[str] | None = None, batch_size: int = 32):
        self.model = model
        self.stages = check_stages(stages)
        self.batch_size = batch_size

    @property
    def stage_names(self) -> list[str]:
        return ["parse", *(s.name for s in self.stages)]

    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        from . import nlp as nlp_module

        nlp = None
        for batch in _batches(articles, self.batch_size):
            nlp = nlp or nlp_module.load(self.model)  # loaded once there is something to parse
            short = [a.text for a in batch if len(a.text) <= PARSE_CHUNK_CHARS]
            try:
                parsed = iter(list(nlp.pipe(short, batch_size=self.batch_size)))
                docs: list[Any] = [
                    next(parsed) if len(a.text) <= PARSE_CHUNK_CHARS else parse_long(nlp, a.text)
                    for a in batch
                ]
            except Exception:  # one bad text must not sink its batch: parse one by one to isolate it
                docs = []
                for a in batch:
                    try:
                        docs.append(parse_long(nlp, a.text))
                    except Exception as exc:
                        docs.append(exc)
            for article, doc in zip(batch, docs, strict=True):
                if isinstance(doc, Exception):
                    yield Failure(article.source, None, f"{article.source}: spaCy failed ({doc})", "E500")
                else:
                    yield self.apply(article, doc)

    def apply(self, article: Article, doc: Doc) -> Outcome:
        from . import nlp as nlp_module

        parse = nlp_module.load(self.model) if article.captions else None
        ctx = Context(article=article, doc=doc, record=Record(article=article), parse=parse)
        for s in self.stages:
            before = _fingerprint(ctx.record)
            try:
                s.func(ctx)
            except Exception as exc:  # a bug in a stage is reported per article, never kills a batch
                return Failure(
                    article.source, None, f"{article.source}: stage {s.name!r} failed ({exc!r})", "E500"
                )
            undeclared = undeclared_writes(s, before, _fingerprint(ctx.record))
            if undeclared:
                return Failure(
                    article.source,
                    None,
                    f"{article.source}: stage {s.name!r} changed {', '.join(undeclared)}, which it does not "
                    "declare in `assigns` (a bug in eventwire: please report it)",
                    "E500",
                )
        return ctx.record


# A text longer than this is parsed in pieces of at most this size, cut at paragraph breaks, and the pieces'
# Docs joined into one: spaCy's memory grows with the length of one Doc (a 900,000-character page took 3.4 GB
# in one piece), so a long article costs no more memory than a few short ones.
PARSE_CHUNK_CHARS = 100_000


def parse_long(nlp: Any, text: str) -> Doc:
    """The Doc of `text`, parsed in pieces of at most PARSE_CHUNK_CHARS cut after paragraph breaks (else
    after a line break, a sentence end, a space), joined so that doc.text == text."""
    if len(text) <= PARSE_CHUNK_CHARS:
        return nlp(text)
    from spacy.tokens import Doc

    pieces, start = [], 0
    while start < len(text):
        end = min(len(text), start + PARSE_CHUNK_CHARS)
        if end < len(text):
            window = text[start:end]
            cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "), window.rfind(" "))
            end = start + cut + 1 if cut > 0 else end
        pieces.append(text[start:end])
        start = end
    doc = Doc.from_docs(list(nlp.pipe(pieces, batch_size=1)), ensure_whitespace=False)
    if doc.text != text:  # never expected: the pieces are the text, cut between characters
        raise ValueError("the pieces of a long text do not join back into it")
    return doc


# The parts of the package that decide what a record holds (the command line, the store, the dashboard do
# not): a change to any of them makes `pipeline_version` change, and a re-run codes everything again.
CODING_PARTS = ("ingest", "lookups", "actors", "places", "events", "times", "quote", "records", "registry",
                "pipeline", "nlp")  # fmt: skip


@functools.cache
def pipeline_version() -> str:
    """eventwire's version and a digest of the files that code articles ("0.1.0+3f9c2a1b0d"): articles coded
    by the same pipeline version from the same content are skipped by a re-run."""
    from importlib import resources

    from . import __version__

    root = resources.files("eventwire")
    digest = hashlib.sha1()
    for path in sorted(_package_files(root), key=str):
        rel = str(path)[len(str(root)) + 1 :]
        if rel.startswith(CODING_PARTS) and not rel.endswith((".pyc", ".md")):
            digest.update(rel.encode())
            digest.update(path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:10]}"


def _package_files(root: Any) -> Iterator[Any]:
    for child in root.iterdir():
        if child.is_dir():
            if child.name != "__pycache__":
                yield from _package_files(child)
        else:
            yield child


def _fingerprint(record: Record) -> dict[str, Any]:
    """What a stage may change, cheaply: each record list by identity and length, each article field by
    value (lists by identity and length)."""
    out: dict[str, Any] = {}
    for f in fields(record):
        if f.name not in ("article", "schema"):
            value = getattr(record, f.name)
            out[f.name] = (id(value), len(value)) if isinstance(value, list) else value
    for f in fields(record.article):
        value = getattr(record.article, f.name)
        out[f"article.{f.name}"] = (id(value), len(value)) if isinstance(value, list) else value
    return out


def undeclared_writes(s: Stage, before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """The fields a stage changed without declaring them in `assigns`."""
    return [k for k in after if before.get(k) != after[k] and k not in s.assigns]


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# --- process pool -------------------------------------------------------------------------------------------
_WORKER: Pipeline | None = None


# How often (seconds) a worker checks that the process that started it is still there.
ORPHAN_CHECK_SECONDS = 1.0


def _exit_when_orphaned(parent: int) -> None:
    """A worker whose parent died (SIGKILL, SIGTERM, a crash) exits instead of holding its memory forever."""
    import os
    import time

    while True:
        time.sleep(ORPHAN_CHECK_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _init_worker(model: str | None, stages: list[str] | None, batch_size: int, parent: int) -> None:
    """`parent`: the pid of the process that made the pool (given, not read here: the parent may already be
    gone when a slow worker starts)."""
    global _WORKER
    import threading

    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    _WORKER = Pipeline(model, stages, batch_size)
    from . import nlp as nlp_module

    nlp_module.load(model)


def _work(batch: list[Article]) -> list[Outcome]:
    assert _WORKER is not None
    return list(_WORKER.run(batch))


def run_collecting(hook: Any, articles: list[Article], model: str | None, what: str) -> list[dict[str, Any]]:
    """Code `articles` while `hook.COLLECT` (a stage's training hook) is a list, and return what the stage
    collected. Training data must code: a failed article is an error naming `what`."""
    hook.COLLECT = []
    try:
        for outcome in Pipeline(model).run(articles):
            if isinstance(outcome, Failure):
                raise EventwireError(f"{what}: {outcome.reason}", "fix the article or the coder")
        return hook.COLLECT
    finally:
        hook.COLLECT = None


def run_parallel(
    articles: Iterable[Article],
    workers: int,
    model: str | None = None,
    stages: list[str] | None = None,
    batch_size: int = 32,
) -> Iterator[Outcome]:
    """Like Pipeline.run, with parsing in `workers` processes; results come back in input order, and at most
    two batches per worker are in flight, so a stream of any length runs in bounded memory."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")  # no fork of a process that may hold a DuckDB connection
    import os

    with ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init_worker, initargs=(model, stages, batch_size, os.getpid())
    ) as pool:
        in_flight: deque[Future[list[Outcome]]] = deque()
        for batch in _batches(articles, batch_size):
            in_flight.append(pool.submit(_work, batch))
            if len(in_flight) >= 2 * workers:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()
