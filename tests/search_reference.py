"""Search as it ranked before top-k retrieval and the lazy word index: the reference.

Kept so that tests compare the faster search with it (see tests/test_properties.py):
an eager word index (every word's records found when it is built) and a ranking that
scores every record matching the query and sorts them all. Copied from
``src/interviewtips/_search.py`` as it was when search reached its relevance level.
"""

from __future__ import annotations

import bisect
import math
from collections import Counter
from typing import TYPE_CHECKING, Any

from interviewtips import _search
from interviewtips._search import (
    _CACHED_WORD_CHARS,
    COORDINATION,
    HEADING_BONUS,
    K1,
    B,
    Query,
    _stem_prefix,
    stem,
    tokens,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


class WordIndex:
    """The words of one record type's records, and the records that hold each.

    Args:
        size: How many records there are; positions run from 0.
        fields: For each searched field, its values in canonical order (a text, a list
            of texts, or None) and its weight.
        facets: For each value of a searched facet, its names (name and aliases) as one
            text, the facet's weight, and the positions of the records that carry it.
        headings: Each record's heading (title, question, name), in canonical order.
    """

    def __init__(
        self,
        size: int,
        fields: Iterable[tuple[Sequence[Any], float]],
        facets: Iterable[tuple[str, float, Sequence[int]]] = (),
        headings: Sequence[Any] = (),
    ) -> None:
        self.size = size
        self.headings = headings
        postings: dict[str, dict[int, float]] = {}
        for values, weight in fields:
            texts = [_joined(value) for value in values]
            average = sum(map(len, texts)) / max(len(texts), 1) or 1.0
            for position, text in enumerate(texts):
                if not text:
                    continue
                strength = weight / (1 - B + B * len(text) / average)
                for word, count in Counter(tokens(text)).items():
                    found = postings.get(word)
                    if found is None:
                        postings[word] = {position: count * strength}
                    else:
                        found[position] = found.get(position, 0.0) + count * strength
        self._postings = postings
        self._facets: dict[str, list[tuple[float, Sequence[int]]]] = {}
        for names, weight, positions in facets:
            for word in dict.fromkeys(tokens(names)):
                self._facets.setdefault(word, []).append((weight, positions))
        self._sorted: list[str] | None = None
        self._words_of: dict[str, tuple[str, ...]] = {}
        self._heading_words: dict[int, frozenset[str]] = {}

    @property
    def vocabulary(self) -> list[str]:
        """Every word the records and their facet values hold, sorted."""
        found = self._sorted
        if found is None:
            found = self._sorted = sorted({*self._postings, *self._facets})
        return found

    def words_of(self, stemmed: str) -> tuple[str, ...]:
        """Return the words of the index that have this stem."""
        found = self._words_of.get(stemmed)
        if found is None:
            vocabulary = self.vocabulary
            prefix = _stem_prefix(stemmed)
            start = bisect.bisect_left(vocabulary, prefix)
            end = bisect.bisect_left(vocabulary, prefix + "\U0010ffff", start)
            found = tuple(w for w in vocabulary[start:end] if stem(w) == stemmed)
            if len(stemmed) <= _CACHED_WORD_CHARS:  # no caller fills the cache with long text
                self._words_of[stemmed] = found  # a cache: two threads compute the same
        return found

    def frequencies(self, stemmed: str) -> dict[int, float]:
        """Return, for each record holding a word of this stem, how strongly it holds it."""
        found: dict[int, float] = {}
        for word in self.words_of(stemmed):
            postings = self._postings.get(word)
            if postings is not None:
                if not found:
                    found = dict(postings)
                else:
                    for position, strength in postings.items():
                        found[position] = found.get(position, 0.0) + strength
            for weight, positions in self._facets.get(word, ()):
                for position in positions:
                    found[position] = found.get(position, 0.0) + weight
        return found

    def heading_words(self, position: int) -> frozenset[str]:
        """Return the folded words of a record's heading (kept: the best records recur)."""
        found = self._heading_words.get(position)
        if found is None:
            heading = self.headings[position] if position < len(self.headings) else None
            found = frozenset(tokens(_joined(heading)))
            self._heading_words[position] = found  # a cache: two threads compute the same
        return found

    def document_frequency(self, word: str) -> int:
        """Return how many records hold the word as written."""
        return len(self._postings.get(word, ()))


def _joined(value: Any) -> str:
    """Return a column value as one text: a list's items joined."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return "\n".join(map(str, value))


def rank(
    query: Query, indexes: Sequence[WordIndex], allowed: Sequence[set[int] | None]
) -> list[tuple[int, int]]:
    """Return (index, position) of the records matching the query, best first.

    Each concept of the query scores a record by its best alternative: the BM25 scores
    of the stems the alternative needs, added, times the alternative's weight (a
    phrase's stems all or nothing); a word's rarity is counted over every index
    searched, so records of several types rank together. A record's score is the sum
    over concepts, times the share of the concepts it matches (`COORDINATION`), each
    concept counted by its rarest word: a record that misses "use" in "how do I use
    the STAR method" loses less than one that misses "STAR". The best `RERANKED` are
    then raised by how many of the query's own words their headings hold
    (`HEADING_BONUS`). Ties go to the order of the indexes, then canonical order.

    Args:
        query: The analysed query.
        indexes: The word indexes of the record types searched.
        allowed: For each index, the positions the filters allow (None: all of them).
    """
    scores = _Scores(indexes, allowed)
    totals: dict[tuple[int, int], float] = {}
    matched: dict[tuple[int, int], float] = {}
    concepts = 0.0
    for concept in query.concepts:
        best: dict[tuple[int, int], float] = {}
        for weight, stems in concept:
            for key, score in scores.of(weight, stems).items():
                if score > best.get(key, 0.0):
                    best[key] = score
        importance = max(weight * max(map(scores.rarity, stems)) for weight, stems in concept)
        concepts += importance
        for key, score in best.items():
            totals[key] = totals.get(key, 0.0) + score
            matched[key] = matched.get(key, 0.0) + importance
    final = {
        key: score * (matched[key] / concepts) ** COORDINATION for key, score in totals.items()
    }
    ranked = sorted(final, key=lambda key: (-final[key], key))
    if query.words:
        for key in ranked[: _search.RERANKED]:
            number, position = key
            held = query.words & indexes[number].heading_words(position)
            final[key] *= 1 + HEADING_BONUS * len(held) / len(query.words)
        ranked[: _search.RERANKED] = sorted(
            ranked[: _search.RERANKED], key=lambda key: (-final[key], key)
        )
    return ranked


class _Scores:
    """The BM25 scores of stems over the indexes searched, each stem's worked out once."""

    def __init__(self, indexes: Sequence[WordIndex], allowed: Sequence[set[int] | None]) -> None:
        self._indexes = indexes
        self._allowed = allowed
        self._total = sum(index.size for index in indexes)
        self._by_stem: dict[str, list[dict[int, float]]] = {}
        self._rarity: dict[str, float] = {}

    def stem(self, stemmed: str) -> list[dict[int, float]]:
        """Return, for each index, the score of each allowed record holding the stem."""
        found = self._by_stem.get(stemmed)
        if found is None:
            frequencies = [index.frequencies(stemmed) for index in self._indexes]
            frequency = sum(map(len, frequencies))
            rarity = math.log(1 + (self._total - frequency + 0.5) / (frequency + 0.5))
            self._rarity[stemmed] = rarity
            found = [
                {
                    p: rarity * f * (K1 + 1) / (f + K1)
                    for p, f in by_position.items()
                    if keep is None or p in keep
                }
                for by_position, keep in zip(frequencies, self._allowed)
            ]
            self._by_stem[stemmed] = found
        return found

    def rarity(self, stemmed: str) -> float:
        """Return how rare a stem is over the indexes searched (BM25's IDF)."""
        found = self._rarity.get(stemmed)
        if found is None:
            self.stem(stemmed)
            found = self._rarity[stemmed]
        return found

    def of(self, weight: float, stems: tuple[str, ...]) -> dict[tuple[int, int], float]:
        """Return the score of each record for an alternative: its stems' scores, added.

        An alternative of several stems is a phrase: only the records that hold all of
        them match it ("running late" is not found by "run" alone).
        """
        found: dict[tuple[int, int], float] = {}
        by_stem = [self.stem(stemmed) for stemmed in stems]
        for number in range(len(self._indexes)):
            # The rarest stem first: a phrase's records are among those that hold it.
            rarest, *others = sorted((scores[number] for scores in by_stem), key=len)
            for position, score in rarest.items():
                total = score
                for other in others:
                    more = other.get(position)
                    if more is None:
                        break
                    total += more
                else:
                    found[number, position] = weight * total
        return found
