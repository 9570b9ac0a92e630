"""The static types agree with the registry, and a type checker catches a misspelt field."""

from __future__ import annotations

import ast
import inspect
import re
import sys
import typing
from pathlib import Path
from typing import Any, Literal, Optional

import attrs
import pytest

import interviewtips
from interviewtips import _typed_dicts
from interviewtips._record_types import PACK, RECORD_TYPES, SECTIONS, SOURCE, STAR, VOCABULARIES
from interviewtips._registry import Field, RecordType
from interviewtips._shapes import Choice, Hides, Integer, ListOf, Nested, Placeholders, Shape, Text

#: Every record type that has a TypedDict: the parts, the manifest and every section.
WITH_DICTS = [SOURCE, STAR, PACK, *SECTIONS.values()]


def typed_dict(record_type: RecordType) -> Any:
    return getattr(_typed_dicts, record_type.model.__name__ + "Dict")


def expected_item(shape: Shape) -> Any:  # noqa: PLR0911 - a return a shape
    """Return the Python type the registry's shape gives a value in to_dict."""
    if isinstance(shape, Choice):
        return Literal.__getitem__(tuple(member.value for member in shape.vocabulary))
    if isinstance(shape, Integer):
        return int
    if isinstance(shape, Text):
        return str
    if isinstance(shape, ListOf):
        return list[expected_item(shape.item)]  # type: ignore[misc]
    if isinstance(shape, Nested):
        nested = typed_dict(shape.record_type)
        return list[nested] if shape.many else nested  # type: ignore[valid-type]
    if isinstance(shape, Placeholders):
        return list[_typed_dicts.PlaceholderDict]
    assert isinstance(shape, Hides)
    return list[_typed_dicts.HiddenDict]


def expected_type(field: Field) -> Any:
    item = expected_item(field.shape)
    if field.required or typing.get_origin(item) is list:
        return item
    return Optional[item]


def docstrings() -> dict[str, dict[str, str]]:
    """Return each TypedDict's key docstrings, read from the module's source."""
    tree = ast.parse(Path(_typed_dicts.__file__).read_text(encoding="utf-8"))
    found: dict[str, dict[str, str]] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            keys = found.setdefault(node.name, {})
            for first, second in zip(node.body, node.body[1:]):
                if isinstance(first, ast.AnnAssign) and isinstance(second, ast.Expr):
                    assert isinstance(first.target, ast.Name)
                    keys[first.target.id] = ast.literal_eval(second.value)
    return found


