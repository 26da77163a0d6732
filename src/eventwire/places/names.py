"""Names inside names: a town at the end of a longer name ("University of Leeds"), a capital, a country
named first, the home town of an article's local names."""

from __future__ import annotations

import functools
import re
from collections import Counter
from typing import TYPE_CHECKING

import numpy

from ..lookups.kb import load_kb
from ..lookups.words import words
from ..records import Place
from . import gazetteer
from .common import (
    COMPASS,
    GENERIC_NAME_WORDS,
    MIN_POPULATION,
    OTHER_HOME_TIMES,
    TYPE_WORDS,
    Candidate,
    Mention,
    _entries,
    _place,
    choose,
    usage,
)
from .gazetteer import COUNTRY, ID, KIND, LAT, LON, POP, Entry
from .rank import (
    BIG_CITY,
    Clues,
    _bare,
    _km,
    _other_name,
)
from .rules import on, rule, step
from .usage import (
    JOURNEYS,
    _town_noun_of,
    _where_after,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Span


def _person_words(doc: Doc) -> frozenset[str]:
    """The words of the doc's PERSON entities, worked out once per doc (asked for every candidate name)."""
    key = "eventwire.places.person_words"
    if key not in doc.user_data:
        doc.user_data[key] = frozenset(t.text for e in doc.ents if e.label_ == "PERSON" for t in e)
    return doc.user_data[key]


def _person_evidence(doc: Doc) -> frozenset[str]:
    """The model's PERSON label alone is no evidence that a name is a person's: its words count only with
    evidence, a full name (two capitalised words or more, "Ada Kelby"), a title before a single name ("Mayor
    Kelby", "Dr. Kelby") or a verb of saying with it as subject ("Kelby said")."""
    if not on(PERSON_EVIDENCE):
        return _person_words(doc)
    key = "eventwire.places.person_evidence"
    if key not in doc.user_data:
        out: set[str] = set()
        titles = _titles()
        for e in doc.ents:
            if e.label_ != "PERSON":
                continue
            caps = [t.text for t in e if t.text[:1].isupper()]
            before = doc[e.start - 1].lower_.rstrip(".") if e.start > 0 else ""
            root = e.root
            saying = root.dep_ == "nsubj" and root.head.lemma_.lower() in words().reporting_verbs
            if len(caps) >= 2 or before in titles or saying:
                out.update(caps)
        doc.user_data[key] = frozenset(out)
    return doc.user_data[key]


PERSON_EVIDENCE = step(
    "actor.person-evidence",
    "a name is a person's only with evidence (a full name, a title, a verb of saying), not by its label",
)


@functools.cache
def _titles() -> frozenset[str]:
    """Words before a person's name: honorifics ("Mr", "Dr") and the head words of the roles the knowledge
    base knows ("mayor", "president")."""
    roles = {re.split(r" (?:of|for) ", w)[0].split()[-1] for w in load_kb().role_words()}
    return frozenset(words().honorifics) | frozenset(r.lower() for r in roles)


@rule("recognise.named-as-a-place")
def _named_as_a_place(span: Span) -> bool:
    """A name that stands where places stand: after a locative preposition ("in Ballinree", "at the National
    Concert Hall") or a place noun ("the village of Kilbarron"), or ending in a feature word ("Ballinree
    Canal"). The model's own FAC or LOC label is not enough: it gives it to people too; nor are acronyms,
    codes and lowercase words ("in OT", "raced in F4X", "informants in a mosque")."""
    text = span.text[4:] if span.text.lower().startswith("the ") else span.text
    if not text[:1].isupper() or any(c.isdigit() for c in text) or (text.isupper() and len(text) < 5):
        return False
    words = usage()
    if span[-1].lower_ in words.feature_words | words.street_words | words.building_words:
        return True  # "the Mandela Canal", though named after a person
    if load_kb().entries(text):
        return False  # an actor the knowledge base knows: "a story in Politico"
    if _where_after(span):
        return True  # "at Kirkbrae Park, where the champion ...", whatever the model tagged it
    people = _person_evidence(span.doc)
    if any(t.text in people for t in span if t.text[:1].isupper()):
        return False  # a person the model tags elsewhere: "a jab at Ada Obi"
    tok, doc = span.root, span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ == "the" and span.start > 1:
        before = doc[span.start - 2]
    after_preposition = before is not None and before.i == tok.head.i and tok.dep_ == "pobj"
    if after_preposition and before.lower_ in LOCATIVE_PREPOSITIONS:
        # "to" and "from" after a verb ("moved to Ballinree") or a noun of going ("a trip to Ballinree");
        # not "a response to the Great Flood", "a letter from Kunz".
        head = before.head
        return (
            before.lower_ not in ("to", "from", "into")
            or head.pos_ in ("VERB", "AUX", "ADV")
            or (head.lemma_.lower() in JOURNEYS)
        )
    return _town_noun_of(span) or (
        span.start >= 2 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in TYPE_WORDS
    )


# The locative prepositions that put a place itself in the sentence (not a direction or a span).
LOCATIVE_PREPOSITIONS = words().locative_prepositions - {"toward", "towards", "within", "over"}


def _capital(country: str | None, gaz: gazetteer.Gazetteer, clues: Clues) -> Place | None:
    """The capital city of a country (from the actor knowledge base), as a place."""
    kbc = load_kb().countries.get(country or "")
    if kbc is None or not kbc.capitals:
        return None
    entries = [e for e in _entries(gaz, kbc.capitals[0]) if e[COUNTRY] == country and e[KIND] == "city"]
    entry, _ = choose(entries, Clues(countries={country or ""}, name=_bare(kbc.capitals[0])))
    if entry is None:
        return None
    c = Candidate.of(entry, gaz)
    return Place("", c.name, [0, 0], c.name, c.kind, c.country, c.admin1, c.lat, c.lon)


def _an_affiliation(name: str) -> bool:
    """A university or institute is named for who speaks from it, wherever it is ("a professor at Cornell
    University"): not placed at the article's town."""
    return bool(AFFILIATIONS & set(name.lower().split()))


AFFILIATIONS = frozenset({"university", "college", "institute", "polytechnic"})


def _country_named_first(name: str) -> str | None:
    """The country a body's name begins with, by its name or demonym: "Russian" in "the Russian Foreign
    Ministry", "Kenya" in "the Kenya Parliament"."""
    kb = load_kb()
    first = name.split()[0] if name.split() else ""
    if first.lower() == "the" and len(name.split()) > 1:
        first = name.split()[1]
    codes = {e.key for e in kb.entries(first) if e.kind in ("demonym", "country")}
    return codes.pop() if len(codes) == 1 else None


def _national(name: str) -> bool:
    """A country's own institution ("the Supreme Court", "the White House"), wherever the article is."""
    words, national = name.lower().split(), usage().national_words
    return bool(words) and (words[0] in national or " ".join(words[:2]) in national)


def _town_at_end(m: Mention, text: str, gaz: gazetteer.Gazetteer, clues: Clues) -> Place | None:
    """The town a building's name ends with, after its building word: "the British Embassy Tokyo", "the
    Grand Hotel Oslo". Only a town of MIN_POPULATION or more."""
    town, entries = _tail_town(m.name, gaz)
    entry, _ = choose(entries, Clues(countries=clues.countries, name=_bare(town)))
    return None if entry is None else _place("", m, entry, gaz, text)


def _tail_town(name: str, gaz: gazetteer.Gazetteer) -> tuple[str, list[Entry]]:
    """The words after the last building word of a name, and the towns of MIN_POPULATION they name."""
    words = name.split()
    kinds = [i for i, w in enumerate(words) if w.lower() in usage().building_words]
    if not kinds or kinds[-1] == 0 or not 1 <= len(words) - kinds[-1] - 1 <= 3:
        return "", []  # "Hotel Kyiv" is named after the city, wherever it stands
    town = " ".join(words[kinds[-1] + 1 :])
    return town, [e for e in _entries(gaz, town) if e[KIND] == "city" and e[POP] >= MIN_POPULATION]


def _town_in_name(
    m: Mention, text: str, gaz: gazetteer.Gazetteer, clues: Clues, towns: list[tuple[float, float]] = ()
) -> Place | None:
    """The town or region a building's name begins with: "Manila Cathedral", "Ohio State Armory"; not a
    town under a big city's size far from every town the article names ("the Lakeside Arena" of a report
    on Chicago is not in Lakeside, Florida)."""
    words = m.name.split()
    words_of_places = usage().building_words | usage().street_words
    for n in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:n])
        if n == 1 and (prefix.lower() in COMPASS or prefix.lower() in words_of_places):
            continue  # "South Kelby Church", "Airport Chapel": no town of that name is meant
        if words[n].lower() in usage().street_words:
            continue  # "Washington Square Park" is named after the square, not the city
        named_otherwise = any(w.lower() not in words_of_places | GENERIC_NAME_WORDS for w in words[n:-1])
        entries = [e for e in _entries(gaz, prefix) if e[KIND] != "village"]
        if named_otherwise:
            # "Ashwell Grove Primary School" is named after Ashwell Grove, not Ashwell; a big city begins
            # such names as itself ("the London Conservatoire School")
            entries = [e for e in entries if e[KIND] != "city" or e[POP] >= BIG_CITY]
        entry, _ = choose(entries, Clues(countries=clues.countries, name=_bare(prefix)))
        if entry is None or _other_name(entry, _bare(prefix)):
            continue  # "Crossroads" is another name of some town, not what "Crossroads Center" is named after
        far = (
            entry[KIND] == "city"
            and entry[POP] < BIG_CITY
            and bool(towns)
            and min(_km(entry[LAT], entry[LON], lat, lon) for lat, lon in towns) > FAR_FROM_TOWNS_KM
        )
        if far:
            continue
        if entry[KIND] != "city" or entry[POP] >= MIN_POPULATION:
            return _place("", m, entry, gaz, text)
    return None


