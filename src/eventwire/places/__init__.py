"""Places: an offline gazetteer and the `places` stage that finds and resolves place names."""
