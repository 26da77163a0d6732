"""The `events` stage: PLOVER 2.0 events from the dependency parse, the lexicon and the resolved actors.

For every trigger the lexicon matches (verbs first, then nouns not already part of a verb's pattern):
  1. actors      the subject (a passive's "by" phrase), inherited through infinitives and coordinated verbs
                 ("agreed to withdraw"); a pronoun in reported speech is the reporting subject ("Peru said
                 it was moving troops"); for a noun, the subject of the verb it is the object of ("held
                 talks"), a possessive ("Russia's deployment"), an adjective ("Russian invasion") or "by";
                 the speaker of the reporting clause for threats stated about the recipient ("X would face
                 a heavy price"). Every actor whose mention lies in that phrase counts, so compound
                 subjects stay lists.
                 An ethnic group is coded by where it lives ("ethnic Serbs in Croatia"); a subject naming no
                 actor gives its apposition's, else its place's country ("a car bomb in Mosul"); a patron
                 in a modifier ("pro-Turkish", "Rwandan-backed") is never a party.
  2. recipients  the object (when the entry says the object is a party) and the entry's prepositions; an
                 object naming only a place gives that place's country ("shelled the town of X"); a threat or
                 demand without one takes the subject of its clause or condition; then (after the parties a
                 complement or purpose clause names) the country of the event's place, and for an act of
                 conflict still without one the actor's own country (a domestic act).
  3. status      status.py: negated, hypothetical, conditional, planned or asserted.
  4. threat      a material-conflict event stated as the consequence of a condition ("would retaliate if")
                 is a THREATEN by its actor.
  5. evidence    trigger and sentence spans, the lexicon entry id, the clause's date (lookups.clauses), the
                 quote holding the trigger, CAMEO code, quad class and Goldstein score (ontology.py), and a
                 confidence (see `confidence`).
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from ..lookups.clauses import clause_time
from ..lookups.lexicon import Match, NounPattern, VerbPattern, load
from ..records import Actor, Event, Quote, TextSpan
from ..registry import Context, stage
from . import ontology
from .arguments import IndexedActors, actors_at, arguments, condition_subjects, speaker_of, subject_of
from .classify import classify
from .matching import find_matches
from .merge import codes, merge_mentions, split_partyless
from .performative import add_performative_speakers
from .status import (
    by_future_aux,
    caused_by_nature,
    event_status,
    is_arranged,
    is_conditional_consequence,
    is_negated_by_a_noun,
    is_obligation,
    is_refused_subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Planned acts of these types are threats ("will impose a curfew"); planned drills or marches are not.
THREAT_TYPES = frozenset({"ASSAULT", "COERCE", "SANCTION"})
# Types whose place, when no party is named, is what the act is done to ("police raided homes in Basra",
# "troops deployed to Belarus"); the place of talks or of a statement is only where they happen.
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "AID", "SANCTION"})
# Acts of force and coercion with no target named are done at home ("police detained dozens of miners"), and
# a protest or strike with none is aimed at its own country's authorities (PLOVER: "directed toward ...
# government authorities"); a denial or a deployment without a target is not done to the actor's own country.
DOMESTIC_TYPES = frozenset({"ASSAULT", "COERCE", "PROTEST"})
# Prepositions that place an event: "talks in Paris", "troops to Belarus".
PLACE_PREPS = frozenset({"in", "at", "to", "into", "near", "inside", "outside", "across", "along", "on"})
# Military exercises (entry ids): one country's are a show of force (MOBILIZE), those of several countries
# are military cooperation (COOPERATE), as PLOVER codes "joint military games and maneuvers".
EXERCISE, JOINT_EXERCISE = "mobilize.exercise", "cooperate.exercise"
# Prepositions naming a partner in a joint act: "drills with Belarus", "exercises alongside U.S. troops".
PARTNER_PREPS = frozenset({"with", "alongside"})
# Confidence: a transparent sum, capped at 1 (documented in the README).
CONF_BASE = 0.4
CONF_VERB = 0.15  # a verb trigger (a noun's roles are less certain)
CONF_PATTERN_WORD = 0.05  # per extra word of the pattern (object, particle, infinitive), at most 3
CONF_ACTOR = 0.25
CONF_RECIPIENT = 0.15


def confidence(m: Match, actor_ids: list[str], recipients: list[str]) -> float:
    """CONF_BASE, plus CONF_VERB for a verb trigger, CONF_PATTERN_WORD per extra pattern word (at most 3),
    CONF_ACTOR when an actor was found, CONF_RECIPIENT when a recipient was; at most 1."""
    extra = min(3, m.pattern.size - 1)
    score = CONF_BASE + CONF_PATTERN_WORD * extra
    score += CONF_VERB if isinstance(m.pattern, VerbPattern) else 0.0
    score += CONF_ACTOR if actor_ids else 0.0
    score += CONF_RECIPIENT if recipients else 0.0
    return round(min(1.0, score), 3)


@stage(
    "events",
    requires=["doc", "actors"],
    assigns=["events", "event_candidates", "actors"],  # adds the parties only the syntax names
    reads=["times", "article.published", "quotes", "places"],
)
def code_events(ctx: Context) -> None:
    doc = ctx.doc
    actors = IndexedActors(ctx.record.actors, ctx.article.text, ctx.record.places)
    add_performative_speakers(actors, doc, ctx.record.quotes)
    events: list[Event] = []
    mentions_only: list[Event] = []
    seen: set[tuple[str, int]] = set()
    lexicon = load(ctx.article.language or "en")
    matches, rejected = classify(ctx, find_matches(doc, lexicon), actors)
    set_aside: list[Event] = []
    for m, why in rejected:
        event = _event(ctx, m, m.entry.type, m.entry.mode, event_status(m.token), [], [])
        event.dropped, event.score = why, m.score
        set_aside.append(event)
    for m in matches:
        if (m.entry.type, m.token.i) in seen:
            continue
        seen.add((m.entry.type, m.token.i))
        if caused_by_nature(m.token):
            event = _event(ctx, m, m.entry.type, m.entry.mode, event_status(m.token), [], [])
            event.dropped, event.score = NATURE, m.score
            set_aside.append(event)
            continue
        actor_ids, recipients = arguments(m, actors)
        why = _no_party_where_needed(m, actors)
        if why is not None:
            event = _event(ctx, m, m.entry.type, m.entry.mode, event_status(m.token), actor_ids, recipients)
            event.dropped, event.score = why, m.score
            set_aside.append(event)
            continue
        if m.entry.id == EXERCISE and JOINT_EXERCISE in lexicon.entries:
            partners = _exercise_partners(m, actor_ids, actors)
            if partners is not None:  # "French and Egyptian warships held war games": joint, cooperative
                m = Match(m.token, lexicon.entries[JOINT_EXERCISE], m.pattern, m.words)
                recipients = list(dict.fromkeys([*recipients, *partners]))
        etype, mode = m.entry.type, m.entry.mode
        if not actor_ids and isinstance(m.pattern, VerbPattern):
            actor_ids = _located_actor(m, actors)
        if not actor_ids and not recipients and isinstance(m.pattern, NounPattern) and not _done(m.token):
            # a nominal event with no party ("the meeting follows") is a mention, not an event
            mentions_only.append(_event(ctx, m, m.entry.type, m.entry.mode, event_status(m.token), [], []))
            continue
        status = event_status(m.token)
        own = _said_by_actor(ctx, m, actor_ids, actors)
        if status == "planned" and by_future_aux(m.token) and not own:
            status = "hypothetical"  # "analysts said Russia would invade": a forecast, not an intent
        if status == "conditional" and is_conditional_consequence(m.token) and own:
            if ontology.quad_class(etype) == 4:
                etype, mode = "THREATEN", None  # "would retaliate if ...": a threat
            if etype == "THREATEN":
                status = "asserted"  # the threat is made; what is threatened stays conditional
                recipients = recipients or [
                    a for a in condition_subjects(m.token, actors) if a not in actor_ids
                ]
        event = _event(ctx, m, etype, mode, status, actor_ids, recipients)
        event.score = m.score
        events.append(event)
        speech_act = _speech_act(m, event, actors, own)
        if speech_act is not None and not _said_already(doc, speech_act, m.token, events):
            events.append(speech_act)
    # Parties named by a complement come first ("threatened to shell Iraqi towns"), then the place of
    # the event; an intent or refusal without a place then takes its complement's place-given target.
    _inherit_parties(doc, events)
    for event in events:
        if not event.recipients and event.place is not None and event.type in PLACE_TARGET_TYPES:
            event.recipients = _place_recipient(event, actors)
    _inherit_parties(doc, events)
    for event in events:
        if not event.recipients and event.type in DOMESTIC_TYPES:
            event.recipients = _home_country(event, actors)
    _share_late_recipients(events)
    kept, dropped = split_partyless(events + mentions_only, actors.by_id)
    kept = merge_mentions(kept, actors.by_id, _references(doc, kept))
    for i, event in enumerate(kept, start=1):
        event.id = f"E{i}"
    dropped = sorted(dropped + set_aside, key=lambda e: e.trigger.span[0])
    for i, event in enumerate(dropped, start=1):
        event.id = f"C{i}"
    ctx.record.events = kept
    ctx.record.event_candidates = dropped


NATURE = "caused by an accident, a disaster or an illness: no party acts"
NO_GUEST = "a verb of hosting whose object names no party: a thing received or welcomed, not a visitor"
NO_AGENT = "the subject of the act names no party: a thing (a law, a decision) is said to do it"


def _no_party_where_needed(m: Match, actors: IndexedActors) -> str | None:
    """Why a verb whose entry needs a party as its object (`guest`) or subject (`agent`) is no event here."""
    if not isinstance(m.pattern, VerbPattern):
        return None
    if m.entry.guest and _no_guest(m.token, actors):
        return NO_GUEST
    if m.entry.agent and _no_agent(m.token, actors):
        return NO_AGENT
    return None


def _no_agent(verb: Token, actors: IndexedActors) -> bool:
    """The active subject names no actor and is no pronoun: "the decree violates the constitution". A verb
    with no subject of its own (a passive, an infinitive) keeps its reading."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.tag_ in ("PRP", "WP", "WDT"):
        return False
    return not any(t.idx in actors.by_start for t in subject.subtree)


