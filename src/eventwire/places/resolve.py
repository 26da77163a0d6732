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

from typing import TYPE_CHECKING

from ..records import Place
from ..registry import Context, stage
from . import gazetteer, rank, rules
from .common import (
    POSSESSIVE,
    Mention,
    _place,
    choose,
)
from .gazetteer import COUNTRY, ID, KIND, Entry
from .mentions import (
    find_mentions,
)
from .rank import (
    Clues,
    _bare,
)
from .rules import begin_article, between, cite, mark, on, since, step
from .second_look import _locate_facilities, _second_look
from .usage import (
    _admin_clues,
    _article_countries,
    _country_support,
    _known_only_by,
)

if TYPE_CHECKING:
    pass


@stage("places", requires=["doc", "actors"], assigns=["places", "caption_places"], check=rules.check)
def resolve_places(ctx: Context) -> None:
    begin_article()
    gaz = gazetteer.load()
    if rank.COLLECT is not None:
        rank.COLLECT_ARTICLE = ctx.article.id
    actor_spans = [(s[0], s[1]) for a in ctx.record.actors for s in a.mentions]
    actor_countries = {a.country for a in ctx.record.actors if a.country}
    mentions = find_mentions(ctx.doc, actor_spans, gaz, countries=actor_countries)
    clues_all = Clues(countries=_article_countries(ctx.record.actors, mentions))
    clues_all.support = _country_support(ctx.record.actors, mentions, ctx.article.text)
    for name in {_bare(POSSESSIVE.sub("", m.name)): m.entries for m in mentions}.items():
        rank.add_area(clues_all, *name)
    how: dict[str, str] = {}
    ctx.record.places = _resolve(mentions, ctx.article.text, clues_all, gaz, how, 1)
    _locate_facilities(ctx.record.places, mentions, ctx.article.text, gaz, clues_all, how)
    if ctx.parse is not None:
        ctx.record.caption_places = _caption_places(ctx, gaz, clues_all, how)
    ctx.notes["places.how"] = how


def _caption_places(ctx: Context, gaz: gazetteer.Gazetteer, clues: Clues, how: dict[str, str]) -> list[Place]:
    """Places named in the photo captions ("... in Sataniv village, Khmelnytskyi region"), with the article's
    countries as context. Their spans point into the caption; any country or city in a caption that is the
    subject or possessor of a verb of doing or saying is taken as an actor."""
    assert ctx.parse is not None
    out: list[Place] = []
    for index, caption in enumerate(ctx.article.captions):
        doc = ctx.parse(caption)
        ents = [(e.start_char, e.end_char) for e in doc.ents]
        mentions = find_mentions(doc, ents, gaz, datelines=False, countries=clues.countries)
        places = _resolve(mentions, caption, clues, gaz, how, len(ctx.record.places) + len(out) + 1)
        for place in places:
            place.caption = index
        out += places
    return out


def _resolve(
    mentions: list[Mention],
    text: str,
    clues_all: Clues,
    gaz: gazetteer.Gazetteer,
    how: dict[str, str],
    first: int,
) -> list[Place]:
    """One place per mention, numbered from P<first>; each confident country adds to the context."""
    cache: dict[tuple, tuple[Entry | None, str, list[str]]] = {}
    places = []
    state_countries = _named_states(mentions)
    for i, m in enumerate(mentions):
        began = mark()
        clues = _admin_clues(m, mentions[i + 1 : i + 4], text, clues_all)
        fold_key = m.name.casefold()
        clues.name = _bare(POSSESSIVE.sub("", m.name))
        clues.span = (m.start, m.end)
        known = clues.countries | state_countries  # "Georgia" before "Virginia and Colorado" too
        dropped = _known_only_by(m, fold_key, known, clues_all.support)
        if dropped:
            clues.countries = (clues.countries - dropped) | {
                e[COUNTRY] for e in m.entries if e[KIND] == "admin1" and e[COUNTRY] in known
            }
        key = (fold_key, frozenset(clues.admin_countries), frozenset(clues.admin1))
        chose = mark()
        if key not in cache:
            cache[key] = (*choose(m.entries, clues), since(chose))
        entry, reason, fired = cache[key]
        if entry is not None and str(entry[ID]).startswith("seat:"):
            reason += "; the point of the town it is named after"
        confident = entry is not None and entry[COUNTRY] and (entry[KIND] != "village" or clues.admin1)
        if confident and on(RESOLVED_CONTEXT):
            clues_all.countries.add(entry[COUNTRY])  # resolved with confidence: context for the rest
            clues_all.support.setdefault(entry[COUNTRY], set()).add(fold_key)
        place = _place(f"P{first + len(places)}", m, entry, gaz, text)
        place.rules = list(m.rules)
        cite(place.rules, between(began, chose) + fired)
        place.rule = reason
        how[place.id] = f"{fold_key}: {reason}"
        places.append(place)
    _second_look(mentions, places, text, clues_all, gaz, how)
    return places


def _named_states(mentions: list[Mention]) -> set[str]:
    """The countries two of whose states or provinces the article names by names no country bears."""
    names: dict[str, set[str]] = {}
    for m in mentions:
        if not m.entries or m.entries[0][KIND] != "admin1":
            continue
        if not any(e[KIND] == "country" for e in m.entries):
            names.setdefault(m.entries[0][COUNTRY], set()).add(m.name.casefold())
    return {country for country, named in names.items() if len(named) >= 2}


RESOLVED_CONTEXT = step(
    "rank.resolved-country-context", "the country of a place resolved with confidence is context for the rest"
)
