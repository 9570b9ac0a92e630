"""A pack's compiled form: its records as JSON, loaded without parsing any YAML.

``interviewtips compile PACK`` (and the wheel's build hook, for the built-in pack)
writes ``pack.compiled.json`` beside ``pack.yaml``. It holds each record type as a
`RecordTable` does, a column per field (a field no record has is left out), with each
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
import json
import os
import stat
from typing import TYPE_CHECKING, Any

from ._columns import ReadPack, RecordTable
from ._locate import COMPILED, MANIFEST
from ._plain_data import plain, to_dict
from ._record_types import PACK, SCHEMA_VERSION, SECTIONS
from ._shapes import DamagedError, Nested, check_list

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from ._registry import Field, RecordType


#: Bumped whenever the compiled form changes shape.
FORMAT = 5


class _StaleError(Exception):
    """The compiled form does not match the sources."""


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
    head = {"format": FORMAT, "schema_version": SCHEMA_VERSION, "sources": fingerprints}
    return serialise(head)[:-1] + b","  # the form goes on after the sources


def compiled_form(pack: ReadPack, sources: dict[str, tuple[Traversable, bytes]]) -> dict[str, Any]:
    """Return the compiled form of a pack read from YAML, its header's fields first.

    Args:
        pack: The pack as the strict reader made it.
        sources: Each source file and its bytes, by its path relative to the pack.
    """
    number = {str(file): index for index, (file, _) in enumerate(sources.values())}
    sections: dict[str, dict[str, Any]] = {}
    for section, table in pack.tables.items():
        fields = {}
        for field, values in zip(table.spec.fields, table.columns):
            if any(value is not None for value in values):
                fields[field.name] = list(map(plain, values)) if field.shape.nested else values
        sections[section] = {
            "file": [number[path] for path in table.paths],
            "line": table.lines,
            "column": table.starts,
            "fields": fields,
        }
        if table.inherits:  # replacements that leave fields out, by row
            sections[section]["inherits"] = {
                str(row): list(names) for row, names in table.inherits.items()
            }
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
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
    DamagedError,
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
) -> ReadPack | None:
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
        return _read_pack(data, files, max_chars)
    except _DAMAGED:
        return None


def load_installed(root: Traversable, max_bytes: int) -> ReadPack | None:
    """Return a pack from the compiled form installed with it, or None when it has none.

    For the built-in pack of a wheel: the build hook wrote the form from the YAML
    installed beside it (a test proves the two agree), and both ship with the code.
    So neither the YAML is read again nor the values checked again.
    """
    try:
        data = _read_form(root, max_bytes)
        if data is None or (data["format"], data["schema_version"]) != (FORMAT, SCHEMA_VERSION):
            return None
        files = {name: str(root.joinpath(name)) for name in data["files"]}
        return _read_pack(data, files, None)
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
        # Read what fstat says the file holds, and a byte more to see it did not grow:
        # read(max_bytes) would allocate max_bytes whatever the file's size.
        return start + file.read(min(status.st_size, max_bytes) + 1 - len(start))


def _matches(data: dict[str, Any], fingerprints: dict[str, str]) -> bool:
    """Whether a compiled form is of this format and was made from these very sources."""
    return (data["format"], data["schema_version"], data["sources"]) == (
        FORMAT,
        SCHEMA_VERSION,
        fingerprints,
    )


def _read_pack(data: dict[str, Any], files: dict[str, str], max_chars: int | None) -> ReadPack:
    """Return the pack of a compiled form, its values checked unless ``max_chars`` is None."""
    manifest = Nested(PACK).read_compiled(data["pack"], max_chars)
    paths = [files[name] for name in check_list(data["files"])]
    tables = {
        section: _table(SECTIONS[section], dict(block), paths, manifest.id, max_chars)
        for section, block in data["sections"].items()
    }
    return ReadPack(manifest, files[MANIFEST], tables, tuple(files.values()))


def _table(
    record_type: RecordType,
    block: dict[str, Any],
    paths: list[str],
    pack: str,
    max_chars: int | None,
) -> RecordTable:
    """Return one record type's table, each column checked as the strict reader checks values.

    A checked form also has every record's cross-field rules run, as the reader runs them.
    """
    given = dict(block.pop("fields"))
    inherits = _inherits(record_type, block.pop("inherits", {}))
    files, lines, starts = _places(block, paths, checked=max_chars is not None)
    count = len(files)
    columns = [
        _column(
            field,
            given.pop(field.name, None),
            count,
            max_chars,
            {row for row, names in inherits.items() if field.name in names},
        )
        for field in record_type.fields
    ]
    if given or (inherits and max(inherits) >= count):
        raise _StaleError  # a field the record type does not have, or a row it lacks
    columns.append([pack] * count)
    table = RecordTable(
        record_type, columns, files, lines, starts, records=[None] * count, inherits=inherits
    )
    if max_chars is not None:  # a checked form: every cross-field rule, as the reader runs them
        for rule in record_type.rules:
            rows = rule.suspects(table.column) if rule.suspects else range(count)
            for row in map(table.row, rows):
                if not row.inherits and any(rule.check(row.values)):
                    raise _StaleError  # a record the reader would refuse: the YAML says why
    return table


def _inherits(record_type: RecordType, given: Any) -> dict[int, tuple[str, ...]]:
    """Return the fields each replacement leaves out, by row, checked to be the type's."""
    fields = set(record_type.field_names) - {"id", "replaces"}
    inherits = {}
    for row, names in dict(given).items():
        if not (row.isdigit() and check_list(names) and set(names) <= fields):
            raise _StaleError
        inherits[int(row)] = tuple(names)
    return inherits


def _places(
    block: dict[str, Any], paths: list[str], *, checked: bool
) -> tuple[list[str], list[int], list[int]]:
    """Return the file, line and column where each record starts."""
    numbers, lines, starts = (check_list(block.pop(key)) for key in ("file", "line", "column"))
    if block or not numbers or not len(numbers) == len(lines) == len(starts):
        raise _StaleError
    if checked:
        for places in (numbers, lines, starts):
            if set(map(type, places)) != {int} or min(places) < 0:
                raise _StaleError
        if max(numbers) >= len(paths):
            raise _StaleError
    return list(map(paths.__getitem__, numbers)), lines, starts


def _column(
    field: Field, given: Any, count: int, max_chars: int | None, inherited: set[int]
) -> list[Any]:
    """Return one field's column of values (None when no record has the field), checked.

    The rows in ``inherited`` are replacements that leave the field out: None.
    """
    values = [None] * count if given is None else check_list(given)
    if len(values) != count or any(values[row] is not None for row in inherited):
        raise _StaleError
    present = [value for value in values if value is not None]
    if field.required and len(present) != count - len(inherited):
        raise _StaleError
    if field.shape.nested:
        read = field.shape.read_compiled
        return [None if value is None else read(value, max_chars) for value in values]
    if max_chars is not None and present:
        field.shape.check_column(present, max_chars)
    return values
