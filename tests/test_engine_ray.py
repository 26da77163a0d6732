"""`eventwire code --engine ray`: the same records and failures as a local run, on a local Ray cluster."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from eventwire.api import CodeOptions, code_many
from eventwire.errors import EventwireError
from eventwire.records import Failure, Record

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "wikinews-bench.jsonl.gz"


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    """Eight Wikinews articles of the bundled sample and two bad lines among them."""
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as fh:
        lines = [next(fh).rstrip("\n") for _ in range(8)]
    lines.insert(3, '{"id": "broken", "text": ')  # not JSON
    lines.insert(6, json.dumps({"id": "empty", "text": "   "}))
    path = tmp_path_factory.mktemp("ray") / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def outcomes(path: Path, **options) -> tuple[list[str], list[tuple[str | None, str]]]:
    records, failures = [], []
    for o in code_many([str(path)], CodeOptions(batch_size=3, **options)):
        if isinstance(o, Record):
            records.append(o.to_json())
        elif isinstance(o, Failure):
            failures.append((o.item, o.code))
    return records, sorted(failures, key=str)


@pytest.mark.model
def test_ray_gives_the_records_and_failures_of_a_local_run(batch):
    pytest.importorskip("ray")
    local = outcomes(batch, workers=1)
    on_ray = outcomes(batch, workers=2, engine="ray")
    assert len(local[0]) == 8 and len(local[1]) == 2
    assert on_ray == local


@pytest.mark.model
def test_ray_shards_go_where_asked_and_are_removed_once_read(batch, tmp_path):
    pytest.importorskip("ray")
    shards = tmp_path / "shards"
    records, _ = outcomes(batch, workers=1, engine="ray", shards=str(shards))
    assert len(records) == 8 and shards.is_dir() and not list(shards.iterdir())


def test_an_address_where_no_cluster_listens_is_one_clear_error(batch):
    pytest.importorskip("ray")
    with pytest.raises(EventwireError, match=r"no Ray cluster answers at 127\.0\.0\.1:1"):
        list(code_many([str(batch)], CodeOptions(engine="ray", address="127.0.0.1:1")))


def test_address_and_shards_need_the_ray_engine(tmp_path, capsys):
    from eventwire.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["code", str(tmp_path / "x.txt"), "--address", "127.0.0.1:6379", "--no-store"])
    assert exit_.value.code != 0
    assert "--address and --shards go with --engine ray" in capsys.readouterr().err
