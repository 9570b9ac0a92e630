"""JSON Schemas generated from the registry: of pack files, and of what export gives.

An editor with a YAML language server uses the pack schemas to validate and complete
a pack as its author types. They check everything a single file can show (fields,
types, ids, allowed values, the STAR rule); references across files (stage and topic
ids, duplicates, placeholders) are the loader's to check. The export schema describes
``interviewtips export`` and `to_dict`, for programs that read them.
"""

from __future__ import annotations

from typing import Any

from ._record_types import PACK, SCHEMA_VERSION, SECTIONS

_DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: The schemas there are: pack.yaml, a content file, and the export.
FILES = ("pack", "content", "export")


def json_schema(file: str = "content") -> dict[str, Any]:
    """Return the JSON Schema of a pack's manifest, of a content file, or of the export.

    Args:
        file: ``"pack"`` (pack.yaml), ``"content"`` (any other file of a pack) or
            ``"export"`` (``interviewtips export`` and `Catalog.to_dict`; each record's
            schema under ``$defs`` also describes `to_dict` of one record).

    Raises:
        ValueError: ``file`` is none of those.
    """
    if file == "pack":
        body = PACK.json_schema()
        body["properties"]["schema_version"]["maximum"] = SCHEMA_VERSION
        title = "interviewtips pack manifest (pack.yaml)"
    elif file == "content":
        body = {
            "type": "object",
            "properties": {
                section: {
                    "type": "array",
                    "items": record_type.json_schema(),
                    "description": record_type.doc,
                }
                for section, record_type in SECTIONS.items()
            },
            "additionalProperties": False,
        }
        title = "interviewtips content file"
    elif file == "export":
        definitions = {
            record_type.model.__name__: record_type.export_schema()
            for record_type in (PACK, *SECTIONS.values())
        }
        sections = {"packs": PACK, **SECTIONS}
        body = {
            "type": "object",
            "$defs": definitions,
            "properties": {
                section: {
                    "type": "array",
                    "items": {"$ref": f"#/$defs/{record_type.model.__name__}"},
                }
                for section, record_type in sections.items()
            },
            "required": list(sections),
            "additionalProperties": False,
        }
        title = "interviewtips export (Catalog.to_dict)"
    else:
        raise ValueError(f"no schema for {file!r}; use one of {', '.join(FILES)}")
    return {"$schema": _DIALECT, "title": f"{title}, schema version {SCHEMA_VERSION}", **body}
