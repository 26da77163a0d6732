"""The speaker of a quotation as the party of what the quotation does by being said.

"We condemn the shelling of the port," the minister said: saying it is the act, and the speaker is its
actor. A performative is a verb in the simple present with "I" or "we" as its subject ("we condemn", "I urge
both sides", "we reject the offer"), not under a modal, not negated, not in a question, not in a subordinate
clause, not the consequence of a condition. Other first-person statements in a quotation ("we will not
withdraw", "whether I stay or go", "I am willing to") describe acts rather than perform them: they need a
status the clause gives, and are left to the coder's other rules. Not done: the speaker as the party of
those (tried: lower figures on both article splits, with forecasts and conditions counted as facts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .status import STATUS_WORDS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..records import Quote

FIRST_PERSON_SUBJECTS = frozenset({"i", "we"})
PERFORMATIVE_TAGS = frozenset({"VBP"})  # the simple present of a finite verb ("condemn", "urge")
# The quotation's own main clause: the sentence's root, or the clause the reporting verb outside the
# quotation governs ("'We condemn ...,' she said": "condemn" is the complement of "said").
MAIN_CLAUSE_DEPS = frozenset({"ROOT", "ccomp", "parataxis"})


def add_performative_speakers(actors: Any, doc: Doc, quotes: list[Quote]) -> None:
    """Add each quotation's speaker as the actor named by the "I" or "we" of its performatives (in the
    coder's index of mentions, `actors.by_start`; the record's actors are unchanged)."""
    for quote in quotes:
        if quote.speaker is None or quote.speaker not in actors.by_id:
            continue
        for part in quote.fragments or [quote.span]:  # the parts of a quotation its attribution interrupts
            span = doc.char_span(*part, alignment_mode="expand")
            for tok in span if span is not None else ():
                if tok.idx not in actors.by_start and is_performative_subject(tok, part):
                    actors.by_start[tok.idx] = [quote.speaker]


def is_performative_subject(tok: Token, quoted: list[int] | tuple[int, int]) -> bool:
    """`tok` is the "I" or "we" of a performative verb (see the module's docstring) in the quotation whose
    characters are `quoted` (start, end)."""
    if tok.lower_ not in FIRST_PERSON_SUBJECTS or tok.dep_ != "nsubj":
        return False
    verb = tok.head
    if verb.tag_ not in PERFORMATIVE_TAGS or verb.pos_ != "VERB" or not _main_clause(verb, quoted):
        return False
    if any(c.dep_ in ("aux", "auxpass", "neg", "mark") for c in verb.children):
        return False
    marks = STATUS_WORDS["condition_marks"]
    if any(c.dep_ == "advcl" and any(m.lower_ in marks for m in c.children) for c in verb.children):
        return False  # "if they attack, we respond": a consequence, not an act
    return not verb.sent.text.rstrip().rstrip("\"'”’ ").endswith("?")


def _main_clause(verb: Token, quoted: list[int] | tuple[int, int]) -> bool:
    if verb.dep_ == "ROOT":
        return True
    return verb.dep_ in MAIN_CLAUSE_DEPS and not quoted[0] <= verb.head.idx < quoted[1]
