"""Recognition: the place mentions of an article, from the model's entities, split names,
roads, demonyms, datelines and the untagged names of `facilities`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lookups.kb import load_kb
from . import gazetteer
from .common import (
    COMPASS,
    LABELS,
    NOT_ON_EARTH,
    REPORTING_LEMMAS,
    Mention,
    _entries,
    _facility_kind,
    _lookup,
    _no_town_after_the,
    _with_article,
    usage,
)
from .datelines import (
    _datelines,
)
from .demonyms import _demonym, _untagged_demonyms
from .facilities import (
    _facilities,
    _facility_name,
    _named_before_its_kind,
    _naming_verb,
    _renamed,
    _untagged,
    _venue,
)
from .gazetteer import COUNTRY, KIND, POP
from .names import (
    NOT_NAMES,
    _big_own,
    _named_as_a_place,
    _part_of_longer_name,
    _person_evidence,
    _proper_names,
    _tail_town,
    _titles,
)
from .rules import cite, mark, none_found, nothing, on, rule, since, step
from .usage import (
    BASED_AFTER,
    SEATS,
    _a_persons_name,
    _admin_after,
    _big_place_as_object,
    _names_an_actor,
    _organisation_as_a_place,
    _region_at_rest,
    _town_of_its_police,
    _unit_after,
    _where_after,
    _world_region,
    is_agent,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


def find_mentions(
    doc: Doc,
    actor_spans: list[tuple[int, int]],
    gaz: gazetteer.Gazetteer,
    datelines: bool = True,
    countries: frozenset[str] | set[str] = frozenset(),
) -> list[Mention]:
    """Candidate place names, in text order: the model's GPE/LOC/FAC entities that are not actors at work,
    country demonyms that modify a thing ("the Greek islands"), datelines, and names the model missed or
    mislabelled that the gazetteer knows and the syntax puts in a locative phrase ("stores in Nitra")."""
    from spacy.tokens import Span as SpacySpan

    kb = load_kb()
    taken: set[int] = set()
    text = doc.text  # joined from the tokens on every access: once per article
    in_actor = bytearray(len(text) + 1)  # 1 where an actor mention covers the character
    for s, e in actor_spans:
        in_actor[s:e] = b"\x01" * (e - s)
    ents = [e for e in doc.ents if e.label_ not in NOT_NAMES]  # dates and numbers never name a place
    person_words = _person_evidence(doc)
    out: list[Mention] = _datelines(doc, text, gaz, taken) if datelines else []
    out += _numbered_streets(doc, text, taken)
    streets: dict[str, Mention] = {}  # the names naming phrases gave streets and buildings
    began = (len(out), mark())
    for ent in ents:
        _cite_since(out, *began)  # the rules that fired for the entity before are cited by its mentions
        began = (len(out), mark())
        after = doc[ent.end] if ent.end < len(doc) else None
        if len(ent) > 1 and ent[-1].tag_ == "POS" and (after is None or not after.text[:1].isupper()):
            # "the Riffe Center Complex's cooling towers": the name without the possessive, with its label
            ent = SpacySpan(doc, ent.start, ent.end - 1, label=ent.label)
        start, end, name = ent.start_char, ent.end_char, ent.text
        if name.lower().startswith("the "):
            start, name = start + 4, name[4:]
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        if name.islower():
            continue  # "fine china", "a turkey": news writes a place's name with a capital
        if _not_on_earth(ent, name, text):
            taken.update(range(ent.start, ent.end))
            continue
        kinds = {e.kind for e in kb.entries(name)}
        renamed = _renamed([ent], taken, gaz) or _named_again(ent, start, end, name, streets, taken)
        if renamed:
            out += renamed
            streets[name] = renamed[0]
            continue
        if (kinds and kinds <= {"demonym"}) or (ent.label_ == "NORP" and name in usage().region_adjectives):
            mention = _demonym(ent, name, kb, gaz, actor_spans)
            if mention is not None:
                out.append(mention)
                taken.update(range(mention.span.start, mention.span.end))
            continue
        label = ent.label_
        if label == "ORG" and _big_place_as_object(ent, kinds, gaz):
            label = "LOC"  # "The Courier of Marsville": the model's mistake
        if label in ("ORG", "EVENT"):
            mention = _embedded(doc, ent, start, name, gaz)
            # A venue ("the CHU in Nantes"), or a name before a building word ("the Paramount cinema")
            venue = not (len(ent) > 2 and ent[1].tag_ == "POS") and _venue(ent, text, gaz, kb)
            venue = venue or (not kinds and _named_before_its_kind(ent, gaz, known=True))
            venue = venue or (
                _named_as_a_place(ent) and bool(_tail_town(name, gaz)[1])
            )  # "at the Embassy Oslo"
            if mention is None and (venue or _organisation_as_a_place(ent, text)):
                known = [e for e in _entries(gaz, name) if e[KIND] == "facility"]  # a landmark of the data
                mention = Mention(ent, start, end, name, known, "facility")
            if mention is None:
                mention = _named_for_a_place(doc, ent, gaz)  # "the Heart Society of Canada"
            if mention is None and not kinds and label == "ORG":
                mention = _place_first(doc, ent, start, name, gaz, person_words)  # "the Kelby Water Board"
            if mention is not None:
                out.append(mention)
                taken.update(range(mention.span.start, mention.span.end))
            continue
        if label == "LAW":
            mention = _named_for_a_place(doc, ent, gaz)  # "the Recovery Fund for Europe"
            if mention is not None:
                out.append(mention)
                taken.update(range(mention.span.start, mention.span.end))
            continue
        if label == "PERSON" and _where_after(ent) and not kinds:
            # "at Kirkbrae Park, where ...": a place, though the model took it for a person
            out.append(Mention(ent, start, end, name, _lookup(gaz, doc, name, ent.end), "name"))
            taken.update(range(ent.start, ent.end))
            continue
        if label not in LABELS or not on(MODEL_ENTITY):
            continue
        longer = _longer_name(doc, ent, start, text, gaz)
        if longer is not None:  # the model stopped short: "Boa" + "Vista", "St. Peter's" + "Basilica"
            ent = longer
            end, name = ent.end_char, text[start : ent.end_char]
        parts = _comma_parts(doc, gaz, start, name) if ", " in name else []
        if len(parts) == 1 and parts[0].use == "facility":
            out += parts  # "the Galway Cathedral, Cardinal Kelly said": the building, not who spoke in it
            taken.update(range(parts[0].span.start, parts[0].span.end))
            continue
        is_actor = 1 in in_actor[start:end]
        # An actor at work: an actor the actors stage found, or any GPE or FAC ("Villanova won"), as the
        # subject of a verb of doing; not before "-based" ("The Dayton, Ohio-based firm").
        tagged = is_actor or ent.label_ in ("GPE", "FAC")
        at_work = tagged and not _based_after(text, end) and is_agent(ent)
        if at_work and _world_region(name, gaz, kb):
            at_work = not _region_at_rest(ent)  # "Oceania's oldest parliament", "Europe added jobs": places
        named_actor = _names_an_actor(ent) and not _town_of_its_police(ent, gaz)
        if at_work or named_actor or _a_persons_name(ent, person_words, gaz):
            taken.update(range(ent.start, ent.end))  # an actor at work: neither a place nor a candidate
            continue
        if parts:
            out += parts  # "Dunmore Park, Cheshire" tagged as one name: a place and its county
            taken.update(range(ent.start, ent.end))
            continue
        entries = _with_article(doc, ent.start, name, gaz) or _no_town_after_the(
            ent, _lookup(gaz, doc, name, ent.end)
        )
        facility = _facility_name(ent)
        if facility and not any(_big_own(e, name) for e in entries):
            entries = []  # "Washington Square" is a square, not a hamlet of the same name elsewhere
        use = "facility" if (facility or _venue(ent, text, gaz, kb)) and not entries else "name"
        out.append(Mention(ent, start, end, name, entries, use, [MODEL_ENTITY]))
        taken.update(range(ent.start, ent.end))
    _cite_since(out, *began)
    out += _untagged_demonyms(doc, kb, gaz, actor_spans, taken)
    out += _roads(doc, text, taken)
    names = list(_proper_names(doc, taken))  # once: facilities take some, untagged names look at the rest
    out += _renamed(names, taken, gaz)
    out += _facilities(names, taken, text, gaz, kb)
    starts = {sent.start for sent in doc.sents}  # once: untagged and repeated names both need them
    untaken = [n for n in names if n.start not in taken]
    out += _untagged(doc, text, gaz, kb, untaken, out, set(countries), starts)
    out += _repeated(names, out, starts)
    out.sort(key=lambda m: m.start)
    out = _towns_first_in_country(out, set(countries))
    return _worth_keeping_only(out, text)


MODEL_ENTITY = step("recognise.model-entity", "the model's GPE, LOC or FAC entity is a place mention")


def _cite_since(out: list[Mention], first: int, start: int) -> None:
    """The mentions from `first` on cite the rules fired since `start`."""
    if len(out) > first:
        fired = since(start)
        for m in out[first:]:
            cite(m.rules, fired)


@rule("recognise.not-on-earth")
def _not_on_earth(ent: Span, name: str, text: str) -> bool:
    """A heavenly body is no place on Earth ("a probe to Mars"), unless an admin unit follows it."""
    return name.casefold() in NOT_ON_EARTH and not _admin_after(ent, text)


@rule("recognise.street-named-again", off=none_found)
def _named_again(
    ent: Span, start: int, end: int, name: str, streets: dict[str, Mention], taken: set[int]
) -> list[Mention]:
    """A street or building a naming phrase named, named again later ("north of Harlow"); not as the name
    given to another ("the boy was named Harlow")."""
    if name not in streets or is_agent(ent) or _naming_verb(ent.root) is not None:
        return []
    taken.update(range(ent.start, ent.end))
    return [Mention(ent, start, end, name, streets[name].entries, "facility")]


@rule("place.based")
def _based_after(text: str, end: int) -> bool:
    """A name before "-based", "-born" or "-headquartered" is where, not who ("the Dunmore-based firm")."""
    return BASED_AFTER.match(text, end) is not None


@rule("recognise.worth-keeping", keep=0)
def _worth_keeping_only(mentions: list[Mention], text: str) -> list[Mention]:
    """A name the gazetteer does not know is kept only where places stand; an unknown acronym only before a
    place."""
    return [m for m in mentions if _worth_keeping(m, text)]


def _worth_keeping(m: Mention, text: str) -> bool:
    """A name the model tagged as a place that no gazetteer knows is kept, unplaced or placed by its
    surroundings, only where places stand ("in Zinkwazi", "Kirkbrae Forest, Fife", "the Mandela Canal"). The
    rest are the model's mistakes ("Formaldehyde", "AI", "T*SOL", "Haydn"): no place at all. Nor is an
    acronym no gazetteer knows, taken for a building or not."""
    if m.entries or m.use not in ("name", "facility"):
        return True
    if ACRONYM.fullmatch(m.name):
        # "leave RPA", "in RPA platforms": an acronym no gazetteer knows names a thing, a body or a technique,
        # unless a place follows it ("the CHU in Nantes")
        return _unit_after(m.span, text) or (
            m.use == "facility" and PLACE_AFTER.match(text, m.end) is not None
        )
    return m.use == "facility" or _named_as_a_place(m.span) or _unit_after(m.span, text)


ACRONYM = re.compile(r"[A-Z]{2,5}s?")

PLACE_AFTER = re.compile(r",?\s+(?:in|at|near)\s+(?:the\s+)?[A-Z]")


ROAD_NUMBER = re.compile(
    r"\b(?:[AM]\d{1,4}(?:\(M\))?|B\d{4}|N\d{1,2}|I-\d{1,3}|Interstate \d{1,3}"
    r"|(?:U\.S\. |US |State )?(?:Route|Highway) \d{1,4})\b"
)

# Streets numbered in words or figures: "Fifth street", "14th St. South", "Sixth Avenue".
ORDINAL_STREET = re.compile(
    r"\b(?:\d{1,3}(?:st|nd|rd|th)|First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|Eleventh"
    r"|Twelfth)\s+(?:[Ss]treet|[Aa]venue|St\.|Ave\.)(?:\s+(?:North|South|East|West|NW|NE|SW|SE)\b)?"
)


@rule("recognise.numbered-street", off=none_found)
def _numbered_streets(doc: Doc, text: str, taken: set[int]) -> list[Mention]:
    """Streets numbered in words or figures ("Fifth street", "410 14th St. South"), before the model's
    entities, which often hold only part of them."""
    out = []
    for match in ORDINAL_STREET.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is not None and not any(t.i in taken for t in span):
            out.append(Mention(span, match.start(), match.end(), match.group(), [], "facility"))
            taken.update(range(span.start, span.end))
    return out


@rule("recognise.road-number", off=none_found)
def _roads(doc: Doc, text: str, taken: set[int]) -> list[Mention]:
    """Road numbers ("the A417", "I-95", "Route 66") in a sentence about roads: streets, placed like them."""
    out = []
    words = usage().road_words
    for match in ROAD_NUMBER.finditer(text):
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(t.i in taken for t in span):
            continue
        if not any(t.lower_ in words for t in span.sent):
            continue  # "an N95 mask", "the M1 chip"
        out.append(Mention(span, match.start(), match.end(), match.group(), [], "facility"))
        taken.update(range(span.start, span.end))
    return out


@rule("recognise.repeated", off=none_found)
def _repeated(names: list[Span], found: list[Mention], starts: set[int]) -> list[Mention]:
    """Other mentions of a name already found as a place in the article ("Toronto" again, where the model
    did not tag it), unless they are an actor at work or part of a longer name."""
    known = {
        m.name: m
        for m in found
        if m.use in ("name", "untagged", "dateline") and any(_big_own(e, m.name) for e in m.entries)
    }
    # A street or building named again: "Drayton" after "the avenue was renamed Drayton".
    # Not a body named as where ("in Congress"), which acts elsewhere ("told Congress").
    facilities = {
        m.name: m
        for m in found
        if m.use == "facility"
        and m.name not in known
        and m.span[-1].lower_ not in SEATS
        and not load_kb().entries(m.name)
    }
    if not known and not facilities:
        return []
    at = {t.i for m in found for t in m.span}
    people = {e.text for e in names[0].doc.ents if e.label_ == "PERSON" and len(e) > 1} if names else set()
    out = []
    for span in names:
        began = mark()
        first = known.get(span.text) or facilities.get(span.text)
        if first is None or any(t.i in at for t in span) or _part_of_longer_name(span, starts):
            continue
        if first.use == "facility":
            # The model tags many a street named after someone as a person; not when it is part of a name
            # the model gives a person ("Benjamin Drayton"), nor the name given to another ("the boy was
            # named Jackson").
            if any(span.text in p and span.text != p for p in people) or _naming_verb(span.root) is not None:
                continue
        else:
            # The model took it for a person or team ("Haydn", "Liverpool won the game"), or it is a person's
            # surname ("Obi lags behind", after "Ada Obi"): unless it is a country, region or state
            # found as a place ("the Sicily hotspot").
            other_tag = any(t.ent_type_ not in ("", "GPE", "LOC", "FAC") for t in span)
            surname = any(span.text in p.split() for p in people)
            if (other_tag or surname) and not _area_taken_for_a_person(span, first, people):
                continue
        if any(c.dep_ == "det" for c in span.root.children) and first.use != "facility":
            continue  # "the Centre" (India's government), not a region of that name
        if is_agent(span) or _names_an_actor(span):
            continue  # "Karnataka wants ...", "Oregon's Guard"
        use = "facility" if first.use == "facility" else "repeated"
        out.append(Mention(span, span.start_char, span.end_char, span.text, first.entries, use, since(began)))
        at.update(t.i for t in span)
    return out


def _area_taken_for_a_person(span: Span, first: Mention, people: set[str]) -> bool:
    """A country, region or state found as a place elsewhere in the article, that the model tags a person
    here ("the Sicily hotspot"), and that names no person of the article ("Chad Smith")."""
    if any(t.ent_type_ not in ("", "PERSON", "GPE", "LOC", "FAC") for t in span):
        return False
    if not any(e[KIND] in ("country", "region", "admin1") for e in first.entries):
        return False
    return not any(span.text in p.split() for p in people)


@rule("recognise.longer-name", off=nothing)
def _longer_name(doc: Doc, ent: Span, start: int, text: str, gaz: gazetteer.Gazetteer) -> Span | None:
    """The entity with the capitalized words right after it, when the model stopped short of a longer name:
    a building word ("St. Peter's Basilica"), or words that make a name the gazetteer knows ("Boa Vista")."""
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is None or not nxt.text[:1].isupper() or (nxt.pos_ != "PROPN" and _facility_kind(nxt) is None):
        return None
    if _facility_kind(nxt) is not None:
        return doc[ent.start : ent.end + 1]
    for n in (2, 1):
        if ent.end + n > len(doc) or not all(t.text[:1].isupper() for t in doc[ent.end : ent.end + n]):
            continue
        name = text[start : doc[ent.end + n - 1].idx + len(doc[ent.end + n - 1].text)]
        if any(_big_own(e, name) for e in _entries(gaz, name)):
            return doc[ent.start : ent.end + n]
    return None


@rule("recognise.local-body", off=nothing)
def _embedded(doc: Doc, ent: Span, start: int, name: str, gaz: gazetteer.Gazetteer) -> Mention | None:
    """The town, state or region a local body's name begins with ("the Hartwell Fire Rescue Service",
    "the Karnataka Assembly", "Kelby Police"): an `embedded` place. Countries are left out: "the British
    Embassy" and "the Russian Foreign Ministry" are the country's, not places in it."""
    words = name.split()
    bodies = [i for i, w in enumerate(words) if i > 0 and w.lower() in usage().local_bodies]
    if not bodies:
        return None  # "the Montana Department of Corrections" counts, "Manchester United" does not
    for n in range(min(bodies[0], 3), 0, -1):
        prefix = " ".join(words[:n])
        if n == 1 and (prefix.lower() in COMPASS or prefix.lower() in INSTITUTION_WORDS):
            continue  # "the Federal Election Commission" is no body of Federal, Argentina
        entries = [e for e in _entries(gaz, prefix) if _big_own(e, prefix) and e[KIND] != "country"]
        if entries:
            span = doc.char_span(start, start + len(prefix), alignment_mode="expand")
            if span is None:
                return None
            return Mention(span, start, start + len(prefix), prefix, entries, "embedded")
    return None


