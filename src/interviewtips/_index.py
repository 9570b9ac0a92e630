"""Facet indexes over one record type, built once, so filters never scan every record."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Callable, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

Record = TypeVar("Record")


class FacetIndex(Generic[Record]):
    """Positions of records by the value of each facet (stage, kind, topic...).

    Args:
        records: The records in their canonical order.
        facets: For each facet, a function giving the ids a record has for it.
    """

    def __init__(
        self,
        records: Iterable[Record],
        facets: Mapping[str, Callable[[Record], Iterable[str]]],
    ) -> None:
        self.records: tuple[Record, ...] = tuple(records)
        self.facets = tuple(facets)
        self._postings: dict[str, dict[str, tuple[int, ...]]] = {}
        for facet, values_of in facets.items():
            by_value: dict[str, list[int]] = {}
            for position, record in enumerate(self.records):
                for value in values_of(record):  # str enums key as their ids
                    positions = by_value.setdefault(value, [])
                    if not positions or positions[-1] != position:  # a value listed twice
                        positions.append(position)
            self._postings[facet] = {value: tuple(p) for value, p in by_value.items()}
        # Results are immutable tuples, so a repeated query is answered from memory.
        self._select_memo = functools.lru_cache(maxsize=1024)(self._select)

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

    def select(self, wanted: Mapping[str, frozenset[str]]) -> tuple[Record, ...]:
        """Return the records matching every facet, in canonical order."""
        if not wanted:
            return self.records
        return self._select_memo(tuple(sorted(wanted.items())))

    def _select(self, wanted: tuple[tuple[str, frozenset[str]], ...]) -> tuple[Record, ...]:
        positions = self.positions(dict(wanted)) or ()
        return tuple(self.records[position] for position in positions)

    def count(self, facet: str, values: Iterable[str]) -> dict[str, int]:
        """Return how many records have each value of a facet, zeros included."""
        by_value = self._postings[facet]
        return {value: len(by_value.get(value, ())) for value in values}
