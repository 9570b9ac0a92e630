"""A pack's compiled form: its records as JSON, loaded without parsing any YAML.

``interviewtips compile PACK`` (and the wheel's build hook, for the built-in pack)
writes ``pack.compiled.json`` beside ``pack.yaml``. It holds each record type as a
`Table` does, a column per field (a field no record has is left out), with each
record's file, line and column, and the length and CRC-32 of every source file.
A load uses it only when those hashes match the files now in the pack, so it can
never be stale: the YAML stays the source of truth. A compiled file that is
damaged, stale, or written by another version of the format is ignored and the
YAML read. The one exception is the built-in pack of an installed wheel, read from
its compiled form alone (see `load_installed`).

The file is bounded before it is parsed: it must be a regular file (not a link, a
pipe or a device) of at most ``Limits.max_pack_bytes``, checked before it is opened
for reading, and it must start with its header, the bytes the format, the schema
version and the sources' fingerprints serialise to (`serialise` writes them first),
so that a stale form is read no further than its header.

Values are checked a column at a time, which costs a few operations per value, and
a record is built from its row only when the catalog is asked for it: a load makes
no object per record.
"""

from __future__ import annotations

import binascii
import functools
import json
import os
import re
import stat
from itertools import chain
from typing import TYPE_CHECKING, Any, Callable

from . import _schema as s
from ._models import Hidden, Placeholder
from ._table import JOINED, PackDrafts, Table

if TYPE_CHECKING:
    from collections.abc import Collection
    from importlib.abc import Traversable


#: The compiled form's file name, beside pack.yaml.
COMPILED = "pack.compiled.json"
#: Bumped whenever the compiled form changes shape.
FORMAT = 4


class _StaleError(Exception):
    """The compiled form does not match the sources, or cannot be read."""


def digest(data: bytes) -> str:
    """Return a fingerprint of a source file's bytes: its length and CRC-32.

    It tells whether a file changed since it was compiled. It is no defence against a
    forger, who could as well change the YAML; the records of a compiled form are
    type-checked as they load, and references and ids are checked as for any pack.
    """
    return f"{len(data)}:{binascii.crc32(data):08x}"


def serialise(form: dict[str, Any]) -> bytes:
    """Return the bytes of a compiled form's file: compact JSON, its header first."""
    return json.dumps(form, ensure_ascii=False, separators=(",", ":")).encode()


def _header(fingerprints: dict[str, str]) -> bytes:
    """Return the bytes a compiled form of sources with these fingerprints starts with."""
    head = {"format": FORMAT, "schema_version": s.SCHEMA_VERSION, "sources": fingerprints}
    return serialise(head)[:-1] + b","  # the form goes on after the sources


def compiled_form(
    pack: PackDrafts, sources: dict[str, tuple[Traversable, bytes]]
) -> dict[str, Any]:
    """Return the compiled form of a pack read from YAML, its header's fields first.

    Args:
        pack: The pack as the strict reader made it.
        sources: Each source file and its bytes, by its path relative to the pack.
    """
    from ._plain import plain, to_dict  # noqa: PLC0415 - only the compiler needs them

    number = {str(file): index for index, (file, _) in enumerate(sources.values())}
    sections: dict[str, dict[str, Any]] = {}
    for section, table in pack.tables.items():
        fields = {}
        for field, values in zip(table.spec.fields, table.columns):
            if any(value is not None for value in values):
                fields[field.name] = list(map(plain, values)) if field.shape in _NESTED else values
        sections[section] = {
            "file": [number[path] for path in table.paths],
            "line": table.lines,
            "column": table.starts,
            "fields": fields,
        }
    return {
        "format": FORMAT,
        "schema_version": s.SCHEMA_VERSION,
        "sources": {name: digest(data) for name, (_, data) in sources.items()},
        "pack": to_dict(pack.pack),
        "files": list(sources),
        "sections": sections,
    }


