"""An article's home country, and the actors it names without a nationality.

Domestic news names its own people and bodies without saying whose they are: "Police arrested twelve
protesters", "the Ministry of Justice condemned the strike", "Mr Okonkwo, the finance minister, said". When
one country dominates the article's country-coded mentions (at least HOME_MIN_MENTIONS of them and more than
HOME_MIN_SHARE of all, and more than any other country), those actors are given that country, and `how`
says so:
  - people the article names with no country of their own (persons the knowledge base does not hold, or
    holds without a country), and organizations it does not hold (actors/orgs.py);
  - role groups with no country in their phrase ("police", "prison officers", "the ministry"), which become
    actors of the home country with the role's sector (HOME.COP, HOME.GOV).
With no dominant country (a report on talks between two states names both about as often) nothing is added.
An office holder with no country ("Home Office minister Jo Bell", "Senator Ann Roe") or an official role
group ("police", "ministers") is a lesser doubt: when every country-coded mention of the article is of one
country, even a single one, and a person of that country or the country by its name is among them ("British
Prime Minister Jo Bell", "in Chile"; not only an adjective: "Rwandan-backed militias"), it is given that
country.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span

    from ..records import Actor

HOME_MIN_MENTIONS = 2
HOME_MIN_SHARE = 0.4  # fitted on the train split of the sentence gold (scripts/eval_parties.py --split train)
HOW = "country of the article: {code} ({n} of {total} country mentions)"


def home_country(actors: list[Actor], min_mentions: int = HOME_MIN_MENTIONS) -> tuple[str | None, str]:
    """The dominant country of the article's coded mentions, and the reason (or None, "")."""
    counts: Counter[str] = Counter()
    for a in actors:
        if a.country:
            counts[a.country] += len(a.mentions)
    total = sum(counts.values())
    if not total:
        return None, ""
    (code, n), *rest = counts.most_common(2)
    if n < min_mentions or n / total <= HOME_MIN_SHARE or (rest and rest[0][1] == n):
        return None, ""
    return code, HOW.format(code=code, n=n, total=total)


def place_at_home(builder: Any, unplaced: list[tuple[Span, Any]]) -> None:
    """Give the home country to the builder's actors without one and add the role groups that had none."""
    code, why = home_country(list(builder.actors.values()))
    if code is None:
        _officials_at_home(builder, unplaced)
        return
    for actor in list(builder.actors.values()):
        if actor.country is None and actor.org is None and actor.id.startswith(("person:", "org:")):
            actor.country = code
            builder.how.setdefault(actor.id, []).append(why)
    for rspan, entry in unplaced:
        _add_group(builder, code, rspan, entry, f"role group without a country: roles.yaml:{entry.id}; {why}")


def _add_group(builder: Any, code: str, rspan: Span, entry: Any, how: str) -> None:
    """The role group `rspan` ("police", "the ministry") as an actor of country `code`."""
    where = (rspan.start_char, rspan.end_char)
    builder.add(
        f"{code}.{entry.sector}",
        rspan.text,
        where,
        how,
        country=code,
        sector=entry.sector,
        role=rspan.text.lower(),
    )


STATAL = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})


def _names_the_country(actor: Any, code: str) -> bool:
    """A person of the country, or the country named by its name ("Chile", "Chile's"), not an adjective."""
    if actor.country != code:
        return False
    return actor.is_person or (actor.id == code and not all("demonym" in h for h in actor.how))


def _officials_at_home(builder: Any, unplaced: list[tuple[Span, Any]]) -> None:
    """With no dominant country: office holders without a country, and official role groups ("police",
    "ministers"), take the article's only country."""
    actors = list(builder.actors.values())
    code, why = home_country(actors, min_mentions=1)
    if code is None or len({a.country for a in actors if a.country}) != 1:
        return
    if not any(_names_the_country(a, code) for a in actors):
        return  # named only by an adjective ("Rwandan-backed militias", "the Chinese ambassador"): no home
    for actor in actors:
        if actor.country is None and actor.org is None and actor.is_person and actor.sector in STATAL:
            actor.country = code
            builder.how.setdefault(actor.id, []).append(f"office holder; the only {why}")
    for rspan, entry in unplaced:
        if entry.sector in STATAL:
            how = f"official role group without a country: roles.yaml:{entry.id}; the only {why}"
            _add_group(builder, code, rspan, entry, how)
