"""Records of one type held a list per field, so a load makes no object per record.

A `RecordTable` holds one pack's records of one type (read from YAML or from a compiled
form), or, once merged, the catalog's. Each field is a column of plain values:

- texts, ids, integers and single references as they are; None for a missing one;
- a vocabulary member as its id (``"do"``);
- a list of ids or vocabulary members as one string, space-separated (ids hold no
  spaces); a list of texts as a list; None for an empty list;
- a nested record (a STAR outline, placeholders) as its record.

The merge, the indexes and the lint read these columns; a record is built from its
row the first time it is asked for. A `Row` names one row, for the rare work done
a record at a time (a clash of ids, a problem to locate, a lint rule).
A `ReadPack` is a pack as read, its records in tables, not yet merged with others.
"""

from __future__ import annotations

import copy
import functools
import os
import threading
from itertools import chain
from typing import TYPE_CHECKING, Any, Callable

import attrs

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ._models import Pack
    from ._nodes import Mapping
    from ._registry import Field, RecordType

_building = threading.Lock()


class RecordTable:
    """Records of one type: a column per field (and the pack), and where each row was read.

    Args:
        spec: The record type.
        columns: One list per field, in the spec's order, then the pack's id.
        paths: The file each row was read from.
        lines: The line where each row starts.
        starts: The column where each row starts.
        records: Each row's record, or None where it is still to be built.
        nodes: Each row's YAML node (None for a compiled row), or None when no row has one.
        inherits: For each replacement that leaves fields out, to take them from the
            record it replaces, its row and the names of those fields (their columns
            hold None until the merge fills them in, and the row has no record).
    """

    __slots__ = (
        "_row_of",
        "columns",
        "inherits",
        "lines",
        "nodes",
        "paths",
        "records",
        "spec",
        "starts",
    )

    def __init__(
        self,
        spec: RecordType,
        columns: list[list[Any]],
        paths: list[str],
        lines: list[int],
        starts: list[int],
        *,
        records: list[Any],
        nodes: Sequence[Mapping | None] | None = None,
        inherits: dict[int, tuple[str, ...]] | None = None,
    ) -> None:
        self.spec = spec
        self.columns = columns
        self.paths = paths
        self.lines = lines
        self.starts = starts
        self.records = records
        self.nodes = nodes
        self.inherits = inherits or {}
        self._row_of: dict[str, int] | None = None

    @classmethod
    def of_converted(cls, spec: RecordType, converted: Sequence[Converted]) -> RecordTable:
        """Return the table of records converted from YAML, each with its file and node.

        A replacement that leaves out fields (see `is_partial`) has None in their columns
        until the merge fills them in, and no record until then.
        """
        records = [record for _, record, _, _ in converted]
        columns = [
            [_column_value(field, getattr(r, field.name)) for r in records] for field in spec.fields
        ]
        columns.append([record.pack for record in records])
        nodes = [node for _, _, _, node in converted]
        inherits = {}
        for row, (record, node) in enumerate(zip(records, nodes)):
            left_out = inherited_fields(spec, record, node)
            if left_out:
                inherits[row] = left_out
                records[row] = None  # built once the merge has filled it in
        return cls(
            spec,
            columns,
            [path for _, _, path, _ in converted],
            [node.line for node in nodes],
            [node.column for node in nodes],
            records=records,
            nodes=nodes,
            inherits=inherits,
        )

    @classmethod
    def joined(cls, spec: RecordType, tables: Sequence[RecordTable]) -> RecordTable:
        """Return one table of the rows of several, in order."""
        if len(tables) == 1:
            return tables[0]
        columns = [
            list(chain.from_iterable(t.columns[i] for t in tables))
            for i in range(len(spec.offsets))
        ]
        nodes = None
        if any(table.nodes is not None for table in tables):
            nodes = list(chain.from_iterable(t.nodes or [None] * len(t) for t in tables))
        return cls(
            spec,
            columns,
            list(chain.from_iterable(table.paths for table in tables)),
            list(chain.from_iterable(table.lines for table in tables)),
            list(chain.from_iterable(table.starts for table in tables)),
            records=list(chain.from_iterable(table.records for table in tables)),
            nodes=nodes,
        )

    @classmethod
    def gathered(cls, spec: RecordType, drafts: Iterable[Row]) -> RecordTable:
        """Return one table of the rows the drafts name, in order."""
        picked = list(drafts)
        columns = [[d.table.columns[i][d.row] for d in picked] for i in range(len(spec.offsets))]
        nodes = None
        if any(draft.table.nodes is not None for draft in picked):
            nodes = [d.table.nodes[d.row] if d.table.nodes else None for d in picked]
        return cls(
            spec,
            columns,
            [d.table.paths[d.row] for d in picked],
            [d.table.lines[d.row] for d in picked],
            [d.table.starts[d.row] for d in picked],
            records=[d.table.records[d.row] for d in picked],
            nodes=nodes,
        )

    def __len__(self) -> int:
        """Return how many rows the table holds."""
        return len(self.paths)

    def column(self, field: str) -> list[Any]:
        """Return one field's values (or the packs' ids), a row each."""
        return self.columns[self.spec.offsets[field]]

    @property
    def row_of(self) -> dict[str, int]:
        """The row of each id (the last, should an id be in two rows), made on first use."""
        row_of = self._row_of
        if row_of is None:
            row_of = self._row_of = dict(zip(self.column("id"), range(len(self))))
        return row_of

    def record(self, row: int) -> Any:
        """Return the record of a row, built on first use; every caller gets the same object."""
        record = self.records[row]
        if record is None:
            with _building:
                record = self.records[row]
                if record is None:
                    values = [column[row] for column in self.columns]
                    record = self.records[row] = _builder(self.spec)(values)
        return record

    def with_values(self, field: Field, changes: dict[int, tuple[str, ...]]) -> RecordTable:
        """Return a copy of the table with new values of one field in some rows."""
        offset = self.spec.offsets[field.name]
        columns = list(self.columns)
        column = columns[offset] = list(columns[offset])
        records = list(self.records)
        for row, value in changes.items():
            column[row] = field.shape.to_column(value)
            if records[row] is not None:
                records[row] = attrs.evolve(records[row], **{field.name: value})
        table = RecordTable(
            self.spec,
            columns,
            self.paths,
            self.lines,
            self.starts,
            records=records,
            nodes=self.nodes,
            inherits=self.inherits,
        )
        table._row_of = self._row_of  # the ids are unchanged
        return table

    def row(self, row: int) -> Row:
        """Return one row."""
        return Row(self, row)

    def rows(self) -> list[Row]:
        """Return each row, in order."""
        return [Row(self, row) for row in range(len(self))]

    def without_nodes(self) -> RecordTable:
        """Return the table without the YAML nodes kept to locate problems, to keep for long.

        Problems found later are placed at the start of their record, as for a compiled form.
        """
        if self.nodes is None:
            return self
        table = copy.copy(self)
        table.nodes = None
        return table


