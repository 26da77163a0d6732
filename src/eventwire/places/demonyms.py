"""Demonyms as places: a country's or region's demonym before a thing, not people ("the Greek islands",
"Syrian jails", "the European economy"), tagged by the model or not."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy

from . import gazetteer
from .common import PLACE_NOUNS, Mention, _entries, _facility_kind, usage
from .gazetteer import COUNTRY, KIND, Entry
from .rules import none_found, nothing, rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@rule("recognise.demonym", off=nothing)
def _demonym(
    span: Span, name: str, kb, gaz: gazetteer.Gazetteer, actor_spans: list[tuple[int, int]]
) -> Mention | None:
    """A country's demonym that modifies a thing, not people ("the Greek islands", "Syrian jails"): the
    country as a place. Demonyms of people or groups ("Russian troops", "Americans") are actors."""
    tok = span.root
    doc = span.doc
    if (
        span.end + 1 < len(doc)
        and doc[span.end].text == "-"
        and doc[span.end + 1].lower_ in ("language", "speaking")
    ):
        return None  # "Spanish-language television": a language, not a country
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in NAMED_PARTS:
        # The first word of a name: "the Latin Quarter", "the Jewish Quarter" is a quarter of its town.
        whole = doc[span.start : span.end + 1]
        start = whole.start_char + len(span.text) - len(name)
        full = doc.text[start : whole.end_char]
        known = [e for e in _entries(gaz, full) if e[KIND] != "country"]
        if not known and nxt.lower_ not in TOWN_PARTS:
            return None  # "the French Alps" no gazetteer knows: not a building of the article's town
        return Mention(whole, start, whole.end_char, full, known, "name" if known else "facility")
    head = tok.head
    while (
        head.dep_ == "amod"
        and head.i > head.head.i - 3
        and {e.kind for e in kb.entries(head.text)} == {"demonym"}
    ):
        head = head.head  # "the Iraqi-Syrian border": the border is what both name
    if tok.dep_ not in ("amod", "compound", "nmod") and _noun_after(tok, nxt):
        tok, head = nxt, nxt  # the parse missed the modifier: "languish in Latvian jails"
    elif tok.dep_ not in ("amod", "compound", "nmod") or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.ent_type_ in ("PERSON", "ORG", "NORP") or head.lemma_.lower() in usage().people_nouns:
        return None
    where = _facility_kind(head) is not None or head.lemma_.lower() in PLACE_NOUNS
    if not where and any(s <= head.idx < e for s, e in actor_spans):
        return None  # the actors stage took the phrase for a group: "Russian troops" (not "Syrian jails")
    region = usage().region_adjectives.get(name)
    if region is not None:  # "the European economy": Europe
        entries = [e for e in gaz.get(region) if e[KIND] in ("region", "admin1")]
    else:
        codes = {e.key for e in kb.entries(name) if e.kind == "demonym"}
        if len(codes) != 1:
            return None
        entries = _country_entries(gaz, codes.pop())
    if not entries:
        return None
    return Mention(
        span, span.start_char + len(span.text) - len(name), span.end_char, name, entries, "demonym"
    )


def _noun_after(tok: Token, nxt: Token | None) -> bool:
    """The common noun a demonym parsed as an object modifies, right after it: a noun, or a plural the
    tagger took for a verb ("in Latvian jails")."""
    if nxt is None or not nxt.is_lower or tok.dep_ not in ("pobj", "dobj"):
        return False  # "The Welsh need two wins": the demonym is the subject, a people
    return nxt.pos_ == "NOUN" or (nxt.pos_ == "VERB" and nxt.tag_ == "VBZ")


# Words that end the names of quarters and features, and make a demonym before them part of a name.
NAMED_PARTS = frozenset({"quarter", "village", "town", "riviera", "alps", "hills", "valley", "coast", "sea"})

TOWN_PARTS = frozenset({"quarter", "village", "town"})  # the others are a region's features


@rule("recognise.untagged-demonym", off=none_found)
def _untagged_demonyms(doc: Doc, kb, gaz: gazetteer.Gazetteer, actor_spans, taken: set[int]) -> list[Mention]:
    """Demonyms the model left untagged before a thing: "along the Iraqi-Syrian border" ("Syrian")."""
    from spacy.attrs import POS
    from spacy.parts_of_speech import IDS

    out = []
    for i in numpy.flatnonzero(doc.to_array([POS]) == IDS["ADJ"]).tolist():  # the adjectives only
        tok = doc[i]
        if i in taken or tok.ent_type_ or not tok.text[:1].isupper():
            continue
        known = {e.kind for e in kb.entries(tok.text)}
        if (known and known <= {"demonym"}) or tok.text in usage().region_adjectives:
            mention = _demonym(doc[tok.i : tok.i + 1], tok.text, kb, gaz, actor_spans)
            if mention is not None:
                out.append(mention)
                taken.add(tok.i)
    return out


def _country_entries(gaz: gazetteer.Gazetteer, code: str) -> list[Entry]:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return []
    return [e for e in gaz.get(country.name) if e[KIND] == "country" and e[COUNTRY] == code]
