"""The text rules every layer shares: id and placeholder patterns, unsafe characters, names.

The reader, the converter, the compiled-form check, the merge, the plugins and the
lookups all use these, so a rule changes in one place. Patterns are strings, compiled
on first use by ``re`` (which keeps them): a load that meets no problem needs none.
"""

from __future__ import annotations

import functools
import re
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


@functools.lru_cache(maxsize=4096)
def normalise(name: str) -> str:
    """Return the form names are compared in: "Don't", "dont" and "DONT" are one."""
    folded = re.sub("['\u2018\u2019`]", "", name.casefold())
    return re.sub(r"[\s_\-]+", "-", folded).strip("-")


def close_matches(name: str, choices: Iterable[str], count: int = 3) -> tuple[str, ...]:
    """Return up to ``count`` choices close to ``name``, closest first."""
    import difflib  # noqa: PLC0415 - only a mistyped name needs it

    return tuple(difflib.get_close_matches(name, list(choices), n=count, cutoff=0.6))


def did_you_mean(matches: Iterable[str]) -> str:
    """Return "; did you mean 'a' or 'b'?" for the matches, or nothing when there are none."""
    quoted = [repr(match) for match in matches]
    return "; did you mean " + " or ".join(quoted) + "?" if quoted else ""


def hint(name: str, choices: Iterable[str]) -> str:
    """Return the did-you-mean of the choices close to ``name``."""
    return did_you_mean(close_matches(name, choices))
