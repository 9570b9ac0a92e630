"""Importing interviewtips is cheap: nothing heavy is imported, nothing is read."""

from __future__ import annotations

import json
import subprocess
import sys

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

    def test_loading_imports_yaml_only_then(self) -> None:
        """The first load brings the YAML reader in."""
        code = (
            "import sys, interviewtips; a = 'yaml' in sys.modules; interviewtips.load(); "
            "print(a, 'yaml' in sys.modules)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert "False True\n" == result.stdout
