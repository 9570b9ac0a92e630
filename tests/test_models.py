"""The models: str enums, frozen records, templates that render."""

from __future__ import annotations

import pytest

from interviewtips import Kind, Placeholder, Template, TemplateError


def _template() -> Template:
    return Template(
        id="thanks",
        name="Thanks",
        stages=("follow-up",),
        topics=("thank-you-note",),
        when="Within a day.",
        subject="Thank you, {name}",
        body="Dear {name},\n\nThank you for the {role} interview.",
        placeholders=(Placeholder("name", "Their name."), Placeholder("role", "The job.")),
    )


class TestKind:
    """Kind is a str enum whose values are do and dont."""

    def test_values_and_str(self) -> None:
        """The members are strings equal to their ids."""
        assert ("do", "dont", "dont", "Don't") == (
            Kind.DO,
            Kind.DONT,
            str(Kind.DONT),
            Kind.DONT.label,
        )

    def test_lookup_by_value(self) -> None:
        """Kind("dont") is the member."""
        assert Kind.DONT is Kind("dont")


class TestTemplateRender:
    """Template.render fills placeholders or names every one missing or unknown."""

    def test_render(self) -> None:
        """Subject line first, then the body."""
        text = _template().render(name="Ms Ode", role="analyst")
        assert (
            "Subject: Thank you, Ms Ode\n\nDear Ms Ode,\n\nThank you for the analyst interview."
            == text
        )

    def test_missing_and_unknown(self) -> None:
        """The error names each missing and each unknown placeholder."""
        with pytest.raises(TemplateError) as caught:
            _template().render(name="Ms Ode", company="Acme")
        assert (("role",), ("company",)) == (caught.value.missing, caught.value.unknown)
        assert "template 'thanks': missing values for role; unknown placeholders company" == str(
            caught.value
        )

    def test_values_are_not_reinterpreted(self) -> None:
        """A value holding braces is inserted as written."""
        assert "Thank you, {role}" == _template().render_subject(name="{role}", role="x")
