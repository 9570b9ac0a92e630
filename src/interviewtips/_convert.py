"""Located YAML nodes to frozen records, checked against the schema.

Every problem is collected; a record with any problem is left out, and the
caller refuses the whole load when any problem was found.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING, Any

import attrs

from . import _codes as codes
from . import _schema as s
from ._models import PLACEHOLDER, Hidden, Placeholder, QuestionType
from ._names import close_matches, did_you_mean
from ._nodes import Mapping, Node, Scalar, Sequence
from ._problems import Problem

if TYPE_CHECKING:
    from ._table import Converted

_SLUG = re.compile(s.SLUG_PATTERN)
_REFERENCE = re.compile(s.REFERENCE_PATTERN)
_PLACEHOLDER_NAME = re.compile(r"[a-z][a-z0-9_]*")
_INTEGER = re.compile(r"[0-9]{1,9}")
_SHAPE_WORDS = {Scalar: "text", Sequence: "a list", Mapping: "a mapping"}


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

    def problem(self, node: Node, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, node.line, node.column, code, message))
        self.count += 1
        if self.count >= MAX_PROBLEMS_PER_FILE:
            message = f"{self.count} problems so far; fix these, then check the file again"
            self.problems.append(
                Problem(self.path, node.line, node.column, codes.TOO_MANY_PROBLEMS, message)
            )
            raise _TooManyProblemsError

    def content_file(self, root: Node | None) -> list[Converted]:
        """Convert a content file: a mapping of record sections."""
        converted: list[Converted] = []
        with contextlib.suppress(_TooManyProblemsError):
            self.sections(root, converted)
        return converted

    def manifest(self, root: Node) -> Any | None:
        """Convert a pack's manifest, or return None after recording its problems."""
        try:
            return self.record(s.PACK, root)
        except _TooManyProblemsError:
            return None

    def sections(self, root: Node | None, converted: list[Converted]) -> None:
        """Convert each record section of a content file into ``converted``."""
        if root is None or (isinstance(root, Scalar) and root.is_null):
            self.problems.append(
                Problem(
                    self.path,
                    1,
                    1,
                    codes.EMPTY_FILE,
                    "the file is empty; add a section such as tips:",
                )
            )
            return
        if not isinstance(root, Mapping):
            self.problem(
                root, codes.WRONG_TYPE, f"expected a mapping of sections, found {_shape(root)}"
            )
            return
        for key, value in root.entries:
            spec = s.SECTIONS.get(key.value)
            if spec is None:
                hint = _did_you_mean(key.value, s.SECTIONS)
                self.problem(key, codes.UNKNOWN_SECTION, f"unknown section {key.value!r}{hint}")
                continue
            if not isinstance(value, Sequence):
                self.problem(
                    value, codes.WRONG_TYPE, f"{key.value} must be a list, found {_shape(value)}"
                )
                continue
            for item in value.items:
                record = self.record(spec, item)
                if record is not None:
                    assert isinstance(item, Mapping)  # noqa: S101 - record() checked it
                    converted.append((spec, record, self.path, item))

    def record(self, spec: s.RecordSpec, node: Node) -> Any | None:
        """Convert one record, or return None after recording why it cannot be."""
        if not isinstance(node, Mapping):
            self.problem(
                node,
                codes.WRONG_TYPE,
                f"each of {spec.section} must be a mapping, found {_shape(node)}",
            )
            return None
        count = len(self.problems)
        values = self.fields(spec, node)
        for field in spec.fields:
            if field.required and node.get(field.name) is None:
                self.problem(
                    node, codes.MISSING_FIELD, f"missing field {field.name!r}: {field.doc}"
                )
        if len(self.problems) > count:
            return None
        if self.pack is not None and "pack" in attrs.fields_dict(spec.model):
            values["pack"] = self.pack
        record = spec.model(**values)
        self.check_record(record, node)
        return record if len(self.problems) == count else None

    def fields(self, spec: s.RecordSpec, node: Mapping) -> dict[str, Any]:
        """Convert each field written in a record, recording unknown and empty ones."""
        values: dict[str, Any] = {}
        for key, value in node.entries:
            field = spec.field(key.value)
            if field is None:
                hint = _did_you_mean(key.value, [known.name for known in spec.fields])
                self.problem(key, codes.UNKNOWN_FIELD, f"unknown field {key.value!r}{hint}")
            elif isinstance(value, Scalar) and value.is_null:
                if field.required:
                    description = field.doc[0].lower() + field.doc[1:]
                    self.problem(value, codes.EMPTY_VALUE, f"{field.name} is empty; {description}")
            else:
                with contextlib.suppress(_Invalid):
                    values[field.name] = self.value(field, value)
        return values

    def value(self, field: s.Field, node: Node) -> Any:
        shape = field.shape
        if shape in (s.TEXT, s.ID, s.REFERENCE, s.INTEGER, s.CHOICE):
            return self.scalar(field, node)
        if shape in (s.TEXT_LIST, s.REFERENCE_LIST, s.CHOICE_LIST):
            items = self.sequence(field, node)
            return tuple(self.scalar(field, item) for item in items)
        if shape == s.RECORD:
            assert field.record is not None  # noqa: S101 - the schema sets it
            record = self.record(field.record, node)
            if record is None:
                raise _Invalid
            return record
        if shape == s.RECORD_LIST:
            assert field.record is not None  # noqa: S101 - the schema sets it
            records = [self.record(field.record, item) for item in self.sequence(field, node)]
            if any(record is None for record in records):
                raise _Invalid
            return tuple(records)
        if shape == s.SECTION_REFERENCES:
            return self.section_references(field, node)
        return self.named_texts(field, node)

    def section_references(self, field: s.Field, node: Node) -> tuple[Hidden, ...]:
        if not isinstance(node, Mapping):
            self.problem(
                node,
                codes.WRONG_TYPE,
                f"{field.name} must map sections to ids, such as "
                f"tips: [core:some-tip], found {_shape(node)}",
            )
            raise _Invalid
        hidden = []
        reference = s.Field(field.name, s.REFERENCE_LIST, field.doc)
        for key, value in node.entries:
            if key.value not in s.SECTIONS or key.value in ("stages", "topics"):
                sections = [name for name in s.SECTIONS if name not in ("stages", "topics")]
                hint = _did_you_mean(key.value, sections)
                self.problem(
                    key,
                    codes.UNKNOWN_SECTION,
                    f"{field.name} cannot name section {key.value!r}"
                    f"{hint} (allowed: {', '.join(sections)})",
                )
                raise _Invalid
            ids = self.value(reference, value)
            hidden += [Hidden(key.value, id_) for id_ in ids]
        return tuple(hidden)

    def sequence(self, field: s.Field, node: Node) -> tuple[Node, ...]:
        if not isinstance(node, Sequence):
            example = "[first, second]"
            self.problem(
                node,
                codes.WRONG_TYPE,
                f"{field.name} must be a list such as {example}, found {_shape(node)}",
            )
            raise _Invalid
        if field.required and not node.items:
            self.problem(node, codes.EMPTY_VALUE, f"{field.name} is an empty list; {field.doc}")
            raise _Invalid
        return node.items

    def scalar(self, field: s.Field, node: Node) -> Any:
        if not isinstance(node, Scalar):
            self.problem(node, codes.WRONG_TYPE, f"{field.name} must be text, found {_shape(node)}")
            raise _Invalid
        text = node.value.strip()
        if not text or node.is_null:
            self.problem(node, codes.EMPTY_VALUE, f"{field.name} has an empty value; write it out")
            raise _Invalid
        pattern = {s.ID: _SLUG, s.REFERENCE: _REFERENCE, s.REFERENCE_LIST: _REFERENCE}
        if field.shape in pattern and not pattern[field.shape].fullmatch(text):
            slug = re.sub(r"[^a-z0-9:]+", "-", text.lower()).strip("-") or "my-id"
            self.problem(
                node, codes.BAD_ID, f"{text!r} is not a kebab-case id; write it as {slug!r}"
            )
            raise _Invalid
        if field.shape == s.INTEGER:
            if not (node.plain and _INTEGER.fullmatch(text)):
                self.problem(
                    node, codes.WRONG_TYPE, f"{field.name} must be a whole number, found {text!r}"
                )
                raise _Invalid
            return int(text)
        if field.choices is not None:
            by_value = {member.value: member for member in field.choices}
            if text not in by_value:
                hint = _did_you_mean(text, by_value)
                allowed = ", ".join(by_value)
                self.problem(
                    node,
                    codes.UNKNOWN_VALUE,
                    f"{text!r} is not a {field.name} value{hint} (allowed: {allowed})",
                )
                raise _Invalid
            return by_value[text]
        return text

    def named_texts(self, field: s.Field, node: Node) -> tuple[Placeholder, ...]:
        if not isinstance(node, Mapping):
            self.problem(
                node,
                codes.WRONG_TYPE,
                f"{field.name} must be a mapping of names to descriptions, found {_shape(node)}",
            )
            raise _Invalid
        placeholders = []
        for key, value in node.entries:
            if not _PLACEHOLDER_NAME.fullmatch(key.value):
                self.problem(key, codes.BAD_ID, f"placeholder {key.value!r} must be snake_case")
                raise _Invalid
            placeholders.append(Placeholder(key.value, self.scalar(field, value)))
        return tuple(placeholders)

    def check_record(self, record: Any, node: Mapping) -> None:
        """Check rules that span a record's fields."""
        if hasattr(record, "star") and hasattr(record, "type"):
            behavioural = record.type is QuestionType.BEHAVIOURAL
            if behavioural and record.star is None:
                self.problem(
                    node,
                    codes.STAR_OUTLINE,
                    "a behavioural question needs a star: outline "
                    "(situation, task, action, result)",
                )
            elif not behavioural and record.star is not None:
                star = node.get("star")
                self.problem(
                    star or node,
                    codes.STAR_OUTLINE,
                    f"only behavioural questions take a star: "
                    f"outline; this one is {record.type.value}",
                )
        if hasattr(record, "placeholders"):
            self.check_placeholders(record, node)
        related = getattr(record, "related", ())
        if related and record.id in related:
            items = node.get("related")
            assert isinstance(items, Sequence)  # noqa: S101 - converted as a list
            self.problem(
                items.items[related.index(record.id)],
                codes.SELF_REFERENCE,
                f"{record.id!r} lists itself as related; remove it",
            )

    def check_placeholders(self, record: Any, node: Mapping) -> None:
        used = re.findall(PLACEHOLDER, record.subject) + re.findall(PLACEHOLDER, record.body)
        listed = [placeholder.name for placeholder in record.placeholders]
        unlisted = sorted(set(used) - set(listed))
        unused = [name for name in listed if name not in used]
        if unlisted:
            where = node.get("body") or node
            self.problem(
                where,
                codes.PLACEHOLDER_MISMATCH,
                "placeholders used but not listed under placeholders: " + ", ".join(unlisted),
            )
        if unused:
            where = node.get("placeholders") or node
            self.problem(
                where,
                codes.PLACEHOLDER_MISMATCH,
                "placeholders listed but used in neither subject nor body: " + ", ".join(unused),
            )
        stray = re.sub(PLACEHOLDER, "", record.subject + record.body)
        if "{" in stray or "}" in stray:
            where = node.get("body") or node
            self.problem(
                where,
                codes.PLACEHOLDER_MISMATCH,
                "a brace that is not part of a {snake_case} "
                "placeholder; remove it or fix the placeholder's name",
            )


def _shape(node: Node) -> str:
    return _SHAPE_WORDS[type(node)]


def _did_you_mean(name: str, choices: Any) -> str:
    return did_you_mean(close_matches(name, choices))