@rule("recognise.place-first-in-name", off=nothing)
def _place_first(
    doc: Doc, ent: Span, start: int, name: str, gaz: gazetteer.Gazetteer, person_words: frozenset[str]
) -> Mention | None:
    """The state, county, region or town of 15,000 or more an organisation's name begins with, whatever
    words follow ("the Kelby County Water Board", "the Ostrava Harmony Choir"): an `embedded` place, as
    for a local body. Countries are left out, as there; so are buildings (the facility rules'), names the
    knowledge base knows as actors, a first word that is no proper noun ("the Annual Kelby Awards"), and
    names with person evidence (a person's full name elsewhere in the article, a title before, a verb of
    saying after: "Ada Kelby said")."""
    words = name.split()
    first = ent[1] if start > ent.start_char else ent[0]  # after "the"
    if len(words) < 2 or first.pos_ != "PROPN" or name.isupper() or _facility_kind(ent[-1]) is not None:
        return None  # a building ("the Kelby State Armory") is the facility rules'
    if all(w in person_words for w in words) or _said_or_titled(doc, ent):
        return None
    for n in range(min(len(words) - 1, 3), 0, -1):
        prefix = " ".join(words[:n])
        if not all(w[:1].isupper() for w in words[: n + 1]):
            continue
        if n == 1 and (prefix.lower() in COMPASS or prefix.lower() in INSTITUTION_WORDS):
            continue
        entries = [e for e in _entries(gaz, prefix) if _big_own(e, prefix)]
        if not entries or any(e[KIND] == "country" for e in entries):
            continue
        span = doc.char_span(start, start + len(prefix), alignment_mode="expand")
        if span is None:
            return None
        return Mention(span, start, start + len(prefix), prefix, entries, "embedded")
    return None


