"""The stage registry: what a stage is (a function of a Context), its declarations, and the decorator that
registers it. Stages import this module (it sits below them); the runner (pipeline.py) sits above them and
imports them by name.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import PipelineError
from .records import Article, Record

if TYPE_CHECKING:
    from spacy.tokens import Doc

# What every stage may rely on: the Article and its parsed spaCy Doc.
PROVIDED = frozenset({"article", "doc"})


@dataclass
class Context:
    """What stages read and fill: the article, its Doc, the record being built, and notes between stages."""

    article: Article
    doc: Doc
    record: Record
    notes: dict[str, Any] = field(default_factory=dict)
    # Parses other text of the article (its captions) with the same model; None outside a Pipeline.
    parse: Callable[[str], Doc] | None = None


StageFn = Callable[[Context], None]


@dataclass(frozen=True)
class Stage:
    name: str
    func: StageFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    default: bool = True
    # Soft order: run after these stages when they are in the pipeline (without requiring them).
    after: tuple[str, ...] = ()
    # Fields read when some stage of the pipeline assigns them (run after it), used as they are otherwise.
    reads: tuple[str, ...] = ()
    # Checks the stage's settings before a run: raises EventwireError once, instead of failing every article.
    check: Callable[[], None] | None = None


REGISTRY: dict[str, Stage] = {}


def stage(
    name: str,
    requires: Iterable[str] = (),
    assigns: Iterable[str] = (),
    default: bool = True,
    after: Iterable[str] = (),
    reads: Iterable[str] = (),
    check: Callable[[], None] | None = None,
):
    """Decorator registering a stage function under `name`."""

    def register(func: StageFn) -> StageFn:
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise PipelineError(f"stage {name!r} is registered twice")
        REGISTRY[name] = Stage(
            name, func, tuple(requires), tuple(assigns), default, tuple(after), tuple(reads), check
        )
        return func

    return register