#: What a damaged or unreadable compiled form raises as it is read (RecursionError: JSON
#: nested past the interpreter's limit; MemoryError: a process short of memory). The
#: YAML is read instead.
_DAMAGED = (
    OSError,
    _StaleError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    RecursionError,
    MemoryError,
)


def load_compiled(
    root: Traversable,
    sources: dict[str, bytes],
    files: dict[str, str],
    max_chars: int,
    max_bytes: int,
) -> PackDrafts | None:
    """Return the pack from its compiled form, or None when it is missing, stale or damaged.

    The file is refused unread when it is not a regular file or is larger than
    ``max_bytes``, and read no further than its header when that does not match the
    sources. Every value is checked as the strict reader checks it (types, ids,
    references, allowed values, text that is not empty, not too long and free of
    control characters), so a compiled form can never bring in what its YAML could not.

    Args:
        root: The pack's folder.
        sources: Each source file's bytes, by its path relative to the pack.
        files: Each source file's path as problems should name it, by relative path.
        max_chars: The longest string allowed.
        max_bytes: The largest compiled file read.
    """
    fingerprints = {name: digest(content) for name, content in sources.items()}
    try:
        data = _read_form(root, max_bytes, _header(fingerprints))
        if data is None or not _matches(data, fingerprints):
            return None
        return _pack_drafts(data, files, max_chars)
    except _DAMAGED:
        return None


def load_installed(root: Traversable, max_bytes: int) -> PackDrafts | None:
    """Return a pack from the compiled form installed with it, or None when it has none.

    For the built-in pack of a wheel: the build hook wrote the form from the YAML
    installed beside it (a test proves the two agree), and both ship with the code.
    So neither the YAML is read again nor the values checked again.
    """
    try:
        data = _read_form(root, max_bytes)
        if data is None or (data["format"], data["schema_version"]) != (FORMAT, s.SCHEMA_VERSION):
            return None
        files = {name: str(root.joinpath(name)) for name in data["files"]}
        return _pack_drafts(data, files, None)
    except _DAMAGED:
        return None


def _read_form(root: Traversable, max_bytes: int, header: bytes | None = None) -> Any:
    """Return a compiled form's JSON, or None when the file is missing, too big or stale.

    With ``header``, the file must start with those bytes.
    """
    compiled = root.joinpath(COMPILED)
    if isinstance(compiled, os.PathLike):
        data = _read_regular_file(os.fspath(compiled), max_bytes, header)
    elif compiled.is_file():  # in a zip: no links, pipes or sparse files
        with compiled.open("rb") as file:
            data = file.read(max_bytes + 1)
    else:
        return None
    if data is None or len(data) > max_bytes or not data.startswith(header or b""):
        return None
    return json.loads(data)


def _read_regular_file(path: str, max_bytes: int, header: bytes | None) -> bytes | None:
    """Return the bytes of a regular file of at most ``max_bytes`` that starts with ``header``.

    None for anything else, found out before more than the header is read: no file, a
    link (never followed), a pipe or device (opened without waiting, never read), a
    file too big (a sparse file of terabytes included), a file whose header differs.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError:  # missing, a link (ELOOP), unreadable
        return None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_bytes:
            return None
        start = file.read(len(header)) if header else b""
        if header and start != header:
            return None
        return start + file.read(max_bytes + 1 - len(start))


def _matches(data: dict[str, Any], fingerprints: dict[str, str]) -> bool:
    """Whether a compiled form is of this format and was made from these very sources."""
    return (data["format"], data["schema_version"], data["sources"]) == (
        FORMAT,
        s.SCHEMA_VERSION,
        fingerprints,
    )


def _pack_drafts(data: dict[str, Any], files: dict[str, str], max_chars: int | None) -> PackDrafts:
    """Return the pack of a compiled form, its values checked unless ``max_chars`` is None."""
    from ._pack import MANIFEST  # noqa: PLC0415 - _pack imports this module

    pack = _record(s.PACK, data["pack"], max_chars)
    paths = [files[name] for name in _list(data["files"])]
    tables = {
        section: _table(s.SECTIONS[section], dict(block), paths, pack.id, max_chars)
        for section, block in data["sections"].items()
    }
    return PackDrafts(pack, files[MANIFEST], tables, tuple(files.values()))


def _table(
    spec: s.RecordSpec, block: dict[str, Any], paths: list[str], pack: str, max_chars: int | None
) -> Table:
    """Return one record type's table, each column checked as the strict reader checks values."""
    given = dict(block.pop("fields"))
    files, lines, starts = _places(block, paths, checked=max_chars is not None)
    count = len(files)
    columns = [
        _column(field, given.pop(field.name, None), count, max_chars) for field in spec.fields
    ]
    if given:
        raise _StaleError  # a field the record type does not have
    columns.append([pack] * count)
    return Table(spec, columns, files, lines, starts, records=[None] * count)


