"""The `places` stage: place names of an article (the model's GPE/LOC/FAC entities), each resolved to one
gazetteer entry, or kept without coordinates when no entry is supported by the text.

A country or city that the actors stage took as an actor ("Russia said", "Moscow warned") is a place only
when used locatively ("talks in Moscow"); demonyms ("Russian") never are. Resolution, in order:
  (a) admin context right after the name ("Sataniv village in Khmelnytskyi district, Khmelnytskyi region,
      western Ukraine"; "Paris, Texas");
  (b) the article's countries (of its actors, and of places already resolved) give a bonus;
  (c) feature kind (country > region > admin1 > admin2 > city) and population.
A city or village below `MIN_POPULATION` is chosen only when its country or admin1 is in the context.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..actors.kb import load_kb
from ..actors.resolve import LOCATIVE_PREPS as ACTOR_LOCATIVE_PREPS
from ..pipeline import Context, stage
from ..records import Place
from . import gazetteer
from .gazetteer import ADMIN1, COUNTRY, ID, KIND, LAT, LON, NAME, POP, Entry

if TYPE_CHECKING:
    from spacy.tokens import Span

LABELS = frozenset({"GPE", "LOC", "FAC"})
# True: an actor mention is a place only in a locative phrase ("talks in Moscow"). False: also when it is not
# the subject, agent or possessor of its clause ("flights to and from China", "China is a big market").
STRICT_LOCATIVE = False
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss", "csubj"})
LOCATIVE_PREPS = ACTOR_LOCATIVE_PREPS | {"near", "off", "along", "outside", "inside"}
MIN_POPULATION = 15_000
BIG_CITY = 300_000  # a city this big beats the admin division of the same name ("New York", "Washington")
KIND_SCORE = {"country": 9.0, "region": 8.0, "admin1": 7.6, "admin2": 6.0}
CONTEXT_BONUS = 1.5
TYPE_WORDS = frozenset({"village", "town", "city", "district", "region", "oblast", "province", "county"})
# An admin unit in the words after a name, when the model did not tag it: ", Donetsk region", ", Texas".
ADMIN_NEXT = re.compile(
    r"\s*(?:village|town|city|district|region|oblast|province|county)?\s*(?:,|\bin\b)\s*(?:the\s+)?"
    r"(?:(?:north|south|east|west|central)(?:ern)?\s+)?"
    r"([A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)*(?:\s(?:region|oblast|province|district|county|state))?)"
)
ADMIN_WORDS = ("region", "oblast", "province", "governorate", "district", "county", "state", "prefecture")
# Text between a name and the admin unit that locates it: ", ", " in ", " village in ", ", eastern ".
ADMIN_GAP = re.compile(
    r"^(?:\s+(?:village|town|city|district|region|oblast|province|county|state|area))?\s*(?:,|\bin\b|\bof\b)"
    r"\s*(?:the\s+)?(?:(?:north|south|east|west|central|north-?east|north-?west|south-?east|south-?west)"
    r"(?:ern)?\s+)?$",
    re.IGNORECASE,
)


@dataclass
class Candidate:
    """One gazetteer entry, as `lookup` returns it."""

    id: int | str
    name: str
    kind: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int

    @classmethod
    def of(cls, e: Entry, gaz: gazetteer.Gazetteer) -> Candidate:
        admin1 = e[NAME] if e[KIND] == "admin1" else gaz.admin1_name(e[COUNTRY], e[ADMIN1]) or e[ADMIN1]
        return cls(e[ID], e[NAME], e[KIND], e[COUNTRY], admin1, e[LAT], e[LON], e[POP])

    def describe(self) -> str:
        where = f"{self.lat:.4f}, {self.lon:.4f}" if self.lat is not None else "no coordinates"
        parts = [self.kind, self.country or "-", self.admin1 or "-", where]
        pop = f", population {self.population:,}" if self.population and self.kind != "country" else ""
        return f"{self.name} ({', '.join(parts)}{pop}) [{self.id}]"


def lookup(name: str, country: str | None = None) -> list[Candidate]:
    """Gazetteer entries named `name` (case-insensitive), best first; only those of `country` if given."""
    gaz = gazetteer.load()
    entries = _entries(gaz, name)
    if country:
        entries = [e for e in entries if e[COUNTRY] == country.upper()]
    clues = Clues(countries={country.upper()} if country else set())
    entries = sorted(entries, key=lambda e: -score(e, clues))
    return [Candidate.of(e, gaz) for e in entries]


def _entries(gaz: gazetteer.Gazetteer, name: str) -> list[Entry]:
    name = name.strip().removesuffix("'s").removesuffix("’s").strip()
    found = gaz.get(name)
    if not found and name.lower().startswith("the "):
        found = gaz.get(name[4:])
    if not found and re.match(r"(?i)st\.?\s", name):
        found = gaz.get(re.sub(r"(?i)^st\.?\s", "Saint ", name))
    return found


@dataclass
class Clues:
    """What the text says about where its places are."""

    countries: set[str] = field(default_factory=set)  # the article's countries
    admin_countries: set[str] = field(default_factory=set)  # from the admin context of this mention
    admin1: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1 code) from that context


def score(e: Entry, clues: Clues) -> float:
    """How likely the entry is meant: kind and population, plus bonuses for the context."""
    base = KIND_SCORE.get(e[KIND], math.log10(max(e[POP], 1)))
    if e[LAT] is None:
        base -= 5
    if e[COUNTRY] in clues.countries:
        base += CONTEXT_BONUS if e[KIND] != "country" else 1.5
    if e[COUNTRY] in clues.admin_countries:
        base += 4
    if (e[COUNTRY] or "", e[ADMIN1] or "") in clues.admin1:
        base += 4
    return base


def choose(entries: list[Entry], clues: Clues) -> tuple[Entry | None, str]:
    """The entry meant, and why; None when no entry is supported well enough."""
    usable = [e for e in entries if e[LAT] is not None and _plausible(e, clues)]
    if not usable:
        return None, "no gazetteer entry supported by the context" if entries else "not in the gazetteer"
    best = max(usable, key=lambda e: (score(e, clues), e[POP]))
    if best[KIND] in ("admin1", "admin2"):
        city = _big_namesake(usable, best)
        if city is not None:
            return city, f"city of over {BIG_CITY:,} named like the {best[KIND]}"
    return best, _reason(best, clues)


def _plausible(e: Entry, clues: Clues) -> bool:
    if e[KIND] not in ("city", "village") or e[POP] >= MIN_POPULATION:
        return True
    return e[COUNTRY] in clues.countries | clues.admin_countries


def _big_namesake(usable: list[Entry], admin: Entry) -> Entry | None:
    for e in usable:
        if e[KIND] == "city" and e[POP] >= BIG_CITY and e[COUNTRY] == admin[COUNTRY]:
            return e
    return None


def _reason(e: Entry, clues: Clues) -> str:
    if (e[COUNTRY] or "", e[ADMIN1] or "") in clues.admin1:
        return f"admin context: {e[COUNTRY]}/{e[ADMIN1]}"
    if e[COUNTRY] in clues.admin_countries:
        return f"admin context: {e[COUNTRY]}"
    if e[COUNTRY] in clues.countries and e[KIND] != "country":
        return f"article country {e[COUNTRY]}, then kind and population"
    return f"kind {e[KIND]} and population"


# --- the stage ----------------------------------------------------------------------------------------------
@dataclass
class Mention:
    span: Span
    start: int
    end: int
    name: str  # what is looked up (may include a following admin word: "Donetsk region")
    entries: list[Entry]


@stage("places", requires=["doc", "actors"], assigns=["places"], after=["times"])
def resolve_places(ctx: Context) -> None:
    gaz = gazetteer.load()
    mentions = find_mentions(ctx, gaz)
    clues_all = Clues(countries=_article_countries(ctx, mentions))
    how: dict[str, str] = {}
    cache: dict[tuple, tuple[Entry | None, str]] = {}
    places = []
    for i, m in enumerate(mentions):
        clues = _admin_clues(m, mentions[i + 1 : i + 4], ctx.article.text, clues_all)
        fold_key = m.name.casefold()
        key = (fold_key, frozenset(clues.admin_countries), frozenset(clues.admin1))
        if key not in cache:
            cache[key] = choose(m.entries, clues)
        entry, reason = cache[key]
        if entry is not None and entry[COUNTRY] and (entry[KIND] != "village" or clues.admin1):
            clues_all.countries.add(entry[COUNTRY])  # resolved with confidence: context for the rest
        place = _place(f"P{len(places) + 1}", m, entry, gaz, ctx.article.text)
        how[place.id] = f"{fold_key}: {reason}"
        places.append(place)
    ctx.record.places = places
    ctx.notes["places.how"] = how


def _place(pid: str, m: Mention, e: Entry | None, gaz: gazetteer.Gazetteer, article_text: str) -> Place:
    text = article_text[m.start : m.end]
    if e is None:
        return Place(id=pid, text=text, span=[m.start, m.end])
    c = Candidate.of(e, gaz)
    gid = c.id if isinstance(c.id, int) else None
    return Place(pid, text, [m.start, m.end], c.name, c.kind, c.country, c.admin1, c.lat, c.lon, gid)


def find_mentions(ctx: Context, gaz: gazetteer.Gazetteer) -> list[Mention]:
    """Candidate place names: GPE/LOC/FAC entities that are not actor mentions (unless locative) and not
    demonyms, with their gazetteer entries."""
    doc = ctx.doc
    actor_spans = [tuple(s) for a in ctx.record.actors for s in a.mentions]
    kb = load_kb()
    out = []
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        start, end, name = ent.start_char, ent.end_char, ent.text
        if name.lower().startswith("the "):
            start, name = start + 4, name[4:]
        kinds = {e.kind for e in kb.entries(name)}
        if kinds and kinds <= {"demonym"}:
            continue
        if any(s < end and start < e for s, e in actor_spans) and is_agent(ent):
            continue
        nxt = doc[ent.end] if ent.end < len(doc) else None
        entries: list[Entry] = []
        if nxt is not None and nxt.lower_ in ADMIN_WORDS:
            entries = _entries(gaz, f"{name} {nxt.text}")
        entries = entries or _entries(gaz, name)
        if not entries and name.rsplit(" ", 1)[-1].lower() in TYPE_WORDS:
            entries = _entries(gaz, name.rsplit(" ", 1)[0])
        out.append(Mention(ent, start, end, name, entries))
    return out


def is_agent(span: Span) -> bool:
    """An actor mention used as an actor ("Russia said", "Moscow's demands"), not as a place: anything but
    a locative phrase when STRICT_LOCATIVE, else only subjects, agents and possessors."""
    if is_locative(span):
        return False
    if STRICT_LOCATIVE:
        return True
    tok = span.root
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return (
        tok.dep_ in AGENT_DEPS
        or span.doc[span.end - 1].tag_ == "POS"
        or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS")
    )


def is_locative(span: Span) -> bool:
    tok = span.root
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _article_countries(ctx: Context, mentions: list[Mention]) -> set[str]:
    """Countries of the actors, and countries named as places."""
    countries = {a.country for a in ctx.record.actors if a.country}
    for m in mentions:
        if m.entries and m.entries[0][KIND] == "country" and m.entries[0][COUNTRY]:
            countries.add(m.entries[0][COUNTRY])
    return countries


def _text_clues(text: str, end: int, clues: Clues) -> None:
    """Admin units in the few words after a name, tagged by the model or not."""
    gaz = gazetteer.load()
    for _ in range(3):
        match = ADMIN_NEXT.match(text, end, end + 80)
        if not match:
            return
        _add_admin(_entries(gaz, match.group(1)), clues)
        end = match.end()


def _add_admin(entries: list[Entry], clues: Clues) -> None:
    for e in entries:
        if e[KIND] in ("country", "admin1", "admin2") or (e[KIND] == "region" and e[ADMIN1]):
            if e[COUNTRY]:
                clues.admin_countries.add(e[COUNTRY])
            if e[KIND] != "country" and e[ADMIN1]:
                clues.admin1.add((e[COUNTRY] or "", e[ADMIN1]))


def _admin_clues(m: Mention, following: list[Mention], text: str, base: Clues) -> Clues:
    """Admin units named right after the mention ("X, Texas"; "X in Y district, Z region, Ukraine")."""
    clues = Clues(countries=set(base.countries))
    _text_clues(text, m.end, clues)
    end = m.end
    for nxt in following:
        if not ADMIN_GAP.match(text[end : nxt.start]):
            break
        _add_admin(nxt.entries, clues)
        end = nxt.end
        nxt_word = re.match(r"\s+(\w+)", text[end:])
        if nxt_word and nxt_word.group(1).lower() in ADMIN_WORDS:
            end += nxt_word.end()
    return clues
