"""The layers of ARCHITECTURE.md, checked on the source: every module imports only its own layer's modules
or lower ones, and no stage imports another stage. Read from the code with `ast`, model-free."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "eventwire"

# (layer, names): a module belongs to the first entry whose name is its dotted path or a prefix of it.
LAYERS: list[tuple[int, tuple[str, ...]]] = [
    (0, ("errors", "settings", "records", "nlp", "choice_models")),
    (1, ("ingest",)),
    (2, ("lookups", "registry")),
    # Training tools: they run the pipeline, so they sit with the runner.
    (3, ("events.train", "places.train")),
    (3, ("pipeline", "evaluate", "engine_ray")),
    (
        2.5,
        (
            "times",
            "times_rules",
            "actors",
            "quotes",
            "quote_attribution",
            "quote_speakers",
            "places",
            "events",
        ),
    ),
    (4, ("store", "stories", "duplicates", "query", "interop", "show")),
    (5, ("api",)),
    (6, ("cli", "cli_query", "serve", "__init__")),
]
# A stage's own modules: the stage may import these, and no other stage may.
STAGES = {
    "times": ("times", "times_rules"),
    "actors": ("actors",),
    "quotes": ("quotes", "quote_attribution", "quote_speakers"),
    "places": ("places",),
    "events": ("events",),
}


def _name(path: Path) -> str:
    rel = path.relative_to(SRC).with_suffix("")
    return ".".join(p for p in rel.parts if p != "__init__") or "__init__"


def _layer(module: str) -> float:
    for layer, names in LAYERS:
        if any(module == n or module.startswith(n + ".") for n in names):
            return layer
    raise AssertionError(f"{module} has no layer in tests/test_architecture.py: add it to LAYERS")


def _stage(module: str) -> str | None:
    for name, parts in STAGES.items():
        if any(module == p or module.startswith(p + ".") for p in parts):
            return name
    return None


def _imports(path: Path, module: str) -> set[str]:
    """The eventwire modules a file imports (relative or absolute, at any depth)."""
    package = module.split(".")[:-1] if path.name != "__init__.py" else module.split(".")
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
                names = [target] if node.module else [".".join([*base, a.name]) for a in node.names]
                out.update(n for n in names if n)
            elif node.module and node.module.startswith("eventwire"):
                out.add(node.module.removeprefix("eventwire").lstrip(".") or "__init__")
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("eventwire.")]
            out.update(n.removeprefix("eventwire.") for n in names)
    return out


def _modules() -> dict[str, Path]:
    return {_name(p): p for p in SRC.rglob("*.py")}


def _resolve(target: str, known: dict[str, Path]) -> str | None:
    while target and target not in known:
        target = target.rpartition(".")[0]  # "lookups.kb.load_kb" -> "lookups.kb"
    return target or None


def test_no_module_imports_a_higher_layer_or_another_stage():
    known = _modules()
    problems = []
    for module, path in sorted(known.items()):
        for target in sorted(_imports(path, module)):
            resolved = _resolve(target, known)
            if resolved is None or resolved == module:
                continue
            if _layer(resolved) > _layer(module):
                problems.append(f"{module} (layer {_layer(module)}) imports {resolved} ({_layer(resolved)})")
            own, other = _stage(module), _stage(resolved)
            if other is not None and own != other and _layer(module) == _layer(resolved):
                problems.append(f"stage module {module} imports {resolved} of stage {other}")
    assert problems == []


def test_every_module_has_a_layer():
    for module in _modules():
        _layer(module)


def test_the_checker_sees_a_violation(tmp_path):
    """The import reader finds relative imports of another stage (so the test above can fail)."""
    fake = SRC / "quotes.py"
    assert "lookups.clauses" in {_resolve(t, _modules()) for t in _imports(fake, "quotes")}
    bad = tmp_path / "bad.py"
    bad.write_text("from ..actors.resolve import LOCATIVE_PREPS\n")
    assert _resolve(next(iter(_imports(bad, "places.bad"))), _modules()) == "actors.resolve"
