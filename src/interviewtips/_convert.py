"""Located YAML nodes to frozen records, checked against the record types' declarations.

Every problem is collected; a record with any problem is left out, and the caller
refuses the whole load when any problem was found. Each field's shape reads its own
value (see `_shapes`); this module walks files, sections and records, and holds the
checks every text shares.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any, NoReturn

import attrs

from . import _codes as codes
from . import _text
from ._nodes import Mapping, Scalar, Sequence
from ._problems import Problem
from ._record_types import PACK, SECTIONS
from ._shapes import shape_word

if TYPE_CHECKING:
    from ._columns import Converted
    from ._nodes import Node
    from ._registry import Field, RecordType


class _Invalid(Exception):  # noqa: N818 - control flow, never escapes this module
    """A value could not be converted; its problem has been recorded."""


class _TooManyProblemsError(Exception):
    """A file has so many problems that listing more would only cost time."""


#: Past this many problems in one file, the converter stops and says so.
MAX_PROBLEMS_PER_FILE = 100


class Converter:
    """Converts the nodes of one file, recording problems against its path.

    Records that belong to a pack (stages, tips...) get ``pack`` as their pack's id.
    """

    def __init__(self, path: str, problems: list[Problem], pack: str | None = None) -> None:
        self.path = path
        self.problems = problems
        self.pack = pack
        self.count = 0
        #: The section and id of each record left out for its problems, where its id is good.
        self.failed: list[tuple[str, str]] = []

    def problem(self, node: Node, code: str, message: str) -> None:
        """Record a problem at a node; stop reading the file after too many."""
        self.problems.append(Problem(self.path, node.line, node.column, code, message))
        self.count += 1
        if self.count >= MAX_PROBLEMS_PER_FILE:
            message = f"{self.count} problems so far; fix these, then check the file again"
            self.problems.append(
                Problem(self.path, node.line, node.column, codes.TOO_MANY_PROBLEMS, message)
            )
            raise _TooManyProblemsError

    def fail(self, node: Node, code: str, message: str) -> NoReturn:
        """Record a problem at a node and abandon the value being read."""
        self.problem(node, code, message)
        raise _Invalid

    def content_file(self, root: Node | None) -> list[Converted]:
        """Convert a content file: a mapping of record sections."""
        converted: list[Converted] = []
        with contextlib.suppress(_TooManyProblemsError):
            self.sections(root, converted)
        return converted

    def manifest(self, root: Node) -> Any | None:
        """Convert a pack's manifest, or return None after recording its problems."""
        try:
            return self.record_or_none(PACK, root)
        except _TooManyProblemsError:
            return None

    def sections(self, root: Node | None, converted: list[Converted]) -> None:
        """Convert each record section of a content file into ``converted``."""
        if root is None or (isinstance(root, Scalar) and root.is_null):
            message = "the file is empty; add a section such as tips:"
            self.problems.append(Problem(self.path, 1, 1, codes.EMPTY_FILE, message))
            return
        if not isinstance(root, Mapping):
            message = f"expected a mapping of sections, found {shape_word(root)}"
            self.problem(root, codes.WRONG_TYPE, message)
            return
        for key, value in root.entries:
            record_type = SECTIONS.get(key.value)
            if record_type is None:
                hint = _text.hint(key.value, SECTIONS)
                self.problem(key, codes.UNKNOWN_SECTION, f"unknown section {key.value!r}{hint}")
                continue
            if not isinstance(value, Sequence):
                message = f"{key.value} must be a list, found {shape_word(value)}"
                self.problem(value, codes.WRONG_TYPE, message)
                continue
            for item in value.items:
                record = self.record_or_none(record_type, item)
                if record is not None:
                    assert isinstance(item, Mapping)  # noqa: S101 - record_or_none() checked it
                    converted.append((record_type, record, self.path, item))
                else:
                    self._failed(record_type, item)

    def _failed(self, record_type: RecordType, item: Node) -> None:
        """Note the id of a record left out, so that the merge knows it exists."""
        id_node = item.get("id") if isinstance(item, Mapping) else None
        if isinstance(id_node, Scalar) and _text.is_slug(id_node.value.strip()):
            self.failed.append((record_type.section, id_node.value.strip()))

    def record(self, record_type: RecordType, node: Node) -> Any:
        """Return a nested record, or abandon the value after recording why it cannot be."""
        record = self.record_or_none(record_type, node)
        if record is None:
            raise _Invalid
        return record

    def record_or_none(self, record_type: RecordType, node: Node) -> Any | None:
        """Convert one record, or return None after recording why it cannot be."""
        if not isinstance(node, Mapping):
            message = f"each of {record_type.section} must be a mapping, found {shape_word(node)}"
            self.problem(node, codes.WRONG_TYPE, message)
            return None
        count = len(self.problems)
        values = self.fields(record_type, node)
        # A replacement inherits what it leaves out from the record it replaces: the merge
        # fills it in, and runs the cross-field rules then.
        replacing = "replaces" in values
        inherited = []
        for field in record_type.fields:
            if field.required and node.get(field.name) is None:
                if replacing:
                    inherited.append(field.name)
                    continue
                self.problem(
                    node, codes.MISSING_FIELD, f"missing field {field.name!r}: {field.doc}"
                )
        if len(self.problems) > count:
            return None
        if self.pack is not None and "pack" in attrs.fields_dict(record_type.model):
            values["pack"] = self.pack
        record = record_type.model(**dict.fromkeys(inherited), **values)
        if replacing and any(node.get(field.name) is None for field in record_type.fields):
            return record
        for finding in record_type.findings(lambda name: getattr(record, name)):
            where = node.locate(finding.field, finding.item)
            self.problem(where, finding.code, finding.message)
        return record if len(self.problems) == count else None

    def fields(self, record_type: RecordType, node: Mapping) -> dict[str, Any]:
        """Convert each field written in a record, recording unknown and empty ones."""
        values: dict[str, Any] = {}
        for key, value in node.entries:
            field = record_type.field(key.value)
            if field is None:
                hint = _text.hint(key.value, record_type.field_names)
                self.problem(key, codes.UNKNOWN_FIELD, f"unknown field {key.value!r}{hint}")
            elif isinstance(value, Scalar) and value.is_null:
                if field.required:
                    description = field.doc[0].lower() + field.doc[1:]
                    self.problem(value, codes.EMPTY_VALUE, f"{field.name} is empty; {description}")
            else:
                with contextlib.suppress(_Invalid):
                    values[field.name] = field.shape.read(field, value, self)
        return values

    def items(self, field: Field, node: Node) -> tuple[Node, ...]:
        """Return a list's nodes, checked to be a list and, when required, not empty."""
        if not isinstance(node, Sequence):
            self.fail(
                node,
                codes.WRONG_TYPE,
                f"{field.name} must be a list such as [first, second], found {shape_word(node)}",
            )
        if field.required and not node.items:
            self.fail(node, codes.EMPTY_VALUE, f"{field.name} is an empty list; {field.doc}")
        return node.items

    def text(self, field: Field, node: Node, *, single_line: bool) -> str:
        """Return a scalar's text, stripped, refusing blanks and characters no text may hold."""
        if not isinstance(node, Scalar):
            self.fail(
                node, codes.WRONG_TYPE, f"{field.name} must be text, found {shape_word(node)}"
            )
        text = node.value.strip()
        if not text or node.is_null:
            self.fail(node, codes.EMPTY_VALUE, f"{field.name} has an empty value; write it out")
        character = _text.unsafe_character(text, single_line=single_line)
        if character is not None:
            what = (
                "a line break or an invisible character, which a single-line field never holds"
                if _text.unsafe_character(text, single_line=False) is None
                else "a control character that can reorder or hide what readers see"
            )
            self.fail(
                node,
                codes.UNSAFE_CHARACTER,
                f"{field.name} holds {_text.describe_character(character)}, {what}; remove it",
            )
        return text
