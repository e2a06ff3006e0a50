"""Which way the imports go: the domain (`bot/`) imports no framework, nothing imports `ops`.

    web ─┐    actions ─┐    channels ──> rasa_extensions
         └──> bot <────┴────────┘            (settings: read by every process)

`bot/` is plain Python: no Sanic, Rasa or rasa-sdk. `ops/` (starting servers, benchmarks) is
imported by no package the servers run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from ops.stack import ROOT

FRAMEWORKS = ("sanic", "rasa", "rasa_sdk")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def top_levels(package: str) -> dict[str, set[str]]:
    return {
        str(path.relative_to(ROOT)): {name.split(".")[0] for name in imported_modules(path)}
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def test_the_domain_imports_no_framework():
    modules = top_levels("bot")
    assert len(modules) > 15
    offenders = {path: names & set(FRAMEWORKS) for path, names in modules.items()}
    assert {path: names for path, names in offenders.items() if names} == {}


@pytest.mark.parametrize("package", ["bot", "actions", "channels", "rasa_extensions", "web"])
def test_no_server_package_imports_ops(package):
    assert {path for path, names in top_levels(package).items() if "ops" in names} == set()


def test_the_check_sees_a_framework_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\nfrom sanic.request import Request\nfrom . import x\n")
    assert imported_modules(module) == {"os", "sanic.request"}