def _places(
    block: dict[str, Any], paths: list[str], *, checked: bool
) -> tuple[list[str], list[int], list[int]]:
    """Return the file, line and column where each record starts."""
    numbers, lines, starts = (_list(block.pop(key)) for key in ("file", "line", "column"))
    if block or not numbers or not len(numbers) == len(lines) == len(starts):
        raise _StaleError
    if checked:
        for places in (numbers, lines, starts):
            _check_integers(places)
        if max(numbers) >= len(paths):
            raise _StaleError
    return list(map(paths.__getitem__, numbers)), lines, starts


def _column(field: s.Field, given: Any, count: int, max_chars: int | None) -> list[Any]:
    """Return one field's column of values (None when no record has the field), checked."""
    values = [None] * count if given is None else _list(given)
    if len(values) != count:
        raise _StaleError
    if field.shape in _NESTED:
        return _read_nested(field, values, _reader(field, max_chars))
    if max_chars is not None:
        _check_column(field, values, max_chars)
    return values


def _read_nested(field: s.Field, values: list[Any], read: Callable[[Any], Any]) -> list[Any]:
    """Read one field's nested values (STAR outlines, placeholders) into records."""
    if field.required and None in values:
        raise _StaleError
    return [None if value is None else read(value) for value in values]


def _check_column(field: s.Field, values: list[Any], max_chars: int) -> None:
    """Check every record's value of one field; raise `_StaleError` at the first bad one."""
    present: Collection[Any] = values
    if not field.required:
        present = [value for value in values if value is not None]
    elif None in values:
        raise _StaleError
    if not present:
        return
    if field.shape == s.INTEGER:
        _check_integers(present)
    elif field.shape == s.CHOICE:
        assert field.choices is not None  # noqa: S101 - the schema sets it
        if not set(present) <= {member.value for member in field.choices}:
            raise _StaleError
    elif field.shape == s.TEXT_LIST:
        if set(map(type, present)) != {list} or not all(present):
            raise _StaleError  # a list, not empty (an empty list is written as null)
        _check_texts(set(chain.from_iterable(present)), max_chars)
    elif field.shape in JOINED:
        _check_joined(field, set(present), max_chars)
    else:
        _check_single(field, present, max_chars)


def _check_single(field: s.Field, values: Collection[Any], max_chars: int) -> None:
    """Check a column of texts, ids or references."""
    if field.shape == s.REFERENCE:
        values = set(values)
    _check_texts(values, max_chars)
    if field.shape in _PATTERNS and not all(
        map(re.compile(_PATTERNS[field.shape]).fullmatch, values)
    ):
        raise _StaleError


def _check_joined(field: s.Field, values: set[Any], max_chars: int) -> None:
    """Check the distinct values of a column of ids joined by single spaces."""
    if set(map(type, values)) != {str}:
        raise _StaleError
    ids = set(" ".join(values).split(" "))  # an empty id: a space too many
    _check_texts(ids, max_chars)
    if field.shape == s.CHOICE_LIST:
        assert field.choices is not None  # noqa: S101 - the schema sets it
        if not ids <= {member.value for member in field.choices}:
            raise _StaleError
    elif not all(map(re.compile(_REFERENCE).fullmatch, ids)):
        raise _StaleError