def _no_guest(verb: Token, actors: IndexedActors) -> bool:
    """The object of a verb of hosting (or its passive subject) is a thing, not a party: no actor is named in
    it and it is no personal pronoun ("received a call", "the plan was welcomed"). A verb with no object
    keeps its reading."""
    guest = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if guest is None or guest.tag_ == "PRP":
        return False
    # the phrase without its possessor and clauses: "America's offer was welcomed" welcomes an offer, not
    # America; "received criticism levelled at the minister" receives criticism
    aside = {t.i for c in guest.children if c.dep_ in ("poss", "relcl", "acl") for t in c.subtree}
    own = [t for t in guest.subtree if t.i not in aside]
    return not any(t.idx in actors.by_start for t in own)


REFERRING_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})


def _references(doc: Doc, events: list[Event]) -> frozenset[int]:
    """Trigger starts of nominal mentions that refer back to a happening: "the attack", "this meeting"."""
    out = set()
    for e in events:
        span = doc.char_span(*e.trigger.span, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        if head.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("det", "poss") and c.lower_ in REFERRING_DETERMINERS for c in head.children
        ):
            out.add(e.trigger.span[0])
    return frozenset(out)


def _exercise_partners(m: Match, actor_ids: list[str], actors: IndexedActors) -> list[str] | None:
    """The partners of a joint military exercise, or None for one country's own: joint when its actors are of
    two countries or more, or a "with"/"alongside" phrase on the exercise or the verb carrying it names one
    (the partners then are recipients)."""
    countries = {actors.by_id[a].country or a for a in actor_ids}
    heads = [m.token, *([m.token.head] if m.token.dep_ in ("dobj", "pobj", "attr") else [])]
    if heads[-1].dep_ == "prep":
        heads.append(heads[-1].head)  # "days of war games": up to the verb
        if heads[-1].dep_ in ("dobj", "attr"):
            heads.append(heads[-1].head)
    partners = [
        a
        for h in heads
        for prep in h.children
        if prep.dep_ == "prep" and prep.lower_ in PARTNER_PREPS
        for pobj in prep.children
        if pobj.dep_ == "pobj"
        for a in actors_at(pobj, actors)
        if a not in actor_ids
    ]
    if partners or len(countries) > 1:
        return partners
    return None


