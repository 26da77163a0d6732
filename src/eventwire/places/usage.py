"""Place or actor: whether a country or city name is used as a place ("talks in Moscow") or names an actor
at work ("Moscow warned"), and the article-level clues (its countries, admin context) the stage uses."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import gazetteer
from .common import (
    ADMIN_GAP,
    ADMIN_NEXT,
    ADMIN_WORDS,
    COMPASS,
    LIST_GOES_ON,
    LOCATIVE_PREPS,
    NAME_TYPES,
    PLACE_NOUNS,
    REPORTING_LEMMAS,
    STRICT_LOCATIVE,
    UNTAGGED_PREPS,
    Mention,
    Usage,
    _entries,
    _facility_kind,
    usage,
)
from .gazetteer import ADMIN1, COUNTRY, KIND, LAT, LON, POP, Entry
from .rank import (
    BIG_CITY,
    Clues,
)
from .rules import fire, on, rule, step

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def _place_like(span: Span, placed: set[int], text: str) -> bool:
    if BASED.match(text, span.end_char):
        return True  # "the Leeds-based firm", "US-based Chevron"
    if _residents_of(span):
        return True
    tok = span.root
    if tok.dep_ in ("compound", "nmod"):
        head = tok.head
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if _facility_kind(head) is not None:
            return True  # "the Harrogate police station", "the M62 Huddersfield junction"
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        if tok.head.i in placed:
            return True
        tok = tok.head
    if tok.dep_ == "pobj":
        prep = tok.head
        if prep.lower_ in UNTAGGED_PREPS:
            return prep.head.lower_ != "according"  # "according to Davis" names a source
        if prep.lower_ == "of" and (prep.head.lemma_.lower() in PLACE_NOUNS or _residence(span)):
            return True
    if tok.dep_ == "poss" and _possessed_is_located(tok.head):
        # "Harare's Third Street"; "Kelby's economy" only for a region, country or big city (a person's
        # name may be a small town's: "Tyler's lawyer", "Young's 32 points").
        if _facility_kind(tok.head) is not None or tok.head.lemma_.lower() in PLACE_NOUNS:
            return True
        entries = _entries(gazetteer.load(), span.text)
        return any(e[KIND] in ("country", "region") or e[POP] >= BIG_CITY for e in entries)
    return bool(_admin_after(span, text))


# Nouns for people by where they live ("a Dunmore man", "Kelby residents"), as a name's head.
RESIDENT_NOUNS = frozenset(
    {"man", "woman", "resident", "native", "student", "teen", "teenager", "boy", "girl", "couple", "youth",
     "parent", "homeowner", "retiree", "motorist", "driver"}
)  # fmt: skip


@rule("recognise.residents-of")
def _residents_of(span: Span) -> bool:
    """A name right before a noun for people who live there ("a Dunmore man", "two Kelby students"): where
    they are from, whatever label the model gave the name."""
    tok = span.root
    head = tok.head
    return (
        tok.dep_ in ("compound", "nmod")
        and head.i == span.end
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in RESIDENT_NOUNS
    )


# "the visa office of the Foreign Ministry in Ankara": the organisation's premises.
PARTS_OF_PREMISES = frozenset(
    {"office", "headquarters", "building", "premises", "gate", "entrance", "campus", "ground", "compound"}
)

IN_A_PLACE = re.compile(r"\s+in\s+(?:the\s+)?[A-Z]")


@rule("recognise.organisation-as-place")
def _organisation_as_a_place(span: Span, text: str) -> bool:
    """An organisation named as where someone is, with the place that holds it: "a lecturer at the
    University of Ghana in Accra", "the visa office of the Foreign Ministry in Ankara"; or a legislature or
    ministry in a locative phrase ("doubts in Congress", "summoned to the Foreign Ministry"), which is at its
    country's capital."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    if i >= 0 and doc[i].lower_ in ("in", "at", "before", "inside", "outside") and span[-1].lower_ in SEATS:
        return True
    buildings = usage().building_words
    if not any(t.lower_ in buildings for t in span) or (len(span) > 2 and span[1].tag_ == "POS"):
        return False  # a venue without a building word is _venue's; "Derry's Altnagelvin Hospital"
    if i < 0 or doc[i].lower_ not in ("at", "to", "from", "of", "inside", "outside"):
        return False
    if not IN_A_PLACE.match(text, span.end_char):
        return False
    return doc[i].lower_ != "of" or doc[i - 1].lemma_.lower() in PARTS_OF_PREMISES


