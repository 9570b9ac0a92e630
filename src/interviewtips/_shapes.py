"""The shapes a field's value takes, each knowing every way the value travels.

A shape reads its value from YAML nodes (reporting problems through the reader),
holds it in a table's column, checks it in a compiled form, describes it in JSON
Schema and shows it as text. Adding a shape is one class here; the reader, the
compiled form, the JSON Schemas and the renderers ask the shape, never its name.

Column values (see `_columns`): texts, ids and numbers as they are; a vocabulary member
as its id; ids or members of a list joined by spaces; texts of a list as a list; nested
records as records; None for a missing value or an empty list.
"""

from __future__ import annotations

import re
from itertools import chain
from typing import TYPE_CHECKING, Any, Protocol

from . import _codes as codes
from . import _text
from ._models import Hidden, Placeholder

if TYPE_CHECKING:
    from collections.abc import Collection

    from ._models import Vocabulary
    from ._nodes import Mapping, Node
    from ._registry import Field, RecordType


class DamagedError(Exception):
    """A compiled value is not one the strict reader could have produced."""


class Reader(Protocol):
    """What a shape needs from the YAML reader: its checks, and a way to report problems."""

    def fail(self, node: Node, code: str, message: str) -> Any:
        """Record a problem at ``node`` and abandon the value."""

    def text(self, field: Field, node: Node, *, single_line: bool) -> str:
        """Return a scalar's stripped text, checked as every text is."""

    def items(self, field: Field, node: Node) -> tuple[Node, ...]:
        """Return a list's nodes, checked to be a list (not empty when required)."""

    def record(self, record_type: RecordType, node: Node) -> Any:
        """Return a nested record, or abandon the value."""

    def mapping(self, field: Field, node: Node, expected: str) -> Mapping:
        """Return ``node`` checked to be a mapping; ``expected`` says what it "must" be."""


def _damaged() -> Any:
    raise DamagedError


def check_texts(values: Collection[Any], max_chars: int, *, single_line: bool) -> None:
    """Check compiled strings as the reader would: stripped, not blank, not too long, clean."""
    if set(map(type, values)) != {str}:
        _damaged()
    stripped = list(map(str.strip, values))
    if not all(stripped) or stripped != list(values) or max(map(len, values)) > max_chars:
        _damaged()  # blank, not stripped as the reader strips, or too long
    if _text.unsafe_character("".join(values), single_line=single_line) is not None:
        _damaged()


def check_list(value: Any) -> list[Any]:
    """Return a compiled list, or mark the form damaged."""
    return value if type(value) is list else _damaged()


class Shape:
    """A value's shape. The base class holds values as they are; subclasses refine it."""

    #: Whether a column holds the ids of a list joined by spaces.
    joined = False
    #: Whether a compiled form holds the value as plain data read back into records.
    nested = False
    #: The record section the value's ids name, for references.
    refers_to: str | None = None

    def read(self, field: Field, node: Node, reader: Reader) -> Any:
        """Return the record's value of a field written as ``node``."""
        raise NotImplementedError

    def to_column(self, value: Any) -> Any:
        """Return a record's value as its column holds it."""
        return value

    def from_column(self, value: Any) -> Any:
        """Return a column's value as the record holds it."""
        return value

    def check_column(self, values: Collection[Any], max_chars: int) -> None:
        """Check the present values of one compiled column; raise `DamagedError` if any is bad."""
        raise NotImplementedError

    def read_compiled(self, value: Any, max_chars: int | None) -> Any:
        """Read a nested value of a compiled form (checked unless ``max_chars`` is None)."""
        message = f"{type(self).__name__} values are never nested in a compiled form"
        raise NotImplementedError(message)

    def json_schema(self, field: Field) -> dict[str, Any]:
        """Return the JSON Schema of the value as an author writes it."""
        raise NotImplementedError

    def export_schema(self) -> dict[str, Any]:
        """Return the JSON Schema of the value as `to_dict` gives it."""
        return self.json_schema_item()

    def json_schema_item(self) -> dict[str, Any]:
        """Return the JSON Schema of one plain value."""
        return {"type": "string"}

    def authored(self, value: Any) -> Any:
        """Return a value as `to_dict` gives it in the form an author writes it in YAML."""
        return value

    def display(self, value: Any) -> str:
        """Return the value as a reader sees it in text."""
        return str(value)

    def describe(self) -> str:
        """Say in words what a value of this shape looks like, for the schema reference."""
        raise NotImplementedError