def _place_recipient(event: Event, actors: IndexedActors) -> list[str]:
    """An event with no named target is done to the country where it happens, as PLOVER codes it: "troops
    deployed in Mogadishu", "police raided homes in Basra" (IRQ)."""
    return actors.country_of(actors.place_by_id.get(event.place or ""))


def _home_country(event: Event, actors: IndexedActors) -> list[str]:
    """A conflictual act with no target named outside the actor's country is domestic, and PLOVER codes its
    target as that country: "Peruvian police detained dozens of miners" is PER against PER."""
    parties = [actors.by_id[a] for a in event.actors]
    countries = {a.country for a in parties}
    if len(countries) != 1 or None in countries:
        return []
    (code,) = countries
    span = parties[0].mentions[0] if parties[0].mentions else [0, 0]
    return actors.country(code, span, "the actor's own country, target of a domestic act")


def _located_actor(m: Match, actors: IndexedActors) -> list[str]:
    """A subject that names no actor but where it is ("a car bomb near the market of Y killed ...",
    "a militia based in X seized ...") is coded, as PLOVER does, to the country of that place; a relative
    clause on the subject says what it did, not where it is ("gunmen who seized two Danish aid workers")."""
    subject, _ = subject_of(m.token)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN") or not actors.places:
        return []
    own = [t for t in subject.subtree if not any(a.dep_ == "relcl" for a in _path_to(t, subject))]
    return actors.country_of(next((actors.places[t.idx] for t in own if t.idx in actors.places), None))


