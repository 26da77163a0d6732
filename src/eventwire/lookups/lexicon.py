"""The event lexicon: entries of lexicon/<lang>.yaml compiled into patterns indexed by trigger lemma.

A verb pattern is "lemma [object-words...] [preposition|particle] [to [verb]]":
  "meet"                 the verb meet
  "meet with"            meet with a `with` child (its object is a recipient)
  "impose sanction"      impose whose object (dobj/attr/acomp) has the lemma sanction
  "threaten to"          threaten with an infinitive complement; "agree to meet": whose verb is meet
A noun pattern is "[modifier...] head": "airstrike", "joint exercise" (head exercise with a modifier joint).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

import yaml

if TYPE_CHECKING:
    from spacy.tokens import Token

# Words that, after the trigger verb in a pattern, are a preposition or particle hanging on it.
PREPOSITIONS = frozenset(
    "with on to from against for of in into out off up down back over at by about between upon behind "
    "around after".split()
)
DEFAULT_PREPS = ("with", "against", "on", "to")


@dataclass(frozen=True)
class Entry:
    id: str
    type: str
    mode: str | None = None
    context: str | None = None
    preps: tuple[str, ...] = DEFAULT_PREPS
    object: str = "recipient"  # recipient | none | actor
    speaker: bool = False
    group: bool = False
    not_objects: frozenset[str] = frozenset()  # a verb with such an object is not this event ("release data")
    no_clause: bool = False  # a verb with a clause after it says or shows, no event ("conceded that ...")
    intransitive: bool = False  # with an object or clause, another sense ("demonstrated its resolve")
    guest: bool = False  # the object must be a party: "received the envoy", not "received a call"
    agent: bool = False  # the subject must be a party: "troops violated the truce", not "the decree violates"
    # when not empty, a verb whose object (or passive subject) is another noun is not this event: "signed a
    # treaty", not "signed a contract", "signed autographs"
    only_objects: frozenset[str] = frozenset()
    # modifiers that make a noun another thing than the entry's event ("a press conference", "a news
    # conference" are no meeting of parties)
    not_modifiers: frozenset[str] = frozenset()


@dataclass(frozen=True)
class VerbPattern:
    entry: Entry
    lemma: str
    objects: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()
    infinitive: bool = False
    infinitive_verb: str | None = None
    text: str = ""

    @property
    def size(self) -> int:
        return 1 + len(self.objects) + len(self.particles) + self.infinitive + bool(self.infinitive_verb)


@dataclass(frozen=True)
class NounPattern:
    entry: Entry
    lemma: str
    modifiers: tuple[str, ...] = ()
    text: str = ""

    @property
    def size(self) -> int:
        return 1 + len(self.modifiers)


@dataclass
class Match:
    """A trigger found in a document: its token, the entry and pattern that matched, its words."""

    token: Token
    entry: Entry
    pattern: VerbPattern | NounPattern
    words: list[Token]  # the trigger's words: the verb and its pattern's objects and particles
    score: float | None = None  # the learned classifier's probability of the entry's type


@dataclass
class Lexicon:
    verbs: dict[str, list[VerbPattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[NounPattern]] = field(default_factory=lambda: defaultdict(list))
    entries: dict[str, Entry] = field(default_factory=dict)


def parse_verb(entry: Entry, text: str) -> VerbPattern:
    words = [w for w in text.lower().split() if w not in ("a", "an", "the")]
    lemma, rest = words[0], words[1:]
    objects: list[str] = []
    particles: list[str] = []
    infinitive_verb = None
    for i, word in enumerate(rest):
        if word == "to" and i + 2 == len(rest) and rest[i + 1] not in PREPOSITIONS:
            infinitive_verb = rest[i + 1]  # "agree to meet"
            break
        if word in PREPOSITIONS:
            particles.append(word)  # a final "to" also accepts an infinitive: "threaten to", "talk to"
        else:
            objects.append(_singular(word))
    return VerbPattern(
        entry, lemma, tuple(objects), tuple(particles), infinitive_verb is not None, infinitive_verb, text
    )


def parse_noun(entry: Entry, text: str) -> NounPattern:
    words = [w for w in text.lower().split() if w not in ("a", "an", "the")]
    return NounPattern(entry, _singular(words[-1]), tuple(words[:-1]), text)


def _singular(word: str) -> str:
    """Pattern words are compared with lemmas: "sanctions" -> "sanction" (the lexicon's few plurals)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


@functools.cache
def load(lang: str = "en") -> Lexicon:
    path = resources.files("eventwire.lookups").joinpath("lexicon_data", f"{lang}.yaml")
    lexicon = Lexicon()
    for raw in yaml.safe_load(path.read_text(encoding="utf-8")):
        entry = Entry(
            id=raw["id"],
            type=raw["type"],
            mode=raw.get("mode"),
            context=raw.get("context"),
            preps=tuple(raw.get("preps") or DEFAULT_PREPS),
            object=raw.get("object", "recipient"),
            speaker=bool(raw.get("speaker")),
            group=bool(raw.get("group")),
            not_objects=frozenset(_singular(str(w)) for w in raw.get("not_objects") or ()),
            no_clause=bool(raw.get("no_clause")),
            intransitive=bool(raw.get("intransitive")),
            guest=bool(raw.get("guest")),
            agent=bool(raw.get("agent")),
            only_objects=frozenset(_singular(str(w)) for w in raw.get("only_objects") or ()),
            not_modifiers=frozenset(str(w).lower() for w in raw.get("not_modifiers") or ()),
        )
        if entry.id in lexicon.entries:
            raise ValueError(f"lexicon {lang}: entry id {entry.id!r} is used twice")
        lexicon.entries[entry.id] = entry
        for text in raw.get("verbs") or ():
            pattern = parse_verb(entry, str(text))
            lexicon.verbs[pattern.lemma].append(pattern)
        for text in raw.get("nouns") or ():
            pattern = parse_noun(entry, str(text))
            lexicon.nouns[pattern.lemma].append(pattern)
    for patterns in (*lexicon.verbs.values(), *lexicon.nouns.values()):
        patterns.sort(key=lambda p: -p.size)  # the most specific pattern is tried first (stable: file order)
    return lexicon
