"""The command line, called in-process through main(argv)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys

import pytest

import interviewtips
from conftest import MINI, MINIMAL, STAGES, run
from interviewtips import _export, cli
from interviewtips._record_types import RECORD_TYPES, SECTIONS, VOCABULARIES
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
        code, out, _ = run(
            capsys, "validate", str(minimal_copy), "--no-builtin", "--format", "json"
        )
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


#: Every command that lists records: each record type's, each vocabulary's, and search.
LISTINGS = [
    *([record_type.command] for record_type in RECORD_TYPES.values()),
    *([record_type.name] for record_type in VOCABULARIES),
    ["search", "interview"],
]


class TestTerminal:
    """Text fits the terminal, words stay whole, and colour only where it belongs."""

    def test_width_from_columns(self, capsys, monkeypatch) -> None:
        """At COLUMNS=60 every line fits, and the detail reads whole when its lines are joined."""
        monkeypatch.setenv("COLUMNS", "60")
        tip = interviewtips.load().lookup("reflect-on-the-first-round")
        code, out, _ = run(capsys, "show", tip.id)
        lines = out.splitlines()
        assert (0, []) == (code, [line for line in lines if len(line) > 60])
        assert " ".join(tip.detail.split()) in " ".join(" ".join(lines).split())

    def test_no_word_is_broken(self, capsys, monkeypatch) -> None:
        """At a width of 20, each word of a tip is on one line, however long it is."""
        monkeypatch.setenv("COLUMNS", "20")
        tip = interviewtips.load().lookup("reflect-on-the-first-round")
        _, out, _ = run(capsys, "show", tip.id)
        shown = {word for line in out.splitlines() for word in line.split()}
        assert set(tip.detail.split()) <= shown

    def test_colour_always_and_never(self, capsys) -> None:
        """--color always colours the labels of do's and don'ts; never leaves them plain."""
        _, out, _ = run(capsys, "list", *MINI, "--color", "always")
        labels = [line.split("]")[0] for line in out.splitlines() if line.startswith("\x1b")]
        assert ["\x1b[1;32m[DO", "\x1b[1;32m[DO", "\x1b[1;31m[DON'T", "\x1b[1;31m[DON'T"] == sorted(
            labels, key=lambda label: "31" in label
        )
        _, out, _ = run(capsys, "list", *MINI, "--color", "never")
        assert "\x1b" not in out

    @pytest.mark.parametrize(
        ("tty", "no_color", "expected"),
        [(True, None, True), (True, "1", False), (False, None, False)],
    )
    def test_auto_colour(self, monkeypatch, tty: bool, no_color: str | None, expected) -> None:
        """auto colours on a terminal only, and never when NO_COLOR is set."""
        monkeypatch.setattr(sys, "stdout", type("Out", (), {"isatty": lambda _: tty})())
        monkeypatch.delenv("TERM", raising=False)
        if no_color is None:
            monkeypatch.delenv("NO_COLOR", raising=False)
        else:
            monkeypatch.setenv("NO_COLOR", no_color)
        assert expected == cli._colour("auto")

    @pytest.mark.parametrize("argv", LISTINGS, ids=" ".join)
    def test_limit_on_every_listing(self, capsys, argv: list[str]) -> None:
        """--limit 1 gives one record, in any listing."""
        code, out, _ = run(capsys, *argv, "--limit", "1", "--format", "json")
        assert (0, 1) == (code, len(json.loads(out)))

    @pytest.mark.parametrize("argv", LISTINGS, ids=" ".join)
    def test_csv_on_every_listing(self, capsys, argv: list[str]) -> None:
        """--format csv gives a header of the record type's fields, then a row a record."""
        code, out, _ = run(capsys, *argv, "--format", "csv")
        rows = list(csv.reader(io.StringIO(out)))
        records = json.loads(run(capsys, *argv, "--format", "json")[1])
        assert (0, list(records[0])) == (code, rows[0])
        assert [record["id"] for record in records] == [row[0] for row in rows[1:]]

    def test_help_lists_the_values_of_every_choice(self, capsys, monkeypatch) -> None:
        """--help names the values of each facet option, from the built-in vocabularies."""
        monkeypatch.setenv("COLUMNS", "1000")
        main(["list", "--help"])
        out = capsys.readouterr().out
        assert "built-in values: do, dont\n" in out
        assert "built-in values: " + ", ".join(STAGES) + "\n" in out
        main(["questions", "--help"])
        assert "built-in values: behavioural, situational, " in capsys.readouterr().out
        main(["counts", "--help"])
        expected = (
            "one of kind, stage, topic, phase, format, situation, region, type, audience, record"
        )
        assert expected in capsys.readouterr().out


