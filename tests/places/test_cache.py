"""The places index when its cache directory cannot be written."""

from __future__ import annotations

import pytest

from eventwire.places import gazetteer


def test_an_unwritable_cache_keeps_the_index_in_memory_with_one_warning(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    monkeypatch.setenv("EVENTWIRE_CACHE_DIR", str(blocker))
    monkeypatch.setattr(gazetteer, "_LOADED", {})
    with pytest.warns(UserWarning, match="cannot be written"):
        first = gazetteer.load()
    assert any(e[3] == "FRA" for e in first.get("Paris"))
    assert gazetteer.load() is first  # built once per process, not once per article
