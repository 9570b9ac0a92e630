"""Rendering records as text, Markdown and JSON."""

from __future__ import annotations

import json

import pytest

from interviewtips._render import render


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
