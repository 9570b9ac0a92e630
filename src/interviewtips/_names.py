"""Resolving what a caller names (an id, a display name, an alias, an object) to an id."""

from __future__ import annotations

import functools
import re
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
    """Return up to three choices close to ``name``, closest first."""
    import difflib  # noqa: PLC0415 - only a mistyped name needs it

    return tuple(difflib.get_close_matches(name, list(choices), n=3, cutoff=0.6))


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
            import difflib  # noqa: PLC0415 - only a mistyped name needs it

            close = difflib.get_close_matches(normalise(name), by_name, n=6, cutoff=0.6)
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
