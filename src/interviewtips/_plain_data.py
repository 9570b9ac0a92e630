"""Records to plain data: what JSON, templates and other programs can use."""

from __future__ import annotations

import enum
from typing import Any

import attrs


def to_dict(record: Any) -> dict[str, Any]:
    """Return a record (a tip, a stage, a problem...) as plain data, a new copy each call.

    Tuples become lists, nested records dicts, and enum members their ids, so the
    result goes straight to ``json.dumps``.

    >>> import interviewtips
    >>> interviewtips.to_dict(interviewtips.Placeholder("name", "Their name."))
    {'name': 'name', 'description': 'Their name.'}
    """
    result: dict[str, Any] = plain(record)
    return result


def plain(value: Any) -> Any:
    """Return any value of a record as plain data."""
    if attrs.has(type(value)):
        return {
            field.name: plain(getattr(value, field.name)) for field in attrs.fields(type(value))
        }
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    if isinstance(value, enum.Enum):
        return value.value
    return value
