"""The `actors` stage: every political actor of an article, with country, sector, organization, role and
every mention span, each decision kept in the actor's `how` list (shown by `eventwire code --explain`).

Steps, in order:
  1. knowledge-base matches (people, organizations, countries and their demonyms, capitals, metonyms,
     regions) with spaCy PhraseMatchers; longest match wins;
  2. people the knowledge base does not know, from the model's PERSON entities (actors/people.py);
  3. a person's title and apposition give country, sector and role ("Belgian Foreign Minister Anna Maes",
     "Omar Haddad, an adviser to the Jordanian king");
  4. group phrases: a demonym or country with a role word ("Russian troops", "Ukrainian officials",
     "officials from Russia, Ukraine and France" -> one actor per country) (actors/groups.py);
  5. organizations the knowledge base does not hold, from the model's ORG entities (actors/orgs.py); with
     no country of their own or of the article (actors/home.py) they are dropped;
  6. later mentions: a surname alone links to the person named before; "he"/"she" as a subject to the
     person named as a subject before (actors/pronouns.py).
A capital in a locative phrase ("talks in Moscow") is a place, not an actor.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from ..lookups.kb import Entry, KnowledgeBase, Resolution, load_kb
from ..lookups.words import words
from ..records import Actor
from ..registry import Context, stage
from .groups import country_of, group_phrases, part_of_a_longer_name
from .home import place_at_home
from .orgs import person_by_surname, unknown_orgs, untagged_surnames
from .people import person_entities, slug, unknown_people
from .pronouns import inside_quotation, people_pronouns, possessive_groups

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

LOCATIVE_PREPS = words().locative_prepositions
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "poss", "compound", "amod", "conj", "appos", "ROOT"})
# Verbs of saying, after which "he"/"she" names the last speaker.
REPORTING_LEMMAS = words().reporting_verbs
# Words of a credits line: a news outlet named there is the source of the report.
SOURCE_CUES = (
    "contributed to this report",
    "information for this report",
    "contributed reporting",
    "reporting by",
    "editing by",
    "writing by",
)


@dataclass
class Mention:
    start: int  # character offsets into the text
    end: int
    actor_id: str


def in_reported_content(subject: Token) -> bool:
    """The subject's clause is what someone said: the complement of a verb of saying before it ("Roe said
    Doe would resign"; not "Doe resigned on Monday, he said", where the parse hangs the sentence on the final
    "said"), or a sentence with an "according to" source ("According to Roe, Doe will resign")."""
    if any(
        t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to"
        for t in subject.sent
    ):
        return True
    clause = subject.head
    while clause.dep_ in ("ccomp", "conj", "xcomp") and clause.head.i != clause.i:
        if clause.dep_ == "ccomp" and clause.head.lemma_ in REPORTING_LEMMAS and clause.head.i < subject.i:
            return True
        clause = clause.head
    return False


@dataclass
class Builder:
    """Accumulates actors and mentions for one document."""

    actors: dict[str, Actor] = field(default_factory=dict)
    how: dict[str, list[str]] = field(default_factory=dict)
    genders: dict[str, str | None] = field(default_factory=dict)
    # (char offset, actor id) of people named as the subject of a clause: whom a later "he said" means.
    subjects: list[tuple[int, str]] = field(default_factory=list)
    # offsets of those subjects that stand in reported content ("Roe said Doe would resign": Doe): no
    # antecedent of a later "he said", which continues the one who spoke
    reported: set[int] = field(default_factory=set)

    def note_subject(self, span: Span, actor_id: str) -> None:
        if inside_quotation(span.doc.text, span.start_char):
            return  # "“... Kibsen should resign,” he said": the quotation's subject is not the speaker
        root = span.root
        while root.dep_ in ("compound", "appos", "conj") and root.head.i != root.i:
            if root.dep_ == "compound" and root.head.pos_ != "PROPN":
                return  # "the Kibsen side says": a name modifying a common noun is not the subject
            root = root.head
        if root.dep_ in ("nsubj", "nsubjpass"):
            self.subjects.append((span.start_char, actor_id))
            if in_reported_content(root):
                self.reported.add(span.start_char)
        elif root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lower_ == "according":
            self.subjects.append((span.start_char, actor_id))  # "According to Roe, ...": Roe speaks

    def add(
        self,
        actor_id: str,
        name: str,
        span: tuple[int, int],
        how: str,
        *,
        country: str | None = None,
        sector: str | None = None,
        org: str | None = None,
        role: str | None = None,
        gender: str | None = None,
    ) -> str:
        actor = self.actors.get(actor_id)
        if actor is None:
            actor = Actor(id=actor_id, name=name, country=country, sector=sector, org=org, role=role)
            self.actors[actor_id] = actor
            self.genders[actor_id] = gender
        else:  # later mentions fill what earlier ones left open
            actor.country = actor.country or country
            actor.sector = actor.sector or sector
            actor.org = actor.org or org
            actor.role = actor.role or role
            self.genders[actor_id] = self.genders.get(actor_id) or gender
        if list(span) not in actor.mentions:
            actor.mentions.append(list(span))
        if how not in self.how.setdefault(actor_id, []):
            self.how[actor_id].append(how)
        return actor_id


@functools.lru_cache(maxsize=4)
def _matchers(vocab_id: int, vocab: object) -> tuple[object, object, object]:
    """PhraseMatchers over the knowledge base (built once per vocab): exact-case, case-folded, role words."""
    from spacy.lang.en import English
    from spacy.matcher import PhraseMatcher

    kb = load_kb()
    tokenizer = English().tokenizer
    exact = PhraseMatcher(vocab, attr="ORTH")
    folded = PhraseMatcher(vocab, attr="LOWER")
    for surface, case_sensitive, _ in kb.surfaces():
        matcher = exact if case_sensitive else folded
        matcher.add(surface.casefold() if not case_sensitive else surface, [tokenizer(surface)])
    roles = PhraseMatcher(vocab, attr="LOWER")
    for word in kb.role_words():
        roles.add(word, [tokenizer(word)])
    return exact, folded, roles


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _lowercase_word(span: Span) -> bool:
    """A name matched without regard to case, written here in lowercase: a common word then ("75 pence",
    "a male nurse" is no Maldives, "fine china" no China, "a jersey" no Jersey). News writes names with a
    capital; a leading "The" of a sentence's start does not count ("The commission rejected it" is no
    European Commission, which news writes "the Commission")."""
    words = span.text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    rest = " ".join(words)
    return rest.islower() and any(c.isalpha() for c in rest)


@stage("actors", requires=["doc"], assigns=["actors"], reads=["article.published"])  # offices: on that date
def resolve_actors(ctx: Context) -> None:
    doc = ctx.doc
    kb = load_kb()
    on = _date(ctx.article.published)
    exact, folded, role_matcher = _matchers(id(doc.vocab), doc.vocab)
    from spacy.util import filter_spans

    # A person is named with capitals: "75 pence a fortnight" is no Mike Pence, "may" no Theresa May.
    spans = [doc[s:e] for _, s, e in exact(doc)] + [
        doc[s:e] for _, s, e in folded(doc) if not _lowercase_word(doc[s:e])
    ]
    kb_spans = filter_spans(spans)
    roles = {}
    role_words = kb.role_words()
    for span in filter_spans([doc[s:e] for _, s, e in role_matcher(doc)]):
        roles[span.start] = (span, role_words[span.text.casefold()])
    b = Builder()
    taken: set[int] = set()
    found = [(span, span.text, kb.entries(span.text)) for span in kb_spans]  # each looked up once
    states_of = _states_named(doc, kb)
    evidence = _country_evidence(found)
    full_names = _full_names(doc, found, kb)
    surname_spans: list[Span] = []
    for span, text, entries in found:
        if part_of_a_longer_name(span, kb):
            continue  # "New Mexico", "New Jersey": a state, not Mexico or Jersey
        if len(span) == 1 and _inside_another_name(span, entries, kb, roles):
            continue  # "Jeb Bush", "the Blair Doctrine": not George Bush, no actor Tony Blair
        if len(span) == 1 and _surname_of_another(text, entries, kb, full_names, on):
            continue  # "Clinton" after "Hillary Clinton": linked to her below, not to the KB's Bill Clinton
        if _a_state_by_its_article(span, text, entries, kb, states_of, evidence):
            continue  # "primaries in Georgia" of a report naming Virginia and Colorado: the US state
        if len(span) == 1 and _a_named_persons_surname(span, entries):
            surname_spans.append(span)  # "Amal Jordan ... Jordan said": linked once people are found
            continue
        if _resolve_kb_span(span, kb, on, roles, b):
            taken.update(range(span.start, span.end))
    unknown_people(doc, taken, roles, kb, b)
    for span in surname_spans:
        person = person_by_surname(span.text, b)
        if person is None:
            _resolve_kb_span(span, kb, on, roles, b)
            continue
        b.add(person, b.actors[person].name, (span.start_char, span.end_char), PLACE_NAMED_SURNAME)
        b.note_subject(span, person)
    unplaced = group_phrases(doc, roles, kb, b, on, taken)
    unknown_orgs(doc, kb, b, _is_news_source, lambda tok: country_of(tok, kb))
    untagged_surnames(doc, b)
    unplaced = possessive_groups(b, unplaced)
    place_at_home(b, unplaced)
    for actor_id in [k for k, a in b.actors.items() if k.startswith("org:") and a.country is None]:
        del b.actors[actor_id]  # an organization of no known country codes nothing and would crowd out one
    people_pronouns(doc, b, REPORTING_LEMMAS)
    ctx.record.actors = sorted(b.actors.values(), key=lambda a: a.mentions[0][0] if a.mentions else 0)
    for actor in ctx.record.actors:
        actor.mentions.sort()
    for actor in ctx.record.actors:
        actor.how = b.how.get(actor.id, [])


PLACE_NAMED_SURNAME = "surname of an earlier mention (also a name the knowledge base gives no person)"


def _a_named_persons_surname(span: Span, entries: list[Entry]) -> bool:
    """A one-word name the knowledge base knows as no person (a country, a place, a company), standing as the
    subject of a verb, that is the surname of a person the article named in full before it ("Amal Jordan, a
    lawyer, ... Jordan said"): the person. Not when the article also uses the name as a place elsewhere."""
    if any(e.kind == "person" for e in entries) or span.root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    key = span.text.casefold()
    doc = span.doc
    places = [e for e in doc.ents if e.label_ in ("GPE", "LOC") and e.start != span.start]
    if any(e.text.casefold() == key for e in places):
        return False  # the article uses the name as a place too: "Jordan said" may be the country
    return any(
        len(ent) >= 2 and ent.end <= span.start and ent[-1].text.casefold() == key != ent[0].text.casefold()
        for ent in person_entities(doc)
    )


def _resolve_kb_span(span: Span, kb: KnowledgeBase, on: date | None, roles: dict, b: Builder) -> bool:
    entries = kb.entries(span.text)
    if not entries:
        return False
    entry = _pick(entries, span)
    res = kb.resolve(entry, on)
    if res is None:
        return False
    where = (span.start_char, span.end_char)
    if entry.kind == "person":
        person = kb.people[entry.key]
        b.add(
            res.id,
            res.name,
            where,
            res.how,
            country=res.country,
            sector=res.sector,
            org=res.org,
            role=_title_role(span, roles) or res.role,
            gender=person.gender,
        )
        b.note_subject(span, res.id)
        return True
    if entry.kind == "country" and _listed_with_states(span, kb, entry.key):
        return False  # "Alabama, Georgia and Tennessee": the US state, not the country
    place_like = entry.kind in ("capital", "metonym", "region") or span.root.ent_type_ in ("GPE", "LOC")
    if place_like and entry.kind != "country" and _is_locative(span):
        return False  # "talks in Moscow", "a summit in Brussels": a place
    if entry.kind in ("country", "demonym", "metonym") and _modifies_person_or_group(span, roles):
        return False  # part of a title or group phrase, handled there
    if entry.kind in ("country", "demonym") and _in_group_phrase(span, roles):
        return False
    if entry.kind == "org" and kb.orgs[entry.key].kind == "MED" and _is_news_source(span):
        return False  # "the Associated Press reported": a source of the report, not an actor
    if entry.kind == "org":
        b.add(res.id, res.name, where, res.how, country=res.country, sector=res.sector, org=res.org)
        return True
    b.add(res.id, res.name, where, res.how, country=res.country, sector=res.sector)
    return True


def _full_names(
    doc: Doc, found: list[tuple[Span, str, list[Entry]]], kb: KnowledgeBase
) -> dict[str, set[str]]:
    """The people the article names in full (two words or more), by surname: the knowledge base's person
    id, or the name itself for a person it does not know ("Jeb Bush")."""
    out: dict[str, set[str]] = defaultdict(set)
    known: set[int] = set()
    for span, _, entries in found:
        people = [e.key for e in entries if e.kind == "person"]
        if len(span) >= 2 and people:
            out[span[-1].text.casefold()].update(people)
            known.update(range(span.start, span.end))
    for ent in person_entities(doc):
        if len(ent) >= 2 and ent[-1].is_title and not any(i in known for i in range(ent.start, ent.end)):
            # "George H.W. Bush", spelled unlike the knowledge base, is still its George H. W. Bush
            same = _people_by_first_name(ent, kb)
            out[ent[-1].text.casefold()].update(same or {f"person:{slug(ent.text)}"})
    return out


HONORIFICS = frozenset(words().honorifics)


def _inside_another_name(span: Span, entries: list[Entry], kb: KnowledgeBase, roles: dict) -> bool:
    """A one-word alias of a person the knowledge base knows, inside a longer name it does not know: another
    person's name the model tags as one ("Jeb Bush", "Zahra Arafat", "Vance Joy"), or a capitalized noun
    after it that is no name of a person ("the Blair Doctrine"); or a short word in capitals ("the
    starting XI"). A title or honorific is no part of another name ("Governor Bush", "Mr Putin")."""
    tok = span[0]
    if not any(e.kind == "person" for e in entries):
        # "Kerry Washington": a capital or country ending a person's name is no actor of its own
        ent = _person_entity_of(tok)
        ent = ent if ent is not None and ent.start < tok.i else None
        return ent is not None and ent[0].pos_ == "PROPN" and ent[0].is_title and not kb.entries(ent.text)
    if tok.is_upper and len(tok) <= 4 and not any(e.kind == "person" for e in kb.exact.get(tok.text, [])):
        return True
    doc = span.doc
    ent = _person_entity_of(tok)
    if ent is not None and len(ent) > 1 and not kb.entries(ent.text) and not _people_by_first_name(ent, kb):
        in_roles = {i for r, _ in roles.values() for i in range(r.start, r.end)}
        headline = _title_cased(tok.sent)  # "Trump Should Go": words after the name are no surname
        others = [
            t
            for t in ent
            if t.i != tok.i
            and t.pos_ == "PROPN"
            and t.is_alpha
            and t.lower_ not in HONORIFICS
            and t.i not in in_roles
            and (t.i < tok.i or not headline)
        ]
        if others:
            return True
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (
        after is not None
        and after.is_title
        and after.pos_ in ("NOUN", "PROPN")
        and after.ent_type_ != "PERSON"
        and tok.ent_type_ != "PERSON"
        and not kb.entries(after.text)
    )


def _person_entity_of(tok: Token) -> Span | None:
    """The PERSON entity the token is part of, found from the token's IOB tags (building `doc.ents` for
    every knowledge-base match would cost a pass over the document each time)."""
    if tok.ent_type_ != "PERSON":
        return None
    doc = tok.doc
    start = tok.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _title_cased(sent: Span) -> bool:
    """A headline written in title case: most of its words begin with a capital."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) > 0.6 * len(words)


def _first_name_of(span: Span, kb: KnowledgeBase) -> bool:
    """The person's name the span ends begins as one of the knowledge base's names of that person does."""
    ent = _person_entity_of(span[0])
    return ent is not None and bool(_people_by_first_name(ent, kb))


def _people_by_first_name(ent: Span, kb: KnowledgeBase) -> set[str]:
    """The knowledge base's people of the name's surname whose name begins with its first word: "George
    H.W. Bush" is George H. W. Bush, "Jeb Bush" none of the Bushes it knows."""
    first = ent[0].lower_
    last = next((t for t in reversed(ent) if t.is_alpha), ent[-1])  # "George H.W. Bush's": Bush
    out = set()
    for entry in kb.entries(last.text):
        if entry.kind == "person":
            person = kb.people[entry.key]
            names = (person.name, *person.aliases)
            if any(len(n.split()) > 1 and n.split()[0].casefold() == first for n in names):
                out.add(entry.key)
    return out


def _surname_of_another(
    text: str, entries: list[Entry], kb: KnowledgeBase, full_names: dict[str, set[str]], on: date | None
) -> bool:
    """A surname alone that the knowledge base gives one person, in an article naming in full only others
    of that surname: it is theirs ("Clinton" in a 2016 report on Hillary Clinton, "Bush" on Jeb Bush).
    Not when that person holds an office on the article's date ("Trump" of 2018 beside "Ivanka Trump")."""
    people = {e.key for e in entries if e.kind == "person"}
    named = full_names.get(text.casefold())
    if not people or not named or people & named:
        return False
    return on is None or all(kb.people[key].office_on(on) is None for key in people)


def _states_named(doc: Doc, kb: KnowledgeBase) -> dict[str, set[str]]:
    """The states or provinces the article names (the model's GPE names that are a subdivision of one country
    only and no country's name), by the country they belong to."""
    out: dict[str, set[str]] = defaultdict(set)
    for ent in doc.ents:
        if ent.label_ != "GPE":
            continue
        text = ent.text
        owners = kb.states.get(text.casefold(), set())
        if len(owners) == 1 and not any(e.kind == "country" for e in kb.entries(text)):
            out[next(iter(owners))].add(text.casefold())
    return out


def _country_evidence(found: list[tuple[Span, str, list[Entry]]]) -> dict[str, set[str]]:
    """The names through which the article knows each country: the country's name, its demonym, capital or
    government, its people."""
    out: dict[str, set[str]] = defaultdict(set)
    for _, text, entries in found:
        for e in entries:
            out[e.key.split(".")[0].upper()].add(text.casefold())
    return out


def _a_state_by_its_article(
    span: Span,
    text: str,
    entries: list[Entry],
    kb: KnowledgeBase,
    states_of: dict[str, set[str]],
    evidence: dict[str, set[str]],
) -> bool:
    """A country's name that is also a state's, in an article naming two other states of that state's country
    and knowing the first country by this name only: "Georgia" in a US campaign report."""
    if not entries or any(e.kind != "country" for e in entries):
        return False
    name = text.casefold()
    owners = [
        owner
        for owner in kb.states.get(name, set())
        if len(states_of.get(owner, set()) - {name}) >= 2
        and all(evidence.get(e.key, set()) <= {name} for e in entries if e.key != owner)
    ]
    if not owners:
        return False
    for ent in span.sent.ents:
        if ent.start != span.start and any(
            e.kind in ("country", "demonym", "capital") for e in kb.entries(ent.text)
        ):
            return False  # "Russia accused Georgia": among countries, the country
    return True


def _listed_with_states(span: Span, kb: KnowledgeBase, country: str) -> bool:
    """The country's name is listed with states or provinces of another one country, and with no country:
    it names a state of that country ("primaries in Alabama, Arkansas, Georgia and Tennessee")."""
    others = [t for t in span.root.conjuncts if t.i < span.start or t.i >= span.end]
    if not others:
        return False
    owners: set[str] = set()
    for tok in others:
        if any(e.kind == "country" for e in kb.entries(tok.text)):
            return False
        owners |= kb.states.get(tok.text.casefold(), set())
    # ... and is itself the name of one of them: "Georgia" is a state of the United States
    return (
        len(owners) == 1
        and country not in owners
        and bool(owners & kb.states.get(span.text.casefold(), set()))
    )


def _is_news_source(span: Span) -> bool:
    """A news outlet named as the source of the report: subject of a reporting verb, 'according to X',
    or a credits line ('... came from Reuters', 'contributed to this report'), or the credit in brackets
    after a dateline ('HELENA, Mont. (AP) —')."""
    doc = span.doc
    if (
        span.start > 0
        and span.end < len(doc)
        and doc[span.start - 1].text == "("
        and doc[span.end].text == ")"
    ):
        return True
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ in REPORTING_LEMMAS | {
        "report",
        "contribute",
    }:
        return True
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return True
    sentence = span.sent.text.lower()
    return any(cue in sentence for cue in SOURCE_CUES)


def _pick(entries: list[Entry], span: Span) -> Entry:
    """One meaning for an ambiguous surface: people and organizations before places, for a name that
    is a subject; a country before its demonym."""
    order = {"person": 0, "org": 1, "metonym": 2, "region": 3, "country": 4, "capital": 5, "demonym": 6}
    return min(entries, key=lambda e: order.get(e.kind, 9))


def _is_locative(span: Span) -> bool:
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE_PREPS


def _modifies_person_or_group(span: Span, roles: dict) -> bool:
    head = span.root.head
    if span.root.dep_ not in ("amod", "compound", "nmod", "poss"):
        return False
    return head.ent_type_ == "PERSON" or any(s <= head.i < s + len(r[0]) for s, r in roles.items())


def _in_group_phrase(span: Span, roles: dict) -> bool:
    """'officials from Russia, Ukraine ...': the country is handled as one of the group's actors."""
    tok = span.root
    while tok.dep_ == "conj":
        tok = tok.head
    if tok.dep_ != "pobj" or tok.head.lower_ not in ("from", "of"):
        return False
    noun = tok.head.head
    return noun.i in _role_heads(roles) and noun.ent_type_ != "PERSON"


def _role_heads(roles: dict) -> set[int]:
    return {span.end - 1 for span, _ in roles.values()}


def _title_role(span: Span, roles: dict) -> str | None:
    """The role words right before a name ("Foreign Minister Sergey Lavrov") or in its apposition."""
    for rspan, _ in roles.values():
        if rspan.end == span.start or (
            rspan.end < span.start
            and span.start - rspan.end <= 2
            and all(t.pos_ in ("ADJ", "PROPN", "NOUN") for t in span.doc[rspan.end : span.start])
        ):
            return rspan.text.lower()
    for child in span.root.children:
        if child.dep_ == "appos":
            for start, (rspan, _) in sorted(roles.items()):
                if child.left_edge.i <= start <= child.i:
                    return rspan.text.lower()
    return None


__all__ = ["Resolution", "resolve_actors"]
