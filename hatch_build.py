"""Build hook: put the built-in pack's compiled form in the wheel, so it loads without YAML.

The YAML in data/ stays the source of truth: the hook compiles it afresh for every
wheel, and a test proves the compiled form equals what the strict reader makes of the
YAML. An installed wheel reads its built-in pack from this form alone.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileBuiltinPack(BuildHookInterface):  # type: ignore[type-arg]
    """Compile data/ into interviewtips/data/pack.compiled.json in regular wheels."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Write the compiled form to a temporary file and add it to the wheel."""
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the checkout's YAML directly
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from interviewtips._limits import Limits  # noqa: PLC0415 - from src/, just added
            from interviewtips._pack import compile_pack  # noqa: PLC0415
        finally:
            sys.path.pop(0)
        self._folder = tempfile.TemporaryDirectory()
        target = Path(self._folder.name) / "pack.compiled.json"
        compile_pack(Path(self.root) / "data", Limits(), target)
        build_data["force_include"][str(target)] = "interviewtips/data/pack.compiled.json"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:  # noqa: ARG002 - hatchling's signature
        """Remove the temporary compiled file."""
        folder = getattr(self, "_folder", None)
        if folder is not None:
            folder.cleanup()