FAR_FROM_TOWNS_KM = 300.0


def _big_own(e: Entry, name: str) -> bool:
    """An admin unit, or a town of MIN_POPULATION or more, that bears the name itself."""
    return e[KIND] not in ("city", "village") or (
        e[POP] >= MIN_POPULATION and not _other_name(e, _bare(name))
    )


def _small(p: Place) -> bool:
    """A town below MIN_POPULATION (looked up again: a Place does not carry its population)."""
    entry = next((e for e in gazetteer.load().get(p.name or "") if e[ID] == p.geonames_id), None)
    return entry is None or entry[POP] < MIN_POPULATION


def _home_town(places: list[Place]) -> Place | None:
    """The town the article is about: its dateline, else the town named most often (twice at least; of two
    named as often, the one in the country the article names most), else the only town it names at all (in
    a body's name too: "the Hartwell Fire Rescue Service")."""
    dateline = next((p for p in places if p.use == "dateline" and p.kind == "city"), None)
    counts: dict[str, list[Place]] = {}
    for p in places:
        if p.kind == "city" and p.name and (p.use != "name" or not _small(p)):
            counts.setdefault(p.name, []).append(p)
    if dateline is not None:
        # Where the reporter files from, unless the report is about another town it names far more often
        # (a wire report filed from Washington on the race for mayor of Chicago, Chicago named twenty times).
        top = max(counts.values(), key=len)
        if len(top) >= OTHER_HOME_TIMES and len(top) > 2 * len(counts.get(dateline.name or "", [])):
            return top[0]
        return dateline
    if len(counts) == 1:
        return next(iter(counts.values()))[0]
    # The town named most often; of towns named as often, the one in the country the article names most.
    in_country = Counter(p.country for p in places if p.country and p.lat is not None)
    ranked = sorted(
        ((len(v), in_country[v[0].country], v[0]) for v in counts.values() if len(v) >= 2),
        key=lambda t: t[:2],
        reverse=True,
    )
    if not ranked or (len(ranked) > 1 and ranked[0][:2] == ranked[1][:2]):
        return None
    return ranked[0][2]


