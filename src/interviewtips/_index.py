"""Facet indexes over one record type, built once, so filters never scan every record."""

from __future__ import annotations

import threading
from collections import defaultdict
from itertools import chain
from typing import TYPE_CHECKING, Any, Optional

from ._shapes import split_joined

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._columns import RecordTable


#: The most query results a memo keeps (the oldest make way).
MEMO_QUERIES = 1024
#: Queries naming more ids than this, across their filters, are not kept.
MEMO_IDS = 64
#: Results of more records than this are not kept: each costs a pointer a record.
MEMO_RECORDS = 4096

_memo_lock = threading.Lock()
#: A query as the memo keys it: the ids wanted by facet, and the facets asked for `only`.
_MemoKey = tuple[tuple[tuple[str, frozenset[str]], ...], Optional[tuple[str, ...]]]


class FacetIndex:
    """Positions of records by the value of each facet (stage, kind, topic...), and rows by id.

    A position is a record's place in canonical order; the index is built from the
    table's columns, and a record is built the first time it is asked for.

    Args:
        table: The records.
        facets: For each facet, the field that holds a record's value or values.
        order: The table's rows in canonical order.
        untagged_apply: The facets for which a record with no value matches every value.
    """

    def __init__(
        self,
        table: RecordTable,
        facets: Mapping[str, str],
        order: list[int],
        untagged_apply: Iterable[str] = (),
    ) -> None:
        self._table = table
        self._order = order
        self._all: tuple[Any, ...] | None = None
        self.facets = tuple(facets)
        #: The row of each id.
        self.row_of = table.row_of
        self._fields = dict(facets)
        # Each facet's postings are built when a query first filters by it: a catalog
        # answers most programs' queries from a few of its thirty-odd facets.
        self._postings: dict[str, dict[str, list[int]]] = {}
        self._untagged_apply = frozenset(untagged_apply)
        # Results are immutable tuples, so a repeated query is answered from memory.
        self._memo: dict[_MemoKey, tuple[Any, ...]] = {}

    def __len__(self) -> int:
        """Return how many records the index holds."""
        return len(self._order)

    @property
    def records(self) -> tuple[Any, ...]:
        """Every record, in canonical order (built on first use)."""
        records = self._all
        if records is None:
            records = self._all = tuple(map(self._table.record, self._order))
        return records

    def record(self, position: int) -> Any:
        """Return the record at a position."""
        return self._table.record(self._order[position])

    def get(self, id_: str) -> Any:
        """Return the record with this id, or None."""
        row = self.row_of.get(id_)
        return None if row is None else self._table.record(row)

    def column(self, field: str) -> list[Any]:
        """Return a field's column values, in canonical order."""
        values = self._table.column(field)
        return [values[row] for row in self._order]

    def postings(self, facet: str) -> dict[str, list[int]]:
        """Return the positions of the records with each value of a facet (`UNTAGGED`: none).

        Built on first use; two threads may both build them, and either result serves.
        """
        found = self._postings.get(facet)
        if found is None:
            column = self._table.column(self._fields[facet])
            found = self._postings[facet] = _postings([column[row] for row in self._order])
        return found

    def positions(
        self, wanted: Mapping[str, frozenset[str]], untagged: Iterable[str] | None = None
    ) -> list[int] | None:
        """Return the sorted positions matching every facet, or None when nothing filters.

        Within a facet the values are alternatives (any of them); facets combine with AND.
        A record with no value of a facet matches it when the facet is in ``untagged``
        (by default, the facets whose untagged records apply to every value).
        """
        if not wanted:
            return None
        untagged_apply = self._untagged_apply if untagged is None else frozenset(untagged)
        matches: list[set[int]] = []
        for facet, values in wanted.items():
            by_value = self.postings(facet)
            found: set[int] = set()
            for value in values:
                found.update(by_value.get(value, ()))
            if facet in untagged_apply:
                found.update(by_value.get(UNTAGGED, ()))
            matches.append(found)
        matches.sort(key=len)
        result = matches[0].intersection(*matches[1:])
        return sorted(result)

    def select(
        self, wanted: Mapping[str, frozenset[str]], untagged: Iterable[str] | None = None
    ) -> tuple[Any, ...]:
        """Return the records matching every facet, in canonical order (see `positions`).

        Results are kept for the next query that asks the same, within bounds: at most
        `MEMO_QUERIES` of them, each naming at most `MEMO_IDS` ids and holding at most
        `MEMO_RECORDS` records, so that no run of queries can make the memo large.
        """
        if not wanted:
            return self.records
        facets = None if untagged is None else tuple(sorted(untagged))
        key = (tuple(sorted(wanted.items())), facets)
        found = self._memo.get(key)
        if found is None:
            found = self._select(*key)
            if len(found) <= MEMO_RECORDS and sum(map(len, wanted.values())) <= MEMO_IDS:
                with _memo_lock:
                    if len(self._memo) >= MEMO_QUERIES:
                        del self._memo[next(iter(self._memo))]  # the oldest
                    self._memo[key] = found
        return found

    def _select(
        self, wanted: tuple[tuple[str, frozenset[str]], ...], untagged: tuple[str, ...] | None
    ) -> tuple[Any, ...]:
        positions = self.positions(dict(wanted), untagged) or ()
        return tuple(map(self.record, positions))

    def count(self, facet: str, values: Iterable[str]) -> dict[str, int]:
        """Return how many records have each value of a facet, zeros included."""
        by_value = self.postings(facet)
        return {value: len(by_value.get(value, ())) for value in values}

    def untagged(self, facet: str) -> int:
        """Return how many records have no value of a facet."""
        return len(self.postings(facet).get(UNTAGGED, ()))


#: The postings key of the records that have no value of a facet.
UNTAGGED = ""


def _postings(values: list[str | None]) -> dict[str, list[int]]:
    """Return the sorted positions of the records that have each id (`UNTAGGED`: none).

    Each record's value is a column value: an id, ids joined by spaces, or None. Records
    are grouped by their whole value first, so each distinct value is split only once;
    an id listed twice in one value counts once.
    """
    groups: defaultdict[str | None, list[int]] = defaultdict(list)
    for position, value in enumerate(values):
        groups[value].append(position)
    parts: dict[str, list[list[int]]] = {}
    for value, positions in groups.items():
        for id_ in set(split_joined(value)) or (UNTAGGED,):
            parts.setdefault(id_, []).append(positions)
    return {
        id_: found[0] if len(found) == 1 else sorted(chain.from_iterable(found))
        for id_, found in parts.items()
    }
