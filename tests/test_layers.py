"""The layer contracts cover the whole pure domain, and modules keep their size.

import-linter (run by packaging/test.sh) checks the contracts in
pyproject.toml; a subpackage that is named in none of them is checked by
none, so a new feature folder of the pure domain must be added there.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYER_SEPARATORS = ("|", ":")
# The composition root, use cases, and the package's own entry points.
NOT_PURE = {"helperdesk.app", "helperdesk.cli", "helperdesk.__main__", "helperdesk.__init__"}
MAX_LINES = 500
# Tables of data rather than logic (the README says so of each).
DATA_TABLES: set[str] = set()
# None left to split (issue 10); a module listed here must really be over the limit.
TO_SPLIT: set[str] = set()


def _contracts() -> list[dict[str, object]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts: list[dict[str, object]] = config["tool"]["importlinter"]["contracts"]
    return contracts


def _layer_modules() -> set[str]:
    layers = next(c for c in _contracts() if c["type"] == "layers")["layers"]
    assert isinstance(layers, list)
    names: set[str] = set()
    for row in layers:
        words = row
        for sep in LAYER_SEPARATORS:
            words = words.replace(sep, " ")
        names.update(words.split())
    return names


def test_every_domain_package_is_in_the_layers_and_the_purity_contract() -> None:
    pure_contract = next(c for c in _contracts() if str(c["name"]).startswith("The pure domain"))
    pure = set(pure_contract["source_modules"])  # type: ignore[call-overload]
    layered = _layer_modules()
    for path in sorted((ROOT / "helperdesk").iterdir()):
        if path.name.startswith(("_", ".")) and path.name not in ("__main__.py",):
            continue
        if path.suffix != ".py" and not (path / "__init__.py").exists():
            continue
        name = f"helperdesk.{path.stem if path.suffix == '.py' else path.name}"
        if name in NOT_PURE:
            assert name in layered or name == "helperdesk.__main__", name
            continue
        assert name in layered, f"{name} is in no layer of pyproject.toml's contracts"
        assert name in pure, f"{name} is not in the pure-domain contract"


def test_no_module_imports_another_modules_private_names() -> None:
    offenders = []
    for top in ("helperdesk", "storage", "sync", "ui", "i18n"):
        for path in (ROOT / top).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.ImportFrom):
                    offenders += [f"{path.relative_to(ROOT)}: {node.module}.{a.name}"
                                  for a in node.names
                                  if a.name.startswith("_") and not a.name.startswith("__")
                                  and a.name != "_"]  # gettext's conventional name
    assert offenders == []


def test_modules_stay_small() -> None:
    big = []
    for top in ("helperdesk", "storage", "sync", "ui", "i18n"):
        for path in (ROOT / top).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            lines = len(path.read_text().splitlines())
            if lines > MAX_LINES and rel not in DATA_TABLES:
                big.append(rel)
    assert sorted(big) == sorted(TO_SPLIT)


def test_no_production_function_is_named_like_a_test() -> None:
    named = []
    for top in ("helperdesk", "storage", "sync", "ui", "i18n"):
        for path in (ROOT / top).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) \
                        and node.name.startswith("test_"):
                    named.append(f"{path.relative_to(ROOT)}: {node.name}")
    assert named == []
