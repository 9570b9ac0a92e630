"""The text rules every layer shares: id and placeholder patterns, unsafe characters, names.

The reader, the converter, the compiled-form check, the merge, the plugins and the
lookups all use these, so a rule changes in one place. Patterns are strings, compiled
on first use by ``re`` (which keeps them): a load that meets no problem needs none.
"""

from __future__ import annotations

import functools
import re
from array import array
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

#: An id: a kebab-case slug.
SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*"
#: A reference: an id, or pack:id.
REFERENCE = f"(?:{SLUG}:)?{SLUG}"
#: A placeholder's name, and a placeholder in a template's text: ``{snake_case_name}``.
PLACEHOLDER_NAME = "[a-z][a-z0-9_]*"
PLACEHOLDER = rf"\{{({PLACEHOLDER_NAME})\}}"

#: C0 and C1 controls other than tab, the line breaks and NEL (terminal escape
#: sequences), U+FEFF (a byte-order mark inside text) and noncharacters: no file holds them.
CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe\uffff"
#: Lone halves of surrogate pairs, which no UTF-8 output can encode.
SURROGATES = "\ud800-\udfff"
#: The bidirectional embeddings, overrides and isolates, which reorder what a terminal
#: or a page shows: a don't's title could be made to read as a do.
DIRECTION_CONTROLS = "\u202a-\u202e\u2066-\u2069"
#: The characters no text may hold.
UNSAFE_CHARACTERS = f"[{CONTROL_CHARACTERS}{SURROGATES}{DIRECTION_CONTROLS}]"
#: Characters a single-line text (a title, a name, a question, an id) may not hold on
#: top of those: line and paragraph breaks, which forge extra lines in listings, and
#: invisible zero-width characters and direction marks. Multi-line texts (details,
#: bodies) may hold line breaks and the zero-width joiners some scripts and emoji need.
LINE_BREAKING_CHARACTERS = "\r\n\x85\u2028\u2029\u200b-\u200f\u2060\u180e"
_UNSAFE_IN_ONE_LINE = (
    f"[{CONTROL_CHARACTERS}{SURROGATES}{DIRECTION_CONTROLS}{LINE_BREAKING_CHARACTERS}]"
)


#: What `escape_controls` shows escaped: every control and direction character, and the
#: line and paragraph separators, a terminal or a log would act on.
_CONTROLS = f"[\t\n\r\x0b\x0c{CONTROL_CHARACTERS}\x85{DIRECTION_CONTROLS}\u2028\u2029]"


def escape_controls(text: str, keep: str = "") -> str:
    r"""Return ``text`` with each control character shown as an escape (``\x1b``), not sent.

    For what goes to a terminal or a CI log: a file name or a text can then never move
    the cursor, clear the screen, reorder a line or start a new one. ``keep`` lists
    characters to leave as they are (``"\n"`` for text of several lines).
    """
    if re.search(_CONTROLS, text) is None:
        return text

    def escaped(match: re.Match[str]) -> str:
        character = match.group()
        return character if character in keep else repr(character)[1:-1]

    return re.sub(_CONTROLS, escaped, text)


def unsafe_character(text: str, *, single_line: bool) -> str | None:
    """Return the first character ``text`` may not hold, or None when it is clean."""
    found = re.search(_UNSAFE_IN_ONE_LINE if single_line else UNSAFE_CHARACTERS, text)
    return None if found is None else found.group()


def describe_character(character: str) -> str:
    """Return how a problem names a character: ``U+202E``."""
    return f"U+{ord(character):04X}"


def is_slug(text: str) -> bool:
    """Whether ``text`` is a kebab-case id."""
    return re.fullmatch(SLUG, text) is not None


def is_reference(text: str) -> bool:
    """Whether ``text`` is an id or ``pack:id``."""
    return re.fullmatch(REFERENCE, text) is not None


def split_reference(reference: str) -> tuple[str, str]:
    """Return the pack ("" when none is named) and the id of ``pack:id`` or ``id``."""
    pack, _, local = reference.rpartition(":")
    return pack, local


def placeholders_in(text: str) -> list[str]:
    """Return the names of the placeholders in ``text``, in order, repeats included."""
    return re.findall(PLACEHOLDER, text)


def without_placeholders(text: str) -> str:
    """Return ``text`` with its placeholders taken out (to find stray braces)."""
    return re.sub(PLACEHOLDER, "", text)


def suggest_slug(text: str) -> str:
    """Return the kebab-case id closest to what an author wrote."""
    return re.sub(r"[^a-z0-9:]+", "-", text.lower()).strip("-") or "my-id"


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
    folded = re.sub("['\u2018\u2019`]", "", name.casefold())
    return re.sub(r"[\s_\-]+", "-", folded).strip("-")


_normalise_cached = functools.lru_cache(maxsize=4096)(_normalise)


def close_matches(name: str, choices: Iterable[str], count: int = 3) -> tuple[str, ...]:
    """Return up to ``count`` choices close to ``name``, closest first.

    For many choices asked about more than once, keep a `CloseMatches` instead.
    """
    return CloseMatches(choices)(name, n=count)


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


def hint(name: str, choices: Iterable[str]) -> str:
    """Return the did-you-mean of the choices close to ``name``."""
    return did_you_mean(close_matches(name, choices))