class Text(Shape):
    """A string, stripped of surrounding white space; one line unless ``single_line`` is False."""

    def __init__(self, *, single_line: bool = True) -> None:
        self.single_line = single_line

    def read(self, field: Field, node: Node, reader: Reader) -> Any:
        """Return the stripped text."""
        return reader.text(field, node, single_line=self.single_line)

    def check_column(self, values: Collection[Any], max_chars: int) -> None:
        """Check each text."""
        check_texts(set(values), max_chars, single_line=self.single_line)

    def read_compiled(self, value: Any, max_chars: int | None) -> Any:
        """Return a checked text."""
        if max_chars is not None:
            check_texts((value,), max_chars, single_line=self.single_line)
        return value

    def json_schema(self, field: Field) -> dict[str, Any]:
        """Any scalar is text to the reader, which keeps it as written (No stays "No")."""
        return {"type": ["string", "number", "boolean"], "pattern": r"\S"}

    def describe(self) -> str:
        """Text, on one line or not."""
        return "text on one line" if self.single_line else "text"


class Pattern(Text):
    """A single-line text that must match a pattern: an id or a reference."""

    def __init__(self, pattern: str, refers_to: str | None = None) -> None:
        super().__init__()
        self.pattern = pattern
        self.refers_to = refers_to

    def read(self, field: Field, node: Node, reader: Reader) -> Any:
        """Return the id, or report it with the kebab-case form to write instead."""
        text = super().read(field, node, reader)
        if re.fullmatch(self.pattern, text) is None:
            suggestion = _text.suggest_slug(text)
            reader.fail(
                node, codes.BAD_ID, f"{text!r} is not a kebab-case id; write it as {suggestion!r}"
            )
        return text

    def check_column(self, values: Collection[Any], max_chars: int) -> None:
        """Check each id."""
        distinct = set(values)
        super().check_column(distinct, max_chars)
        if not all(map(re.compile(self.pattern).fullmatch, distinct)):
            _damaged()

    def read_compiled(self, value: Any, max_chars: int | None) -> Any:
        """Return a checked id."""
        value = super().read_compiled(value, max_chars)
        if max_chars is not None and re.fullmatch(self.pattern, value) is None:
            _damaged()
        return value

    def json_schema(self, field: Field) -> dict[str, Any]:
        """A string matching the pattern."""
        return {"type": "string", "pattern": f"^{self.pattern}$"}

    def describe(self) -> str:
        """An id, or a reference to a record of another section."""
        if self.refers_to is None:
            return "id: a kebab-case slug"
        what = self.refers_to.removesuffix("s").replace("_", " ").replace("-", " ")
        return f"a {what} id, or pack:id for another pack's"


def identifier() -> Pattern:
    """Return the shape of an id."""
    return Pattern(_text.SLUG)


def reference(section: str) -> Pattern:
    """Return the shape of a reference to a record of ``section``: an id or pack:id."""
    return Pattern(_text.REFERENCE, refers_to=section)


class Integer(Shape):
    """A whole number of at most nine digits, written plain."""

    _DIGITS = "[0-9]{1,9}"

    def read(self, field: Field, node: Node, reader: Reader) -> Any:
        """Return the number."""
        text = reader.text(field, node, single_line=True)
        plain = getattr(node, "plain", False)  # text() checked it is a scalar
        if not (plain and re.fullmatch(self._DIGITS, text)):
            reader.fail(
                node, codes.WRONG_TYPE, f"{field.name} must be a whole number, found {text!r}"
            )
        return int(text)

    def check_column(self, values: Collection[Any], max_chars: int) -> None:
        """Check each number: an int from 0 to the reader's largest."""
        del max_chars
        if set(map(type, values)) != {int} or min(values) < 0 or max(values) >= 10**9:
            _damaged()

    def read_compiled(self, value: Any, max_chars: int | None) -> Any:
        """Return a checked number."""
        if max_chars is not None:
            self.check_column((value,), max_chars)
        return value

    def json_schema(self, field: Field) -> dict[str, Any]:
        """A whole number."""
        return {"type": "integer", "minimum": 0, "maximum": 10**9 - 1}

    def json_schema_item(self) -> dict[str, Any]:
        """A whole number."""
        return {"type": "integer"}

    def describe(self) -> str:
        """A whole number."""
        return "whole number"