def _path_to(tok: Token, top: Token) -> list[Token]:
    """The tokens from `tok` up to, not including, its ancestor `top`."""
    path = []
    while tok.i != top.i and tok.head.i != tok.i:
        path.append(tok)
        tok = tok.head
    return path


def _share_late_recipients(events: list[Event]) -> None:
    """A statement derived from an event ("would impose sanctions on X": a THREATEN) was made before the
    event's target came from its place or its country; it is aimed at the same target."""
    sources = {(e.trigger.span[0], e.rule): e for e in events}
    for e in events:
        if e.recipients or "+" not in e.rule:
            continue
        source = sources.get((e.trigger.span[0], e.rule.split("+", 1)[0]))
        if source is not None:
            e.recipients = [r for r in source.recipients if r not in e.actors]


def _inherit_parties(doc: Doc, events: list[Event]) -> None:
    """An event of intent or request takes the parties its complement names: "offered to hand over to
    Britain" has Britain as the recipient of the offer; "promised to continue aid to X" likewise. A protest
    or other act done to obtain something is aimed at whom its purpose names: "held a sit-in to seek the
    recall of the Bolivian governor"."""
    by_token = {}
    for e in events:
        span = doc.char_span(*e.trigger.span, alignment_mode="expand")
        if span is not None:
            by_token.setdefault(span[0].i, e)
    for e in events:
        if e.recipients and e.actors:
            continue
        span = doc.char_span(*e.trigger.span, alignment_mode="expand")
        if span is None:
            continue
        for comp in _complements(span):
            inner = [by_token[t.i] for t in comp.subtree if t.i in by_token and by_token[t.i] is not e]
            for other in inner:
                e.recipients = e.recipients or [r for r in other.recipients if r not in e.actors]
                e.actors = e.actors or list(other.actors)
            if inner:
                break


def _complements(span: Span) -> list[Token]:
    """The complements and infinitival purpose clauses of a trigger (for a nominal trigger, of the verb that
    carries it: "held a rally to seek ...")."""
    heads = list(span)
    if span.root.dep_ in ("dobj", "attr") and span.root.head.pos_ == "VERB":
        heads.append(span.root.head)
    return [
        c
        for t in heads
        for c in t.children
        if c.dep_ in ("xcomp", "ccomp") or (c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children))
    ]


def _said_already(doc: Doc, derived: Event, token: Token, events: list[Event]) -> bool:
    """ "agreed to share data" is one AGREE: no second one for the planned sharing under it."""
    above = {t.idx for t in token.ancestors}
    return any(e.type == derived.type and e.trigger.span[0] in above for e in events)


def _done(noun: Token) -> bool:
    """A noun that is the object of a verb is something done ("launched war games"), even by no one named."""
    return noun.dep_ in ("dobj", "attr") and noun.head.pos_ == "VERB"


def _quote_at(ctx: Context, offset: int) -> Quote | None:
    """The quote whose span holds this character offset."""
    return next((q for q in ctx.record.quotes if q.span[0] <= offset < q.span[1]), None)


def _said_by_actor(ctx: Context, m: Match, actor_ids: list[str], actors: IndexedActors) -> bool:
    """The statement is the actor's own: the subject of the reporting verb above the trigger, or the speaker
    of the quote holding it, shares a country or organisation with the actor ("Lavrov said Russia would
    retaliate if ...", not "analysts said Russia would invade if ...")."""
    if not actor_ids:
        return False
    speakers = actors_at(speaker_of(m.token), actors)
    quote = _quote_at(ctx, m.token.idx)
    if quote is not None and quote.speaker:
        speakers.append(quote.speaker)
    return bool(codes(speakers, actors.by_id) & codes(actor_ids, actors.by_id))


