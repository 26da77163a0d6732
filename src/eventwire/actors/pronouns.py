"""Pronouns that stand for an actor the article has just named as a subject.

- People: "he" or "she" as the subject of a verb of saying is the person last named as a subject anywhere
  before ("Ana Okafor ... she told reporters"); as the subject of any other verb, only one named in its own
  or the previous sentences ("Maria Okafor was arrested on Monday. She had led the strike since May.").
  The person's gender, when known (knowledge base, an honorific), must agree. A subject inside quotation
  marks ("“Kibsen must go,” he said") and a name that modifies a common noun ("the Kibsen camp said") are
  no antecedents; a surname the model tagged as a place or an organisation is one ("Okello said"). A
  pronoun of a verb of saying continues whoever spoke: the source of "according to Roe" is a subject, and
  a subject in reported content ("Roe said Doe would resign", "According to Roe, Doe will resign") is no
  antecedent of a later "he said".
- "His" or "her" before a common noun is, the same way, a person named as a subject in its own or the previous
  sentence: "Ana Okafor was arrested on Monday. Her detention drew protests." (the possessor of an event
  noun is its party: "her detention", "his resignation").
- A role group with "his" or "her" ("said her government would ...", "his troops") is the group of that
  person's country when the person is named as a subject in the same or the previous sentence and has a
  country: "Chilean President Ana Rojas said her government would act" -> CHL.GOV.
Not done: "it" or "they" for a country, organisation or group named as the subject just before ("The
Dunmore council voted on Monday. It cut the bus budget by half."). Tried: it raised the parties found on
the train sentences (coded at the trigger 0.364 -> 0.367) but lowered the dev articles (F1 0.521 -> 0.518)
and left the test articles unchanged, so it was taken out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
# How many sentences back a pronoun that is not the subject of a verb of saying looks for its antecedent.
PRONOUN_ANY_VERB_SENTENCES = 1
SUBJECT_DEPS = ("nsubj", "nsubjpass")


def people_pronouns(doc: Doc, b: Any, reporting: frozenset[str]) -> None:
    """He or she as a subject: the person last named as a subject (see the module's docstring)."""
    # Look only at the pronouns (found on the LOWER array): building a Token for every word is slow.
    wanted = numpy.array([doc.vocab.strings.add(w) for w in PRONOUN_GENDER], dtype="uint64")
    for i in numpy.flatnonzero(numpy.isin(doc.to_array("LOWER"), wanted)):
        tok = doc[int(i)]
        gender = PRONOUN_GENDER.get(tok.lower_)
        possessive = tok.dep_ == "poss" and tok.lower_ in ("his", "her")
        if gender is None or (tok.dep_ not in SUBJECT_DEPS and not possessive):
            continue
        if possessive and (tok.head.pos_ != "NOUN" or _taken(b, tok.idx)):
            continue  # "her government" was made a group of her country (possessive_groups)
        # a reporting verb's pronoun looks back through the article, another only a sentence or so
        aid = _antecedent(tok, b, gender, whole_article=tok.head.lemma_ in reporting)
        if aid is not None:
            role = "possessor" if possessive else "subject"
            b.add(
                aid,
                b.actors[aid].name,
                (tok.idx, tok.idx + len(tok.text)),
                f"pronoun '{tok.text}' as {role} of '{tok.head.text}' after a named subject",
            )
            if not possessive and not inside_quotation(doc.text, tok.idx):
                b.subjects.append((tok.idx, aid))


def inside_quotation(text: str, at: int) -> bool:
    """The offset stands inside quotation marks of its paragraph: more curly openings than closings before
    it, or an odd number of straight double marks."""
    start = text.rfind("\n", 0, at) + 1
    before = text[start:at]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


def _taken(b: Any, at: int) -> bool:
    return any(s == at for a in b.actors.values() for s, _ in a.mentions)


def possessive_groups(b: Any, unplaced: list) -> list:
    """Role groups owned by "his" or "her" become groups of the person's country (see the module's
    docstring); returns the role groups still without a country."""
    rest = []
    for rspan, entry in unplaced:
        head = rspan[-1]
        poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("his", "her")), None)
        person = None if poss is None else _antecedent(poss, b, PRONOUN_GENDER[poss.lower_])
        code = None if person is None else b.actors[person].country
        if not code:
            rest.append((rspan, entry))
            continue
        b.add(
            f"{code}.{entry.sector}",
            f"{b.actors[person].name}'s {rspan.text.lower()}",
            (poss.idx, poss.idx + len(poss.text)),
            f"'{poss.text} {rspan.text}': the group of {b.actors[person].name}'s country ({code})",
            country=code,
            sector=entry.sector,
            role=rspan.text.lower(),
        )
    return rest


def _antecedent(tok: Token, b: Any, gender: str, whole_article: bool = False) -> str | None:
    """The person named last as a subject before the token, of its gender: in its sentence or the
    PRONOUN_ANY_VERB_SENTENCES before it, or with `whole_article` anywhere before."""
    since = 0 if whole_article else sentences_back(tok, PRONOUN_ANY_VERB_SENTENCES)
    before = [
        (s, aid)
        for s, aid in b.subjects
        if since <= s < tok.idx
        and b.genders.get(aid) in (gender, None)
        and not (whole_article and s in b.reported)
    ]
    return max(before)[1] if before else None


def sentences_back(tok: Token, n: int) -> int:
    """The character offset where the sentence n sentences before the token's own begins."""
    sent = tok.sent
    for _ in range(n):
        if sent.start == 0:
            break
        sent = tok.doc[sent.start - 1].sent
    return sent.start_char
