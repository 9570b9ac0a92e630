"""Resolving what a caller names (an id, a display name, an alias, an object) to an id."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from typing import Any

from .exceptions import UnknownNameError

_APOSTROPHES = re.compile("['\u2018\u2019`]")
_SEPARATORS = re.compile(r"[\s_\-]+")


@functools.lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """Return the form names are compared in: "Don't", "dont" and "DONT" are one."""
    folded = _APOSTROPHES.sub("", name.casefold())
    return _SEPARATORS.sub("-", folded).strip("-")


def close_matches(name: str, choices: Iterable[str]) -> tuple[str, ...]:
    """Return up to three choices close to ``name``, closest first."""
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
        self.ids: tuple[str, ...] = ()
        self._by_name: dict[str, str] = {}
        ids = []
        others_by_id = []
        for id_, others in names:
            ids.append(id_)
            others_by_id.append((id_, others))
            self._by_name[normalise(id_)] = id_  # an id always names its own record
        for id_, others in others_by_id:
            for name in others:
                self._by_name.setdefault(normalise(name), id_)
        self.ids = tuple(ids)

    def resolve(self, name: str) -> str:
        """Return the id that ``name`` stands for.

        Raises:
            UnknownNameError: Nothing is called that; the error lists close matches.
        """
        found = self._by_name.get(normalise(name))
        if found is None:
            close = difflib.get_close_matches(normalise(name), self._by_name, n=6, cutoff=0.6)
            suggestions = dict.fromkeys(self._by_name[match] for match in close)
            raise UnknownNameError(self.what, name, list(suggestions)[:3])
        return found

    def resolve_filter(self, value: Any) -> frozenset[str]:
        """Return the ids a filter argument names: a name, an object, or an iterable of them.

        Raises:
            UnknownNameError: A name matches nothing.
            TypeError: The argument is of a type no filter takes.
        """
        if isinstance(value, str):  # str enums included
            return frozenset((self.resolve(value),))
        id_ = getattr(value, "id", None)
        if isinstance(id_, str):
            return frozenset((self.resolve(id_),))
        if isinstance(value, Iterable):
            return frozenset(id_ for item in value for id_ in self.resolve_filter(item))
        message = f"a {self.what} filter takes a name, a {self.what} or an iterable of them, "
        raise TypeError(message + f"not {type(value).__name__}")
