"""The repr, eq and hash the public attrs classes share: models, Problem, Limits, PackInfo.

A class that sets ``__repr__``, ``__eq__`` and ``__hash__`` to these gets them instead
of attrs' (attrs leaves alone what a class defines). They behave as attrs' would; attrs
would generate and compile new ones for each class as its module is imported, which
costs a cold start about a third of a millisecond a class.
"""

from __future__ import annotations

from typing import Any

import attrs


def record_repr(self: Any) -> str:
    """Return ``Tip(id='...', ...)``, as attrs would."""
    values = ", ".join(f"{a.name}={getattr(self, a.name)!r}" for a in attrs.fields(type(self)))
    return f"{type(self).__name__}({values})"


def record_eq(self: Any, other: object) -> bool:
    """Whether two records are of the same type with equal fields, as attrs would say."""
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    return _values(self) == _values(other)


def record_hash(self: Any) -> int:
    """Hash a record's type and fields, consistently with `record_eq`."""
    return hash((type(self), *_values(self)))


def _values(record: Any) -> tuple[Any, ...]:
    return tuple(getattr(record, a.name) for a in attrs.fields(type(record)))
