"""The command line, called in-process through main(argv)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import interviewtips
from conftest import MINI, MINIMAL, run
from interviewtips.cli import main


class TestList:
    """list filters tips and prints them."""

    def test_json_output_matches_the_api(self, capsys) -> None:
        """The issue's example: second-interview don'ts as JSON, equal to the API's."""
        code, out, err = run(
            capsys, "list", "--stage", "Second interview", "--kind", "don't", "--format", "json"
        )
        expected = interviewtips.load().query(stage="second-interview", kind="dont")
        assert (0, "") == (code, err)
        assert [tip.id for tip in expected] == [item["id"] for item in json.loads(out)]

    def test_repeated_filters_are_any_of(self, capsys) -> None:
        """Two --phase options match either."""
        code, out, _ = run(capsys, "list", *MINI, "--phase", "before", "--phase", "after")
        assert 0 == code
        assert ["read-the-website", "send-a-note"] == [
            line.split("(")[-1].rstrip(")") for line in out.splitlines() if line.startswith("[")
        ]

    def test_interview_format_filter(self, capsys) -> None:
        """--interview-format gives that format's tips and those for every format."""
        code, out, _ = run(
            capsys, "list", *MINI, "--interview-format", "in person", "--format", "json"
        )
        found = [item["id"] for item in json.loads(out)]
        assert (0, ["read-the-website", "dont-arrive-late", "send-a-note"]) == (code, found)

    def test_only_interview_format_filter(self, capsys) -> None:
        """--only-interview-format gives that format's own tips; --format stays the output."""
        code, out, _ = run(
            capsys, "list", *MINI, "--only-interview-format", "in person", "--format", "json"
        )
        assert (0, ["dont-arrive-late"]) == (code, [item["id"] for item in json.loads(out)])

    def test_nothing_found_exits_1(self, capsys) -> None:
        """An empty result is exit code 1 with a message on stderr."""
        code, out, err = run(capsys, "list", *MINI, "--stage", "first", "--phase", "after")
        assert (1, "", "interviewtips: nothing matches\n") == (code, out, err)

    def test_unknown_name_exits_2_with_suggestion(self, capsys) -> None:
        """A typo is a usage error naming the close match."""
        code, out, err = run(capsys, "list", "--stage", "secnd")
        assert (2, "") == (code, out)
        assert (
            "interviewtips: error: unknown stage 'secnd'; did you mean 'second-interview'?\n" == err
        )


class TestOtherCommands:
    """search, show, stages, topics, questions, counts, export."""

    def test_search(self, capsys) -> None:
        """search prints the best match first."""
        code, out, _ = run(capsys, "search", *MINI, "thank-you note", "--limit", "1")
        assert (0, "[DO] Send a thank-you note  (send-a-note)") == (code, out.splitlines()[0])

    def test_show_finds_any_record_type(self, capsys) -> None:
        """show finds a template by its id."""
        code, out, _ = run(capsys, "show", *MINI, "thanks-email")
        assert (0, "Thank-you email  (thanks-email)") == (code, out.splitlines()[0])

    def test_show_unknown_id_exits_1(self, capsys) -> None:
        """An id no record has is 'nothing found', with the close matches."""
        code, _, err = run(capsys, "show", *MINI, "send-a-not")
        assert 1 == code
        assert "no record has the id 'send-a-not'; did you mean 'send-a-note'?" in err

    def test_stages_and_topics(self, capsys) -> None:
        """stages lists the lifecycle in order."""
        code, out, _ = run(capsys, "stages", *MINI)
        assert (0, [" 1. First round  (first-round)", " 2. Second round  (second-round)"]) == (
            code,
            [line for line in out.splitlines() if line[:2].strip().isdigit()],
        )
        code, out, _ = run(capsys, "topics", *MINI, "--format", "json")
        assert ["research", "thanks"] == [topic["id"] for topic in json.loads(out)]

    def test_questions_to_ask_and_templates(self, capsys) -> None:
        """The other record types have their own commands."""
        code, out, _ = run(capsys, "questions-to-ask", *MINI, "--kind", "dont", "--format", "json")
        assert (0, ["ask-about-holidays-first"]) == (code, [q["id"] for q in json.loads(out)])
        code, out, _ = run(capsys, "questions", *MINI, "--type", "situational", "--format", "json")
        assert (0, ["what-would-you-do"]) == (code, [q["id"] for q in json.loads(out)])
        code, out, _ = run(capsys, "checklists", *MINI, "--format", "markdown")
        assert (0, "### The day before") == (code, out.splitlines()[0])
        code, out, _ = run(capsys, "templates", *MINI, "--stage", "second-round")
        assert (0, "Thank-you email  (thanks-email)") == (code, out.splitlines()[0])

    def test_counts(self, capsys) -> None:
        """counts prints a table, or JSON."""
        code, out, _ = run(capsys, "counts", *MINI, "--by", "kind")
        assert (0, ["do        2", "dont      2"]) == (code, out.splitlines())
        code, out, _ = run(
            capsys, "counts", *MINI, "--of", "questions", "--by", "type", "--format", "json"
        )
        assert 1 == json.loads(out)["behavioural"]

    def test_export_is_the_whole_catalog(self, capsys) -> None:
        """export prints to_dict() as JSON."""
        code, out, _ = run(capsys, "export", *MINI)
        assert (0, interviewtips.load(MINIMAL, builtin=False).to_dict()) == (code, json.loads(out))