class TestTemplatesFill:
    """templates fill ID --set name=value prints the email; a missing or unknown value exits 1."""

    def test_fill(self, capsys) -> None:
        """The email, subject line first, as Template.render gives it."""
        code, out, _ = run(
            capsys,
            "templates",
            *MINI,
            "fill",
            "thanks-email",
            "--set",
            "name=Ms Patel",
            "--set",
            "role=analyst",
        )
        expected = (
            "Subject: Thank you, Ms Patel\n\nDear Ms Patel,\n\n"
            "Thank you for the analyst interview.\n"
        )
        assert (0, expected) == (code, out)

    @pytest.mark.parametrize(
        ("values", "message"),
        [
            (["name=A"], "template 'thanks-email': missing values for role"),
            (
                ["name=A", "role=B", "rank=C"],
                "template 'thanks-email': unknown placeholders rank",
            ),
        ],
    )
    def test_missing_or_unknown(self, capsys, values: list[str], message: str) -> None:
        """A placeholder without a value, or a value for none, exits 1 naming it."""
        argv = [arg for value in values for arg in ("--set", value)]
        code, out, err = run(capsys, "templates", *MINI, "fill", "thanks-email", *argv)
        assert (1, "", f"interviewtips: error: {message}\n") == (code, out, err)

    def test_unknown_template(self, capsys) -> None:
        """An unknown id exits 1 with the close match."""
        code, _, err = run(capsys, "templates", *MINI, "fill", "thanks-mail")
        assert (
            1,
            "interviewtips: error: unknown template 'thanks-mail'; did you mean 'thanks-email'?\n",
        ) == (code, err)


class TestEscaping:
    """Paths printed to a terminal or a CI log never carry a control character."""

    @pytest.fixture
    def hostile(self, tmp_path):
        """A copy of the minimal pack, broken, in a folder whose name clears the screen."""
        folder = tmp_path / "x\x1b[2J\nAll checks passed,:"
        shutil.copytree(MINIMAL, folder)
        (folder / "tips.yaml").write_text("tips: [", encoding="utf-8")
        return folder

    def test_text(self, capsys, hostile) -> None:
        """The path shows its escape and newline as backslash sequences, on one line."""
        code, out, err = run(capsys, "validate", str(hostile), "--no-builtin")
        assert 1 == code
        assert out.startswith(
            str(hostile).replace("\x1b", "\\x1b").replace("\n", "\\n") + "/tips.yaml:1:8: IT105"
        )
        assert "\x1b" not in out + err
        assert 1 == len(out.splitlines())

    def test_github(self, capsys, hostile) -> None:
        """A workflow command's file property escapes %, CR, LF, : and , as GitHub reads them."""
        _, out, _ = run(capsys, "validate", str(hostile), "--no-builtin", "--format", "github")
        expected = (
            str(hostile)
            .replace("\x1b", "\\x1b")
            .replace("\n", "%0A")
            .replace(",", "%2C")
            .replace(":", "%3A")
        )
        assert out.startswith(f"::error file={expected}/tips.yaml,line=1,col=8,title=IT105::")
        assert 1 == len(out.splitlines())


