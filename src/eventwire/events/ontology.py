"""The event ontology: PLOVER 2.0 types, modes and contexts, with the CAMEO codes and Goldstein weights.

The knowledge is data: `data/plover.yaml` (types, quad classes, modes, contexts, the CAMEO code that stands
for each type and mode) and `data/cameo.yaml` (every CAMEO code with its name, Goldstein weight and PLOVER
equivalent, adapted from the Open Event Data Alliance's CC BY-SA 4.0 CAMEO2PLOVER table). Both are read once.

    >>> cameo_for("CONSULT", "visit"), goldstein("042"), plover_for_cameo("190")
    ('042', 1.9, ('ASSAULT', None, 'military'))

CAMEO codes are strings with their leading zeros ("042", not 42). Unknown types, modes and codes raise a
`ValueError` that names the value and what would have been valid.
"""

from __future__ import annotations

import functools
import importlib.resources
import re
from typing import Any

import yaml

# (type, mode, context); type is None for the CAMEO roots PLOVER dropped (01 statements, 02 appeals).
PloverMapping = tuple[str | None, str | None, str | None]

_CODE_SHAPE = re.compile(r"\d{2,4}")
_CODE_HINT = "a CAMEO code is a string of 2-4 digits under roots 01-20, with leading zeros (e.g. '04', '042')"


def _read(name: str) -> Any:
    path = importlib.resources.files("eventwire.events").joinpath("data").joinpath(name)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@functools.cache
def _plover() -> dict[str, Any]:
    return _read("plover.yaml")


@functools.cache
def _cameo() -> dict[str, dict[str, Any]]:
    return {entry["code"]: entry for entry in _read("cameo.yaml")["codes"]}


def _type(name: str) -> dict[str, Any]:
    types = _plover()["types"]
    if name not in types:
        raise ValueError(f"unknown PLOVER type {name!r}; valid types: {', '.join(types)}")
    return types[name]


def _entry(code: str) -> dict[str, Any]:
    entry = _cameo().get(code) if isinstance(code, str) else None
    if entry is None:
        raise ValueError(f"unknown CAMEO code {code!r}; {_CODE_HINT}, listed in events/data/cameo.yaml")
    return entry


def plover_types() -> list[str]:
    """The 16 PLOVER 2.0 event types, cooperative verbal first, material conflict last."""
    return list(_plover()["types"])


def quad_class(type: str) -> int:
    """1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    return int(_type(type)["quad_class"])


def modes(type: str) -> list[str]:
    """The PLOVER 2.0 modes of `type`, empty for types the manual gives no modes."""
    return list(_type(type)["modes"])


def contexts() -> list[str]:
    """The PLOVER 2.0 context names; any of them may go with any type."""
    return list(_plover()["contexts"])


def cameo_for(type: str, mode: str | None = None) -> str:
    """The CAMEO code closest to `type` and `mode`: the mode's own code, else the type's default code."""
    spec = _type(type)
    if mode is None:
        return str(spec["default_cameo"])
    if mode not in spec["modes"]:
        valid = ", ".join(spec["modes"]) or "none (use mode=None)"
        raise ValueError(f"unknown mode {mode!r} for PLOVER type {type}; valid modes: {valid}")
    return str(spec["modes"][mode]["cameo"] or spec["default_cameo"])


def goldstein(cameo_code: str) -> float:
    """The Goldstein conflict-cooperation weight (-10..10) of a CAMEO code."""
    return float(_entry(cameo_code)["goldstein"])


def cameo_name(code: str) -> str:
    """The short CAMEO name of a code, e.g. "042" -> "Make a visit"."""
    return str(_entry(code)["name"])


def plover_for_cameo(code: str) -> PloverMapping:
    """The PLOVER (type, mode, context) of a CAMEO code, after the CAMEO2PLOVER table.

    A well-formed code that cameo.yaml does not list (a later or local extension such as "0875") takes the
    mapping of its nearest listed parent ("087", then "08"). Codes under roots 01 and 02 return a None type:
    PLOVER has no equivalent for public statements and appeals.
    """
    if not isinstance(code, str) or not _CODE_SHAPE.fullmatch(code):
        raise ValueError(f"malformed CAMEO code {code!r}; {_CODE_HINT}")
    for cut in range(len(code), 1, -1):
        entry = _cameo().get(code[:cut])
        if entry is not None:
            plover = entry["plover"]
            return plover["type"], plover["mode"], plover["context"]
    raise ValueError(f"unknown CAMEO code {code!r}: no CAMEO root {code[:2]!r}; {_CODE_HINT}")


def describe(type: str, mode: str | None = None) -> dict[str, Any]:
    """Everything eventwire stores beside a PLOVER type and mode: quad class, CAMEO code, name, Goldstein."""
    code = cameo_for(type, mode)
    return {
        "type": type,
        "mode": mode,
        "quad_class": quad_class(type),
        "cameo": code,
        "cameo_name": cameo_name(code),
        "goldstein": goldstein(code),
    }
