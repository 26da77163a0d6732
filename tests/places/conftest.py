"""Fixtures of the places tests: the gazetteer index, built once in a temporary cache directory."""

from __future__ import annotations

import pytest

from eventwire.places import gazetteer


@pytest.fixture(scope="session")
def gaz_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("gazetteer")
    mp = pytest.MonkeyPatch()
    mp.setenv("EVENTWIRE_CACHE_DIR", str(path))
    gazetteer._LOADED.clear()
    gazetteer.load()
    yield path
    mp.undo()
