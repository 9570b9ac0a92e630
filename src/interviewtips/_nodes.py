"""The located nodes the strict reader builds: strings, lists and mappings with positions."""

from __future__ import annotations

from typing import Union

import attrs

_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


@attrs.frozen
class Scalar:
    """A string as written in YAML; ``plain`` is False for quoted and block scalars."""

    value: str
    line: int
    column: int
    plain: bool = True

    @property
    def is_null(self) -> bool:
        """Whether YAML 1.2 reads this scalar as null (``~``, ``null`` or nothing)."""
        return self.plain and self.value in _NULL_WORDS


@attrs.frozen
class Sequence:
    """A YAML list of nodes."""

    items: tuple[Node, ...]
    line: int
    column: int


@attrs.frozen
class Mapping:
    """A YAML mapping; keys are scalars, kept in the order written."""

    entries: tuple[tuple[Scalar, Node], ...]
    line: int
    column: int

    def get(self, key: str) -> Node | None:
        """Return the value written under ``key``, or None."""
        for name, value in self.entries:
            if name.value == key:
                return value
        return None

    def locate(self, key: str | None, index: int | None = None) -> Node:
        """Return the node of a key's value, or of one item of a list; this one if absent."""
        value = None if key is None else self.get(key)
        if isinstance(value, Sequence) and index is not None and index < len(value.items):
            return value.items[index]
        return value if value is not None else self


Node = Union[Scalar, Sequence, Mapping]


def describe(node: Node) -> str:
    """Return how a problem names what was found: text, a list or a mapping."""
    return {Scalar: "text", Sequence: "a list", Mapping: "a mapping"}[type(node)]
