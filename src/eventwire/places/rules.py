"""The places stage as a declared cascade of rules.

Every rule of the stage is declared here once, with an id, a phase, a one-line doc and one general example
(invented names): recognise (which words are place mentions) -> place-or-actor (a name used as a place, or
naming an actor at work) -> candidates (the gazetteer entries a mention may denote) -> rank (which of them is
meant) -> second-look (article-level consistency: facilities placed at their town, towns near each other).

A rule is a function decorated with `@rule(ID, off=...)`: called through the registry, it does nothing
(returns what `off` gives) while its id is switched off by the setting `places_rules_off`
(EVENTWIRE_PLACES_RULES_OFF, comma-separated ids), so that an ablation measures what each rule buys. A few
rules are a step inside another function, declared with `step(ID)`; their code asks `on(ID)`.

What fired is logged: a rule that returns something truthy (a filter: that removed something) appends its
id to `FIRED`, and the code that builds a mention or a place takes the ids logged since it began (`mark` /
`since`). Every place in the record cites them in order (`Place.rules`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import settings
from ..errors import EventwireError

PHASES = ("recognise", "place-or-actor", "candidates", "rank", "second-look")


@dataclass(frozen=True)
class Rule:
    id: str
    phase: str
    doc: str
    example: str


# id -> (phase, example); the doc is the first line of the rule function's docstring (or given here for the
# rules that are a step inside another function).
DECLARED: dict[str, tuple[str, str, str]] = {
    # recognise: which words are place mentions
    "recognise.model-entity": ("recognise", "the model's GPE, LOC or FAC entity is a mention",
                               "Farmers marched through Velmora on Sunday."),
    "recognise.dateline": ("recognise", "a dateline names where the report was filed",
                           "KORVASTAD, March 3 (Reuters) - The port reopened."),
    "recognise.press-release-dateline": ("recognise", "",
                                         "Tarnby and Olsholm, May 2, 2021 -- Acme Rail opened a depot."),
    "recognise.dateline-state": ("recognise", "", "MILLBROOK, Ore. (AP) - A bridge collapsed."),
    "recognise.numbered-street": ("recognise", "", "The shop on Fifth Avenue South closed."),
    "recognise.road-number": ("recognise", "", "A crash closed the A417 road near the junction."),
    "recognise.not-on-earth": ("recognise", "", "The probe reached Mars after seven months."),
    "recognise.renamed-street": ("recognise", "", "The avenue was later renamed Harlow."),
    "recognise.street-named-again": ("recognise", "",
                                     "The avenue was renamed Harlow; shops north of Harlow closed."),
    "recognise.demonym": ("recognise", "", "Tourists crowded the Greek islands."),
    "recognise.untagged-demonym": ("recognise", "", "Shelling hit villages along the Iraqi-Syrian border."),
    "recognise.org-big-place": ("recognise", "", "She edits the Courier of Marsville."),
    "recognise.local-body": ("recognise", "", "The Dunmore Fire Rescue Service sent two crews."),
    "recognise.place-first-in-name": ("recognise", "", "The Kelby County Water Board raised its rates."),
    "recognise.place-first-in-country": ("recognise", "", "The Tamale Harmony Choir sang in Accra."),
    "recognise.venue": ("recognise", "", "She read at Cafe Lumo in Lagos."),
    "recognise.name-before-kind": ("recognise", "", "Traffic backed up at the Windle roundabout."),
    "recognise.organisation-as-place": ("recognise", "",
                                        "A lecturer at the University of Norvik in Accra spoke."),
    "recognise.named-for-place": ("recognise", "", "The University of Alberta opened a lab."),
    "recognise.where-after": ("recognise", "", "The season opens at Kelby Park, where fans queued."),
    "recognise.longer-name": ("recognise", "", "Pilgrims filled St. Anselm's Basilica."),
    "recognise.comma-parts": ("recognise", "", "The race at Dunmore Park, Cheshire, was stopped."),
    "recognise.untagged-name": ("recognise", "", "He moved to Thornby in 2010."),
    "recognise.residents-of": ("recognise", "", "A Thornby man was charged on Monday."),
    "recognise.hyphen-compound": ("recognise", "", "Rain fell across KwaZulu-Natal."),
    "recognise.closes-address": ("recognise", "", "The meeting is at Brands Close, Kent."),
    "recognise.facility": ("recognise", "", "Crowds gathered on Royal Street."),
    "recognise.facility-name": ("recognise", "", "Protesters filled Harmon Square."),
    "recognise.unknown-feature": ("recognise", "", "Water rose in the Kelby Canal."),
    "recognise.repeated": ("recognise", "",
                           "Storms hit Dunmore on Friday. Dunmore's schools stay shut."),
    "recognise.worth-keeping": ("recognise", "", "The firm sells Formaldex to hospitals."),
    "recognise.town-noun-of": ("recognise", "", "Shells fell on the suburb of Zarqa."),
    "recognise.unit-after": ("recognise", "", "Walkers found Kelby Forest, Fife, flooded."),
    "recognise.named-as-a-place": ("recognise", "", "They camped in Ballinree."),
    # place-or-actor
    "actor.agent": ("place-or-actor", "", "Velmora said on Monday it would send troops."),
    "actor.title-or-backer": ("place-or-actor", "", "Velmoran-backed rebels took the Velmora President."),
    "actor.persons-name": ("place-or-actor", "", "Helen Kunz won; Helen thanked the crowd."),
    "actor.person-evidence": ("place-or-actor", "", "Mayor Tamsin spoke; the fair in Tamsin opened."),
    "place.town-of-local-body": ("place-or-actor", "", "A Dunmore police officer was hurt."),
    "place.world-region-at-rest": ("place-or-actor", "", "Oceania's oldest parliament met."),
    "place.based": ("place-or-actor", "", "The Dunmore-based firm hired 40 people."),
    "place.locative": ("place-or-actor", "", "The talks in Velmora ended late."),
    "place.stative-subject": ("place-or-actor", "", "Velmora will have the largest fleet."),
    "place.fought-within": ("place-or-actor", "", "Velmora's civil war displaced thousands."),
    "place.plain-locative": ("place-or-actor", "", "She lives in Portby."),
    "place.motion-to": ("place-or-actor", "", "The family moved to Thornby."),
    "place.residence-of": ("place-or-actor", "", "Tom and Ann Baker of Massby won."),
    # candidates
    "candidates.with-article": ("candidates", "", "Barges sailed down the Thames."),
    "candidates.no-town-after-the": ("candidates", "", "Voters in the West want change."),
    "candidates.unit-word": ("candidates", "", "Floods hit Suffolk County and County Kerry."),
    "candidates.seat-named": ("candidates", "", "Shelling hit Borova district overnight."),
    # rank
    "rank.learned": ("rank", "", "Flooding closed roads in Athens and Monroe, and Walton County."),
    "rank.admin-context": ("rank", "", "Crowds gathered in Paris, Texas."),
    "rank.generic-name-in-context": ("rank", "", "Rain is forecast for the West Coast."),
    "rank.small-town-in-context": ("rank", "", "Police were called to Millby."),
    "rank.several-landmarks": ("rank", "", "Mass was said at St Anne's Church."),
    "rank.outside-named-unit": ("rank", "", "A barn burned in Rockby, Northamptonshire."),
    "rank.own-name": ("rank", "", "The train left Salisbury for London."),
    "rank.city-named-like-unit": ("rank", "", "The team flew to Cork on Monday."),
    "rank.state-over-country": ("rank", "", "Primaries in Georgia and Ohio drew voters."),
    "rank.resolved-country-context": ("rank", "", "Fighting in Velmora spread to Dunmore."),
    # second-look: article-level consistency
    "second-look.near-towns": ("second-look", "", "Floods hit Dunmore, Thornby and Millby."),
    "second-look.town-in-name": ("second-look", "", "Mass was said at Manila Cathedral."),
    "second-look.town-at-end": ("second-look", "", "Guests met at the Grand Hotel Oslo."),
    "second-look.place-after": ("second-look", "", "The game was at the Harmon Arena in Brooklyn."),
    "second-look.capital-of-body": ("second-look", "", "He was summoned to the Velmoran Foreign Ministry."),
    "second-look.national-capital": ("second-look", "", "DUNMORE - The Supreme Court ruled on Monday."),
    "second-look.home-town": ("second-look", "", "DUNMORE - Crowds gathered at the Regal cinema."),
    "second-look.town-before": ("second-look", "",
                                "A show comes to Clacby. It opens at the Princes Theatre."),
    "second-look.shared-building": ("second-look", "", "St Anne's and St Bride's Church in Ashby reopened."),
    "second-look.main-country": ("second-look", "", "WASHINGTON - US aid reached Velmora and Kelby Hatch."),
    "second-look.placed-elsewhere": ("second-look", "",
                                     "They met at Kelby Park. Kelby Park Stadium, Fife, was full."),
    "second-look.local-name-before": ("second-look", "",
                                      "Walkers left Kelby Hatch, Fife, for Kelby Bend at noon."),
}  # fmt: skip

RULES: dict[str, Rule] = {}

# The rules switched off (set by `configure` from the setting) and the log of those that fired.
OFF: frozenset[str] = frozenset()
FIRED: list[str] = []


def _declare(rule_id: str, doc: str) -> None:
    if rule_id not in DECLARED:
        raise KeyError(f"places rule {rule_id!r} is not declared in places/rules.py")
    phase, given, example = DECLARED[rule_id]
    RULES[rule_id] = Rule(rule_id, phase, given or doc, example)


def _first_line(doc: str | None) -> str:
    text = " ".join((doc or "").split())
    return text.split(". ")[0].split(": ")[0].rstrip(".") if text else ""


def never(*args: Any, **kwargs: Any) -> bool:
    return False


def always(*args: Any, **kwargs: Any) -> bool:
    return True


def nothing(*args: Any, **kwargs: Any) -> Any:
    return None


def none_found(*args: Any, **kwargs: Any) -> list:
    return []


def rule(rule_id: str, off: Callable[..., Any] = never, keep: int | None = None) -> Callable:
    """Register the decorated function as rule `rule_id`. Switched off, it returns `off(*args)`; with
    `keep`, it is a filter of its argument `keep` (switched off, that argument is returned as it is, and it
    fires when it removes something)."""

    def register(fn: Callable) -> Callable:
        _declare(rule_id, _first_line(fn.__doc__))
        if keep is not None:

            @functools.wraps(fn)
            def filtered(*args: Any, **kwargs: Any) -> Any:
                if rule_id in OFF:
                    return args[keep]
                out = fn(*args, **kwargs)
                if len(out) != len(args[keep]):
                    FIRED.append(rule_id)
                return out

            return filtered

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if rule_id in OFF:
                return off(*args, **kwargs)
            start = len(FIRED)
            out = fn(*args, **kwargs)
            if out:
                if isinstance(out, list):  # mentions found: each cites the rule first
                    for m in out:
                        if hasattr(m, "entries") and rule_id not in m.rules:
                            m.rules.insert(0, rule_id)
                elif hasattr(out, "entries"):  # a mention found: it cites the rule and those it used
                    out.rules[:0] = [r for r in [rule_id, *FIRED[start:]] if r not in out.rules]
                FIRED.append(rule_id)
            return out

        return wrapper

    return register


def step(rule_id: str, doc: str = "") -> str:
    """Declare a rule that is a step inside another function (its code asks `on(rule_id)`)."""
    _declare(rule_id, doc)
    return rule_id


def on(rule_id: str) -> bool:
    return rule_id not in OFF


def fire(rule_id: str) -> None:
    FIRED.append(rule_id)


def mark() -> int:
    return len(FIRED)


def since(start: int) -> list[str]:
    """The ids fired since `mark()` returned `start`, each once, in order."""
    return list(dict.fromkeys(FIRED[start:]))


def between(start: int, end: int) -> list[str]:
    """The ids fired from `mark()` `start` to `mark()` `end`, each once, in order."""
    return list(dict.fromkeys(FIRED[start:end]))


def cite(rules: list[str], extra: list[str]) -> None:
    """Add the ids of `extra` not yet in `rules`, in order."""
    rules.extend(r for r in dict.fromkeys(extra) if r not in rules)


def begin_article() -> None:
    """Start the log of one article, and read which rules are switched off."""
    global OFF
    FIRED.clear()
    OFF = switched_off(str(settings.get("places_rules_off") or ""))


@functools.lru_cache(maxsize=32)
def switched_off(raw: str) -> frozenset[str]:
    """The ids of a comma-separated list; an unknown id is an error that says how to see the valid ones."""
    load_all()
    ids = frozenset(x.strip() for x in raw.split(",") if x.strip())
    unknown = sorted(ids - RULES.keys())
    if unknown:
        raise EventwireError(
            f"EVENTWIRE_PLACES_RULES_OFF names unknown places rule id(s): {', '.join(unknown)}",
            "`eventwire places rules` lists the valid ids",
        )
    return ids


def check() -> None:
    """The setting's check before a run: an unknown id is one error, not a failure of every article."""
    switched_off(str(settings.get("places_rules_off") or ""))


def load_all() -> dict[str, Rule]:
    """Every rule, once the modules that define them are imported, in the order of the declarations."""
    from . import facilities, mentions, resolve  # noqa: F401  (they register their rules on import)

    missing = DECLARED.keys() - RULES.keys()
    if missing:
        raise KeyError(f"places rules declared but not defined: {', '.join(sorted(missing))}")
    return {k: RULES[k] for k in DECLARED}
