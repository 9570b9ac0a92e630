"""Top-k retrieval: the best records of a ranking without scoring every one that matches.

A search of 100,000 records for a word nearly every one holds ("interview") would score
them all to return ten. Here, each of the query's concepts lists its records best first
for that concept alone, and a record's score only grows with each concept's; so Fagin's
threshold algorithm applies. The lists are read in turn and each record read is scored
in full. A record no list has reached yet scores at most what the lists' next records
would add up to, so once the k-th best so far beats that bound, no record left can
enter the first k.

Ties are ranked in canonical order, and a record that only ties the bound could still
come before the k-th. It cannot when every list's next record comes after the k-th in
canonical order (an unread record scoring exactly the bound holds each concept's next
score, and each list gives the records of a score in order) and the bound with any one
list lowered to its next lower score is beaten (any other unread record scores at most
that). The ranking works the bound out with the same operations, in the same order, as
a record's score, so floating-point rounding keeps it a bound and ties exact.

A list is read a record at a time at first, then twice as many each turn, up to
`BLOCK`, in runs of one score for its concept. The records of a run that hold the
other concepts' stems alike (most often, not at all) score alike: one of them is
scored for all of them. Where many records tie (the records of a facet value share its
weight), this spares scoring them one at a time.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence

#: The most records of one score read from a concept's list at once.
BLOCK = 256

#: A record: the number of its index, and its position there.
Key = tuple[int, int]
#: A list's records of one score: the score, and their positions in order.
Group = tuple[float, list[int]]


class Ranking(Protocol):
    """What top-k retrieval reads of a ranking: its lists, and how a record scores."""

    #: For each index, the positions that may be ranked (None: all of them).
    allowed: Sequence[set[int] | None]

    def lists(self) -> list[list[tuple[int, Iterator[Group]]]]:
        """Return, for each concept, its lists: an index's number and its groups.

        A list yields distinct scores, highest first. A record's score for a concept
        is the highest any of the concept's lists gives it (0 when none does).
        """
        ...  # pragma: no cover - a protocol

    def score(self, number: int, position: int) -> float:
        """Return a record's score: `combined` of its score for each concept."""
        ...  # pragma: no cover - a protocol

    def combined(self, levels: list[float]) -> float:
        """Return the score of a record that scores ``levels`` for the concepts.

        It must never fall when a level rises.
        """
        ...  # pragma: no cover - a protocol

    def others(self, number: int, concept: int) -> Sequence[Mapping[int, float]]:
        """Return what else a record's score depends on beside ``concept``.

        Two records of one score for the concept that have the same values in
        these mappings (or none) have the same score.
        """
        ...  # pragma: no cover - a protocol


def best(ranking: Ranking, depth: int) -> tuple[list[Key], dict[Key, float]]:
    """Return the best ``depth`` records of a ranking in order (ties in canonical order).

    Also returns the scores of those records (and maybe of others).
    """
    return _TopK(ranking, depth).best()


class _TopK:
    """One top-k retrieval: the records read so far, and the best of them kept."""

    def __init__(self, ranking: Ranking, depth: int) -> None:
        self._ranking = ranking
        self._depth = depth
        #: For each index, the positions of the records read.
        self._seen: list[set[int]] = [set() for _ in ranking.allowed]
        #: The scores of the records kept.
        self._final: dict[Key, float] = {}
        self._kept: list[tuple[float, int, int]] = []  # the best so far, the worst first

    def best(self) -> tuple[list[Key], dict[Key, float]]:
        """Return the best records in order, and their scores."""
        allowed = self._ranking.allowed
        streams = [
            _Stream([_Cursor(groups, number, allowed[number]) for number, groups in lists])
            for lists in self._ranking.lists()
        ]
        most = 1
        while any(streams):
            for concept, stream in enumerate(streams):  # each list in turn
                read = 0
                while stream and read < most:
                    number, positions = stream.take(most - read)
                    self._read(concept, number, positions)
                    read += len(positions)
            most = min(2 * most, BLOCK)
            if len(self._kept) == self._depth and self._complete(streams):
                break
        final = self._final
        ranked = sorted(
            ((-number, -position) for _, number, position in self._kept),
            key=lambda key: (-final[key], key),
        )
        return ranked, final

    def _read(self, concept: int, number: int, positions: list[int]) -> None:
        """Score the records a concept's list gave, all of one score for it; keep the best."""
        seen = self._seen[number]
        others = self._ranking.others(number, concept)
        alike: dict[tuple[float | None, ...], list[int]] = {}
        for position in positions:
            if position not in seen:
                seen.add(position)
                values = tuple([mapping.get(position) for mapping in others])
                alike.setdefault(values, []).append(position)
        for group in alike.values():
            score = self._ranking.score(number, group[0])
            for position in group:
                if not self._keep(score, number, position):
                    break  # the rest come later in order, with the same score

    def _keep(self, score: float, number: int, position: int) -> bool:
        """Keep a record if it is among the best so far, and say whether it is."""
        entry = score, -number, -position  # a higher entry ranks before a lower one
        if len(self._kept) < self._depth:
            heapq.heappush(self._kept, entry)
        elif entry > self._kept[0]:
            heapq.heapreplace(self._kept, entry)
        else:
            return False
        self._final[number, position] = score
        return True

    def _complete(self, streams: list[_Stream]) -> bool:
        """Return whether no record the lists have not reached can beat the k-th kept."""
        combined = self._ranking.combined
        score, number, position = self._kept[0]
        levels = [stream.level() for stream in streams]
        bound = combined(levels)
        if score != bound:
            return score > bound
        live = [i for i, level in enumerate(levels) if level]
        if max(streams[i].head() for i in live) <= (-number, -position):
            return False  # an unread record may tie the k-th and come before it
        for i in live:
            lowered = levels.copy()
            lowered[i] = streams[i].below(levels[i])
            if combined(lowered) >= score:
                return False
        return True