class Choice(Shape):
    """One member of a fixed vocabulary, written as its id."""

    def __init__(self, vocabulary: type[Vocabulary]) -> None:
        self.vocabulary = vocabulary
        self._members = {member.value: member for member in vocabulary}

    def read(self, field: Field, node: Node, reader: Reader) -> Any:
        """Return the member, or report the value with the allowed ones."""
        text = reader.text(field, node, single_line=True)
        member = self._members.get(text)
        if member is None:
            allowed = ", ".join(self._members)
            reader.fail(
                node,
                codes.UNKNOWN_VALUE,
                f"{text!r} is not a {field.name} value{_text.hint(text, self._members)} "
                f"(allowed: {allowed})",
            )
        return member

    def to_column(self, value: Any) -> Any:
        """The member's id."""
        return None if value is None else value.value

    def from_column(self, value: Any) -> Any:
        """The member of an id."""
        return None if value is None else self._members[value]

    def check_column(self, values: Collection[Any], max_chars: int) -> None:
        """Check each id names a member."""
        del max_chars
        if not set(values) <= self._members.keys():
            _damaged()

    def json_schema(self, field: Field) -> dict[str, Any]:
        """One of the ids."""
        return {"enum": list(self._members)}

    def json_schema_item(self) -> dict[str, Any]:
        """One of the ids."""
        return {"enum": list(self._members)}

    def display(self, value: Any) -> str:
        """The member's label."""
        return str(value.label)

    def describe(self) -> str:
        """The allowed ids."""
        return "one of " + ", ".join(self._members)


class ListOf(Shape):
    """A list of single values of another shape; a list of ids is held joined by spaces."""

    def __init__(self, item: Shape) -> None:
        self.item = item
        self.refers_to = item.refers_to
        self.joined = isinstance(item, (Pattern, Choice))

    def read(self, field: Field, node: Node, reader: Reader) -> Any:
        """Return a tuple of the items' values."""
        return tuple(self.item.read(field, item, reader) for item in reader.items(field, node))

    def to_column(self, value: Any) -> Any:
        """Ids joined by spaces, or a list of texts; None for an empty list."""
        if self.joined:
            return " ".join(map(self.item.to_column, value)) or None
        return list(value) or None

    def from_column(self, value: Any) -> Any:
        """A tuple of the items' values."""
        if self.joined:
            return tuple(map(self.item.from_column, split_joined(value)))
        return () if value is None else tuple(value)

    def check_column(self, values: Collection[Any], max_chars: int) -> None:
        """Check every item of every list."""
        if self.joined:
            if set(map(type, values)) != {str}:
                _damaged()
            self.item.check_column(" ".join(set(values)).split(" "), max_chars)
            return
        if set(map(type, values)) != {list} or not all(values):
            _damaged()  # a list, not empty (an empty list is written as null)
        self.item.check_column(set(chain.from_iterable(values)), max_chars)

    def json_schema(self, field: Field) -> dict[str, Any]:
        """An array of the item's shape."""
        return {
            "type": "array",
            "items": self.item.json_schema(field),
            "minItems": 1 if field.required else 0,
        }

    def export_schema(self) -> dict[str, Any]:
        """An array of plain items."""
        return {"type": "array", "items": self.item.export_schema()}

    def display(self, value: Any) -> str:
        """The items, comma-separated."""
        return ", ".join(map(self.item.display, value))

    def describe(self) -> str:
        """A list, and what each item is."""
        return f"list, each {self.item.describe()}"


def split_joined(value: str | None) -> list[str]:
    """Return the ids of a joined column value (none for None)."""
    return value.split(" ") if value else []


class Nested(Shape):
    """A record inside a record (a STAR outline), or a list of them (``many``: sources)."""

    nested = True

    def __init__(self, record_type: RecordType, *, many: bool = False) -> None:
        self.record_type = record_type
        self.many = many

    def read(self, field: Field, node: Node, reader: Reader) -> Any:
        """Return the record, or a tuple of them."""
        if self.many:
            return tuple(
                reader.record(self.record_type, item) for item in reader.items(field, node)
            )
        return reader.record(self.record_type, node)

    def read_compiled(self, value: Any, max_chars: int | None) -> Any:
        """Return the record (or records) of plain data."""
        if self.many:
            return tuple(self._record(item, max_chars) for item in check_list(value))
        return self._record(value, max_chars)

    def _record(self, value: Any, max_chars: int | None) -> Any:
        data = dict(value)
        values = {}
        for field in self.record_type.fields:
            given = data.pop(field.name, None)
            if given is not None:
                values[field.name] = field.shape.read_compiled(given, max_chars)
            elif field.required:
                _damaged()
        if data:
            _damaged()
        return self.record_type.model(**values)

    def authored(self, value: Any) -> Any:
        """The nested record (or each), its empty fields left out."""
        if self.many:
            return [self._authored(item) for item in value]
        return self._authored(value)

    def _authored(self, data: dict[str, Any]) -> dict[str, Any]:
        fields = self.record_type.fields
        return {
            field.name: field.shape.authored(data[field.name])
            for field in fields
            if data.get(field.name) not in (None, [])
        }

    def json_schema(self, field: Field) -> dict[str, Any]:
        """The nested record type's object, or an array of them."""
        record = self.record_type.json_schema()
        if self.many:
            return {"type": "array", "items": record, "minItems": 1 if field.required else 0}
        return record

    def export_schema(self) -> dict[str, Any]:
        """The nested record as `to_dict` gives it."""
        record = self.record_type.export_schema()
        return {"type": "array", "items": record} if self.many else record

    def describe(self) -> str:
        """The nested record type, or a list of them."""
        what = self.record_type.doc.rstrip(".").lower()
        return f"list of records, each {what}" if self.many else what