# Last words of the names of bodies that sit in their country's capital.
SEATS = frozenset({"congress", "parliament", "senate", "duma", "bundestag", "knesset", "ministry", "majlis"})

BASED = re.compile(r"-(?:based|born|headquartered)\b")

BASED_AFTER = re.compile(r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?-(?:based|born|headquartered)\b")

TOWN_NOUNS = frozenset(
    {"village", "town", "city", "suburb", "township", "hamlet", "neighbourhood", "neighborhood"}
)


@rule("recognise.town-noun-of")
def _town_noun_of(span: Span) -> bool:
    """The name after "the village of", "the suburb of": a town, whatever the gazetteer says."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].lower_ == "of"
        and doc[span.start - 2].lower_ in TOWN_NOUNS
        and span.text[:1].isupper()
        and not any(c.isdigit() for c in span.text)
    )


@rule("recognise.where-after")
def _where_after(span: Span) -> bool:
    """After a locative preposition and before ", where": a place ("the season opens at Kirkbrae Park, where
    ...")."""
    doc = span.doc
    i = span.start - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    after = doc[span.end : span.end + 2]
    return (
        i >= 0
        and doc[i].lower_ in ("in", "at", "near", "to", "from")
        and len(after) == 2
        and after[0].text == ","
        and after[1].lower_ == "where"
    )


@rule("recognise.unit-after")
def _unit_after(span: Span, text: str) -> bool:
    """A state, county or region of a country named after a comma right after the name ("Kirkbrae Forest,
    Fife"): the name is a place in it. A person's name is not ("Tom Brady, Massachusetts", tagged PERSON)."""
    if any(t.ent_type_ in ("PERSON", "NORP") for t in span):
        return False
    if not any(e[KIND] != "country" for e in _admin_after(span, text)):
        return False  # the common case, decided before the document's entities are built
    people = [e for e in span.doc.ents if e.label_ == "PERSON" and len(e) > 1]
    # not "Christie, Ohio's governor" after "Ada Christie"
    return span.text not in {e[-1].text for e in people} | {e.text for e in people}


JOURNEYS = frozenset(
    {"trip", "visit", "journey", "flight", "road", "route", "way", "return", "move", "voyage", "drive",
     "walk", "ride", "tour", "mission", "deportation", "transfer", "exodus", "ferry", "train", "bus"}
)  # fmt: skip


@rule("place.residence-of")
def _residence(span: Span) -> bool:
    """A town after a person's name and "of": where the person lives ("Tom and Ann Baker of Massapequa")."""
    tok = span.root
    return tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.ent_type_ == "PERSON"


def _admin_after(span: Span, text: str) -> list[Entry]:
    """The country, state, county or region named after a comma right after the name ("Boise, Idaho",
    "Ashwell, Hertfordshire")."""
    nxt = ADMIN_NEXT.match(text, span.end_char, span.end_char + 40)
    if not nxt or text[span.end_char : nxt.start(1)].strip() != ",":
        return []
    entries = _admin_entries(gazetteer.load(), nxt.group(1))
    return [
        e
        for e in entries
        if e[KIND] in ("country", "admin1", "admin2") or (e[KIND] == "region" and e[COUNTRY])
    ]


# Verbs of moving: "to X" and "from X" after them are places ("moved to Thornby", "fled from Aleppo").
MOTION_VERBS = frozenset(
    {"move", "go", "travel", "return", "come", "fly", "drive", "relocate", "head", "walk", "switch", "flee",
     "emigrate", "migrate", "sail", "ride", "commute", "evacuate", "transfer", "retire"}
)  # fmt: skip


@rule("place.plain-locative")
def _plain_locative(span: Span) -> bool:
    """A bare name after "in", "at" or "near" ("lives in Portroe"; not "in your Congress", "at K-Mart")."""
    tok, doc = span.root, span.doc
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("in", "at", "near", "outside", "around", "inside"):
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    return (before is None or before.i == tok.head.i) and not any(
        c.dep_ in ("det", "poss") for c in tok.children
    )


@rule("place.motion-to")
def _motion_phrase(span: Span) -> bool:
    """After "to" or "from" and a verb of moving, a name is a place ("moved to Thornby")."""
    tok, doc = span.root, span.doc
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("to", "from") or span.start == 0:
        return False
    return doc[span.start - 1].i == tok.head.i and tok.head.head.lemma_.lower() in MOTION_VERBS


@rule("actor.agent")
def is_agent(span: Span) -> bool:
    """An actor mention used as an actor, not as a place: the subject or agent of a verb of doing or saying
    ("Russia said", "the U.S. approved a sale"), the possessor or modifier of what an actor is, says or does
    ("Moscow's demands", "U.S. officials"). The subject of a verb of being or having ("Chile will have
    ...", "Leeds is starting to feel ..."), other possessors ("China's economy") and any locative phrase
    are places. With STRICT_LOCATIVE, anything but a locative phrase is an actor."""
    if is_locative(span):
        return False
    if STRICT_LOCATIVE:
        return True
    tok = _top(span.root)
    words = usage()
    if tok.dep_ in ("nsubj", "csubj", "agent"):
        verb = tok.head.head if tok.dep_ == "agent" else tok.head
        return tok.dep_ == "agent" or not _stative(verb, words)
    possessive = tok.dep_ == "poss" or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS")
    if possessive:
        head, lemma = tok.head, tok.head.lemma_.lower()
        if _facility_kind(head) is not None or lemma in PLACE_NOUNS:
            return False  # "Harare's Third Street", "Velmora's gated suburb": where it is
        if lemma in words.located_nouns:
            # "Cyprus's banking services" are there; "Russia's security services arrested him" act for it
            acting = head.dep_ == "nsubj" and not _stative(head.head, words)
            return acting and lemma in words.people_nouns
        if on(FOUGHT_WITHIN) and any(c.dep_ == "amod" and c.lower_ in WITHIN_WORDS for c in head.children):
            fire(FOUGHT_WITHIN)
            return False  # "Velmora's civil war", "Kelby's internal conflict": fought in it, not by it
        return head.ent_type_ in ("PERSON", "ORG") or lemma in words.people_nouns or lemma in words.act_nouns
    return _names_an_actor(span)


# Adjectives that put an act inside the place that possesses it ("Yemen's civil war").
WITHIN_WORDS = frozenset({"civil", "internal", "domestic", "sectarian", "tribal"})

FOUGHT_WITHIN = step(
    "place.fought-within", "a name possessing a civil or internal conflict is where it is fought"
)


@rule("recognise.org-big-place")
def _big_place_as_object(ent: Span, kinds: set[str], gaz: gazetteer.Gazetteer) -> bool:
    """One word the model tagged ORG that only names a big city or a state, as a preposition's object ("the
    Courier & Gazette of Hartwell"): the place."""
    if len(ent) != 1 or kinds or ent.root.dep_ != "pobj":
        return False
    entries = _entries(gaz, ent.text)
    return any(e[KIND] == "admin1" or (e[KIND] == "city" and e[POP] >= BIG_CITY) for e in entries)


def _world_region(name: str, gaz: gazetteer.Gazetteer, kb) -> bool:
    """A continent or world region ("Asia", "the Middle East"): no state's territory, no organisation."""
    kinds = {e.kind for e in kb.entries(name)}
    if kinds != {"region"}:
        return False
    return any(e[KIND] == "region" and not e[COUNTRY] for e in _entries(gaz, name))


@rule("place.world-region-at-rest")
def _region_at_rest(span: Span) -> bool:
    """A world region subject or possessor is a place unless it acts through a verb or noun of the event
    lexicon ("Oceania's oldest parliament"; not "Europe condemned the strike")."""
    return not _region_at_work(span)


def _region_at_work(span: Span) -> bool:
    """A world region acts only through a verb of the event lexicon or of saying with what it says ("Europe
    condemned the strike", "Asia said it would ..."); it has no government, so its leaders, output and
    growth are what is in it ("Oceania's oldest parliament", "Europe added jobs"): a place. An act it
    possesses stays an actor's ("Europe's sanctions")."""
    tok = _top(span.root)
    words = usage()
    if tok.dep_ in ("nsubj", "csubj", "agent"):
        verb = tok.head.head if tok.dep_ == "agent" else tok.head
        lemma = verb.lemma_.lower()
        if lemma in words.act_verbs:
            return True
        return lemma in REPORTING_LEMMAS and any(c.dep_ == "ccomp" for c in verb.children)
    if tok.dep_ == "poss" or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"):
        return tok.head.lemma_.lower() in words.act_nouns
    return True


def _possessed_is_located(head: Token) -> bool:
    """What a place name possesses is somewhere, not someone or some act: a street or building ("Harare's
    Third Street"), a place noun ("Cairo's suburbs") or any thing that is not a person, group or act ("Kelby's
    economy"; not "Jordan's husband", "Moscow's demands")."""
    lemma, words = head.lemma_.lower(), usage()
    if _facility_kind(head) is not None or lemma in PLACE_NOUNS or lemma in words.located_nouns:
        return True
    return head.ent_type_ != "PERSON" and lemma not in words.people_nouns and lemma not in words.act_nouns


@rule("actor.persons-name")
def _a_persons_name(span: Span, person_words: set[str], gaz: gazetteer.Gazetteer) -> bool:
    """A name the article also gives a person ("Helen" after "Helen Kunz", "Salah" after "Mohamed Salah"),
    unless it is used locatively ("in Kelby") or names a country or a region of one."""
    if is_locative(span) or not all(t.text in person_words for t in span if t.text[:1].isupper()):
        return False
    return not any(e[KIND] in ("country", "admin1", "region") for e in _entries(gaz, span.text))


@rule("place.town-of-local-body")
def _town_of_its_police(span: Span, gaz: gazetteer.Gazetteer) -> bool:
    """A town before its police, fire service or council ("a Saskatoon police officer"): the town is where
    they serve, a place, though they are the actor. A country or state before them is the actor's name."""
    doc = span.doc
    if span.end >= len(doc) or doc[span.end].lower_ not in usage().local_bodies:
        return False
    kinds = {e[KIND] for e in _entries(gaz, span.text)}
    return bool(kinds & {"city", "village"}) and not kinds & {"country", "admin1", "region"}


@rule("actor.title-or-backer")
def _names_an_actor(span: Span) -> bool:
    """A name in the title of a person or group ("U.S. President Joe Biden", "Syrian army officers"), or
    who backs or leads ("Russia-backed separatists"). A street never is ("Rebecca Street East and Carlos
    Drive", whatever the parse)."""
    doc = span.doc
    last = span[-2] if len(span) >= 3 and span[-1].lower_ in COMPASS else span[-1]
    if _facility_kind(last) == "street":
        return False
    if span.end + 1 < len(doc) and doc[span.end].text == "-":
        return doc[span.end + 1].lemma_.lower() in usage().agent_participles
    tok = span.root
    if tok.dep_ not in ("compound", "amod", "nmod") or is_locative(span):
        return False
    head, words = tok.head, usage()
    bodies = []  # "police" in "the Hartwell City police inquiry"
    while head.dep_ == "compound" and head.head.i != head.i:
        if head.lemma_.lower() in words.agency_nouns:
            if head.lower_ not in words.local_bodies:
                return True
            bodies.append(head)
        head = head.head
    if bodies and head.lemma_.lower() in words.act_nouns:
        return False  # an act of a town's police or fire service: where it happened
    return bool(bodies) or head.ent_type_ == "PERSON" or head.lemma_.lower() in words.agency_nouns


def _top(tok: Token) -> Token:
    """The first of a list of names ("Canada" in "the United States, Canada and Australia"); the climb stops
    at a word that is not a name, which the parser sometimes takes for the list's head."""
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i and tok.head.ent_type_ in NAME_TYPES:
        tok = tok.head
    return tok


ELECTIONS = frozenset({"election", "vote", "referendum", "poll", "primary", "ballot", "runoff", "plebiscite"})


@rule("place.stative-subject")
def _stative(verb: Token, words: Usage) -> bool:
    """The verb says what its subject is or has ("Chile will have ..."), possibly through a phase verb
    ("Brazil continued to account for ...")."""
    lemma = verb.lemma_.lower()
    if lemma == "have" and any(c.dep_ == "xcomp" for c in verb.children):
        return False  # "China had to initiate ...": an obligation of an actor
    if lemma in words.state_verbs:
        return True
    if lemma == "hold" and any(c.dep_ == "dobj" and c.lemma_.lower() in ELECTIONS for c in verb.children):
        return True  # "Estonia is holding a snap election": the vote happens there
    if lemma in words.phase_verbs:
        return any(c.dep_ == "xcomp" and c.lemma_.lower() in words.state_verbs for c in verb.children)
    return False


@rule("place.locative")
def is_locative(span: Span) -> bool:
    """A name in a locative phrase ("talks in Velmora") is a place, whatever else it names."""
    tok = span.root
    while tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.lower_ in LOCATIVE_PREPS


def _country_support(actors: list, mentions: list[Mention], text: str) -> dict[str, set[str]]:
    """The names through which the article knows each country: its actors' mentions and its country names."""
    support: dict[str, set[str]] = {}
    for a in actors:
        if a.country:
            support.setdefault(a.country, set()).update(text[s[0] : s[1]].casefold() for s in a.mentions)
    for m in mentions:
        if m.entries and m.entries[0][KIND] == "country" and m.entries[0][COUNTRY]:
            support.setdefault(m.entries[0][COUNTRY], set()).add(m.name.casefold())
    return support


@rule("rank.state-over-country", off=lambda *args: set())
def _known_only_by(m: Mention, fold_key: str, countries: set[str], support: dict[str, set[str]]) -> set[str]:
    """Countries the name may be whose only support in the article is this very name, when it may also be a
    state of another of the article's countries: "primaries in Georgia" of a US campaign report is the state,
    though the name alone made Georgia an actor."""
    states_of = {e[COUNTRY] for e in m.entries if e[KIND] == "admin1"} & countries
    out = set()
    for e in m.entries:
        c = e[COUNTRY]
        if e[KIND] != "country" or c not in countries or not states_of - {c}:
            continue
        names = support.get(c)
        if names is not None and names <= {fold_key, fold_key.removeprefix("the ")}:
            out.add(c)
    return out


def _article_countries(actors: list, mentions: list[Mention]) -> set[str]:
    """Countries of the actors, and countries named as places."""
    countries = {a.country for a in actors if a.country}
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
        if LIST_GOES_ON.match(text, match.end()):
            return  # "Denver, Chicago and Boston": a list of places, not a place and its state
        _add_admin(_admin_entries(gaz, match.group(1)), clues)
        end = match.end()


def _admin_entries(gaz: gazetteer.Gazetteer, name: str) -> list[Entry]:
    """Entries of an admin unit's name as the words after a place give it: "N.C." keeps its dot, the full
    stop of "Paris, Texas." goes."""
    if re.fullmatch(r"[A-Z]{2}", name):
        return _us_state(gaz, name)  # "Kelby, OH": a US state's postal code
    return _entries(gaz, name) or (_entries(gaz, name.rstrip(".")) if name.endswith(".") else [])


def _us_state(gaz: gazetteer.Gazetteer, code: str) -> list[Entry]:
    import pycountry

    state = pycountry.subdivisions.get(code=f"US-{code}")
    if state is None:
        return []
    return [
        e
        for e in _entries(gaz, state.name)
        if e[KIND] == "admin1" and e[COUNTRY] == "USA" and e[ADMIN1] == code
    ]


def _add_admin(entries: list[Entry], clues: Clues) -> None:
    for e in entries:
        if e[KIND] in ("country", "admin1", "admin2") or (e[KIND] == "region" and (e[ADMIN1] or e[COUNTRY])):
            if e[COUNTRY]:
                clues.admin_countries.add(e[COUNTRY])
            if e[KIND] != "country" and e[ADMIN1]:
                clues.admin1.add((e[COUNTRY] or "", e[ADMIN1]))
            elif e[KIND] in ("region", "admin2") and e[LAT] is not None:
                clues.within.append((e[LAT], e[LON]))


def _admin_clues(m: Mention, following: list[Mention], text: str, base: Clues) -> Clues:
    """Admin units named right after the mention ("X, Texas"; "X in Y district, Z region, Ukraine")."""
    clues = Clues(
        countries=set(base.countries),
        support=base.support,
        areas=base.areas,
        cells=base.cells,
        names=base.names,
    )
    if not on(ADMIN_CONTEXT):
        return clues
    _text_clues(text, m.end, clues)
    end = m.end
    for nxt in following:
        if not ADMIN_GAP.match(text[end : nxt.start]) or LIST_GOES_ON.match(text, nxt.end):
            break
        _add_admin(nxt.entries, clues)
        end = nxt.end
        nxt_word = re.match(r"\s+(\w+)", text[end:])
        if nxt_word and nxt_word.group(1).lower() in ADMIN_WORDS:
            end += nxt_word.end()
    if clues.admin_countries or clues.within:
        fire(ADMIN_CONTEXT)
    return clues


ADMIN_CONTEXT = step(
    "rank.admin-context", "the admin units named right after a name (its state, county, country) locate it"
)
