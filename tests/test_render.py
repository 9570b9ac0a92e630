"""Rendering records as text, Markdown and JSON."""

from __future__ import annotations

import csv
import io
import json

import attrs
import pytest

import interviewtips
from conftest import MINIMAL
from interviewtips._render import render
from interviewtips.cli import main


class TestRender:
    """Each format shows the fields a reader needs."""

    def test_text(self, mini) -> None:
        """Text shows the kind, title, id, where it applies, detail and why."""
        text = render(mini, [mini.lookup("send-a-note")], "text")
        assert [
            "[DO] Send a thank-you note  (send-a-note)",
            "    Second round · Thank-you notes · after",
            "    Thank each interviewer within a day.",
            "    Why: Interviewers notice courtesy.",
        ] == text.splitlines()

    def test_markdown(self, mini) -> None:
        """Markdown gives each tip a heading and bold reason."""
        text = render(mini, [mini.lookup("no")], "markdown")
        assert text.startswith("### Don't: No\n\n12:30\n\n**Why:** 0755\n\n")
        assert text.endswith(
            "*Second round, First round · Research, Thank-you notes · video, phone* · `no`"
        )

    def test_json_round_trips(self, mini) -> None:
        """JSON has every field, with enum members as their ids."""
        (data,) = json.loads(render(mini, [mini.lookup("no")], "json"))
        assert {
            "id": "no",
            "kind": "dont",
            "title": "No",
            "detail": "12:30",
            "why": "0755",
            "stages": ["second-round", "first-round"],
            "topics": ["research", "thanks"],
            "phase": None,
            "formats": ["video", "phone"],
            "situations": [],
            "regions": [],
            "sources": [],
            "related": [],
            "replaces": None,
            "pack": "mini",
        } == data

    @pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
    def test_every_record_type(self, mini, fmt: str) -> None:
        """Every record type renders in every format."""
        records = [
            *mini.stages,
            *mini.topics,
            *mini.questions(),
            *mini.questions_to_ask(),
            *mini.templates(),
            *mini.checklists(),
        ]
        text = render(mini, records, fmt)
        for expected in (
            "First round",
            "Tell me about a time",
            "What does success look like",
            "Thank you, {name}",
            "Check the route.",
        ):
            assert expected in text

    def test_behavioural_question_shows_star(self, mini) -> None:
        """The STAR outline appears for behavioural questions."""
        text = render(mini, [mini.lookup("tell-me-about-a-time", record="questions")], "text")
        assert "    Action: I split the work." in text.splitlines()

    def test_unknown_format(self, mini) -> None:
        """An unknown format is a ValueError naming the choices."""
        with pytest.raises(ValueError, match="use one of text, markdown, json"):
            render(mini, [], "html")


class TestRenderFromPython:
    """interviewtips.render gives what the command line prints, in every format."""

    @pytest.mark.parametrize("fmt", ["text", "markdown", "json", "csv"])
    def test_same_as_the_command_line(self, mini, fmt: str, capsys, monkeypatch) -> None:
        """The tips of a pack, rendered from Python and listed by the CLI, are the same text."""
        monkeypatch.setenv("COLUMNS", "88")
        main(["list", "--pack", str(MINIMAL), "--no-builtin", "--format", fmt])
        printed = capsys.readouterr().out
        assert printed == interviewtips.render(mini.tips, fmt, catalog=mini) + "\n"

    def test_names_from_the_default_catalog(self) -> None:
        """Without a catalog, stages and topics are named as the built-in content names them."""
        tip = interviewtips.load().lookup("reflect-on-the-first-round")
        assert (
            "    Second interview · Reflection, Practice · before"
            == (interviewtips.render([tip]).splitlines()[1])
        )

    def test_width(self) -> None:
        """width wraps text without breaking words."""
        tip = interviewtips.load().lookup("reflect-on-the-first-round")
        lines = interviewtips.render([tip], width=40).splitlines()
        assert [] == [line for line in lines if len(line) > 40]

    def test_csv(self, mini) -> None:
        """CSV: a header of the fields, a row a record; lists of ids joined by spaces."""
        rows = list(csv.reader(io.StringIO(interviewtips.render([mini.lookup("no")], "csv"))))
        assert [
            [
                "id",
                "kind",
                "title",
                "detail",
                "why",
                "stages",
                "topics",
                "phase",
                "formats",
                "situations",
                "regions",
                "sources",
                "related",
                "replaces",
                "pack",
            ],
            [
                "no",
                "dont",
                "No",
                "12:30",
                "0755",
                "second-round first-round",
                "research thanks",
                "",
                "video phone",
                "",
                "",
                "",
                "",
                "",
                "mini",
            ],
        ] == rows

    def test_csv_cells_are_never_formulas(self, mini) -> None:
        """A cell that starts like a spreadsheet formula is written with a ' first."""
        tip = attrs.evolve(mini.lookup("no"), title="=HYPERLINK(1)")
        rows = list(csv.reader(io.StringIO(interviewtips.render([tip], "csv"))))
        assert "'=HYPERLINK(1)" == rows[1][2]

    def test_control_characters_are_shown_escaped(self, mini) -> None:
        """Text output never sends a control character a record might hold."""
        tip = attrs.evolve(mini.lookup("no"), title="a\x1b[2Jb")
        assert "[DON'T] a\\x1b[2Jb  (no)" == interviewtips.render([tip]).splitlines()[0]
