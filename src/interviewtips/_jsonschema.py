"""JSON Schemas of pack files, generated from the content schema.

An editor with a YAML language server uses them to validate and complete a pack
as its author types. They check everything a single file can show (fields, types,
ids, allowed values, the STAR rule); references across files (stage and topic
ids, duplicates, placeholders) are the loader's to check.
"""

from __future__ import annotations

from typing import Any

from . import _schema as s

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The files a schema exists for.
FILES = ("pack", "content")


def json_schema(file: str = "content") -> dict[str, Any]:
    """Return the JSON Schema of a pack's manifest (``"pack"``) or of a content file.

    Raises:
        ValueError: ``file`` is not one of `FILES`.
    """
    if file == "pack":
        body = _record(s.PACK)
        title = "interviewtips pack manifest (pack.yaml)"
    elif file == "content":
        body = {
            "type": "object",
            "properties": {
                section: {"type": "array", "items": _record(spec), "description": spec.doc}
                for section, spec in s.SECTIONS.items()
            },
            "additionalProperties": False,
        }
        title = "interviewtips content file"
    else:
        raise ValueError(f"no schema for {file!r}; use one of {', '.join(FILES)}")
    return {
        "$schema": _DIALECT,
        "title": f"{title}, schema version {s.SCHEMA_VERSION}",
        **body,
    }


def _record(spec: s.RecordSpec) -> dict[str, Any]:
    properties = {}
    for field in spec.fields:
        shape = _shape(field)
        if not field.required:
            shape = {"anyOf": [shape, {"type": "null"}]}
        properties[field.name] = {"description": field.doc, **shape}
    record: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": [field.name for field in spec.fields if field.required],
        "additionalProperties": False,
    }
    if spec is s.QUESTION:
        behavioural = {"properties": {"type": {"const": "behavioural"}}, "required": ["type"]}
        record["if"] = behavioural
        record["then"] = {"required": ["star"], "properties": {"star": {"type": "object"}}}
        record["else"] = {"properties": {"star": {"type": "null"}}}
    if spec is s.PACK:
        properties["schema_version"]["maximum"] = s.SCHEMA_VERSION
    return record


def _shape(field: s.Field) -> dict[str, Any]:  # noqa: PLR0911 - one branch a shape
    shape = field.shape
    if shape == s.TEXT:
        # Any scalar is text to the loader, which keeps it as written (No stays "No").
        return {"type": ["string", "number", "boolean"], "pattern": r"\S"}
    if shape == s.ID:
        return {"type": "string", "pattern": f"^{s.SLUG_PATTERN}$"}
    if shape == s.REFERENCE:
        return {"type": "string", "pattern": f"^{s.REFERENCE_PATTERN}$"}
    if shape == s.INTEGER:
        return {"type": "integer", "minimum": 0}
    if shape == s.CHOICE:
        assert field.choices is not None  # noqa: S101 - the schema sets it
        return {"enum": [member.value for member in field.choices]}
    if shape == s.RECORD:
        assert field.record is not None  # noqa: S101 - the schema sets it
        return _record(field.record)
    if shape == s.NAMED_TEXTS:
        text = _shape(s.Field(field.name, s.TEXT, field.doc))
        return {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
            "additionalProperties": text,
            "minProperties": 1 if field.required else 0,
        }
    if shape == s.SECTION_REFERENCES:
        references = {"type": "array", "items": _shape(s.Field("id", s.REFERENCE, ""))}
        sections = [name for name in s.SECTIONS if name not in ("stages", "topics")]
        return {
            "type": "object",
            "properties": dict.fromkeys(sections, references),
            "additionalProperties": False,
        }
    return _list(field)


def _list(field: s.Field) -> dict[str, Any]:
    item_shapes = {
        s.TEXT_LIST: s.TEXT,
        s.REFERENCE_LIST: s.REFERENCE,
        s.CHOICE_LIST: s.CHOICE,
        s.RECORD_LIST: s.RECORD,
    }
    item = s.Field(
        field.name, item_shapes[field.shape], field.doc, choices=field.choices, record=field.record
    )
    return {"type": "array", "items": _shape(item), "minItems": 1 if field.required else 0}
