"""The public record contract, `eventwire.record/1` (DESIGN.md section 2).

One `Record` per article. Every span is a `[start, end]` pair of character offsets into `article.text`.
Fields may be added in later versions, never renamed or dropped without a new schema version, so
`Record.from_dict` accepts and ignores keys it does not know, while `validate` checks every known field's
type, the closed vocabularies and that spans fall inside the text.
"""

from __future__ import annotations

import functools
import json
import types
import typing
from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any

from .errors import ContractError, InputError

SCHEMA = "eventwire.record/1"

PLOVER_TYPES = (
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT"
).split()
# "generic" was added in this version (habitual or general statements); like the other statuses but
# asserted and planned, it is not counted.
STATUSES = ("asserted", "planned", "conditional", "hypothetical", "negated", "generic")
PRECISIONS = ("day", "week", "month", "year")
# "text" was added in this version: a date counted from another date the text gave ("the following month").
ANCHORS = ("published", "explicit", "text")
PLACE_KINDS = ("country", "admin1", "admin2", "city", "village", "region", "facility")

Span = list[int]


@dataclass
class TextSpan:
    text: str
    span: Span


@dataclass
class TimeRef:
    text: str | None
    span: Span | None
    value: str | None
    precision: str | None
    anchor: str | None


@dataclass
class Article:
    id: str
    hash: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    credits: list[str] = field(default_factory=list)
    published: str | None = None
    published_inferred: bool = False
    language: str | None = None
    captions: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    # Added in this version (the contract only grows): the page's URL when the input gives one; which step
    # of the publication-date cascade gave `published` (given, metadata, dateline, inferred); the raw date
    # lines the cleaner found near the headline ("Published May 25, 2026", "Updated 3:15 PM EST").
    url: str | None = None
    published_step: str | None = None
    date_lines: list[str] = field(default_factory=list)
    # Added in this version: the id of the stored article this one repeats (a wire copy, a re-publication),
    # set when the record is stored (duplicates.py); None for an original.
    duplicate_of: str | None = None


@dataclass
class Actor:
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    org: str | None = None
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)
    # Added in this version: how the actor was resolved (knowledge-base entry, title rule, coreference).
    how: list[str] = field(default_factory=list)

    @property
    def is_person(self) -> bool:
        """People have lower-case ids ("rus.peskov", "person:jane-roe"); states and groups upper-case ones
        ("RUS", "RUS.MIL"), organizations the knowledge base does not hold "org:" ones."""
        return self.id[:1].islower() and not self.id.startswith("org:")


@dataclass
class EventMention:
    """One place where an article states an event (GDELT's mentions): its trigger and sentence, the status
    and the lexicon entry or model that found it there."""

    trigger: TextSpan
    sentence: TextSpan
    status: str = "asserted"
    rule: str | None = None


@dataclass
class Event:
    id: str
    type: str
    trigger: TextSpan
    sentence: TextSpan
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    status: str = "asserted"
    date: TimeRef | None = None
    place: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    quote: str | None = None
    confidence: float = 0.0
    rule: str | None = None
    # Added in this version: every statement of this happening in the article (headline, lede, later
    # restatements), merged into one event, as GDELT's NumMentions; `trigger` and `sentence` are the first
    # mention's. `score`: the learned event classifier's probability of the type (None without the model).
    # `dropped` is set only on `record.event_candidates`: why a trigger was not kept as an event.
    mentions: list[EventMention] = field(default_factory=list)
    num_mentions: int = 1
    score: float | None = None
    dropped: str | None = None


@dataclass
class Quote:
    id: str
    text: str
    span: Span
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    direct: bool = True
    date: TimeRef | None = None
    # Added in this version: the parts of a quotation interrupted by its attribution ("“A,” she said.
    # “B.”"): `span` then runs from the first part's start to the last part's end, `text` joins the parts.
    fragments: list[Span] = field(default_factory=list)
    # Added in this version: how the speaker was decided (quote_speakers: named, pronoun, role, name in
    # phrase, group, generic, paragraph run, ...).
    speaker_how: str | None = None


