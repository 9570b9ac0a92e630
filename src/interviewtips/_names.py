"""Resolving what a caller names (an id, a display name, an alias, an object) to an id."""

from __future__ import annotations

import functools
import re
from array import array
from collections.abc import Iterable
from typing import Any

from .exceptions import UnknownNameError

# Compiled on first use (and kept by re): a load that names things by id never needs them.
_APOSTROPHES = "['\u2018\u2019`]"
_SEPARATORS = r"[\s_\-]+"


#: Names up to this long are kept in the cache of normalised forms; longer ones, which
#: no record is called, are normalised each time, so callers cannot fill the cache
#: with text of any length.
CACHED_NAME_CHARS = 200


def normalise(name: str) -> str:
    """Return the form names are compared in: "Don't", "dont" and "DONT" are one."""
    if len(name) > CACHED_NAME_CHARS:
        return _normalise(name)
    return _normalise_cached(name)


def _normalise(name: str) -> str:
    folded = re.sub(_APOSTROPHES, "", name.casefold())
    return re.sub(_SEPARATORS, "-", folded).strip("-")


_normalise_cached = functools.lru_cache(maxsize=4096)(_normalise)


def close_matches(name: str, choices: Iterable[str]) -> tuple[str, ...]:
    """Return up to three choices close to ``name``, closest first.

    For many choices asked about more than once, keep a `CloseMatches` instead.
    """
    return CloseMatches(choices)(name)


#: Up to this many choices, the name is compared with every one; beyond, with this many.
COMPARED = 300
#: The most index entries one search for candidates reads.
_BUDGET = 100_000


class CloseMatches:
    """Finds the choices closest to a mistyped name, at a cost bounded however many there are.

    Closeness is difflib's ratio. Up to `COMPARED` choices, each is compared with the
    name. Beyond, an index of the three-character pieces of every choice (built on
    first use) picks the `COMPARED` choices that share the most pieces with the name,
    reading its rarer pieces first and at most ``_BUDGET`` entries, and only those are
    compared: a typo in a catalog of 100,000 ids costs what one among 300 does.

    Args:
        choices: The names to suggest from.
    """

    def __init__(self, choices: Iterable[str]) -> None:
        self._choices = list(dict.fromkeys(choices))
        self._longest = max(map(len, self._choices), default=0)
        self._index: dict[str, array[int]] | None = None

    def __call__(self, name: str, n: int = 3, cutoff: float = 0.6) -> tuple[str, ...]:
        """Return up to ``n`` choices whose ratio to ``name`` is at least ``cutoff``, best first."""
        import difflib  # noqa: PLC0415 - only a mistyped name needs it

        # The ratio is at most 2 * shorter / (both lengths): a name this much longer than
        # every choice can match none, and is not compared at all.
        if not self._choices or cutoff * len(name) > (2 - cutoff) * self._longest:
            return ()
        candidates = self._choices
        if len(candidates) > COMPARED:
            candidates = self._candidates(name)
        return tuple(difflib.get_close_matches(name, candidates, n=n, cutoff=cutoff))

    def _candidates(self, name: str) -> list[str]:
        """Return the choices that share the most pieces with ``name``, at most `COMPARED`."""
        from collections import Counter  # noqa: PLC0415 - only a mistyped name needs it

        index = self._pieces_index()
        postings = sorted((index[piece] for piece in _pieces(name) if piece in index), key=len)
        shared: Counter[int] = Counter()
        budget = _BUDGET
        for posting in postings:  # rarest first: they tell choices apart
            budget -= len(posting)
            if budget < 0:
                break
            shared.update(posting)
        return [self._choices[number] for number, _ in shared.most_common(COMPARED)]

    def _pieces_index(self) -> dict[str, array[int]]:
        """Return, for each piece, the numbers of the choices holding it (built on first use)."""
        index = self._index
        if index is None:
            lists: dict[str, list[int]] = {}
            for number, choice in enumerate(self._choices):
                for piece in _pieces(choice):
                    lists.setdefault(piece, []).append(number)
            index = self._index = {piece: array("I", found) for piece, found in lists.items()}
        return index


def _pieces(text: str) -> set[str]:
    """Return the three-character pieces of a text, its ends marked."""
    padded = f"\0{text}\0"
    return {padded[start : start + 3] for start in range(len(padded) - 2)}


def did_you_mean(matches: Iterable[str]) -> str:
    """Return "; did you mean 'a' or 'b'?" for the matches, or nothing when there are none."""
    quoted = [repr(match) for match in matches]
    return "; did you mean " + " or ".join(quoted) + "?" if quoted else ""


class NameIndex:
    """Maps every name of a dimension's values (stages, kinds...) to their ids.

    Args:
        what: The dimension's name, for error messages ("stage").
        names: For each id, in canonical order, the other names it answers to.
    """

    def __init__(self, what: str, names: Iterable[tuple[str, Iterable[str]]]) -> None:
        self.what = what
        self._names = [(id_, tuple(others)) for id_, others in names]
        self.ids: tuple[str, ...] = tuple(id_ for id_, _ in self._names)
        self._ids = {id_: id_ for id_ in self.ids}
        self._by_name: dict[str, str] | None = None  # built when a name is not an id
        self._matcher: CloseMatches | None = None  # built when a name is unknown

    def resolve(self, name: str) -> str:
        """Return the id that ``name`` stands for.

        Raises:
            UnknownNameError: Nothing is called that; the error lists close matches.
        """
        found = self._ids.get(name)  # an id always names its own record
        if found is not None:
            return found
        by_name = self._names_by_form()
        found = by_name.get(normalise(name))
        if found is None:
            matcher = self._matcher
            if matcher is None:
                matcher = self._matcher = CloseMatches(by_name)
            close = matcher(normalise(name), n=6)
            suggestions = dict.fromkeys(by_name[match] for match in close)
            raise UnknownNameError(self.what, name, list(suggestions)[:3])
        return found

    def _names_by_form(self) -> dict[str, str]:
        """Return the id of every name in its normalised form, building the map on first use."""
        by_name = self._by_name
        if by_name is None:
            by_name = {normalise(id_): id_ for id_ in self.ids}
            for id_, others in self._names:
                for name in others:
                    by_name.setdefault(normalise(name), id_)
            self._by_name = by_name
        return by_name

    def resolve_filter(self, value: Any) -> frozenset[str]:
        """Return the ids a filter argument names: a name, an object, or an iterable of them.

        The iterable is flat: a list of lists (or a list that holds itself) is refused,
        never walked.

        Raises:
            UnknownNameError: A name matches nothing.
            TypeError: The argument, or an item of it, is of a type no filter takes.
        """
        single = self._resolve_one(value)
        if single is not None:
            return frozenset((single,))
        if not isinstance(value, Iterable):
            raise self._wrong_type(value)
        ids = set()
        for item in value:
            found = self._resolve_one(item)
            if found is None:
                raise self._wrong_type(item, nested=isinstance(item, Iterable))
            ids.add(found)
        return frozenset(ids)

    def _resolve_one(self, value: Any) -> str | None:
        """Return the id a name or an object names; None when ``value`` is neither."""
        if isinstance(value, str):  # str enums included
            return self.resolve(value)
        id_ = getattr(value, "id", None)
        if isinstance(id_, str):
            return self.resolve(id_)
        return None

    def _wrong_type(self, value: Any, *, nested: bool = False) -> TypeError:
        what = self.what
        message = f"a {what} filter takes a name, a {what} or a flat iterable of them, not "
        found = f"an iterable inside the iterable ({type(value).__name__})" if nested else ""
        return TypeError(message + (found or type(value).__name__))
