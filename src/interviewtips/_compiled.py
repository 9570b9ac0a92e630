"""A pack's compiled form: its records as JSON, loaded without parsing any YAML.

``interviewtips compile PACK`` (and the wheel's build hook, for the built-in pack)
writes ``pack.compiled.json`` beside ``pack.yaml``. It holds every record as a row
of plain values with its file, line and column, grouped by record type, and the
length and CRC-32 of every source file. A load uses it only when those hashes match
the files now in the pack, so it can never be stale: the YAML stays the source of
truth. A compiled file that is damaged, stale, or written by another version of the
format is ignored and the YAML read. The one exception is the built-in pack of an
installed wheel, read from its compiled form alone (see `load_installed`).

Rows are checked a column at a time, which costs a few operations per value, and
a record is built from its row only when the catalog is asked for it. An empty
list is written as null: most are empty, and a load then makes no list for them.
"""

from __future__ import annotations

import binascii
import functools
import json
import re
from itertools import chain
from typing import TYPE_CHECKING, Any, Callable

from . import _schema as s
from ._drafts import PackDrafts, RowDraft
from ._models import Hidden, Placeholder

if TYPE_CHECKING:
    from collections.abc import Collection
    from importlib.abc import Traversable


#: The compiled form's file name, beside pack.yaml.
COMPILED = "pack.compiled.json"
#: Bumped whenever the compiled form changes shape.
FORMAT = 3


class _StaleError(Exception):
    """The compiled form does not match the sources, or cannot be read."""


def digest(data: bytes) -> str:
    """Return a fingerprint of a source file's bytes: its length and CRC-32.

    It tells whether a file changed since it was compiled. It is no defence against a
    forger, who could as well change the YAML; the records of a compiled form are
    type-checked as they load, and references and ids are checked as for any pack.
    """
    return f"{len(data)}:{binascii.crc32(data):08x}"


def compiled_form(
    pack: PackDrafts, sources: dict[str, tuple[Traversable, bytes]]
) -> dict[str, Any]:
    """Return the compiled form of a pack read from YAML.

    Args:
        pack: The pack as the strict reader made it.
        sources: Each source file and its bytes, by its path relative to the pack.
    """
    from ._plain import to_dict  # noqa: PLC0415 - only the compiler needs it

    number = {str(file): index for index, (file, _) in enumerate(sources.values())}
    sections: dict[str, list[list[Any]]] = {}
    for draft in pack.drafts:
        plain = to_dict(draft.record)
        row = [_compact(field, plain[field.name]) for field in draft.spec.fields]
        row += [plain["pack"], number[draft.path], *draft.place()]
        sections.setdefault(draft.spec.section, []).append(row)
    return {
        "format": FORMAT,
        "schema_version": s.SCHEMA_VERSION,
        "sources": {name: digest(data) for name, (_, data) in sources.items()},
        "pack": to_dict(pack.pack),
        "files": list(sources),
        "sections": sections,
    }


def _compact(field: s.Field, value: Any) -> Any:
    """Return a value as a row holds it: an empty list as None."""
    return None if field.shape in _LISTS and not value else value


#: What a damaged or unreadable compiled form raises as it is read (RecursionError: JSON
#: nested past the interpreter's limit). The YAML is read instead.
_DAMAGED = (
    OSError,
    _StaleError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    RecursionError,
)


def load_compiled(
    root: Traversable, sources: dict[str, bytes], files: dict[str, str], max_chars: int
) -> PackDrafts | None:
    """Return the pack from its compiled form, or None when it is missing, stale or damaged.

    Every value is checked as the strict reader checks it (types, ids, references,
    allowed values, text that is not empty, not too long and free of control
    characters), so a compiled form can never bring in what its YAML could not.

    Args:
        root: The pack's folder.
        sources: Each source file's bytes, by its path relative to the pack.
        files: Each source file's path as problems should name it, by relative path.
        max_chars: The longest string allowed.
    """
    try:
        data = _read_form(root)
        if data is None or not _matches(data, sources):
            return None
        return _pack_drafts(data, files, max_chars)
    except _DAMAGED:
        return None