class TestValidate:
    """validate reports every problem and exits 1 on any."""

    def test_valid(self, capsys) -> None:
        """A valid pack prints nothing and exits 0."""
        assert (0, "", f"{MINIMAL}: no problems\n") == run(
            capsys, "validate", str(MINIMAL), "--no-builtin"
        )

    def test_problems(self, capsys, minimal_copy) -> None:
        """Each problem on a line of its own, path:line:column: CODE message."""
        (minimal_copy / "tips.yaml").write_text(
            "tips:\n  - id: x\n    kind: maybe\n", encoding="utf-8"
        )
        code, out, err = run(capsys, "validate", str(minimal_copy), "--no-builtin")
        assert 1 == code
        assert out.startswith(f"{minimal_copy / 'tips.yaml'}:3:11: IT206 'maybe' is not a kind")
        assert err.endswith("problems\n")

    def test_json(self, capsys, minimal_copy) -> None:
        """--format json gives the problems as data."""
        (minimal_copy / "tips.yaml").write_text("tips: [", encoding="utf-8")
        code, out, _ = run(capsys, "validate", str(minimal_copy), "--format", "json")
        assert (1, ["IT105"]) == (code, [p["code"] for p in json.loads(out)])

    def test_bad_pack_for_list_exits_1(self, capsys, tmp_path) -> None:
        """Content problems while listing are exit code 1 with each problem on stderr."""
        code, out, err = run(capsys, "list", "--pack", str(tmp_path))
        assert (1, "") == (code, out)
        assert f"{tmp_path}:0:0: IT209 the folder has no pack.yaml" in err


class TestUsage:
    """Usage errors exit 2 with one line on stderr; --help and --version exit 0."""

    @pytest.mark.parametrize(
        "argv", [[], ["nope"], ["list", "--bogus"], ["search"], ["counts", "--of", "x"]]
    )
    def test_usage_errors(self, capsys, argv: list[str]) -> None:
        """Bad arguments are exit code 2 and a single error line, no traceback."""
        code, out, err = run(capsys, *argv)
        assert (2, "", 1) == (code, out, len(err.splitlines()))
        assert err.startswith("interviewtips: error: ")

    def test_help_and_version(self, capsys) -> None:
        """--help prints usage; --version the version."""
        assert 0 == main(["--help"])
        assert "usage: interviewtips" in capsys.readouterr().out
        assert 0 == main(["--version"])
        assert f"interviewtips {interviewtips.__version__}\n" == capsys.readouterr().out


class TestEntryPoints:
    """python -m interviewtips runs the same command line."""

    def test_python_m(self) -> None:
        """The module runs and exits with main's code."""
        result = subprocess.run(
            [sys.executable, "-m", "interviewtips", "stages", *MINI, "--format", "json"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (0, "first-round") == (result.returncode, json.loads(result.stdout)[0]["id"])
