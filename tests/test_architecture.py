"""The layer arrows of ../shared/design.md, checked on the source (import-linter runs in CI).

A small AST scan: every `import` and `from ... import` in a layer, including imports inside
functions and `if TYPE_CHECKING:` blocks, against what that layer may not import.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parent.parent / "app"

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "domain": (
        "PySide6",
        "shiboken6",
        "sqlalchemy",
        "alembic",
        "app.db",
        "app.services",
        "app.ui",
        "app.cli",
        "app.bootstrap",
        "app.demo",
    ),
    "db": (
        "PySide6",
        "shiboken6",
        "app.services",
        "app.ui",
        "app.cli",
        "app.bootstrap",
        "app.demo",
    ),
    "services": ("PySide6", "shiboken6", "app.ui", "app.cli", "app.bootstrap", "app.demo"),
    "ui": ("sqlalchemy", "alembic", "app.db", "app.demo", "app.cli"),
}


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, root: Path = APP) -> set[str]:
    """Absolute names of every module `path` imports (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module_name = _module_name(path, root)
    package = module_name if path.name == "__init__.py" else module_name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _violations(layer: str, root: Path = APP) -> list[str]:
    bad: list[str] = []
    for path in sorted((root / layer).rglob("*.py")):
        for module in sorted(imported_modules(path, root)):
            for forbidden in FORBIDDEN[layer]:
                if module == forbidden or module.startswith(forbidden + "."):
                    bad.append(f"{path.relative_to(root.parent).as_posix()} imports {module}")
    return bad


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    if not (APP / layer).is_dir():
        pytest.skip(f"app/{layer} does not exist yet")
    assert _violations(layer) == []


def test_the_scan_sees_imports() -> None:
    # Guard against a scan that finds nothing: plain, from-, relative and nested imports.
    sample = APP / "services" / "beneficiaries.py"
    names = imported_modules(sample)
    assert "sqlalchemy.orm" in names
    assert "app.db.search_index" in names
    assert "app.domain.errors.DomainError" in names


def test_the_scan_catches_a_forbidden_import(tmp_path: Path) -> None:
    fake_app = tmp_path / "app"
    (fake_app / "domain").mkdir(parents=True)
    (fake_app / "domain" / "__init__.py").write_text("")
    (fake_app / "domain" / "bad.py").write_text(
        "def f():\n    from ..db import models\n    import PySide6.QtCore\n"
    )
    assert _violations("domain", fake_app) == [
        "app/domain/bad.py imports PySide6.QtCore",
        "app/domain/bad.py imports app.db",
        "app/domain/bad.py imports app.db.models",
    ]


def _module_files(root: Path = APP) -> dict[str, Path]:
    return {_module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def import_graph(root: Path = APP) -> dict[str, set[str]]:
    """Each module of the package -> the modules of the package it imports, at any depth of
    the file (function bodies and `if TYPE_CHECKING:` blocks too). `from app.ui import labels`
    counts as importing `app.ui.labels`, not the package `app.ui`."""
    files = _module_files(root)
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        found = {m for m in imported_modules(path, root) if m in files and m != name}
        # A name imported from a package is the submodule when there is one; drop the package.
        graph[name] = {m for m in found if not any(o.startswith(m + ".") for o in found)}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as err:
        return list(err.args[1])
    return []


def test_no_import_cycles() -> None:
    # Cycles hide behind lazy imports inside functions; the scan sees those too.
    assert find_cycle(import_graph()) == []


def test_the_cycle_check_sees_a_lazy_cycle(tmp_path: Path) -> None:
    fake_app = tmp_path / "app"
    (fake_app / "services").mkdir(parents=True)
    (fake_app / "__init__.py").write_text("")
    (fake_app / "services" / "__init__.py").write_text("")
    (fake_app / "services" / "setup.py").write_text("def f():\n    from . import demo\n")
    (fake_app / "services" / "demo.py").write_text("from app.services.setup import f\n")
    (fake_app / "services" / "other.py").write_text("from app.services import setup\n")
    cycle = find_cycle(import_graph(fake_app))
    assert set(cycle) == {"app.services.setup", "app.services.demo"}


MAX_LINES = 400


@pytest.mark.parametrize("folder", ["app", "tests"])
def test_no_module_is_over_400_lines(folder: str) -> None:
    root = APP.parent / folder
    long = {
        path.relative_to(APP.parent).as_posix(): count
        for path in sorted(root.rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
