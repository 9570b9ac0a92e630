"""Facet indexes over one record type, built once, so filters never scan every record."""

from __future__ import annotations

import functools
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from ._drafts import column

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from ._drafts import AnyDraft


class FacetIndex:
    """Positions of records by id and by the value of each facet (stage, kind, topic...).

    The index is built from the drafts' values; a record itself is built the first
    time it is asked for.

    Args:
        drafts: The records' drafts, in canonical order.
        facets: For each facet, the field that holds a record's value or values.
    """

    def __init__(self, drafts: Sequence[AnyDraft], facets: Mapping[str, str]) -> None:
        self._drafts: tuple[AnyDraft, ...] = tuple(drafts)
        self._all: tuple[Any, ...] | None = None
        self.facets = tuple(facets)
        self.position_of: dict[str, int] = {
            id_: position for position, id_ in enumerate(column(drafts, "id"))
        }
        self._postings = {
            facet: _postings(column(drafts, field)) for facet, field in facets.items()
        }
        # Results are immutable tuples, so a repeated query is answered from memory.
        self._select_memo = functools.lru_cache(maxsize=1024)(self._select)

    def __len__(self) -> int:
        """Return how many records the index holds."""
        return len(self._drafts)

    @property
    def records(self) -> tuple[Any, ...]:
        """Every record, in canonical order (built on first use)."""
        records = self._all
        if records is None:
            records = self._all = tuple(draft.record for draft in self._drafts)
        return records

    def record(self, position: int) -> Any:
        """Return the record at a position."""
        return self._drafts[position].record

    def positions(self, wanted: Mapping[str, frozenset[str]]) -> list[int] | None:
        """Return the sorted positions matching every facet, or None when nothing filters.

        Within a facet the values are alternatives (any of them); facets combine with AND.
        """
        if not wanted:
            return None
        matches: list[set[int]] = []
        for facet, values in wanted.items():
            by_value = self._postings[facet]
            found: set[int] = set()
            for value in values:
                found.update(by_value.get(value, ()))
            matches.append(found)
        matches.sort(key=len)
        result = matches[0].intersection(*matches[1:])
        return sorted(result)

    def select(self, wanted: Mapping[str, frozenset[str]]) -> tuple[Any, ...]:
        """Return the records matching every facet, in canonical order."""
        if not wanted:
            return self.records
        return self._select_memo(tuple(sorted(wanted.items())))

    def _select(self, wanted: tuple[tuple[str, frozenset[str]], ...]) -> tuple[Any, ...]:
        positions = self.positions(dict(wanted)) or ()
        return tuple(self._drafts[position].record for position in positions)

    def count(self, facet: str, values: Iterable[str]) -> dict[str, int]:
        """Return how many records have each value of a facet, zeros included."""
        by_value = self._postings[facet]
        return {value: len(by_value.get(value, ())) for value in values}


def _postings(values: list[Any]) -> dict[str, tuple[int, ...]]:
    """Return the positions of the records that have each value.

    Each record's value is an id (vocabulary members key as their ids), None, or a
    list of ids, in which an id listed twice counts once.
    """
    by_value: defaultdict[str, list[int]] = defaultdict(list)
    for position, value in enumerate(values):
        if not value:  # None, or an empty list
            continue
        if isinstance(value, str):
            by_value[value].append(position)
            continue
        for item in value:
            positions = by_value[item]
            if not positions or positions[-1] != position:
                positions.append(position)
    return {value: tuple(positions) for value, positions in by_value.items()}
