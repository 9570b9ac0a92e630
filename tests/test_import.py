"""Importing interviewtips is cheap: nothing heavy is imported, nothing is read."""

from __future__ import annotations

import json
import subprocess
import sys

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
