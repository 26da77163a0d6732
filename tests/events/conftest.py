"""The lexicon-rule tests (test_coder, test_types) check the rules themselves: they run with the learned
classifier off, so that a retrained model cannot hide or change what a rule does. test_learned.py tests the
classifier with the packaged model."""

from __future__ import annotations

import pytest

RULE_MODULES = ("test_coder", "test_types", "test_merge", "test_status")


@pytest.fixture(autouse=True)
def _rules_only(request, monkeypatch):
    if request.module.__name__.rsplit(".", 1)[-1] in RULE_MODULES:
        monkeypatch.setenv("EVENTWIRE_EVENT_MODEL", "off")