class _Cursor:
    """Walks one list: highest score first, each score's records in order.

    ``head`` is the next allowed record, as a heap entry (minus its score, index,
    position), or None at the end.
    """

    __slots__ = (
        "_groups",
        "_keep",
        "_number",
        "_offset",
        "_positions",
        "_score",
        "_upcoming",
        "head",
    )

    def __init__(self, groups: Iterator[Group], number: int, keep: set[int] | None) -> None:
        self._groups = groups
        self._number = number
        self._keep = keep
        self._upcoming = next(groups, None)
        self._score = 0.0
        self._positions: list[int] = []
        self._offset = 0
        self.head: tuple[float, int, int] | None = None
        self._settle()

    def take(self, most: int) -> list[int]:
        """Return the allowed records from the head on, up to ``most``, all of its score."""
        end = min(self._offset + most, len(self._positions))
        taken = self._positions[self._offset : end]
        if self._keep is not None:
            taken = [position for position in taken if position in self._keep]
        self._offset = end
        self._settle()
        return taken

    def below(self, level: float) -> float:
        """Return the highest score left lower than ``level`` (0: none), the head's at most."""
        if self._score < level:
            return self._score
        return 0.0 if self._upcoming is None else self._upcoming[0]

    def _settle(self) -> None:
        """Make the next allowed record, in this group or a later one, the head."""
        keep = self._keep
        while True:
            while self._offset == len(self._positions):
                if self._upcoming is None:
                    self.head = None
                    return
                self._score, self._positions = self._upcoming
                self._upcoming = next(self._groups, None)
                self._offset = 0
            position = self._positions[self._offset]
            if keep is None or position in keep:
                self.head = (-self._score, self._number, position)
                return
            self._offset += 1


class _Stream:
    """The records of one concept, best first: its lists' cursors merged."""

    __slots__ = ("_heap",)

    def __init__(self, cursors: list[_Cursor]) -> None:
        self._heap = [(cursor.head, i, cursor) for i, cursor in enumerate(cursors) if cursor.head]
        heapq.heapify(self._heap)

    def __bool__(self) -> bool:
        return bool(self._heap)

    def take(self, most: int) -> tuple[int, list[int]]:
        """Return the index and positions of the next records, up to ``most``, of one score.

        The stream must not be at its end.
        """
        head, i, cursor = self._heap[0]
        taken = cursor.take(most)
        if cursor.head is None:
            heapq.heappop(self._heap)
        else:
            heapq.heapreplace(self._heap, (cursor.head, i, cursor))
        return head[1], taken

    def level(self) -> float:
        """Return the next record's score for this concept (0: none left)."""
        return -self._heap[0][0][0] if self._heap else 0.0

    def head(self) -> Key:
        """Return the next record's key."""
        entry = self._heap[0][0]
        return entry[1], entry[2]

    def below(self, level: float) -> float:
        """Return the highest score left lower than ``level``, this stream's (0: none)."""
        return max(cursor.below(level) for _, _, cursor in self._heap)
