"""Shared lookups: knowledge and language data that several stages consult (the actor knowledge base, the
event lexicon, speech cues, shared word lists, the time of a clause). Stages import from here, never from
each other."""
