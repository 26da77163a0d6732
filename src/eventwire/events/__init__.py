"""Events: the PLOVER/CAMEO ontology, the lexicon and the coder."""