def _check_integers(values: Collection[Any]) -> None:
    """Check that every value is an integer, none negative."""
    if set(map(type, values)) != {int} or min(values) < 0:
        raise _StaleError


def _check_texts(values: Any, max_chars: int) -> None:
    """Check strings as the strict reader would: not blank, not too long, no control characters."""
    if set(map(type, values)) != {str} or not all(map(str.strip, values)):
        raise _StaleError
    if max(map(len, values)) > max_chars or re.search(s.UNSAFE_CHARACTERS, "".join(values)):
        raise _StaleError


#: The shapes whose values are read into records as they load.
_NESTED = frozenset({s.RECORD, s.RECORD_LIST, s.NAMED_TEXTS, s.SECTION_REFERENCES})


def _record(spec: s.RecordSpec, data: dict[str, Any], max_chars: int | None) -> Any:
    values = {}
    for name, read in _readers(spec, max_chars):
        value = data.pop(name)
        if value is not None:
            values[name] = read(value)
    if data:
        raise _StaleError
    return spec.model(**values)


@functools.lru_cache(maxsize=64)
def _readers(
    spec: s.RecordSpec, max_chars: int | None
) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Return, for each field of a nested record type, the function that reads its JSON value."""
    return tuple((field.name, _reader(field, max_chars)) for field in spec.fields)


def _reader(field: s.Field, max_chars: int | None) -> Callable[[Any], Any]:  # noqa: PLR0911
    """Return the function that reads one field's JSON value into the record's value.

    Only the shapes of nested records (the manifest, its sources, a STAR outline,
    placeholders) are read this way; the columns of record types are checked whole.
    With ``max_chars`` None (an installed form), texts and ids are taken as they are.
    """
    shape = field.shape

    def text(value: Any) -> str:
        return value if max_chars is None else _text(value, max_chars)

    def matching(pattern: str, value: str) -> str:
        return value if max_chars is None else _matching(pattern, value)

    if shape == s.TEXT:
        return text
    if shape == s.ID:
        return lambda value: matching(_SLUG, text(value))
    if shape == s.INTEGER:
        return lambda value: value if type(value) is int and value >= 0 else _stale()
    if shape in (s.RECORD, s.RECORD_LIST):
        record = field.record
        assert record is not None  # noqa: S101 - the schema sets it
        if shape == s.RECORD:
            return lambda value: _record(record, dict(value), max_chars)
        return lambda value: tuple(_record(record, dict(item), max_chars) for item in _list(value))
    if shape == s.NAMED_TEXTS:
        return lambda value: tuple(
            Placeholder(matching(_NAME, text(p["name"])), text(p["description"])) for p in value
        )
    if shape == s.SECTION_REFERENCES:
        return lambda value: tuple(
            Hidden(text(h["section"]), matching(_REFERENCE, text(h["id"]))) for h in value
        )
    message = f"no reader for a nested {shape} field ({field.name})"
    raise NotImplementedError(message)


# Patterns are compiled on first use (and kept by re): the built-in pack never needs them.
_SLUG = s.SLUG_PATTERN
_REFERENCE = s.REFERENCE_PATTERN
_NAME = "[a-z][a-z0-9_]*"
_PATTERNS = {s.ID: _SLUG, s.REFERENCE: _REFERENCE}


def _text(value: Any, max_chars: int) -> str:
    """Return a string the strict reader would accept, or mark the form damaged."""
    _check_texts((value,), max_chars)
    text: str = value
    return text


def _matching(pattern: str, text: str) -> str:
    return text if re.fullmatch(pattern, text) else _stale()


def _list(value: Any) -> list[Any]:
    return value if type(value) is list else _stale()


def _stale() -> Any:
    raise _StaleError
