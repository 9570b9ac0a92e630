"""Records as read from one pack, before they are checked against other packs.

A draft gives its record's values by field, as ``values[spec.offsets[name]]``, so
the merge and the indexes read ids, references and facets the same way from a
record converted from YAML (`Draft`) and from a compiled row (`RowDraft`), whose
record is only built when it is asked for.

These are plain slotted classes, not attrs: a load makes one per record, and each
attrs class costs a cold start over half a millisecond to create.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Callable, Union

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._models import Pack
    from ._nodes import Mapping
    from ._schema import RecordSpec


class Draft:
    """A converted record with the node it came from, for locating later problems."""

    __slots__ = ("node", "path", "record", "spec", "values")

    def __init__(self, spec: RecordSpec, record: Any, path: str, node: Mapping) -> None:
        self.spec = spec
        self.record = record
        self.path = path
        self.node = node
        #: The record's field values in the spec's order, then its pack.
        self.values = tuple(getattr(record, name) for name in spec.offsets)

    def value(self, field: str) -> Any:
        """Return the value of one field (or of ``pack``)."""
        return self.values[self.spec.offsets[field]]

    def place(self) -> tuple[int, int]:
        """Return the line and column where the record starts."""
        return self.node.line, self.node.column

    def locate(self, field: str, index: int | None = None) -> tuple[int, int]:
        """Return the line and column of a field's value, or of one item of a list."""
        from . import _nodes  # noqa: PLC0415 - only a problem needs a place

        value = self.node.get(field)
        if isinstance(value, _nodes.Sequence) and index is not None and index < len(value.items):
            value = value.items[index]
        target = value if value is not None else self.node
        return target.line, target.column


_building = threading.Lock()


class RowDraft:
    """A record of a compiled pack: its checked row, and the record built from it on demand.

    The row holds the values (lists where the record has tuples, None for an empty one,
    ids where it has vocabulary members), then the pack, then the file's number, the
    line and the column.
    """

    __slots__ = ("_build", "_record", "path", "spec", "values")

    def __init__(
        self, spec: RecordSpec, values: list[Any], path: str, build: Callable[[list[Any]], Any]
    ) -> None:
        self.spec = spec
        self.values = values
        self.path = path
        self._build = build
        self._record: Any = None

    @property
    def record(self) -> Any:
        """The record, built on first use; every caller gets the same object."""
        record = self._record
        if record is None:
            with _building:
                if self._record is None:
                    self._record = self._build(self.values)
                record = self._record
        return record

    def value(self, field: str) -> Any:
        """Return the value of one field (or of ``pack``), as the row holds it."""
        return self.values[self.spec.offsets[field]]

    def place(self) -> tuple[int, int]:
        """Return the line and column where the record starts."""
        return self.values[-2], self.values[-1]

    def locate(self, field: str, index: int | None = None) -> tuple[int, int]:  # noqa: ARG002
        """Return the line and column of the record: a row keeps no place for each field."""
        return self.place()


#: Either kind of draft: the merge, the indexes and the lint read both alike.
AnyDraft = Union[Draft, RowDraft]


def column(drafts: Sequence[AnyDraft], field: str) -> list[Any]:
    """Return one field's values of drafts of the same record type, in order."""
    if not drafts:
        return []
    offset = drafts[0].spec.offsets[field]
    return [draft.values[offset] for draft in drafts]


class PackDrafts:
    """A pack read and converted, not yet checked against other packs."""

    __slots__ = ("drafts", "files", "manifest_path", "pack")

    def __init__(
        self, pack: Pack, manifest_path: str, drafts: tuple[AnyDraft, ...], files: tuple[str, ...]
    ) -> None:
        self.pack = pack
        self.manifest_path = manifest_path
        self.drafts = drafts
        self.files = files
