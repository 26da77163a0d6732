"""Word lists shared by several stages, from one language-data file (`lang/words_<lang>.yaml`).

A stage's own words stay in the stage; what two stages both need (locative prepositions, reporting verbs,
compass words) is read from here, so that the stages cannot drift apart.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class Words:
    locative_prepositions: frozenset[str]
    reporting_verbs: frozenset[str]  # verbs of saying
    reporting_verbs_all: frozenset[str]  # those and verbs reporting a statement or belief
    compass_points: frozenset[str]
    compass_words: frozenset[str]  # the points and their adjectives (northern, central, ...)
    honorifics: dict[str, str | None]  # "mrs" -> "f"; "dr" -> None
    title_abbreviations: dict[str, str]  # "gov" -> "governor"


@functools.cache
def words(lang: str = "en") -> Words:
    path = resources.files("eventwire.lookups").joinpath("lang", f"words_{lang}.yaml")
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    saying = frozenset(raw["reporting_verbs"])
    points = frozenset(raw["compass_points"])
    return Words(
        locative_prepositions=frozenset(raw["locative_prepositions"]),
        reporting_verbs=saying,
        reporting_verbs_all=saying | frozenset(raw["reporting_verbs_more"]),
        compass_points=points,
        compass_words=points | frozenset(raw["compass_adjectives"]),
        honorifics=dict(raw["honorifics"]),
        title_abbreviations=dict(raw["title_abbreviations"]),
    )
