"""The README's examples run as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from interviewtips.cli import main

README = Path(__file__).parent.parent / "README.md"

pytestmark = pytest.mark.skipif(not README.is_file(), reason="needs the source tree")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


class TestReadme:
    """The embedding example and the command-line examples work."""

    def test_embedding_example_runs(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The first Python block runs and prints the culture-fit don'ts."""
        exec(blocks("python")[0], {})  # noqa: S102 - the README's own code
        assert "Subject: " in capsys.readouterr().out

    def test_command_line_examples(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Every reading command in the Command line section exits 0."""
        section = README.read_text(encoding="utf-8").split("## Command line")[1].split("\n## ")[0]
        commands = [
            shlex.split(line)
            for line in re.findall(r"^\$ interviewtips (.*)$", section, re.MULTILINE)
        ]
        runnable = [argv for argv in commands if argv[0] not in {"validate", "export"}]
        assert 8 <= len(runnable)
        for argv in runnable:
            assert (0, argv) == (main(argv), argv)
        capsys.readouterr()