class TestTypedDicts:
    """Each TypedDict has the registry's fields, types and docs: a test, as they are written out."""

    @pytest.mark.parametrize("record_type", WITH_DICTS, ids=lambda spec: spec.name)
    def test_keys_are_the_fields(self, record_type: RecordType) -> None:
        """The keys are the record type's fields, then pack, as to_dict gives them."""
        fields = [field.name for field in attrs.fields(record_type.model)]
        assert fields == list(typing.get_type_hints(typed_dict(record_type)))

    @pytest.mark.parametrize("record_type", WITH_DICTS, ids=lambda spec: spec.name)
    def test_types_follow_the_shapes(self, record_type: RecordType) -> None:
        """Each key's type is the one its field's shape gives."""
        hints = typing.get_type_hints(typed_dict(record_type))
        expected = {field.name: expected_type(field) for field in record_type.fields}
        if "pack" in hints:
            expected["pack"] = str
        assert expected == hints

    @pytest.mark.parametrize("record_type", WITH_DICTS, ids=lambda spec: spec.name)
    def test_docstrings_are_the_fields_docs(self, record_type: RecordType) -> None:
        """Each key's docstring, pydantic's description of it, is the field's doc."""
        documented = docstrings()[typed_dict(record_type).__name__]
        expected = {field.name: field.doc for field in record_type.fields}
        if "pack" in documented:
            expected["pack"] = "The id of the pack that defines it."
        assert expected == documented

    def test_nested_dicts(self) -> None:
        """Placeholder and Hidden: the models' fields; hides name the sections of guidance."""
        for model in (interviewtips.Placeholder, interviewtips.Hidden):
            hints = typing.get_type_hints(getattr(_typed_dicts, model.__name__ + "Dict"))
            assert [field.name for field in attrs.fields(model)] == list(hints)
        hides = PACK.field("hides")
        assert hides is not None
        assert isinstance(hides.shape, Hides)
        assert list(hides.shape.sections) == list(typing.get_args(_typed_dicts.HiddenSection))

    def test_catalog_dict(self) -> None:
        """CatalogDict: packs, then each section's list of its TypedDict."""
        hints = typing.get_type_hints(_typed_dicts.CatalogDict)
        expected = {"packs": list[_typed_dicts.PackDict]}
        expected.update({s: list[typed_dict(spec)] for s, spec in SECTIONS.items()})  # type: ignore[misc]
        assert expected == hints

    def test_exported(self) -> None:
        """Every TypedDict is a public name."""
        names = [
            name
            for name, value in vars(_typed_dicts).items()
            if getattr(value, "__module__", None) == _typed_dicts.__name__ and name.endswith("Dict")
        ]
        assert sorted(names) == [name for name in interviewtips.__all__ if name.endswith("Dict")]

    def test_to_dict_matches(self, mini) -> None:
        """A record's to_dict has its TypedDict's keys, and passes the export schema."""
        jsonschema = pytest.importorskip("jsonschema")
        schema = interviewtips.json_schema("export")
        for record_type in (*VOCABULARIES, *RECORD_TYPES.values()):
            records = (
                mini.select(record_type.name)
                if record_type.name in RECORD_TYPES
                else (getattr(mini, record_type.section))
            )
            for record in records:
                data = interviewtips.to_dict(record)
                hints = typing.get_type_hints(typed_dict(record_type))
                assert list(hints) == list(data)
                definition = {
                    "$defs": schema["$defs"],
                    "$ref": f"#/$defs/{record_type.model.__name__}",
                }
                jsonschema.validate(data, definition)


class TestOverloads:
    """get, lookup, select and search are typed for every record type the registry has."""

    @pytest.mark.skipif(sys.version_info < (3, 11), reason="typing.get_overloads is 3.11+")
    @pytest.mark.parametrize("method", ["get", "lookup", "select", "search"])
    def test_each_record_type_has_its_overload(self, method: str) -> None:
        """Each literal record name returns its record type's model."""
        overloads = typing.get_overloads(getattr(interviewtips.Catalog, method))
        typed = {}
        for overload in overloads:
            signature = inspect.signature(overload)
            literal = re.fullmatch(
                r"Literal\[[\"']([a-z-]+)[\"']\]", signature.parameters["record"].annotation
            )
            if literal is not None:
                returned = re.search(r"[A-Z]\w+", signature.return_annotation)
                assert returned is not None
                typed[literal.group(1)] = returned.group()
        names = {name: spec.model.__name__ for name, spec in RECORD_TYPES.items()}
        if method in ("get", "lookup"):
            names.update({spec.name: spec.model.__name__ for spec in VOCABULARIES})
        assert names == typed


class TestTypeChecker:
    """mypy --strict knows a looked-up template is a Template, and catches a misspelt field."""

    def test_misspelt_field(self, tmp_path: Path) -> None:
        """.titel on a looked-up template and ["titel"] on its to_dict are errors."""
        api = pytest.importorskip("mypy.api")
        program = tmp_path / "program.py"
        program.write_text(
            "import interviewtips\n"
            "catalog = interviewtips.load()\n"
            'template = catalog.lookup("status-check", record="templates")\n'
            "reveal_type(template)\n"
            "print(template.titel)\n"
            'print(interviewtips.to_dict(template)["titel"])\n'
            'print(catalog.query(stage=["second-interview", catalog.stages[0]], kind=3))\n',
            encoding="utf-8",
        )
        out, _, _ = api.run(
            [str(program), "--strict", "--no-error-summary", "--cache-dir", str(tmp_path / "c")]
        )
        found = [line.split(": ", 1)[1] for line in out.splitlines()]
        assert [
            'note: Revealed type is "interviewtips._models.Template"',
            'error: "Template" has no attribute "titel"  [attr-defined]',
            'error: TypedDict "TemplateDict" has no key "titel"  [typeddict-item]',
        ] == found[:3]
        assert 4 == len(found)
        assert 'Argument "kind" to "query" of "Catalog" has incompatible type "int"' in found[3]
