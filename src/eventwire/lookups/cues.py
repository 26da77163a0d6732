"""Speech cues: the verbs (and verb + particle phrases) that introduce a quotation or reported speech, from
`lang/cues_<lang>.yaml`. The quotes stage attributes quotations with them; the events stage uses them to tell
a statement's speaker."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True, eq=False)
class Cues:
    direct: frozenset[str]
    indirect: frozenset[str]
    phrases: frozenset[tuple[str, str]]  # (verb lemma, particle): "go on", "point out", "fire back"
    documents: frozenset[str] = frozenset()  # nouns of documents that speak for their author
    verb_only: frozenset[str] = frozenset()  # cue lemmas that are no cue as nouns ("a report")

    @functools.cached_property
    def any(self) -> frozenset[str]:
        """Every cue lemma, direct or indirect (built once, asked for every event)."""
        return self.direct | self.indirect


@functools.cache
def cues(lang: str = "en") -> Cues:
    path = resources.files("eventwire.lookups").joinpath("lang", f"cues_{lang}.yaml")
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    direct = frozenset(lemma for r in rows if r.get("direct") for lemma in r.get("lemmas", ()))
    indirect = frozenset(lemma for r in rows if r.get("indirect") for lemma in r.get("lemmas", ()))
    phrases = frozenset(tuple(p.split()) for r in rows for p in r.get("phrases", ()))
    documents = frozenset(noun for r in rows for noun in r.get("documents", ()))
    verb_only = frozenset(lemma for r in rows if r.get("verb_only") for lemma in r.get("lemmas", ()))
    return Cues(direct - {""}, indirect, phrases, documents, verb_only)