def _said_or_titled(doc: Doc, ent: Span) -> bool:
    """A title before the name ("Mayor Kelby Stone") or a verb of saying it is the subject of."""
    before = doc[ent.start - 1].lower_.rstrip(".") if ent.start > 0 else ""
    root = ent.root
    return before in _titles() or (root.dep_ == "nsubj" and root.head.lemma_.lower() in REPORTING_LEMMAS)


@rule("recognise.place-first-in-country", keep=0)
def _towns_first_in_country(mentions: list[Mention], countries: set[str]) -> list[Mention]:
    """A town an organisation's name begins with is kept only in a country the article is about: its
    actors' or one of its other places' ("the Kelby Harmony Choir" in a report on Kelby's country)."""
    first = {id(m) for m in mentions if m.use == "embedded" and "recognise.place-first-in-name" in m.rules}
    if not first:
        return mentions
    for m in mentions:
        if id(m) in first or not m.entries:
            continue
        if m.entries[0][KIND] == "country" or len({e[COUNTRY] for e in m.entries}) == 1:
            countries.add(m.entries[0][COUNTRY])
    out = []
    for m in mentions:
        if id(m) in first:
            kept = [e for e in m.entries if e[KIND] != "city" or e[COUNTRY] in countries]
            if not kept:
                continue
            m.entries[:] = kept
        out.append(m)
    return out