class Row:
    """One row of a table: its values, its record and where it was read."""

    __slots__ = ("row", "table")

    def __init__(self, table: RecordTable, row: int) -> None:
        self.table = table
        self.row = row

    @property
    def spec(self) -> RecordType:
        """The record type."""
        return self.table.spec

    @property
    def path(self) -> str:
        """The file the record was read from."""
        return self.table.paths[self.row]

    @property
    def record(self) -> Any:
        """The record."""
        return self.table.record(self.row)

    @property
    def pack(self) -> str:
        """The id of the pack that defines the record."""
        return str(self.value("pack"))

    @property
    def inherits(self) -> tuple[str, ...]:
        """The fields a replacement leaves out, to take from the record it replaces."""
        return self.table.inherits.get(self.row, ())

    def value(self, field: str) -> Any:
        """Return the value of one field (or of ``pack``), as its column holds it."""
        return self.table.column(field)[self.row]

    def place(self) -> tuple[int, int]:
        """Return the line and column where the record starts."""
        return self.table.lines[self.row], self.table.starts[self.row]

    def locate(self, field: str | None, index: int | None = None) -> tuple[int, int]:
        """Return the line and column of a field's value, or of one item of a list.

        A compiled record keeps no place for each field: its own place is given.
        """
        node = self.table.nodes[self.row] if self.table.nodes else None
        if node is None:
            return self.place()
        target = node.locate(field, index)
        return target.line, target.column

    def values(self, name: str) -> Any:
        """Return the record's value of a field, as the record holds it (for rules)."""
        field = self.spec.field(name)
        assert field is not None  # noqa: S101 - rules name their record type's fields
        return field.shape.from_column(self.value(name))


#: The fields a replacement never inherits: its own id, and what it replaces.
_OWN = ("id", "replaces")


def inherited_fields(spec: RecordType, record: Any, node: Mapping) -> tuple[str, ...]:
    """Return the fields a replacement read from YAML leaves out, to inherit; none for others.

    A field written empty (``phase: ~``, ``formats: []``) is stated, and stays empty.
    """
    if getattr(record, "replaces", None) is None:
        return ()
    return tuple(
        field.name
        for field in spec.fields
        if field.name not in _OWN and node.get(field.name) is None
    )