def load_installed(root: Traversable) -> PackDrafts | None:
    """Return a pack from the compiled form installed with it, or None when it has none.

    For the built-in pack of a wheel: the build hook wrote the form from the YAML
    installed beside it (a test proves the two agree), and both ship with the code.
    So neither the YAML is read again nor the values checked again.
    """
    try:
        data = _read_form(root)
        if data is None or (data["format"], data["schema_version"]) != (FORMAT, s.SCHEMA_VERSION):
            return None
        files = {name: str(root.joinpath(name)) for name in data["files"]}
        return _pack_drafts(data, files, None)
    except _DAMAGED:
        return None


def _read_form(root: Traversable) -> Any:
    compiled = root.joinpath(COMPILED)
    return json.loads(compiled.read_bytes()) if compiled.is_file() else None


def _matches(data: dict[str, Any], sources: dict[str, bytes]) -> bool:
    """Whether a compiled form is of this format and was made from these very sources."""
    expected = {name: digest(content) for name, content in sources.items()}
    return (data["format"], data["schema_version"], data["sources"]) == (
        FORMAT,
        s.SCHEMA_VERSION,
        expected,
    )


def _pack_drafts(data: dict[str, Any], files: dict[str, str], max_chars: int | None) -> PackDrafts:
    """Return the pack of a compiled form, its values checked unless ``max_chars`` is None."""
    from ._pack import MANIFEST  # noqa: PLC0415 - _pack imports this module

    paths = [files[name] for name in _list(data["files"])]
    drafts: list[RowDraft] = []
    for section, rows in data["sections"].items():
        spec = s.SECTIONS[section]
        if max_chars is not None:
            _check_rows(spec, _list(rows), len(paths), max_chars)
        for field in spec.fields:
            if field.shape in _NESTED:
                _read_nested(field, rows, spec.offsets[field.name], _reader(field, max_chars))
        build = _builder(spec)
        drafts += [RowDraft(spec, row, paths[row[-3]], build) for row in rows]
    pack = _record(s.PACK, data["pack"], max_chars)
    return PackDrafts(pack, files[MANIFEST], tuple(drafts), tuple(files.values()))


def _check_rows(spec: s.RecordSpec, rows: list[Any], files: int, max_chars: int) -> None:
    """Check a record type's rows a column at a time, as the strict reader checks values.

    Values of nested shapes (STAR outlines, placeholders) are left to `_read_nested`,
    which checks them as it reads them into their records.
    """
    width = len(spec.offsets) + 3
    if not rows:
        return
    if set(map(type, rows)) != {list} or {len(row) for row in rows} != {width}:
        raise _StaleError
    columns = list(zip(*rows))
    for field, values in zip(spec.fields, columns):
        if field.shape not in _NESTED:
            _check_column(field, values, max_chars)
    pack, file_numbers, lines, places = columns[-4:]
    _check_texts(set(pack), max_chars)
    for numbers in (file_numbers, lines, places):
        if set(map(type, numbers)) != {int} or min(numbers) < 0:
            raise _StaleError
    if max(file_numbers) >= files:
        raise _StaleError


def _read_nested(
    field: s.Field, rows: list[list[Any]], offset: int, read: Callable[[Any], Any]
) -> None:
    """Read one field's nested values (STAR outlines, placeholders) into records, in place."""
    for row in rows:
        if row[offset] is not None:
            row[offset] = read(row[offset])
        elif field.required:
            raise _StaleError


