"""The registry: a record type or a facet declared once reaches every layer.

The declarations below are the worked example of the how-to "Add a record type or a
facet" (docs/howto/extend.rst includes them from here), so this test proves the how-to
true: a case study and a seniority facet, declared and registered, are read, checked,
compiled, merged, queried, counted, rendered, described in JSON Schema and listed on the
command line, with no other change.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

import attrs
import pytest

import interviewtips
from interviewtips import _record_types
from interviewtips._model_methods import record_eq, record_hash, record_repr
from interviewtips._models import Vocabulary
from interviewtips._record_types import (
    FACETS,
    RECORD_TYPES,
    SECTIONS,
    id_field,
    name_field,
    prose_field,
    replaces_field,
    stages_field,
    topics_field,
)
from interviewtips._registry import Facet, Field, RecordType
from interviewtips._render import render
from interviewtips._shapes import Choice, ListOf
from interviewtips.cli import main

# How-to, step 1: the model.


class Seniority(Vocabulary):
    """How senior a role is."""

    ENTRY = ("entry", "Entry level")
    SENIOR = ("senior", "Senior")


@attrs.frozen
class CaseStudy:
    """A real hiring story, told to show how a piece of advice plays out."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    name: str
    story: str
    stages: tuple[str, ...]
    topics: tuple[str, ...] = ()
    seniority: tuple[Seniority, ...] = ()
    replaces: str | None = None
    pack: str = "core"


# How-to, step 2: the declarations.

SENIORITY = Facet("seniority", "How senior the role is.", Seniority)

CASE_STUDIES = RecordType(
    "case-studies",
    CaseStudy,
    (
        id_field(),
        name_field(),
        prose_field("story", "What happened, and what it shows.", label="Story"),
        stages_field(),
        topics_field(required=False),
        Field("seniority", ListOf(Choice(Seniority)), "Roles it fits.", facet=SENIORITY),
        replaces_field("case-studies"),
    ),
    "A real hiring story.",
    singular="case study",
    search={"name": 3.0, "story": 1.0},
)

# End of the how-to's example.

PACK_FILE = """\
case_studies:
  - id: the-panel-that-went-quiet
    name: The panel that went quiet
    story: >-
      A candidate met a silent panel, asked each member one question of their own, and
      the conversation opened up.
    stages: [second-interview]
    topics: [team-meeting]
    seniority: [senior]
  - id: the-first-job
    name: The first job
    story: A graduate turned a group project into three interview answers.
    stages: [first-interview]
"""


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> RecordType:
    """Register the case study and the seniority facet for one test, as the how-to does."""
    monkeypatch.setitem(SECTIONS, CASE_STUDIES.section, CASE_STUDIES)
    monkeypatch.setitem(RECORD_TYPES, CASE_STUDIES.name, CASE_STUDIES)
    monkeypatch.setitem(FACETS, SENIORITY.name, SENIORITY)
    return CASE_STUDIES


@pytest.fixture
def pack(registered: RecordType, make_pack: Callable[..., Path]) -> Path:
    """A pack of two case studies."""
    del registered
    return make_pack({"case-studies.yaml": PACK_FILE})