def _column_value(field: Field, value: Any) -> Any:
    """Return a record's value as its column holds it; None where a replacement left it out."""
    return None if value is None else field.shape.to_column(value)


#: A record converted from YAML: its type, the record, its file and its node.
Converted = tuple["RecordType", Any, str, "Mapping"]


def tables_of(converted: Iterable[Converted]) -> dict[str, RecordTable]:
    """Return the tables of records converted from YAML, by section, each in the order given."""
    sections: dict[str, list[Converted]] = {}
    for entry in converted:
        sections.setdefault(entry[0].section, []).append(entry)
    return {section: RecordTable.of_converted(e[0][0], e) for section, e in sections.items()}


class ReadPack:
    """A pack read and converted, not yet checked against other packs.

    A pack with problems in some records is read too, without those records, so that the
    merge checks the rest in the same pass: ``failed`` names the records left out, by
    section, and ``unparsed`` says whether some file could not be read at all.

    Args:
        pack: The manifest.
        manifest_path: Where the manifest is.
        tables: The pack's records by section, each in the order its files give them.
        files: Every file read.
        manifest: The manifest's YAML node (None when read from a compiled form).
        failed: The ids of records that could not be converted, by section.
        unparsed: Whether some content file could not be parsed, so its ids are unknown.
    """

    __slots__ = ("failed", "files", "manifest", "manifest_path", "pack", "tables", "unparsed")

    def __init__(
        self,
        pack: Pack,
        manifest_path: str,
        tables: dict[str, RecordTable],
        files: tuple[str, ...],
        *,
        manifest: Mapping | None = None,
        failed: dict[str, set[str]] | None = None,
        unparsed: bool = False,
    ) -> None:
        self.pack = pack
        self.manifest_path = manifest_path
        self.tables = tables
        self.files = files
        self.manifest = manifest
        self.failed = failed or {}
        self.unparsed = unparsed

    def manifest_place(self, key: str, index: int | None = None) -> tuple[int, int]:
        """Return the line and column of a manifest key's value, or of one item of a list.

        Without the manifest's node (a compiled form), the manifest is parsed again to
        say; failing that, its start is given.
        """
        manifest = self.manifest_node()
        if manifest is None:
            return 1, 1
        node = manifest.locate(key, index)
        return node.line, node.column

    def manifest_node(self) -> Mapping | None:
        """Return the manifest's node: kept from the read, or parsed again for a compiled form.

        Only a problem to locate asks for it; a compiled form is used only while the
        manifest is unchanged, so parsing it again finds what was compiled.
        """
        if self.manifest is None and os.path.isfile(self.manifest_path):  # noqa: PTH113
            from . import _nodes, _yaml  # noqa: PLC0415 - only to locate a compiled pack's problem
            from ._limits import Limits  # noqa: PLC0415

            try:
                with open(self.manifest_path, "rb") as file:  # noqa: PTH123
                    text, _ = _yaml.decode(file.read(), self.manifest_path, Limits())
            except OSError:
                text = None
            node = None if text is None else _yaml.parse(text, self.manifest_path, Limits())[0]
            if isinstance(node, _nodes.Mapping):
                self.manifest = node
        return self.manifest

    def hidden_place(self, index: int) -> tuple[int, int]:
        """Return where the manifest names the ``index``-th record it hides."""
        manifest = self.manifest_node()
        hides = manifest.get("hides") if manifest is not None else None
        if hides is not None:  # a mapping of sections to lists, as the manifest was read
            items = [item for _, ids in getattr(hides, "entries", ()) for item in ids.items]
            if index < len(items):
                return items[index].line, items[index].column
        return self.manifest_place("hides")

    def rows(self) -> list[Row]:
        """Return every record's row, section by section."""
        return [row for table in self.tables.values() for row in table.rows()]

    def without_nodes(self) -> ReadPack:
        """Return the pack without the YAML nodes its tables keep, to cache it."""
        tables = {section: table.without_nodes() for section, table in self.tables.items()}
        return ReadPack(
            self.pack,
            self.manifest_path,
            tables,
            self.files,
            failed=self.failed,
            unparsed=self.unparsed,
        )


@functools.cache
def _builder(spec: RecordType) -> Callable[[list[Any]], Any]:
    """Return the function that builds a record of this type from its row of column values."""
    converters = [field.shape.from_column for field in spec.fields]
    model = spec.model

    def build(row: list[Any]) -> Any:
        return model(*[convert(value) for convert, value in zip(converters, row)], row[-1])

    return build
