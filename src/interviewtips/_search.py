"""Ranked full-text search over records, answered from a word index."""

from __future__ import annotations

import functools
import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

_WORD = re.compile(r"[0-9a-z\u00c0-\uffff]+")
_APOSTROPHES = re.compile("['\u2018\u2019]")


#: Words up to this long are kept in the cache of stems; a longer one (no real word is)
#: is stemmed each time, so a query cannot fill the cache with text of any length.
_CACHED_WORD_CHARS = 64


def words(text: str) -> list[str]:
    """Split text into the word forms the index keeps: folded, with plurals reduced."""
    folded = _APOSTROPHES.sub("", text.casefold())
    return [
        _stem_cached(word) if len(word) <= _CACHED_WORD_CHARS else _stem(word)
        for word in _WORD.findall(folded)
    ]


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):  # noqa: PLR2004 - "ties" stays "ties"
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):  # noqa: PLR2004
        return word[:-1]
    return word


_stem_cached = functools.lru_cache(maxsize=65536)(_stem)


class WordIndex:
    """Scores each record by the query words its fields contain, weighted by rarity.

    Args:
        documents: For each record, in canonical order, its fields as (text, weight).
    """

    def __init__(self, documents: Iterable[Iterable[tuple[str, float]]]) -> None:
        postings: dict[str, dict[int, float]] = {}
        count = 0
        for position, fields in enumerate(documents):
            count += 1
            for text, weight in fields:
                for word in words(text):
                    scores = postings.setdefault(word, {})
                    scores[position] = scores.get(position, 0.0) + weight
        self._postings = postings
        self._rarity = {
            word: math.log(1 + count / len(scores)) for word, scores in postings.items()
        }

    def rank(self, query: str, allowed: Sequence[int] | None = None) -> list[int]:
        """Return positions of records matching any query word, best first.

        Records matching more of the query's words come first, then higher scores,
        then canonical order. ``allowed`` restricts the result to those positions.
        """
        terms = dict.fromkeys(words(query))
        scores: dict[int, float] = {}
        matched: dict[int, int] = {}
        for term in terms:
            postings = self._postings.get(term)
            if not postings:
                continue
            rarity = self._rarity[term]
            for position, weight in postings.items():
                scores[position] = scores.get(position, 0.0) + rarity * (1 + math.log(weight))
                matched[position] = matched.get(position, 0) + 1
        candidates: Iterable[int] = scores
        if allowed is not None:
            candidates = set(allowed).intersection(scores)
        return sorted(candidates, key=lambda p: (-matched[p], -scores[p], p))