def _check_column(field: s.Field, values: tuple[Any, ...], max_chars: int) -> None:
    """Check every record's value of one field; raise `_StaleError` at the first bad one."""
    present: Collection[Any] = (
        values if field.required else [value for value in values if value is not None]
    )
    if field.shape in _LISTS:
        if set(map(type, present)) - {list} or (field.required and not all(present)):
            raise _StaleError
        # Most lists are empty, and records share ids: check each id once.
        present = set(chain.from_iterable(present)) if any(present) else set()
    elif field.shape in (s.CHOICE, s.REFERENCE):
        present = set(present)
    if not present:
        return
    shape = _ITEM_SHAPES.get(field.shape, field.shape)
    if shape == s.INTEGER:
        if set(map(type, present)) != {int} or min(present) < 0:
            raise _StaleError
        return
    _check_texts(present, max_chars)
    if shape == s.CHOICE:
        assert field.choices is not None  # noqa: S101 - the schema sets it
        if not set(present) <= {member.value for member in field.choices}:
            raise _StaleError
    elif shape in _PATTERNS and not all(map(re.compile(_PATTERNS[shape]).fullmatch, present)):
        raise _StaleError


def _check_texts(values: Any, max_chars: int) -> None:
    """Check strings as the strict reader would: not blank, not too long, no control characters."""
    if set(map(type, values)) != {str} or not all(map(str.strip, values)):
        raise _StaleError
    if max(map(len, values)) > max_chars or re.search(s.UNSAFE_CHARACTERS, "".join(values)):
        raise _StaleError


@functools.cache
def _builder(spec: s.RecordSpec) -> Callable[[list[Any]], Any]:
    """Return the function that builds a record of this type from its checked row."""
    converters = [_converter(field) for field in spec.fields]
    empty = [() if field.shape in _LISTS else None for field in spec.fields]
    model = spec.model
    count = len(converters)

    def build(row: list[Any]) -> Any:
        values = [
            nothing if value is None else value if convert is None else convert(value)
            for convert, nothing, value in zip(converters, empty, row)
        ]
        return model(*values, row[count])

    return build


def _converter(field: s.Field) -> Callable[[Any], Any] | None:
    """Return what turns a checked JSON value into the record's value (None: it is already)."""
    if field.shape in (s.CHOICE, s.CHOICE_LIST):
        assert field.choices is not None  # noqa: S101 - the schema sets it
        member = field.choices
        return member if field.shape == s.CHOICE else lambda value: tuple(map(member, value))
    if field.shape in _LISTS or field.shape == s.RECORD_LIST:
        return tuple
    return None


#: The shapes whose JSON value is a list, and the shape of each item.
_ITEM_SHAPES = {s.TEXT_LIST: s.TEXT, s.REFERENCE_LIST: s.REFERENCE, s.CHOICE_LIST: s.CHOICE}
_LISTS = frozenset(_ITEM_SHAPES)
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


def _reader(field: s.Field, max_chars: int | None) -> Callable[[Any], Any]:  # noqa: C901, PLR0911
    """Return the function that reads one field's JSON value into the record's value.

    With ``max_chars`` None (an installed form), texts and ids are taken as they are.
    """
    shape = field.shape

    def text(value: Any) -> str:
        return value if max_chars is None else _text(value, max_chars)

    def matching(pattern: str, value: str) -> str:
        return value if max_chars is None else _matching(pattern, value)

    def texts(value: Any) -> tuple[str, ...]:
        items = tuple(map(text, _list(value)))
        if field.required and not items:
            raise _StaleError
        return items

    if shape == s.INTEGER:
        return lambda value: value if type(value) is int and value >= 0 else _stale()
    if shape in (s.CHOICE, s.CHOICE_LIST):
        assert field.choices is not None  # noqa: S101 - the schema sets it
        members = {member.value: member for member in field.choices}.__getitem__
        return members if shape == s.CHOICE else lambda value: tuple(map(members, texts(value)))
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
    if shape == s.ID:
        return lambda value: matching(_SLUG, text(value))
    if shape == s.REFERENCE:
        return lambda value: matching(_REFERENCE, text(value))
    if shape == s.REFERENCE_LIST:
        return lambda value: tuple(matching(_REFERENCE, item) for item in texts(value))
    if shape == s.TEXT_LIST:
        return texts
    return text


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