@dataclass
class Place:
    id: str
    text: str
    span: Span
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    # Added to the contract: how the name was found ("name": a place entity, "demonym": "the Greek islands",
    # "dateline", "untagged": a name the model missed, in a locative phrase; "facility": a street or building,
    # placed where it is; "embedded": the town in a local body's name, "the Winnipeg Fire Service", or the
    # place an organisation's or a law's name ends with, "the University of Alberta";
    # "repeated": another mention of a name the article uses as a place, untagged by the model) and why this
    # entry was chosen.
    use: str = "name"
    rule: str | None = None
    # Set on the places of `Record.caption_places`: the index of the caption in `article.captions`, into
    # which `span` then points.
    caption: int | None = None
    # Added to the contract: the ids of the places rules that produced or changed this place, in order
    # (`eventwire places rules` lists them; EVENTWIRE_PLACES_RULES_OFF switches them off).
    rules: list[str] = field(default_factory=list)


@dataclass
class Record:
    article: Article
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    # Added to the contract: places named in the photo captions, which are not part of article.text.
    caption_places: list[Place] = field(default_factory=list)
    # Added to the contract: triggers the coder matched but did not keep as events (no coded party, not a
    # specific happening by the learned classifier's reading), each with `dropped` saying why; for
    # explanation only: they are not in `events`, counts or exports.
    event_candidates: list[Event] = field(default_factory=list)
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        data = _plain(self)
        return {"schema": data.pop("schema"), **data}

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Record:
        validate(data)
        return _build(cls, data, "record")

    @classmethod
    def from_json(cls, text: str) -> Record:
        return cls.from_dict(json.loads(text))


_SCALARS = (str, int, float, type(None))


def _plain(value: Any) -> Any:
    """A dataclass tree as plain dicts and lists (what dataclasses.asdict does, without its deep copies).
    Scalars are tested first: a record holds thousands of them (spans, offsets), and few dataclasses."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, list):
        return [v if isinstance(v, _SCALARS) else _plain(v) for v in value]
    names = _field_names(type(value))
    if names is None:
        return value
    out = {}
    for name in names:
        v = getattr(value, name)
        out[name] = v if isinstance(v, _SCALARS) else _plain(v)
    return out


@functools.cache
def _field_names(tp: type) -> tuple[str, ...] | None:
    return tuple(f.name for f in fields(tp)) if is_dataclass(tp) else None


def _build(tp: Any, value: Any, path: str) -> Any:
    """Turn JSON data into the annotated type `tp`, raising ContractError on a mismatch."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(tp)
        if value is None:
            if type(None) in options:
                return None
            raise ContractError(f"{path} is null but must have a value")
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _build(option, value, path)
            except ContractError as exc:
                errors.append(str(exc))
        raise ContractError(errors[0] if errors else f"{path} has the wrong type")
    if origin is list:
        if not isinstance(value, list):
            raise ContractError(f"{path} must be a list, got {type(value).__name__}")
        (item_tp,) = typing.get_args(tp)
        return [_build(item_tp, v, f"{path}[{i}]") for i, v in enumerate(value)]
    if is_dataclass(tp):
        if not isinstance(value, dict):
            raise ContractError(f"{path} must be an object, got {type(value).__name__}")
        hints = typing.get_type_hints(tp)
        kwargs = {}
        for f in fields(tp):
            if f.name in value:
                kwargs[f.name] = _build(hints[f.name], value[f.name], f"{path}.{f.name}")
            elif f.default is MISSING and f.default_factory is MISSING:
                raise ContractError(f"{path}.{f.name} is missing")
        return tp(**kwargs)
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ContractError(f"{path} must be a number, got {value!r}")
        return float(value)
    if tp in (int, str, bool):
        if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
            raise ContractError(f"{path} must be {tp.__name__}, got {value!r}")
        return value
    raise ContractError(f"{path}: unsupported type {tp!r}")  # pragma: no cover


