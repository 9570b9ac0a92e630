"""The models: str enums, frozen records, templates that render."""

from __future__ import annotations

import attrs
import pytest

import interviewtips
from interviewtips import Hidden, Kind, Placeholder, Stage, Template, TemplateError, Tip


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

    def test_placeholder_named_self(self) -> None:
        """A placeholder may be called self, values or any keyword: each is filled by name."""
        template = attrs.evolve(
            _template(),
            subject="To {self}",
            body="{values} for {class}",
            placeholders=(
                Placeholder("self", "You."),
                Placeholder("values", "What."),
                Placeholder("class", "Whom."),
            ),
        )
        filled = {"self": "Ada", "values": "Thanks", "class": "the panel"}
        assert ("Subject: To Ada\n\nThanks for the panel", "To Ada", "Thanks for the panel") == (
            template.render(**filled),
            template.render_subject(**filled),
            template.render_body(**filled),
        )

    def test_self_placeholder_from_a_pack(self, minimal_copy) -> None:
        """A pack's template with a {self} placeholder validates, loads and renders."""
        more = minimal_copy / "more.yaml"
        text = more.read_text(encoding="utf-8").replace("{name}", "{self}")
        more.write_text(text.replace("name: The interviewer", "self: The interviewer"), "utf-8")
        assert () == interviewtips.validate(minimal_copy, builtin=False)
        catalog = interviewtips.load(packs=[minimal_copy], builtin=False)
        template = catalog.lookup("thanks-email", record="templates")
        assert "Thank you, Ada" == template.render_subject(self="Ada", role="analyst")

    def test_values_are_not_reinterpreted(self) -> None:
        """A value holding braces is inserted as written."""
        assert "Thank you, {role}" == _template().render_subject(name="{role}", role="x")


class TestRecordMethods:
    """Models compare, hash and show themselves as attrs-generated methods would."""

    TIP = Tip("a-tip", Kind.DO, "Do a thing", "Detail.", "Why.", stages=("s",), topics=("t",))

    def test_equal_records_are_equal_and_hash_alike(self) -> None:
        copy = attrs.evolve(self.TIP)
        assert (True, False, hash(self.TIP)) == (copy == self.TIP, copy != self.TIP, hash(copy))
        assert 1 == len({self.TIP, copy})

    def test_any_different_field_makes_them_differ(self) -> None:
        for field in attrs.fields(Tip):
            changed = attrs.evolve(self.TIP, **{field.name: "other"})
            assert changed != self.TIP, field.name

    def test_records_of_other_types_never_equal(self) -> None:
        assert Hidden("tips", "a-tip") != ("tips", "a-tip")
        assert Stage("s", "S", 1, "Summary.") != Stage("s", "S", 2, "Summary.")
        assert Placeholder("name", "Who.").__eq__(("name", "Who.")) is NotImplemented

    def test_repr_names_every_field(self) -> None:
        assert "Hidden(section='tips', id='a-tip')" == repr(Hidden("tips", "a-tip"))
        assert repr(self.TIP).startswith("Tip(id='a-tip', kind=<Kind.DO: 'do'>, title=")
