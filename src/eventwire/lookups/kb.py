"""The actor knowledge base: countries, regions, organizations, office holders and role words, from the
data files beside this module (all written for eventwire, sources cited in each file) plus pycountry.

Everything is loaded once per process (`load_kb()`), and `lookup(text, on=date)` answers what a name means
on a given day: "Lavrov" -> Sergey Lavrov, RUS GOV foreign minister in 2022; "the U.S. president" is asked
through `holder("USA.president", on)`.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

import yaml

SECTORS = frozenset("GOV MIL LEG JUD COP SPY OPP PTY REB INS BUS MED CVL REF EDU REL HLH LAB NGO IGO".split())
# Codes outside ISO 3166 that the data may use.
EXTRA_COUNTRY_CODES = frozenset({"XKX"})
# An alias this short and all capitals ("US", "UK", "WHO", "AP") is matched with its case; others ignore case.
CASE_SENSITIVE_MAX = 5
# The organisation files, read in this order: IGOs, NGOs, armed movements and media; political parties;
# companies; other bodies (sports federations, national agencies known by acronym).
ORG_FILES = ("organizations.yaml", "parties.yaml", "companies.yaml", "bodies.yaml")


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass(frozen=True)
class Office:
    office: str
    role: str
    sector: str
    country: str | None = None
    org: str | None = None
    start: date | None = None
    end: date | None = None
    approx: bool = False

    def valid_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    aliases: tuple[str, ...]
    gender: str | None
    offices: tuple[Office, ...]

    def office_on(self, day: date | None) -> Office | None:
        """The office held on `day`; without a date, the latest one. Of overlapping ones, the first listed."""
        if not self.offices:
            return None
        if day is None:
            return max(self.offices, key=lambda o: o.start or date.min)
        current = [o for o in self.offices if o.valid_on(day)]
        return current[0] if current else None

    def last_office_before(self, day: date) -> Office | None:
        past = [o for o in self.offices if o.start is None or o.start <= day]
        return max(past, key=lambda o: o.start or date.min) if past else None


@dataclass(frozen=True)
class Org:
    id: str
    code: str
    name: str
    aliases: tuple[str, ...]
    kind: str
    sector: str
    country: str | None = None
    parent: str | None = None  # the organisation this one is an organ or agency of (UNSC -> UN)
    source: str = "organizations.yaml"  # the data file it comes from


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    names: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    metonyms: tuple[tuple[str, str], ...] = ()  # (words, sector): "the Kremlin" GOV, "the Pentagon" MIL


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class RoleWord:
    id: str
    words: tuple[str, ...]
    sector: str
    role: str | None = None


@dataclass(frozen=True)
class Entry:
    """What one surface form can mean: kind is person, org, country, demonym, capital, metonym or region."""

    kind: str
    key: str


@dataclass
class Resolution:
    """An answer of `lookup`: what the name stands for, and how that was decided."""

    kind: str
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    role: str | None = None
    how: str = ""


@dataclass
class KnowledgeBase:
    people: dict[str, Person] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    roles: list[RoleWord] = field(default_factory=list)
    # Singular title words -> the office role keys they name ("premier" -> prime_minister or premier).
    titles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exact: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    folded: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    offices: dict[str, list[tuple[Office, Person]]] = field(default_factory=lambda: defaultdict(list))
    # Folded names of the first-level subdivisions of each country (ISO 3166-2) -> the countries' codes:
    # "Georgia" listed with "Alabama" and "Tennessee" is the state.
    states: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    # --- building ---------------------------------------------------------------------------------------
    def add_alias(self, surface: str, entry: Entry) -> None:
        surface = " ".join(surface.split())
        if not surface:
            return
        if is_case_sensitive(surface):
            bucket = self.exact.setdefault(surface, [])
        else:
            bucket = self.folded.setdefault(surface.casefold(), [])
        if entry not in bucket:
            bucket.append(entry)

    def surfaces(self) -> list[tuple[str, bool, list[Entry]]]:
        """Every alias with whether it is case-sensitive: what a phrase matcher is built from."""
        return [(s, True, e) for s, e in self.exact.items()] + [(s, False, e) for s, e in self.folded.items()]

    # --- asking -----------------------------------------------------------------------------------------
    def entries(self, text: str) -> list[Entry]:
        text = " ".join(text.split())
        found = list(self.exact.get(text, []))
        for e in self.folded.get(text.casefold(), []):
            if e not in found:
                found.append(e)
        if not found and text.lower().startswith("the "):
            return self.entries(text[4:])
        return found

    def holder(self, office: str, on: date | None) -> tuple[Person, Office] | None:
        """Who held `office` (e.g. "USA.president") on that day (without a date: now); None when nobody
        or, as for concurrent spokespeople, more than one person did."""
        found = [
            (person, off)
            for off, person in self.offices.get(office, [])
            if (off.end is None if on is None else off.valid_on(on))
        ]
        return found[0] if len({p.id for p, _ in found}) == 1 else None

    def resolve(self, entry: Entry, on: date | None = None) -> Resolution | None:
        if entry.kind == "person":
            person = self.people[entry.key]
            office = person.office_on(on)
            how = f"people.yaml:{person.id}"
            if office is None and on is not None:
                office = person.last_office_before(on)
                how += " (former office)" if office else " (no office on that date)"
            if office is None:
                return Resolution("person", person.id, person.name, how=how)
            span = f"{office.start or '?'}..{office.end or 'now'}"
            return Resolution(
                "person",
                person.id,
                person.name,
                office.country,
                office.sector,
                office.org,
                office.role,
                f"{how} {office.office} {span}",
            )
        if entry.kind == "org":
            org = self.orgs[entry.key]
            # An organ or agency is coded by the organisation it belongs to (the UN Security Council and
            # UNICEF are UN, the European Commission EU); the actor's id and name keep the organ itself.
            return Resolution(
                "org",
                org.code,
                org.name,
                org.country,
                org.sector,
                org.parent or org.code,
                how=f"{org.source}:{org.id} ({org.kind})" + (f", part of {org.parent}" if org.parent else ""),
            )
        if entry.kind == "region":
            region = self.regions[entry.key]
            return Resolution(
                "region", region.code, region.name, how=f"countries_extra.yaml:regions:{region.code}"
            )
        iso3, _, sector = entry.key.partition(".")
        country = self.countries[iso3]
        if entry.kind == "capital":
            sector = "GOV"
        actor_id = f"{iso3}.{sector}" if sector else iso3
        how = f"countries_extra.yaml {entry.kind}: {iso3}" + (f" {sector}" if sector else "")
        return Resolution("country", actor_id, country.name, iso3, sector or None, how=how)

    def lookup(self, text: str, on: date | None = None) -> list[Resolution]:
        out = []
        for entry in self.entries(text):
            res = self.resolve(entry, on)
            if res is not None:
                out.append(res)
        return out

    def role_words(self) -> dict[str, RoleWord]:
        """Lower-cased role word -> its entry (the longest phrases are matched first by the caller)."""
        return {w.casefold(): r for r in self.roles for w in r.words}


def is_case_sensitive(surface: str) -> bool:
    bare = surface.replace(".", "")
    return len(bare) <= CASE_SENSITIVE_MAX and bare.isupper()


def read_orgs() -> list[Org]:
    """Every organisation of the files in ORG_FILES, in that order."""
    out = []
    for name in ORG_FILES:
        for raw in _read(name) or []:
            out.append(
                Org(
                    raw["id"],
                    raw["code"],
                    raw["name"],
                    tuple(raw.get("aliases") or ()),
                    raw.get("kind", "IGO"),
                    raw.get("sector", "IGO"),
                    raw.get("country"),
                    raw.get("parent"),
                    name,
                )
            )
    return out


def org_surfaces(org: Org) -> list[str]:
    return [org.name, org.code, *org.aliases]


def surface_key(surface: str) -> str:
    """The key a surface form is stored under (add_alias): itself if matched with its case, else folded."""
    surface = " ".join(surface.split())
    return surface if is_case_sensitive(surface) else surface.casefold()


def alias_clashes(orgs: list[Org]) -> list[str]:
    """Surface forms that two organisations share ("Labour Party" of two countries): such a form is no alias
    of either, since the text alone cannot tell which is meant."""
    owners: dict[str, set[str]] = defaultdict(set)
    for org in orgs:
        for surface in org_surfaces(org):
            owners[surface_key(surface)].add(org.code)
    return sorted(f"{s!r}: {', '.join(sorted(c))}" for s, c in owners.items() if len(c) > 1)


def _read(name: str) -> Any:
    path = resources.files("eventwire.lookups").joinpath("kb_data", name)
    if not path.is_file():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.cache
def load_kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    _load_countries(kb)
    orgs = read_orgs()
    clashes = alias_clashes(orgs)
    if clashes:
        raise ValueError(f"kb_data: an alias names two organisations, leave it out of both: {clashes[0]}")
    for org in orgs:
        kb.orgs[org.code] = org
        for alias in org_surfaces(org):
            kb.add_alias(alias, Entry("org", org.code))
    for raw in _read("people.yaml") or []:
        offices = tuple(
            Office(
                o["office"],
                o.get("role") or o["office"].split(".", 1)[1].replace("_", " "),
                o.get("sector", "GOV"),
                o.get("country"),
                o.get("org"),
                _day(o.get("start")),
                _day(o.get("end")),
                bool(o.get("approx")),
            )
            for o in raw.get("offices") or ()
        )
        person = Person(raw["id"], raw["name"], tuple(raw.get("aliases") or ()), raw.get("gender"), offices)
        kb.people[person.id] = person
        for alias in (person.name, *person.aliases):
            kb.add_alias(alias, Entry("person", person.id))
        for office in offices:
            kb.offices[office.office].append((office, person))
    for entries in kb.offices.values():
        entries.sort(key=lambda pair: pair[0].start or date.min)
    for raw in _read("offices.yaml") or []:
        keys = raw["office"] if isinstance(raw["office"], list) else [raw["office"]]
        for word in raw["words"]:
            kb.titles[word.casefold()] = kb.titles.get(word.casefold(), ()) + tuple(keys)
    for raw in _read("roles.yaml") or []:
        kb.roles.append(RoleWord(raw["id"], tuple(raw["words"]), raw["sector"], raw.get("role")))
    return kb


def _load_countries(kb: KnowledgeBase) -> None:
    import pycountry

    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            country = pycountry.countries.get(alpha_2=sub.country_code)
            if country is not None:
                kb.states[sub.name.casefold()].add(country.alpha_3)
    extra = _read("countries_extra.yaml") or {}
    rows = extra.get("countries", extra) if isinstance(extra, dict) else extra
    by_code = {r["iso3"]: r for r in rows or [] if isinstance(r, dict) and "iso3" in r}
    for c in pycountry.countries:
        row = by_code.get(c.alpha_3, {})
        names = {c.name, getattr(c, "common_name", c.name), *row.get("names", ())}
        display = (
            row.get("name") or (row.get("names") or [None])[0] or getattr(c, "common_name", None) or c.name
        )
        kb.countries[c.alpha_3] = Country(
            c.alpha_3,
            display,
            tuple(sorted(names)),
            tuple(row.get("demonyms", ())),
            tuple(x for x in (row.get("capital"), *row.get("capital_aliases", ())) if x),
            tuple(_metonyms(row)),
        )
    for code, row in by_code.items():
        if code not in kb.countries:  # codes pycountry lacks (e.g. XKX)
            names = tuple(row.get("names", ()))
            kb.countries[code] = Country(
                code,
                row.get("name") or (names[0] if names else code),
                names,
                tuple(row.get("demonyms", ())),
                tuple(x for x in (row.get("capital"), *row.get("capital_aliases", ())) if x),
                tuple(_metonyms(row)),
            )
    # A capital another place's name more often means ("Victoria", "San Jose") is no alias of its country.
    shared = {code for code, row in by_code.items() if row.get("capital_is_shared")}
    for country in kb.countries.values():
        for name in country.names:
            kb.add_alias(name, Entry("country", country.iso3))
        capitals = () if country.iso3 in shared else country.capitals
        for kind, words in (("demonym", country.demonyms), ("capital", capitals)):
            for word in words:
                kb.add_alias(_plain(word), Entry(kind, country.iso3))
        for word, sector in country.metonyms:
            kb.add_alias(_plain(word), Entry("metonym", f"{country.iso3}.{sector}"))
    for row in _read("peoples.yaml") or []:  # a people of one country is coded like its demonym
        for word in row.get("names", ()):
            kb.add_alias(_plain(word), Entry("demonym", row["iso3"]))
    regions = extra.get("regions", []) if isinstance(extra, dict) else []
    for raw in regions:
        words = tuple(raw.get("words") or raw.get("names") or ())
        region = Region(raw["code"], raw.get("name") or words[0], words)
        kb.regions[region.code] = region
        for name in region.names:
            kb.add_alias(name, Entry("region", region.code))


def _metonyms(row: dict) -> list[tuple[str, str]]:
    """(words, sector) pairs: a metonym is a string (the government) or {name, sector}."""
    out = []
    for item in row.get("government_metonyms", ()) or ():
        if isinstance(item, dict):
            out.append((item["name"], item.get("sector", "GOV")))
        else:
            out.append((str(item), "GOV"))
    return out


def _plain(word: str) -> str:
    return re.sub(r"\s*\(.*?\)\s*", " ", word).strip()
