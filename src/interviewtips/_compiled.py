"""A pack's compiled form: its records as JSON, loaded without parsing any YAML.

``interviewtips compile PACK`` (and the wheel's build hook, for the built-in pack)
writes ``pack.compiled.json`` beside ``pack.yaml``. It holds every record as plain
data with its file, line and column, and the length and CRC-32 of every source file. A load
uses it only when those hashes match the files now in the pack, so it can never
be stale: the YAML stays the source of truth. A compiled file that is damaged,
stale, or written by another version of the format is ignored and the YAML read.
"""

from __future__ import annotations

import functools
import json
import re
import zlib
from typing import TYPE_CHECKING, Any, Callable

from . import _schema as s
from ._drafts import Draft, PackDrafts
from ._models import Hidden, Placeholder
from ._nodes import Mapping

if TYPE_CHECKING:
    from importlib.abc import Traversable


#: The compiled form's file name, beside pack.yaml.
COMPILED = "pack.compiled.json"
#: Bumped whenever the compiled form changes shape.
FORMAT = 2


class _StaleError(Exception):
    """The compiled form does not match the sources, or cannot be read."""


def digest(data: bytes) -> str:
    """Return a fingerprint of a source file's bytes: its length and CRC-32.

    It tells whether a file changed since it was compiled. It is no defence against a
    forger, who could as well change the YAML; the records of a compiled form are
    type-checked as they load, and references and ids are checked as for any pack.
    """
    return f"{len(data)}:{zlib.crc32(data):08x}"


def compiled_form(
    pack: PackDrafts, sources: dict[str, tuple[Traversable, bytes]]
) -> dict[str, Any]:
    """Return the compiled form of a pack read from YAML.

    Args:
        pack: The pack as the strict reader made it.
        sources: Each source file and its bytes, by its path relative to the pack.
    """
    from ._plain import to_dict  # noqa: PLC0415 - only the compiler needs it

    relative = {str(file): name for name, (file, _) in sources.items()}
    return {
        "format": FORMAT,
        "schema_version": s.SCHEMA_VERSION,
        "sources": {name: digest(data) for name, (_, data) in sources.items()},
        "pack": to_dict(pack.pack),
        "records": [
            [
                draft.spec.section,
                relative[draft.path],
                draft.node.line,
                draft.node.column,
                _row(draft.spec, to_dict(draft.record)),
            ]
            for draft in pack.drafts
        ],
    }


def _row(spec: s.RecordSpec, record: dict[str, Any]) -> list[Any]:
    """Return a record's values in its fields' order, then its pack: compact and fast to read."""
    return [record[field.name] for field in spec.fields] + [record["pack"]]


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
    compiled = root.joinpath(COMPILED)
    if not compiled.is_file():
        return None
    try:
        data = json.loads(compiled.read_bytes())
        return _pack_drafts(data, files, max_chars) if _matches(data, sources) else None
    except (_StaleError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return None
    except RecursionError:  # JSON nested past the interpreter's limit: damaged
        return None


def _matches(data: dict[str, Any], sources: dict[str, bytes]) -> bool:
    """Whether a compiled form is of this format and was made from these very sources."""
    expected = {name: digest(content) for name, content in sources.items()}
    return (data["format"], data["schema_version"], data["sources"]) == (
        FORMAT,
        s.SCHEMA_VERSION,
        expected,
    )


def _pack_drafts(data: dict[str, Any], files: dict[str, str], max_chars: int) -> PackDrafts:
    from ._pack import MANIFEST  # noqa: PLC0415 - _pack imports this module

    drafts = []
    for section, name, line, column, row in data["records"]:
        spec = s.SECTIONS[section]
        record = _from_row(spec, row, max_chars)
        drafts.append(Draft(spec, record, files[name], Mapping((), line, column)))
    pack = _record(s.PACK, data["pack"], max_chars)
    return PackDrafts(pack, files[MANIFEST], tuple(drafts), tuple(files.values()))


def _from_row(spec: s.RecordSpec, row: list[Any], max_chars: int) -> Any:
    readers = _readers(spec, max_chars)
    if type(row) is not list or len(row) != len(readers) + 1:
        raise _StaleError
    values = {name: read(value) for (name, read), value in zip(readers, row) if value is not None}
    values["pack"] = _text(row[-1], max_chars)
    return spec.model(**values)


def _record(spec: s.RecordSpec, data: dict[str, Any], max_chars: int) -> Any:
    values = {}
    for name, read in _readers(spec, max_chars):
        value = data.pop(name)
        if value is not None:
            values[name] = read(value)
    if "pack" in data:
        values["pack"] = _text(data.pop("pack"), max_chars)
    if data:
        raise _StaleError
    return spec.model(**values)


@functools.lru_cache(maxsize=64)
def _readers(spec: s.RecordSpec, max_chars: int) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """Return, for each field of a record type, the function that reads its JSON value."""
    return tuple((field.name, _reader(field, max_chars)) for field in spec.fields)


def _reader(field: s.Field, max_chars: int) -> Callable[[Any], Any]:  # noqa: C901, PLR0911
    shape = field.shape

    def text(value: Any) -> str:
        return _text(value, max_chars)

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
            Placeholder(_matching(_NAME, text(p["name"])), text(p["description"])) for p in value
        )
    if shape == s.SECTION_REFERENCES:
        return lambda value: tuple(
            Hidden(text(h["section"]), _matching(_REFERENCE, text(h["id"]))) for h in value
        )
    if shape == s.ID:
        return lambda value: _matching(_SLUG, text(value))
    if shape == s.REFERENCE:
        return lambda value: _matching(_REFERENCE, text(value))
    if shape == s.REFERENCE_LIST:
        return lambda value: tuple(_matching(_REFERENCE, item) for item in texts(value))
    if shape == s.TEXT_LIST:
        return texts
    return text


_SLUG = re.compile(s.SLUG_PATTERN)
_REFERENCE = re.compile(s.REFERENCE_PATTERN)
_NAME = re.compile("[a-z][a-z0-9_]*")


def _text(value: Any, max_chars: int) -> str:
    """Return a string the strict reader would accept, or mark the form damaged."""
    if type(value) is not str or len(value) > max_chars or not value.strip():
        raise _StaleError
    if s.UNSAFE_TEXT.search(value):
        raise _StaleError
    return value


def _matching(pattern: re.Pattern[str], text: str) -> str:
    return text if pattern.fullmatch(text) else _stale()


def _list(value: Any) -> list[Any]:
    return value if type(value) is list else _stale()


def _stale() -> Any:
    raise _StaleError