def _part_of_longer_name(span: Span, sent_starts: set[int]) -> bool:
    """ "Vista" in "Boa Vista", "University" in "University of St. Anselm": not a name of its own."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.is_alpha and before.text[:1].isupper() and before.i not in sent_starts:
        return True
    after = doc[span.end : span.end + 2]
    return len(after) == 2 and after[0].lower_ == "of" and after[1].text[:1].isupper()


def _proper_names(doc: Doc, taken: set[int]) -> Iterator[Span]:
    """Runs of capitalized proper nouns (at most four), outside the tokens already taken. Only the proper
    nouns are looked at (found in the POS array), not every token of the article."""
    from spacy.attrs import POS
    from spacy.parts_of_speech import IDS

    wanted = []
    for i in numpy.flatnonzero(doc.to_array([POS]) == IDS["PROPN"]).tolist():
        tok = doc[i]
        if i not in taken and tok.text[:1].isupper() and tok.ent_type_ not in NOT_NAMES:
            wanted.append(i)
    run: list[int] = []
    for i in [*wanted, -2]:
        if run and i == run[-1] + 1:
            run.append(i)
            continue
        if run and i == run[-1] + 2 and i not in taken:
            between = doc[i - 1]
            owner = (
                between.tag_ == "POS"
                and run[-1] == run[0]
                and not _entries(gazetteer.load(), doc[run[0]].text)
            )
            if between.lower_ in NAME_PARTICLES or owner:
                # "Palais des Nations", "Caesar's Palace" are one name; "Derry's Altnagelvin Hospital" two
                run += [i - 1, i]
                continue
        if run and len(run) <= 5:
            yield doc[run[0] : run[-1] + 1]
        run = [i]


# Lowercase words inside a proper name ("Palais des Nations", "Rio de Janeiro", "Costa del Sol").
NAME_PARTICLES = frozenset({"de", "des", "du", "la", "le", "del", "della", "di", "da", "do", "dos", "das"})

NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"})

ADDRESS_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s+$")


@rule("recognise.closes-address")
def _closes_an_address(span: Span, text: str) -> bool:
    """The last part of "name, unit" at the end of a phrase: "Brands Close, Kent." """
    before = ADDRESS_BEFORE.search(text, max(0, span.start_char - 40), span.start_char)
    return before is not None and (span.end_char == len(text) or text[span.end_char] in ".,;:)\n")