class Placeholders(Shape):
    """A mapping of snake_case placeholder names to what goes in each."""

    nested = True

    def read(self, field: Field, node: Node, reader: Reader) -> Any:
        """Return the placeholders, in the order written."""
        node = reader.mapping(field, node, "be a mapping of names to descriptions")
        placeholders = []
        for key, value in node.entries:
            if not re.fullmatch(_text.PLACEHOLDER_NAME, key.value):
                reader.fail(key, codes.BAD_ID, f"placeholder {key.value!r} must be snake_case")
            description = reader.text(field, value, single_line=False)
            placeholders.append(Placeholder(key.value, description))
        return tuple(placeholders)

    def read_compiled(self, value: Any, max_chars: int | None) -> Any:
        """Return the placeholders of plain data."""
        placeholders = []
        for item in check_list(value):
            name, description = item["name"], item["description"]
            if max_chars is not None:
                check_texts((name,), max_chars, single_line=True)
                check_texts((description,), max_chars, single_line=False)
                if re.fullmatch(_text.PLACEHOLDER_NAME, name) is None:
                    _damaged()
            placeholders.append(Placeholder(name, description))
        return tuple(placeholders)

    def authored(self, value: Any) -> Any:
        """A mapping of each name to its description."""
        return {item["name"]: item["description"] for item in value}

    def json_schema(self, field: Field) -> dict[str, Any]:
        """An object of snake_case names to texts."""
        return {
            "type": "object",
            "propertyNames": {"pattern": f"^{_text.PLACEHOLDER_NAME}$"},
            "additionalProperties": Text().json_schema(field),
            "minProperties": 1 if field.required else 0,
        }

    def export_schema(self) -> dict[str, Any]:
        """A list of name and description."""
        item = {
            "type": "object",
            "properties": {"name": {"type": "string"}, "description": {"type": "string"}},
            "required": ["name", "description"],
            "additionalProperties": False,
        }
        return {"type": "array", "items": item}

    def describe(self) -> str:
        """A mapping of names to descriptions."""
        return "mapping of snake_case placeholder names to descriptions"


class Hides(Shape):
    """A manifest's records of earlier packs to hide: record sections mapped to references."""

    nested = True

    def __init__(self, sections: Collection[str]) -> None:
        self.sections = sections

    def read(self, field: Field, node: Node, reader: Reader) -> Any:
        """Return the hidden records, section by section."""
        node = reader.mapping(field, node, "map sections to ids, such as tips: [core:some-tip]")
        hidden = []
        for key, value in node.entries:
            if key.value not in self.sections:
                reader.fail(
                    key,
                    codes.UNKNOWN_SECTION,
                    f"{field.name} cannot name section {key.value!r}"
                    f"{_text.hint(key.value, self.sections)} "
                    f"(allowed: {', '.join(self.sections)})",
                )
            ids = ListOf(reference(key.value)).read(field, value, reader)
            hidden += [Hidden(key.value, id_) for id_ in ids]
        return tuple(hidden)

    def read_compiled(self, value: Any, max_chars: int | None) -> Any:
        """Return the hidden records of plain data."""
        hidden = []
        for item in check_list(value):
            section, id_ = item["section"], item["id"]
            if max_chars is not None:
                check_texts((section, id_), max_chars, single_line=True)
                if section not in self.sections or not _text.is_reference(id_):
                    _damaged()
            hidden.append(Hidden(section, id_))
        return tuple(hidden)

    def authored(self, value: Any) -> Any:
        """A mapping of each section to its references."""
        sections: dict[str, list[str]] = {}
        for item in value:
            sections.setdefault(item["section"], []).append(item["id"])
        return sections

    def json_schema(self, field: Field) -> dict[str, Any]:
        """An object of sections to arrays of references."""
        references = {
            "type": "array",
            "items": {"type": "string", "pattern": f"^{_text.REFERENCE}$"},
        }
        return {
            "type": "object",
            "properties": dict.fromkeys(self.sections, references),
            "additionalProperties": False,
        }

    def export_schema(self) -> dict[str, Any]:
        """A list of section and id."""
        item = {
            "type": "object",
            "properties": {"section": {"enum": list(self.sections)}, "id": {"type": "string"}},
            "required": ["section", "id"],
            "additionalProperties": False,
        }
        return {"type": "array", "items": item}

    def describe(self) -> str:
        """A mapping of sections to references."""
        return "mapping of record sections to lists of pack:id"
