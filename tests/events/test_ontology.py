"""The event ontology data (plover.yaml, cameo.yaml) and its lookups; model-free."""

from __future__ import annotations

import importlib.resources
import re

import pytest
import yaml

from eventwire.events import ontology

# DESIGN section 3.
QUAD_CLASSES = {
    1: {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
    2: {"COOPERATE", "AID", "RETREAT"},
    3: {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
    4: {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"},
}
# The modes the PLOVER 2.0 manual defines, type by type, in its order (types not listed have none).
MANUAL_MODES = {
    "CONSULT": "visit third-party multilateral phone".split(),
    "RETREAT": "withdraw release disarm ceasefire access resign".split(),
    "REQUEST": "assist change yield meet".split(),
    "ACCUSE": "disapprove investigate allege".split(),
    "REJECT": "assist change yield meet".split(),
    "THREATEN": "restrict arrest relations expel territory violence".split(),
    "PROTEST": "demo riot strike hunger boycott obstruct vandalize".split(),
    "SANCTION": "convict expel withdraw discontinue".split(),
    "MOBILIZE": "troops weapons police militia".split(),
    "COERCE": "seize restrict censor curfew martial-law arrest deport withhold misinformation cyber".split(),
    "ASSAULT": (
        "abduct beat torture sexual targeted destroy primitive firearms explosives suicide-attack aerial"
        " drone heavy-weapons crowd-control unconventional"
    ).split(),
}
# Names CAMEO2PLOVER-2021 uses that the manual does not define for that type; cameo.yaml keeps them as the
# table has them. A new one showing up here means the data was edited: check it against the manual.
TABLE_ONLY_MODES = {
    ("ASSAULT", "assassinate"), ("ASSAULT", "cleansing"), ("ASSAULT", "massacre"),
    ("ASSAULT", "pro_autocracy"), ("ASSAULT", "seize"), ("COERCE", "ban"), ("RETREAT", "ease"),
    ("RETREAT", "return"), ("THREATEN", "ban"), ("THREATEN", "political"),
}  # fmt: skip
TABLE_ONLY_CONTEXTS = {"democracy", "humanitarian"}


def _raw(name: str) -> str:
    return importlib.resources.files("eventwire.events").joinpath("data").joinpath(name).read_text("utf-8")


@pytest.fixture(scope="module")
def codes() -> list[dict]:
    return yaml.safe_load(_raw("cameo.yaml"))["codes"]


def _all_modes() -> list[tuple[str, str]]:
    return [(t, m) for t in ontology.plover_types() for m in ontology.modes(t)]


# ---------------------------------------------------------------- plover.yaml


def test_sixteen_types_with_design_quad_classes() -> None:
    types = ontology.plover_types()
    assert len(types) == 16 == len(set(types))
    assert set(types) == set().union(*QUAD_CLASSES.values())
    for quad, members in QUAD_CLASSES.items():
        for name in members:
            assert ontology.quad_class(name) == quad, name


def test_modes_are_the_manuals() -> None:
    for name in ontology.plover_types():
        assert ontology.modes(name) == MANUAL_MODES.get(name, []), name


def test_contexts() -> None:
    names = ontology.contexts()
    assert len(names) == 37 == len(set(names))
    assert {"military", "diplomatic", "rights_freedoms", "cbrn", "illegal_drugs"} <= set(names)
    assert all(re.fullmatch(r"[a-z_]+", name) for name in names)


def test_every_type_and_mode_has_a_gloss() -> None:
    data = yaml.safe_load(_raw("plover.yaml"))
    for name, spec in data["types"].items():
        assert spec["definition"].strip(), name
        for mode, mode_spec in spec["modes"].items():
            assert mode_spec["gloss"].strip(), (name, mode)
    assert all(gloss.strip() for gloss in data["contexts"].values())


@pytest.mark.parametrize(("type_", "mode"), [(t, None) for t in ontology.plover_types()] + _all_modes())
def test_cameo_of_every_type_and_mode_exists_and_maps_back(type_: str, mode: str | None) -> None:
    code = ontology.cameo_for(type_, mode)
    ontology.cameo_name(code)  # raises when cameo.yaml lacks the code
    assert ontology.plover_for_cameo(code)[0] == type_


def test_plover_yaml_says_source_and_licence() -> None:
    head = _raw("plover.yaml")[:1200]
    assert "Open Event Data Alliance" in head and "CC BY-SA 4.0" in head and "own" in head


# ---------------------------------------------------------------- cameo.yaml


def test_codes_unique_two_to_four_digits_with_parents(codes: list[dict]) -> None:
    seen = [entry["code"] for entry in codes]
    assert len(seen) == len(set(seen)) == 318
    assert all(isinstance(code, str) and re.fullmatch(r"\d{2,4}", code) for code in seen)
    assert sorted(c for c in seen if len(c) == 2) == [f"{n:02d}" for n in range(1, 21)]
    for code in seen:
        if len(code) > 2:
            assert code[: len(code) - 1 if len(code) == 3 else 3] in seen, code


def test_every_code_has_name_and_goldstein_in_range(codes: list[dict]) -> None:
    for entry in codes:
        assert entry["name"].strip() and len(entry["name"]) <= 80, entry
        assert isinstance(entry["goldstein"], float) and -10.0 <= entry["goldstein"] <= 10.0, entry


def test_every_code_maps_to_a_plover_type_or_is_dropped(codes: list[dict]) -> None:
    types = set(ontology.plover_types())
    for entry in codes:
        plover = entry["plover"]
        assert set(plover) == {"type", "mode", "context"}, entry
        if entry["code"][:2] in {"01", "02"}:  # statements and appeals: PLOVER dropped them
            assert plover == {"type": None, "mode": None, "context": None}, entry
        else:
            assert plover["type"] in types, entry


def test_table_modes_and_contexts_are_known(codes: list[dict]) -> None:
    contexts = set(ontology.contexts()) | TABLE_ONLY_CONTEXTS
    odd_modes = set()
    for entry in codes:
        type_, mode, context = ontology.plover_for_cameo(entry["code"])
        if mode and mode not in ontology.modes(type_):
            odd_modes.add((type_, mode))
        assert set((context or "").split("; ")) - {""} <= contexts, entry
    assert odd_modes == TABLE_ONLY_MODES


def test_cameo_yaml_says_sources_and_licence() -> None:
    head = _raw("cameo.yaml")[:3500]
    for words in ("1.1b3", "Goldstein", "CAMEO2PLOVER", "Open Event Data Alliance", "CC BY-SA 4.0"):
        assert words in head, words


# ---------------------------------------------------------------- lookups


def test_spot_checks() -> None:
    assert ontology.plover_for_cameo("042") == ("CONSULT", "visit", None)
    assert ontology.cameo_for("CONSULT") == "040" and ontology.cameo_for("CONSULT", "visit") == "042"
    assert ontology.plover_for_cameo("19")[0] == "ASSAULT" == ontology.plover_for_cameo("190")[0]
    assert ontology.cameo_for("ASSAULT") == "190" and ontology.cameo_for("ASSAULT", "aerial") == "195"
    assert ontology.plover_for_cameo("16")[0] == "SANCTION" == ontology.plover_for_cameo("162")[0]
    # CAMEO2PLOVER-2021 sends 163 (embargo, boycott, sanctions) to COERCE, not to its root's SANCTION.
    assert ontology.plover_for_cameo("163") == ("COERCE", "restrict", "diplomatic")
    assert ontology.plover_for_cameo("080")[0] == "CONCEDE"
    assert ontology.plover_for_cameo("084")[0] == "RETREAT"
    assert ontology.plover_for_cameo("012") == (None, None, None)
    assert ontology.goldstein("190") == -10.0 and ontology.goldstein("040") == 1.0
    assert ontology.goldstein("057") == 8.0 and ontology.goldstein("0874") == 10.0
    assert ontology.cameo_name("012") == "Make pessimistic comment"
    assert ontology.cameo_name("0874") == "Retreat or surrender militarily"


def test_mode_without_code_falls_back_to_type_default() -> None:
    assert ontology.cameo_for("RETREAT", "resign") == ontology.cameo_for("RETREAT") == "084"


def test_plover_for_cameo_walks_up_to_the_parent() -> None:
    assert ontology.plover_for_cameo("0874") == ("RETREAT", "disarm", "military")  # listed, like its parent
    assert ontology.plover_for_cameo("087") == ("RETREAT", "disarm", "military")
    assert ontology.plover_for_cameo("0875") == ontology.plover_for_cameo("087")  # not in cameo.yaml
    assert ontology.plover_for_cameo("1834") == ontology.plover_for_cameo("183")  # not in the table


def test_describe() -> None:
    assert ontology.describe("ASSAULT", "aerial") == {
        "type": "ASSAULT", "mode": "aerial", "quad_class": 4, "cameo": "195",
        "cameo_name": "Employ aerial weapons", "goldstein": -10.0,
    }  # fmt: skip
    assert ontology.describe("CONSULT")["goldstein"] == 1.0


@pytest.mark.parametrize(
    ("call", "named", "choice"),
    [
        (lambda: ontology.quad_class("FIGHT"), "'FIGHT'", "ASSAULT"),
        (lambda: ontology.modes("consult"), "'consult'", "CONSULT"),
        (lambda: ontology.cameo_for("CONSULT", "host"), "'host'", "visit"),
        (lambda: ontology.cameo_for("AGREE", "visit"), "'visit'", "none"),
        (lambda: ontology.describe("ASSAULT", "bombing"), "'bombing'", "explosives"),
        (lambda: ontology.goldstein("999"), "'999'", "'042'"),
        (lambda: ontology.goldstein(42), "42", "leading zeros"),
        (lambda: ontology.cameo_name("21"), "'21'", "01-20"),
        (lambda: ontology.plover_for_cameo("2199"), "'2199'", "01-20"),
        (lambda: ontology.plover_for_cameo("4a"), "'4a'", "2-4 digits"),
    ],
)
def test_errors_name_the_bad_value_and_the_choices(call, named: str, choice: str) -> None:
    with pytest.raises(ValueError) as caught:
        call()
    assert named in str(caught.value) and choice in str(caught.value)
