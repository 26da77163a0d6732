"""Shared fixtures. Unit tests are model-free (they use `--model blank:en`); tests marked `model` load the
installed spaCy pipeline. No test reads ../shared: a fresh clone does not have it."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SAMPLE = ROOT / "samples" / "voa-2022-01-26-paris-talks.txt"
BLANK = "blank:en"


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def run_cli(capsys):
    """Run `eventwire ARGS...` in-process; return (exit code, stdout, stderr)."""
    from eventwire.cli import main

    def run(*args: str) -> tuple[int, str, str]:
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        out, err = capsys.readouterr()
        return code, out, err

    return run
