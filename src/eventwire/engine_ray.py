"""Coding on a Ray cluster (`eventwire code --engine ray`): the same stages, run by Ray actors.

The driver reads the inputs (as a local run does) and sends batches of articles to a pool of actors, one per
worker, each holding its own pipeline (spaCy model loaded once). An actor codes a batch and writes its
outcomes, whole records as JSON, to one Parquet shard in the shard directory, and returns the shard's path.
The driver reads the shards back in input order and hands the outcomes to the caller, which stores them
through the one DuckDB writer: the store sees exactly what a local run gives it, so skipping, replacing and
the failures table behave the same. A shard is deleted once read.

Local by default (`ray.init` starts a cluster of `workers` CPUs in this machine); `--address` joins a running
cluster (`ray start --head` on one machine, `ray start --address HEAD:6379` on the others). The shard
directory must then be on storage every machine sees (`--shards`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .errors import EventwireError
from .pipeline import Failure, Outcome, _batches
from .records import Article, Record


def _ray() -> Any:
    try:
        import ray
    except ImportError:
        raise EventwireError(
            "--engine ray needs Ray, which is not installed", "pip install 'eventwire[ray]'"
        ) from None
    return ray


class Coder:
    """A Ray actor: one pipeline, coding batches into Parquet shards."""

    def __init__(self, model: str | None, stages: list[str] | None, batch_size: int, shards: str) -> None:
        from .pipeline import Pipeline

        self.pipeline = Pipeline(model, stages, batch_size)
        self.shards = Path(shards)
        self.count = 0

    def code(self, batch: list[Article], name: str) -> str:
        import duckdb

        rows = []
        for seq, outcome in enumerate(self.pipeline.run(batch)):
            if isinstance(outcome, Record):
                rows.append((seq, "record", outcome.to_json()))
            else:
                rows.append((seq, "failure", json.dumps(asdict(outcome))))
        path = self.shards / f"{name}.parquet"
        con = duckdb.connect()
        try:
            con.execute("CREATE TABLE shard (seq INTEGER, kind VARCHAR, payload VARCHAR)")
            if rows:
                con.executemany("INSERT INTO shard VALUES (?, ?, ?)", rows)
            con.execute(f"COPY shard TO '{_quoted(path)}' (FORMAT parquet)")
        finally:
            con.close()
        return str(path)


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def read_shard(path: str) -> list[Outcome]:
    """The outcomes of one shard, in the order of its batch."""
    import duckdb

    con = duckdb.connect()
    try:
        rows = con.execute("SELECT kind, payload FROM read_parquet(?) ORDER BY seq", [path]).fetchall()
    finally:
        con.close()
    return [Record.from_json(p) if kind == "record" else Failure(**json.loads(p)) for kind, p in rows]


def run_ray(
    articles: Iterable[Article],
    workers: int,
    model: str | None = None,
    stages: list[str] | None = None,
    batch_size: int = 32,
    address: str | None = None,
    shards: str | None = None,
) -> Iterator[Outcome]:
    """Like Pipeline.run, on `workers` Ray actors; outcomes come back in input order, with at most two batches
    per actor in flight."""
    ray = _ray()
    own_dir = shards is None
    shard_dir = Path(shards) if shards else Path(tempfile.mkdtemp(prefix="eventwire-shards-"))
    shard_dir.mkdir(parents=True, exist_ok=True)
    started = False
    if address and not ray.is_initialized():
        _check_reachable(address)
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {
            "include_dashboard": False,
            "log_to_driver": False,
            "configure_logging": False,
        }
        if address:
            kwargs["address"] = address
        else:
            kwargs["num_cpus"] = workers
            os.environ.setdefault("RAY_AUTH_MODE", "disabled")  # a cluster of this run only, on this machine
        try:
            ray.init(**kwargs)
        except Exception as exc:  # Ray raises ConnectionError, RuntimeError, ValueError... by case
            shutil.rmtree(shard_dir, ignore_errors=True) if own_dir else None
            where = f"the Ray cluster at {address}" if address else "a local Ray cluster"
            raise EventwireError(
                f"could not start or join {where} ({exc.__class__.__name__}: {str(exc).splitlines()[0]})",
                "check --address (the head's HOST:PORT, from `ray start --head`) or run without --engine ray",
            ) from None
        started = True
    try:
        actor = ray.remote(num_cpus=1)(Coder)
        pool = [actor.remote(model, stages, batch_size, str(shard_dir)) for _ in range(workers)]
        in_flight: deque[Any] = deque()
        for n, batch in enumerate(_batches(articles, batch_size)):
            in_flight.append(pool[n % workers].code.remote(batch, f"shard-{os.getpid()}-{n:06d}"))
            if len(in_flight) >= 2 * workers:
                yield from _collect(ray, in_flight.popleft())
        while in_flight:
            yield from _collect(ray, in_flight.popleft())
    finally:
        if started:
            ray.shutdown()
        if own_dir:
            shutil.rmtree(shard_dir, ignore_errors=True)


def _check_reachable(address: str) -> None:
    """Fail at once, in one line, when nothing listens at a HOST:PORT address (Ray itself retries for
    minutes, logging every attempt)."""
    import socket

    host, sep, port = address.rpartition(":")
    if address.startswith("ray://") or address == "auto" or not sep or not port.isdigit():
        return  # a Ray Client URL or Ray's own discovery: Ray's checks apply
    try:
        with socket.create_connection((host, int(port)), timeout=5):
            return
    except OSError as exc:
        raise EventwireError(
            f"no Ray cluster answers at {address} ({exc.strerror or exc})",
            "start one with `ray start --head` on that machine, or give its HOST:PORT with --address",
        ) from None


def _collect(ray: Any, ref: Any) -> list[Outcome]:
    path = ray.get(ref)
    outcomes = read_shard(path)
    Path(path).unlink(missing_ok=True)
    return outcomes
