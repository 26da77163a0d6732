"""Worker processes do not outlive the run that started them."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


def children(pid: int) -> set[int]:
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.add(int(status.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/status").read_text().find("State:\tZ") < 0
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to list child processes")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_exit_when_the_run_is_killed(tmp_path, sig):
    feed = tmp_path / "feed.jsonl"
    text = "Peru and Chile held talks in Lima on Monday. " * 40
    feed.write_text("".join(json.dumps({"id": str(i), "text": text}) + "\n" for i in range(2000)))
    cmd = [sys.executable, "-m", "eventwire.cli", "code", str(feed), "--no-store", "--workers", "2"]
    run = subprocess.Popen(
        [*cmd, "--model", "blank:en"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while len(children(run.pid)) < 2 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.2)
        workers = children(run.pid)
        assert len(workers) >= 2, "the pool did not start"
        os.kill(run.pid, sig)
        run.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [w for w in workers if alive(w)]
    finally:
        if run.poll() is None:
            run.kill()


COUNT = """
import sys, duckdb
try:
    con = duckdb.connect(sys.argv[1], read_only=True)
    print(con.execute("SELECT count(*) FROM articles").fetchone()[0])
except Exception:
    print(0)
"""


def stored(db: Path) -> int:
    out = subprocess.run([sys.executable, "-c", COUNT, str(db)], capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


def test_sigterm_stores_what_is_done_and_a_rerun_completes_the_batch(tmp_path):
    feed = tmp_path / "feed.jsonl"
    text = "Peru and Chile held talks in Lima on Monday. " * 40
    feed.write_text("".join(json.dumps({"id": str(i), "text": text}) + "\n" for i in range(3000)))
    db = tmp_path / "run.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "eventwire.cli",
        "code",
        str(feed),
        "--db",
        str(db),
        "--model",
        "blank:en",
        "-q",
    ]
    run = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while stored(db) == 0 and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.3)  # the run lets readers in between its transactions
        assert run.poll() is None, "the run ended before it could be stopped"
        os.kill(run.pid, signal.SIGTERM)
        assert run.wait(timeout=60) == 143
        assert run.stderr.read().strip().splitlines() == ["eventwire: terminated"]
    finally:
        if run.poll() is None:
            run.kill()
    first = stored(db)
    assert 0 < first < 3000
    again = subprocess.run(cmd, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert stored(db) == 3000
