"""The command line under bad input: exit 1 or 2 with a short message, never a traceback.

Usage errors exit 2 with one line on standard error. Content problems exit 1 and list
one ``path:line:column: CODE message`` line per problem, then a summary line.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BAD, MINI, MINIMAL, minimal_with, run

ERROR = "interviewtips: error: "
PROBLEM_LINE = re.compile(r".+:\d+:\d+: IT\d{3} \S")
SUMMARY = re.compile(r"interviewtips: error: \d+ problem\(s\) in the content")


def assert_usage_error(code: int, out: str, err: str) -> None:
    """Exit 2, nothing on stdout, one line on stderr that says it is an error."""
    assert (2, "", 1) == (code, out, len(err.splitlines())), err
    assert err.startswith(ERROR), err


def assert_content_error(code: int, out: str, err: str) -> list[str]:
    """Exit 1, nothing on stdout, problem lines then a summary on stderr; return problems."""
    *problems, summary = err.splitlines()
    assert (1, "") == (code, out), err
    assert SUMMARY.fullmatch(summary), summary
    assert problems
    assert [] == [line for line in problems if not PROBLEM_LINE.match(line)]
    return [line.split(": ")[1].split()[0] for line in problems]


def broken_pack(tmp_path: Path, bad: str = "merge-key.yaml") -> Path:
    """Return a copy of the minimal pack with a bad file from tests/data/bad/ added."""
    return minimal_with(tmp_path / "broken", BAD / bad)


class TestBadPaths:
    """Paths that are not packs are content problems: exit 1, one line each and a summary."""

    @pytest.mark.parametrize("command", ["list", "stages", "search", "export", "counts"])
    def test_nonexistent_path(self, command: str, capsys, tmp_path: Path) -> None:
        """A --pack folder that does not exist is IT101, whatever the command."""
        argv = [command, "--pack", str(tmp_path / "nowhere"), "--no-builtin"]
        if command == "search":
            argv.insert(1, "thank")
        assert ["IT101"] == assert_content_error(*run(capsys, *argv))

    def test_file_instead_of_folder(self, capsys, tmp_path: Path) -> None:
        """A file given as a pack is IT101."""
        file = tmp_path / "pack.yaml"
        file.write_text("id: x\n", encoding="utf-8")
        assert ["IT101"] == assert_content_error(*run(capsys, "list", "--pack", str(file)))

    def test_folder_without_manifest(self, capsys, tmp_path: Path) -> None:
        """A folder with no pack.yaml is IT209."""
        assert ["IT209"] == assert_content_error(*run(capsys, "stages", "--pack", str(tmp_path)))

    def test_empty_pack_argument(self, capsys, tmp_path: Path, monkeypatch) -> None:
        """--pack '' names the current folder, which here holds no pack: IT209."""
        monkeypatch.chdir(tmp_path)
        assert ["IT209"] == assert_content_error(*run(capsys, "list", "--pack", ""))

    def test_broken_pack(self, capsys, tmp_path: Path) -> None:
        """A pack with a hostile file lists each problem, then the summary."""
        folder = broken_pack(tmp_path, "anchor-alias.yaml")
        codes = assert_content_error(*run(capsys, "list", "--pack", str(folder), "--no-builtin"))
        assert ["IT107", "IT107"] == codes

    def test_several_broken_packs(self, capsys, tmp_path: Path) -> None:
        """Problems from several packs come together, one line each."""
        folder = broken_pack(tmp_path)
        argv = ["list", "--pack", str(folder), "--pack", str(tmp_path / "nowhere"), "--no-builtin"]
        assert ["IT108", "IT101"] == assert_content_error(*run(capsys, *argv))

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
    def test_unreadable_file(self, capsys, tmp_path: Path) -> None:
        """A content file that cannot be read is IT101, not PermissionError."""
        folder = Path(shutil.copytree(MINIMAL, tmp_path / "pack"))
        (folder / "tips.yaml").chmod(0)
        try:
            if os.access(folder / "tips.yaml", os.R_OK):
                pytest.skip("running as root: every file is readable")
            result = run(capsys, "list", "--pack", str(folder), "--no-builtin")
        finally:
            (folder / "tips.yaml").chmod(0o644)
        assert ["IT101"] == assert_content_error(*result)

    @pytest.mark.usefixtures("locked_folders")
    def test_unreadable_folder(self, capsys, tmp_path: Path) -> None:
        """A folder of the pack that cannot be listed is IT101, not a traceback."""
        folder = Path(shutil.copytree(MINIMAL, tmp_path / "pack"))
        (folder / "locked").mkdir()
        codes = assert_content_error(*run(capsys, "list", "--pack", str(folder), "--no-builtin"))
        assert ["IT101"] == codes


class TestAuthoringCommands:
    """validate, lint and compile report problems; their report goes to stdout."""

    @pytest.mark.parametrize("command", ["validate", "lint"])
    def test_nonexistent_path(self, command: str, capsys, tmp_path: Path) -> None:
        """Exit 1: the problem on stdout (the report), a one-line summary on stderr."""
        missing = str(tmp_path / "nowhere")
        code, out, err = run(capsys, command, missing, "--no-builtin")
        assert (1, [f"{missing}:0:0: IT101 no such folder; give a pack's folder"]) == (
            code,
            out.splitlines(),
        )
        assert [f"{missing}: 1 problem"] == err.splitlines()

    def test_compile_broken_pack(self, capsys, tmp_path: Path) -> None:
        """compile refuses a broken pack with its problems, and writes nothing."""
        folder = broken_pack(tmp_path)
        assert ["IT108"] == assert_content_error(
            *run(capsys, "compile", str(folder), "--no-builtin")
        )
        assert not (folder / "pack.compiled.json").exists()

    def test_compile_cannot_write(self, capsys, tmp_path: Path) -> None:
        """A compiled form that cannot be written is exit 1 and one line, not a traceback."""
        folder = Path(shutil.copytree(MINIMAL, tmp_path / "pack"))
        (folder / "pack.compiled.json").mkdir()
        code, out, err = run(capsys, "compile", str(folder), "--no-builtin")
        assert (1, "", 1) == (code, out, len(err.splitlines()))

    @pytest.mark.parametrize("where", ["file", "file/inside"])
    def test_new_pack_onto_a_file(self, where: str, capsys, tmp_path: Path) -> None:
        """new-pack onto a file, or under one, is a one-line error, not a traceback."""
        (tmp_path / "file").write_text("x", encoding="utf-8")
        assert_usage_error(*run(capsys, "new-pack", str(tmp_path / where)))


class TestUsage:
    """Wrong commands, options and values: exit 2 and one line."""

    @pytest.mark.parametrize(
        "argv",
        [
            [],
            ["nope"],
            ["--bogus"],
            ["list", "--bogus"],
            ["list", "--kind"],
            ["list", "--pack"],
            ["list", "--format", "xml"],
            ["search"],
            ["search", "x", "--limit", "abc"],
            ["search", "x", "--limit", "1.5"],
            ["search", "x", "--limit", ""],
            ["search", "x", "--limit", "-1"],
            ["list", "--limit", "-1"],
            ["export", "--format", "csv"],
            ["export", "--as-pack", "a", "--output", "b"],
            ["templates", "fill", "x", "--set", "no-equals-sign"],
            ["templates", "fill"],
            ["list", "--color", "sometimes"],
            ["counts", "--of", "nonsense"],
            ["schema", "--file", "nonsense"],
            ["validate"],
            ["show"],
        ],
        ids=lambda argv: " ".join(argv) or "no-arguments",
    )
    def test_bad_arguments(self, argv: list[str], capsys) -> None:
        """argparse errors come back as exit 2 and one line, with a pointer to --help."""
        code, out, err = run(capsys, *argv)
        assert_usage_error(code, out, err)
        assert "--help)" in err

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["list", "--stage", "secnd-round"], "unknown stage 'secnd-round'"),
            (["list", "--kind", "maybe"], "unknown kind 'maybe'"),
            (["list", "--topic", "astrology"], "unknown topic 'astrology'"),
            (["list", "--phase", "sometime"], "unknown phase 'sometime'"),
            (["list", "--interview-format", "hologram"], "unknown format 'hologram'"),
            (["questions", "--type", "riddle"], "unknown question type 'riddle'"),
            (["questions-to-ask", "--audience", "ceo"], "unknown audience 'ceo'"),
            (["search", "x", "--stage", ""], "unknown stage ''"),
            (["counts", "--by", "nonsense"], "unknown facet of tips 'nonsense'"),
            (["counts", "--by", ""], "unknown facet of tips ''"),
        ],
    )
    def test_unknown_names(self, argv: list[str], message: str, capsys) -> None:
        """A name that matches nothing is exit 2 and one line naming it."""
        code, out, err = run(capsys, *argv, *MINI)
        assert_usage_error(code, out, err)
        assert err.startswith(ERROR + message), err

    def test_unknown_installed_pack(self, capsys) -> None:
        """A --pack that is neither a folder nor an installed plugin is exit 2."""
        assert_usage_error(*run(capsys, "list", "--pack", "no-such-pack-anywhere"))


class TestNothingFound:
    """Nothing to show is exit 1 with one line, not an error trace."""

    @pytest.mark.parametrize(
        "id_", ["send-a-not", "", ":", "core:", "../../etc/passwd", "x" * 5000]
    )
    def test_show_unknown_id(self, id_: str, capsys) -> None:
        """show of an id no record has is exit 1 and one line."""
        code, out, err = run(capsys, "show", id_, *MINI)
        assert (1, "", 1) == (code, out, len(err.splitlines()))
        assert err.startswith(ERROR + "no record has the id")

    @pytest.mark.parametrize(
        ("argv", "text"),
        [(["search", "zzzqqq"], "zzzqqq"), (["search", "thank", "--limit", "0"], "thank")],
    )
    def test_search_finds_nothing(self, argv: list[str], text: str, capsys) -> None:
        """A search with no result (or a limit of 0) is exit 1 and one line naming it."""
        expected = f"interviewtips: nothing matches {text!r}\n"
        assert (1, "", expected) == run(capsys, *argv, *MINI)


class TestNonUtf8Arguments:
    """Arguments that are not UTF-8 (bytes from a Latin-1 shell) are handled, never crash."""

    @pytest.mark.parametrize(
        ("argv", "code"),
        [
            (["list", "--stage", "\udcff"], 2),
            (["show", "caf\udce9"], 1),
            (["search", "caf\udce9"], 1),
            (["counts", "--by", "\udcff"], 2),
        ],
    )
    def test_in_process(self, argv: list[str], code: int, capsys) -> None:
        """Undecodable bytes arrive as surrogates; messages show them escaped, on one line."""
        result, out, err = run(capsys, *argv, *MINI)
        assert (code, "", 1) == (result, out, len(err.splitlines()))
        assert "Traceback" not in err


def python_m(*argv: str | bytes, strict_stdout: bool = False) -> subprocess.CompletedProcess[str]:
    """Run ``python -m interviewtips`` with real standard streams.

    ``strict_stdout`` makes stdout refuse what UTF-8 cannot encode, as it does in a
    UTF-8 locale outside Python's UTF-8 mode (most desktop terminals); stderr keeps
    Python's backslashreplace.
    """
    env = dict(os.environ)
    if strict_stdout:
        env["PYTHONIOENCODING"] = "utf-8:strict"
    return subprocess.run(
        [sys.executable, "-m", "interviewtips", *argv],
        capture_output=True,
        text=True,
        errors="backslashreplace",
        check=False,
        env=env,
    )


class TestSubprocess:
    """The real entry point, with real streams: the same exit codes, no tracebacks."""

    @pytest.mark.parametrize(
        ("argv", "code"),
        [
            (["nope"], 2),
            (["search", "x", "--limit", "many"], 2),
            (["list", "--stage", "secnd", *MINI], 2),
            (["show", "nothing-like-it", *MINI], 1),
        ],
    )
    def test_usage_and_not_found(self, argv: list[str], code: int) -> None:
        """Exit code and a single line on stderr."""
        result = python_m(*argv)
        assert (code, "", 1) == (result.returncode, result.stdout, len(result.stderr.splitlines()))
        assert "Traceback" not in result.stderr

    def test_broken_pack(self, tmp_path: Path) -> None:
        """Problem lines then a summary, exit 1."""
        result = python_m("list", "--pack", str(broken_pack(tmp_path)), "--no-builtin")
        assert ["IT108"] == assert_content_error(result.returncode, result.stdout, result.stderr)

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX byte arguments")
    @pytest.mark.parametrize(
        ("argv", "code"),
        [
            ([b"list", b"--stage", b"caf\xe9"], 2),
            ([b"show", b"\xff\xfe", *(a.encode() for a in MINI)], 1),
            ([b"search", b"caf\xe9", *(a.encode() for a in MINI)], 1),
            ([b"list", b"--pack", b"/nowhere/caf\xe9"], 1),
        ],
    )
    def test_latin1_bytes(self, argv: list[bytes], code: int) -> None:
        """Latin-1 bytes in arguments: the usual exit code, messages on stderr, no traceback."""
        result = python_m(*argv, strict_stdout=True)
        assert (code, "") == (result.returncode, result.stdout)
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith(("interviewtips: ", "/nowhere/caf"))

    @pytest.mark.skipif(sys.platform == "win32", reason="POSIX byte arguments")
    def test_latin1_path_to_validate(self) -> None:
        """validate of a Latin-1 path that does not exist reports IT101, exit 1."""
        result = python_m(b"validate", b"/nowhere/caf\xe9", strict_stdout=True)
        assert (1, "Traceback" in result.stderr) == (result.returncode, False)
        assert "IT101" in result.stdout