NAMED_FOR = re.compile(r"\s(?:of|for)\s(?:the\s)?([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*){0,2})$")


@rule("recognise.named-for-place", off=nothing)
def _named_for_a_place(doc: Doc, ent: Span, gaz: gazetteer.Gazetteer) -> Mention | None:
    """The country, region, state or city an organisation's or a law's name ends with, after "of" or "for"
    ("the University of Alberta", "the Recovery Fund for Europe"): an `embedded` place."""
    match = NAMED_FOR.search(ent.text)
    if match is None:
        return None
    name = match.group(1)
    kinds = ("country", "region", "admin1")
    # Cities of 100,000 or more only: "the Commissioner of Police" is not Police, Poland
    entries = [
        e for e in _entries(gaz, name) if e[KIND] in kinds or (e[KIND] == "city" and e[POP] >= 100_000)
    ]
    if not entries:
        return None
    start = ent.start_char + match.start(1)
    span = doc.char_span(start, ent.end_char, alignment_mode="expand")
    return None if span is None else Mention(span, start, ent.end_char, name, entries, "embedded")


# Words that begin the names of institutions and also name a town somewhere ("Federal", Argentina).
INSTITUTION_WORDS = frozenset(
    {"federal", "national", "state", "central", "regional", "general", "royal", "supreme", "international",
     "united", "public", "civil", "independent", "metropolitan", "municipal", "provincial", "republican",
     "democratic", "liberal", "conservative", "social", "popular", "union"}
)  # fmt: skip