def _speech_act(m: Match, event: Event, actors: list[Actor], own: bool) -> Event | None:
    """What a statement about an event does, in PLOVER's terms: a planned cooperative act is an AGREE (intent
    to cooperate), a planned act of force a THREATEN, a refused cooperative act a REJECT, and "X must do Y"
    said by someone a REQUEST by the speaker, a cooperative act promised under a condition an AGREE. The event
    itself stays, with its own status."""
    quad = ontology.quad_class(event.type)
    rule = None
    if event.status != "negated" and is_obligation(m.token):
        speaker = actors_at(speaker_of(m.token), actors)
        if speaker:
            return _derived(event, "REQUEST", "obligation", speaker, event.actors)
    # An intent or offer stated with will/would is the actor's only when the actor says it; one under a
    # verb of intent ("agreed to withdraw") is the actor's own act.
    stated = own or not (by_future_aux(m.token) or is_arranged(m.token))
    # A planned resignation is the actor's own exit, no agreement with anyone ("said he will resign").
    if (
        event.status == "planned"
        and quad in (1, 2)
        and event.type != "AGREE"
        and stated
        and event.mode != "resign"
    ):
        etype, rule = "AGREE", "intent"
    elif event.status == "planned" and event.type in THREAT_TYPES and stated:
        etype, rule = "THREATEN", "intent"
    elif event.status == "negated" and quad in (1, 2) and not is_negated_by_a_noun(m.token):
        etype, rule = "REJECT", "refusal"
    elif event.status == "conditional" and quad in (1, 2) and is_conditional_consequence(m.token) and own:
        etype, rule = "AGREE", "conditional-offer"  # "would meet the mediator if ...": an offer
    if rule is None:
        return None
    if rule == "refusal" and not event.actors and is_refused_subject(m.token):
        # "X said lifting the sanctions is out of the question": the speaker refuses
        return _derived(event, etype, rule, actors_at(speaker_of(m.token), actors), event.recipients)
    return _derived(event, etype, rule, event.actors, event.recipients)


def _derived(event: Event, etype: str, rule: str, actor_ids: list[str], recipients: list[str]) -> Event:
    info = ontology.describe(etype, None)
    return Event(
        id="",
        type=etype,
        mode=None,
        context=list(event.context),
        actors=list(actor_ids),
        recipients=[r for r in recipients if r not in actor_ids],
        status="asserted",
        date=event.date,
        place=event.place,
        trigger=event.trigger,
        sentence=event.sentence,
        cameo=info["cameo"],
        quad_class=info["quad_class"],
        goldstein=info["goldstein"],
        quote=event.quote,
        confidence=round(event.confidence * 0.9, 3),
        rule=f"{event.rule}+{rule}",
    )


def event_place(m: Match, places: list) -> str | None:
    """The place named in the event's own clause: a locative phrase on the trigger, its words or (for a noun)
    the verb it depends on: "talks in Paris", "troops to Belarus". Never the dateline or a place elsewhere."""
    if not places:
        return None
    heads = [*m.words]
    tok = m.token
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "pobj", "nsubj") and tok.head.pos_ == "VERB":
        heads.append(tok.head)
    for head in heads:
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                lo, hi = pobj.left_edge.idx, pobj.right_edge.idx + len(pobj.right_edge.text)
                hit = next(
                    (p for p in places if p.lat is not None and p.use != "embedded" and lo <= p.span[0] < hi),
                    None,
                )  # a town in a body's name ("the Winnipeg Fire Service") is not where the event is
                if hit is not None:
                    return hit.id
    return None


def _sentence(ctx: Context, token: Token) -> TextSpan:
    """The token's sentence (sentence bounds found once per article: `token.sent` walks the parse)."""
    bounds = ctx.notes.get("events.sentences")
    if bounds is None:
        sents = list(ctx.doc.sents)
        bounds = ([s.start for s in sents], [(s.start_char, s.end_char) for s in sents])
        ctx.notes["events.sentences"] = bounds
    start, end = bounds[1][bisect_right(bounds[0], token.i) - 1]
    return TextSpan(ctx.article.text[start:end], [start, end])


def _event(
    ctx: Context,
    m: Match,
    etype: str,
    mode: str | None,
    status: str,
    actor_ids: list[str],
    recipients: list[str],
) -> Event:
    words = sorted(m.words, key=lambda t: t.i)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    mode = mode if mode in ontology.modes(etype) else None
    info = ontology.describe(etype, mode)
    held = _quote_at(ctx, m.token.idx)
    quote = held.id if held is not None else None
    place = event_place(m, ctx.record.places)
    return Event(
        id="",
        type=etype,
        mode=mode,
        context=[m.entry.context] if m.entry.context else [],
        actors=actor_ids,
        recipients=recipients,
        status=status,
        date=clause_time(ctx, m.token.i),
        place=place,
        trigger=TextSpan(ctx.article.text[start:end], [start, end]),
        sentence=_sentence(ctx, m.token),
        cameo=info["cameo"],
        quad_class=info["quad_class"],
        goldstein=info["goldstein"],
        quote=quote,
        confidence=confidence(m, actor_ids, recipients),
        rule=m.entry.id,
    )