class TestThrowawayRecordType:
    """A record type declared in the registry alone works in every layer."""

    def test_queried_by_its_facets(self, pack: Path) -> None:
        """select() filters case studies by stage and by the new seniority facet."""
        catalog = interviewtips.load(packs=[pack])
        assert ["the-panel-that-went-quiet"] == [
            record.id for record in catalog.select("case-studies", seniority="Senior")
        ]
        assert ["the-first-job", "the-panel-that-went-quiet"] == [
            record.id for record in catalog.select("case-studies", stage=["first", "second"])
        ]

    def test_looked_up_counted_and_searched(self, pack: Path) -> None:
        """lookup, counts and search know the record type."""
        catalog = interviewtips.load(packs=[pack])
        found = catalog.lookup("the-first-job", record="case-studies")
        counts = catalog.counts(by="seniority", of="case-studies")
        searched = catalog.search("silent panel", record="case-studies")
        assert ("The first job", {"entry": 0, "senior": 1}, "the-panel-that-went-quiet") == (
            found.name,
            counts,
            searched[0].id,
        )

    def test_checked_like_any_record(self, registered: RecordType, make_pack) -> None:
        """A bad value is a located problem with the field's own message."""
        del registered
        bad = make_pack({"case-studies.yaml": PACK_FILE.replace("[senior]", "[sneior]")})
        problems = interviewtips.validate(bad)
        assert [("IT206", 9, 17)] == [(p.code, p.line, p.column) for p in problems]
        assert "did you mean 'senior'?" in problems[0].message

    def test_compiled_form_round_trips(self, pack: Path) -> None:
        """The compiled form holds the new record type and loads back equal."""
        from_yaml = interviewtips.load(packs=[pack]).to_dict()
        interviewtips.compile_pack(pack)
        from_compiled = interviewtips.load(packs=[pack]).to_dict()
        assert from_yaml["case_studies"] == from_compiled["case_studies"]
        assert 2 == len(from_compiled["case_studies"])

    def test_rendered_in_every_format(self, pack: Path) -> None:
        """Text and Markdown come from the declaration; JSON from the fields."""
        catalog = interviewtips.load(packs=[pack])
        record = catalog.lookup("the-panel-that-went-quiet", record="case-studies")
        text = render(catalog, [record], "text").splitlines()
        markdown = render(catalog, [record], "markdown")
        (data,) = json.loads(render(catalog, [record], "json"))
        assert [
            "The panel that went quiet  (the-panel-that-went-quiet)",
            "    Stages: Second interview",
        ] == [text[0], next(line for line in text if "Stages" in line)]
        assert markdown.startswith("### The panel that went quiet\n\n**Story:** A candidate")
        assert ["senior"] == data["seniority"]

    def test_in_the_json_schemas(self, registered: RecordType) -> None:
        """The content schema and the export schema describe it."""
        del registered
        content = interviewtips.json_schema("content")["properties"]["case_studies"]
        export = interviewtips.json_schema("export")["$defs"]["CaseStudy"]
        assert ["id", "name", "story", "stages"] == content["items"]["required"]
        assert {"enum": ["entry", "senior"]} == export["properties"]["seniority"]["items"]

    def test_on_the_command_line(self, pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The command line lists it, with an option for each of its facets."""
        code = main(["case-studies", "--pack", str(pack), "--seniority", "senior"])
        out = capsys.readouterr().out
        expected = "The panel that went quiet  (the-panel-that-went-quiet)"
        assert (0, expected) == (code, out.splitlines()[0])


class TestRegistry:
    """The registry's own promises."""

    def test_every_model_has_its_declaration(self) -> None:
        """record_type_of finds each record type's declaration from a record."""
        catalog = interviewtips.load()
        records = [catalog.select(name)[0] for name in RECORD_TYPES] + [catalog.stages[0]]
        assert [*RECORD_TYPES, "stages"] == [
            _record_types.record_type_of(record).name for record in records
        ]

    def test_declared_fields_match_the_models(self) -> None:
        """Each record type's fields are its model's, in order, then the pack."""
        mismatched = {
            record_type.name: record_type.field_names
            for record_type in SECTIONS.values()
            if [f.name for f in attrs.fields(record_type.model)]
            != [*record_type.field_names, "pack"]
        }
        assert {} == mismatched

    def test_facets_are_derived_from_fields(self) -> None:
        """Every facet of a guidance record type is in FACETS, and nothing else is."""
        used = {name for record_type in RECORD_TYPES.values() for name in record_type.facets}
        assert set(FACETS) == used

    def test_unknown_record_is_a_type_error(self) -> None:
        """A record of an undeclared type is named in the error."""
        with pytest.raises(TypeError, match="Seniority is not a record"):
            _record_types.record_type_of(Seniority.ENTRY)