@rule("recognise.comma-parts", off=none_found)
def _comma_parts(doc: Doc, gaz: gazetteer.Gazetteer, start: int, name: str) -> list[Mention]:
    """A name the model tagged together with the admin unit after its comma ("Dunmore Park, Cheshire", "Paris,
    Texas"): one mention each, when the gazetteer knows the last part as a country, state or region."""
    pieces = name.split(", ")
    last = pieces[-1]
    if not any(e[KIND] in ("country", "admin1", "admin2", "region") for e in _entries(gaz, last)):
        # A building and whatever the model ran on into ("the Galway Cathedral, Bishop Byrne said"): the
        # building alone.
        span = doc.char_span(start, start + len(pieces[0]), alignment_mode="expand")
        if span is None or len(span) < 2 or _facility_kind(span[-1]) != "building":
            return []
        return [
            Mention(
                span,
                start,
                start + len(pieces[0]),
                pieces[0],
                _lookup(gaz, doc, pieces[0], span.end),
                "facility",
            )
        ]
    out, at = [], start
    for piece in pieces:
        span = doc.char_span(at, at + len(piece), alignment_mode="expand")
        if span is None or not piece.strip():
            return []
        entries = _lookup(gaz, doc, piece, span.end)
        use = "facility" if not entries and _facility_kind(span[-1]) is not None else "name"
        if entries or use == "facility" or piece is last:
            out.append(Mention(span, at, at + len(piece), piece, entries, use))
        at += len(piece) + 2
    return out
