"""Resolving what a caller names (an id, a display name, an alias, an object) to an id."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from . import _text
from .exceptions import UnknownNameError


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
        self._matcher: _text.CloseMatches | None = None  # built when a name is unknown

    def resolve(self, name: str) -> str:
        """Return the id that ``name`` stands for.

        Raises:
            UnknownNameError: Nothing is called that; the error lists close matches.
        """
        found = self._ids.get(name)  # an id always names its own record
        if found is not None:
            return found
        by_name = self._names_by_form()
        found = by_name.get(_text.normalise(name))
        if found is None:
            matcher = self._matcher
            if matcher is None:
                matcher = self._matcher = _text.CloseMatches(by_name)
            close = matcher(_text.normalise(name), n=6)
            suggestions = dict.fromkeys(by_name[match] for match in close)
            raise UnknownNameError(self.what, name, list(suggestions)[:3])
        return found

    def _names_by_form(self) -> dict[str, str]:
        """Return the id of every name in its normalised form, building the map on first use."""
        by_name = self._by_name
        if by_name is None:
            by_name = {_text.normalise(id_): id_ for id_ in self.ids}
            for id_, others in self._names:
                for name in others:
                    by_name.setdefault(_text.normalise(name), id_)
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


class Only:
    """A filter value that asks only for the records tagged with its values.

    For a facet whose untagged records apply to every value (format, situation,
    region), a plain filter also matches the records with no value: advice for every
    format holds on a panel too. ``only("panel")`` leaves those out. Build one with
    `interviewtips.only`.

    Attributes:
        values: What the filter names: names, objects or iterables of them, as any
            filter takes.
    """

    __slots__ = ("values",)

    def __init__(self, values: tuple[Any, ...]) -> None:
        self.values = values

    def __repr__(self) -> str:
        """Show the values as the call that made it."""
        return f"only({', '.join(map(repr, self.values))})"

    def __eq__(self, other: object) -> bool:
        """Whether both name the same values."""
        return isinstance(other, Only) and other.values == self.values

    def __hash__(self) -> int:
        """Hash the values, consistently with equality."""
        return hash(self.values)


def only(*values: Any) -> Only:
    """Return a filter value that matches only records tagged with one of ``values``.

    >>> import interviewtips
    >>> catalog = interviewtips.load()
    >>> all(tip.formats for tip in catalog.query(format=interviewtips.only("panel")))
    True
    """
    if not values:
        raise TypeError("only() needs at least one value, such as only('panel')")
    return Only(values)
