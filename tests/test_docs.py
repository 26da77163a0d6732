"""Docs are tested: every setting and every command is documented in the README, and the two set-up
commands come first."""

from __future__ import annotations

from pathlib import Path

from eventwire.cli import cli
from eventwire.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented():
    for setting in SETTINGS.values():
        assert f"`{setting.name}`" in README, setting.name
        assert f"`{setting.env}`" in README, setting.env


def test_every_command_is_documented():
    for name in cli.commands:
        assert f"eventwire {name}" in README, name


def test_setup_commands_come_first():
    first_block = README.split("```sh", 1)[1].split("```", 1)[0]
    assert "make demo" in first_block and "make test" in first_block
