"""Importing interviewtips is cheap: nothing heavy is imported, nothing is read."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import interviewtips

HEAVY = ("yaml", "sphinx", "docutils", "importlib.metadata", "importlib_metadata", "json")


class TestImport:
    """`import interviewtips` pulls in no YAML, Sphinx or importlib.metadata."""

    def test_no_heavy_modules(self) -> None:
        """None of the heavy modules is in sys.modules after the import."""
        code = (
            "import sys, json; before = set(sys.modules); import interviewtips; "
            "print(json.dumps(sorted(set(sys.modules) - before)))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        imported = json.loads(result.stdout)
        assert [] == [name for name in imported if name.split(".")[0] in HEAVY or name in HEAVY]

    def test_loading_imports_yaml_only_to_read_yaml(self) -> None:
        """A load imports PyYAML only when there is no compiled form to read instead."""
        code = (
            "import sys, interviewtips; before = 'yaml' in sys.modules; interviewtips.load(); "
            "from interviewtips._locate import builtin_data; "
            "compiled = builtin_data().joinpath('pack.compiled.json').is_file(); "
            "print(before, 'yaml' in sys.modules, compiled)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        before, after, compiled = result.stdout.split()
        assert ("False", str(compiled == "False")) == (before, after)


class TestNothingRead:
    """Importing the package opens no content file; the first load does."""

    CODE = (
        "import sys\n"
        "opened = []\n"
        "sys.addaudithook(lambda event, args: event == 'open' and opened.append(str(args[0])))\n"
        "import interviewtips\n"
        "{then}\n"
        "print('\\n'.join(p for p in opened if p.endswith(('.yaml', '.json'))))\n"
    )

    def opened(self, then: str) -> list[str]:
        """Return the YAML and JSON files a fresh interpreter opens for ``then``."""
        code = self.CODE.format(then=then)
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        return result.stdout.split()

    def test_import_opens_no_content(self) -> None:
        """`import interviewtips` and touching a public name open no YAML or JSON file."""
        assert [] == self.opened("interviewtips.Kind, interviewtips.load")

    def test_first_load_opens_the_manifest_or_compiled_form(self) -> None:
        """The first load does open the built-in pack (so the check above can fail)."""
        names = {Path(path).name for path in self.opened("interviewtips.load()")}
        assert names & {"pack.yaml", "pack.compiled.json"}


class TestImportGraph:
    """The package's modules import each other without a cycle."""

    def test_no_cycle(self) -> None:
        """No chain of imports (lazy ones included) leads a module back to itself."""
        graph = _import_graph()
        cycle = _find_cycle(graph)
        assert cycle is None, " -> ".join(cycle or ())
        assert "_pack" in graph["_api"]  # the graph is real: a lazy import is an edge

    def test_a_cycle_is_found(self) -> None:
        """The cycle check finds a cycle when there is one."""
        assert ["a", "b", "a"] == _find_cycle({"a": {"b"}, "b": {"a"}})


def _import_graph() -> dict[str, set[str]]:
    """Return each module of the installed package and the package modules it imports.

    Every import statement counts, at any depth (a lazy import still makes a cycle), except
    those under ``if TYPE_CHECKING:``, which never run.
    """
    folder = Path(interviewtips.__file__).parent
    modules = {path.stem for path in folder.glob("*.py")}
    graph: dict[str, set[str]] = {}
    for name in modules:
        tree = ast.parse((folder / f"{name}.py").read_text(encoding="utf-8"))
        typing_only = {
            id(node)
            for branch in ast.walk(tree)
            if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
            for node in ast.walk(branch)
        }
        imported = set()
        for node in ast.walk(tree):
            if id(node) in typing_only or not isinstance(node, ast.ImportFrom):
                continue
            if node.level == 1 and node.module:
                imported.add(node.module.split(".")[0])
            elif node.level == 1:
                imported.update(alias.name for alias in node.names)
        graph[name] = imported & modules - {"__init__"}
    return graph


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """Return a cycle of the graph as a path back to its start, or None."""
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> list[str] | None:
        if node in path:
            return [*path[path.index(node) :], node]
        if node in done:
            return None
        for target in sorted(graph.get(node, ())):
            found = visit(target, [*path, node])
            if found:
                return found
        done.add(node)
        return None

    for start in sorted(graph):
        found = visit(start, [])
        if found:
            return found
    return None


class TestPublicNames:
    """Every public name is importable, and __all__ lists exactly them."""

    def test_all_names_resolve(self) -> None:
        """Each name in __all__ is an attribute of the package."""
        missing = [name for name in interviewtips.__all__ if not hasattr(interviewtips, name)]
        assert [] == missing

    def test_all_matches_the_table(self) -> None:
        """__all__ and the table of lazily imported names agree, and __all__ is sorted."""
        assert set(interviewtips._MODULES) | {"__version__"} == set(interviewtips.__all__)
        assert sorted(interviewtips.__all__) == interviewtips.__all__

    def test_unknown_name(self) -> None:
        """An unknown attribute is an AttributeError naming it."""
        with pytest.raises(AttributeError, match="has no attribute 'nope'"):
            _ = interviewtips.nope

    def test_from_import(self) -> None:
        """from interviewtips import X works for lazily imported names."""
        from interviewtips import Kind, load  # noqa: PLC0415 - the statement under test

        assert ("do", "load") == (Kind.DO, load.__name__)
