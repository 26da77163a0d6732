"""Pronouns that stand for an actor the article has just named as a subject.

- People: "he" or "she" as the subject of a verb of saying is the person last named as a subject anywhere
  before ("Ana Okafor ... she told reporters"); as the subject of any other verb, only one named in its own
  or the previous sentences ("Maria Okafor was arrested on Monday. She had led the strike since May.").
  The person's gender, when known (knowledge base, an honorific), must agree.
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
        if gender is None or tok.dep_ not in SUBJECT_DEPS:
            continue
        since = 0  # a reporting verb's pronoun looks back through the article
        if tok.head.lemma_ not in reporting:
            since = sentences_back(tok, PRONOUN_ANY_VERB_SENTENCES)
        before = [
            (start, aid)
            for start, aid in b.subjects
            if since <= start < tok.idx and b.genders.get(aid) in (gender, None)
        ]
        if before:
            _, aid = max(before)
            b.add(
                aid,
                b.actors[aid].name,
                (tok.idx, tok.idx + len(tok.text)),
                f"pronoun '{tok.text}' as subject of '{tok.head.text}' after a named subject",
            )
            b.subjects.append((tok.idx, aid))


def sentences_back(tok: Token, n: int) -> int:
    """The character offset where the sentence n sentences before the token's own begins."""
    sent = tok.sent
    for _ in range(n):
        if sent.start == 0:
            break
        sent = tok.doc[sent.start - 1].sent
    return sent.start_char