class TestExport:
    """export --as-pack writes a pack that loads back equal; --format csv a file a type."""

    def test_as_pack_round_trip(self, capsys, tmp_path) -> None:
        """The built-in catalog, written as a pack, loads alone to the same data."""
        code, out, _ = run(capsys, "export", "--as-pack", str(tmp_path / "copy"))
        files = len(SECTIONS) + 1  # pack.yaml, and a file a section
        assert (0, f"wrote a pack of {files} files in {tmp_path / 'copy'}\n") == (code, out)
        again = interviewtips.load(tmp_path / "copy", builtin=False)
        assert interviewtips.load().to_dict() == again.to_dict()

    def test_several_packs_as_one(self, capsys, tmp_path) -> None:
        """Several packs export as one: the same records, now of the last pack."""
        main(["new-pack", str(tmp_path / "ours")])
        catalog = interviewtips.load(packs=[tmp_path / "ours"])
        run(capsys, "export", "--pack", str(tmp_path / "ours"), "--as-pack", str(tmp_path / "x"))
        again = interviewtips.load(tmp_path / "x", builtin=False)

        def records(data):
            return {
                section: [{k: v for k, v in r.items() if k not in ("pack", "replaces")} for r in rs]
                for section, rs in data.items()
                if section != "packs"
            }

        assert records(catalog.to_dict()) == records(again.to_dict())
        assert (["ours"], {"ours"}) == (
            [pack.id for pack in again.packs],
            {tip.pack for tip in again.tips},
        )

    def test_large_sections_are_split(self, tmp_path, monkeypatch) -> None:
        """Past the size bound, a section goes on in numbered files, and loads back equal."""
        monkeypatch.setattr(_export, "MAX_FILE_BYTES", 200)
        mini = interviewtips.load(MINIMAL, builtin=False)
        written = _export.export_pack(mini, tmp_path / "x")
        assert ["tips-001.yaml", "tips-002.yaml", "tips-003.yaml", "tips-004.yaml"] == [
            path.name for path in written if path.name.startswith("tips")
        ]
        assert mini.to_dict() == interviewtips.load(tmp_path / "x", builtin=False).to_dict()

    def test_as_pack_refuses_a_folder_in_use(self, capsys, tmp_path) -> None:
        """An existing folder with files in it is never written into."""
        (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
        code, out, err = run(capsys, "export", *MINI, "--as-pack", str(tmp_path))
        assert (1, "", ["keep.txt"]) == (code, out, sorted(p.name for p in tmp_path.iterdir()))
        assert "exists and is not an empty folder" in err

    def test_csv_files(self, capsys, tmp_path) -> None:
        """One CSV file a record type, each with a row a record."""
        code, _, _ = run(capsys, "export", *MINI, "--format", "csv", "--output", str(tmp_path))
        mini = interviewtips.load(MINIMAL, builtin=False)
        written = sorted(path.name for path in tmp_path.iterdir())
        expected = sorted(["packs.csv", *(f"{section}.csv" for section in SECTIONS)])
        assert (0, expected) == (code, written)
        rows = list(csv.reader(io.StringIO((tmp_path / "tips.csv").read_text(encoding="utf-8"))))
        assert [tip.id for tip in mini.tips] == [row[0] for row in rows[1:]]


class TestSchemaExport:
    """schema --export prints the schema of export, and export's output passes it."""

    def test_prints_the_export_schema(self, capsys) -> None:
        """The same as json_schema('export')."""
        code, out, _ = run(capsys, "schema", "--export")
        assert (0, interviewtips.json_schema("export")) == (code, json.loads(out))

    def test_export_output_is_valid(self, capsys) -> None:
        """The built-in catalog's export validates against it."""
        jsonschema = pytest.importorskip("jsonschema")
        _, out, _ = run(capsys, "export")
        validator = jsonschema.Draft202012Validator(interviewtips.json_schema("export"))
        assert [] == [error.message for error in validator.iter_errors(json.loads(out))]