def validate(data: dict[str, Any]) -> None:
    """Check a record dict against the contract; raise ContractError naming the first problem."""
    if not isinstance(data, dict):
        raise ContractError("a record must be a JSON object")
    if data.get("schema") != SCHEMA:
        raise ContractError(f"record.schema is {data.get('schema')!r}, expected {SCHEMA!r}")
    rec: Record = _build(Record, data, "record")
    n = len(rec.article.text)

    def check_span(span: Span | None, where: str) -> None:
        if span is None:
            return
        if len(span) != 2 or not 0 <= span[0] <= span[1] <= n:
            raise ContractError(f"{where} {span} is not a span inside article.text (length {n})")

    def check_in(value: Any, allowed: tuple, where: str) -> None:
        if value is not None and value not in allowed:
            raise ContractError(f"{where} is {value!r}; allowed: {', '.join(map(str, allowed))}")

    actor_ids = {a.id for a in rec.actors}
    place_ids = {p.id for p in rec.places}
    quote_ids = {q.id for q in rec.quotes}
    for i, a in enumerate(rec.actors):
        for m in a.mentions:
            check_span(m, f"actors[{i}].mentions")
    for i, t in enumerate(rec.times):
        check_span(t.span, f"times[{i}].span")
        check_in(t.precision, PRECISIONS, f"times[{i}].precision")
        check_in(t.anchor, ANCHORS, f"times[{i}].anchor")
    for i, p in enumerate(rec.places):
        check_span(p.span, f"places[{i}].span")
        check_in(p.kind, PLACE_KINDS, f"places[{i}].kind")
    for i, p in enumerate(rec.caption_places):
        where = f"caption_places[{i}]"
        if p.caption is None or not 0 <= p.caption < len(rec.article.captions):
            raise ContractError(f"{where}.caption {p.caption!r} is not an index of article.captions")
        if not 0 <= p.span[0] <= p.span[1] <= len(rec.article.captions[p.caption]):
            raise ContractError(f"{where}.span {p.span} is not a span inside its caption")
        check_in(p.kind, PLACE_KINDS, f"{where}.kind")
    for i, q in enumerate(rec.quotes):
        check_span(q.span, f"quotes[{i}].span")
        if q.speaker is not None and q.speaker not in actor_ids:
            raise ContractError(f"quotes[{i}].speaker {q.speaker!r} is not an actor id")
    for i, e in enumerate([*rec.events, *rec.event_candidates]):
        where = f"events[{i}]" if i < len(rec.events) else f"event_candidates[{i - len(rec.events)}]"
        check_in(e.type, tuple(PLOVER_TYPES), f"{where}.type")
        check_in(e.status, STATUSES, f"{where}.status")
        check_in(e.quad_class, (1, 2, 3, 4), f"{where}.quad_class")
        check_span(e.trigger.span, f"{where}.trigger.span")
        check_span(e.sentence.span, f"{where}.sentence.span")
        for ref in e.actors + e.recipients:
            if ref not in actor_ids:
                raise ContractError(f"{where} names actor {ref!r}, which is not in record.actors")
        if e.place is not None and e.place not in place_ids:
            raise ContractError(f"{where}.place {e.place!r} is not a place id")
        if e.quote is not None and e.quote not in quote_ids:
            raise ContractError(f"{where}.quote {e.quote!r} is not a quote id")
        if not 0.0 <= e.confidence <= 1.0:
            raise ContractError(f"{where}.confidence {e.confidence} is outside 0..1")
        for j, m in enumerate(e.mentions):
            check_span(m.trigger.span, f"{where}.mentions[{j}].trigger.span")
            check_span(m.sentence.span, f"{where}.mentions[{j}].sentence.span")
            check_in(m.status, STATUSES, f"{where}.mentions[{j}].status")
        if e.num_mentions < 1 or (e.mentions and e.num_mentions != len(e.mentions)):
            raise ContractError(f"{where}.num_mentions {e.num_mentions} does not count its mentions")


@dataclass
class Failure:
    """An item that could not be coded, with the reason shown to the user and stored in `failures`."""

    source: str
    item: str | None
    reason: str
    code: str = "E100"

    @classmethod
    def from_error(cls, exc: InputError) -> Failure:
        return cls(exc.source, exc.item, str(exc), exc.code)


@dataclass
class Skipped:
    """An article left out of a run because the store already holds it coded from the same content."""

    source: str
    id: str
