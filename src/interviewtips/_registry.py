"""The kinds of declaration the registry holds: fields, record types, facets and rules.

`_record_types` declares every record type and facet once with these classes; the
reader, the compiled form, the merge, the catalog, the renderers, the JSON Schemas,
the command line and the Sphinx extension all derive what they do from them.

Declarations are made once, at import, and compared by identity (they key caches):
plain slotted classes, as attrs classes cost a cold start time to create.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._models import Vocabulary
    from ._shapes import Shape


class Facet:
    """A dimension records are filtered, counted and grouped by: stage, kind, topic...

    Attributes:
        name: The keyword of the query methods (``stage``), singular.
        doc: One line for the reference.
        vocabulary: The values: an enum, or the section of the records that define
            them (``"stages"``: every loaded pack may add some).
        option: The command line's option, when it is not ``--name``.
        aliases: For an enum, other names a reader may use for each member.
        untagged_applies: Whether a record with no value applies to every value
            (advice for no particular situation is advice for every situation).
        hierarchy: Whether a value also names its parents and the values below it
            (a region: Ontario's advice is Canada's).
        order: Where records of each value sort, for facets that order results.
        summarised: Whether a record's summary line ("Second interview · Culture fit ·
            before") shows it; kinds and types head the record instead.
        search: How much the names and aliases of a record's values weigh when search
            matches them (a tip on the topic "Dress and appearance" is found by "dress");
            0 leaves them out.
    """

    __slots__ = (
        "aliases",
        "doc",
        "hierarchy",
        "name",
        "option",
        "order",
        "search",
        "summarised",
        "untagged_applies",
        "vocabulary",
    )

    def __init__(
        self,
        name: str,
        doc: str,
        vocabulary: type[Vocabulary] | str,
        *,
        option: str | None = None,
        aliases: Mapping[Any, tuple[str, ...]] | None = None,
        untagged_applies: bool = False,
        hierarchy: bool = False,
        order: Mapping[str, int] | None = None,
        summarised: bool = True,
        search: float = 0.0,
    ) -> None:
        self.name = name
        self.doc = doc
        self.vocabulary = vocabulary
        self.option = option or name
        self.aliases = dict(aliases or {})
        self.untagged_applies = untagged_applies
        self.hierarchy = hierarchy
        self.order = dict(order or {})
        self.summarised = summarised
        self.search = search

    def __repr__(self) -> str:
        """Name the facet."""
        return f"<Facet {self.name}>"

    @property
    def section(self) -> str | None:
        """The section whose records are the facet's values, or None for an enum."""
        return self.vocabulary if isinstance(self.vocabulary, str) else None


class Field:
    """One field of a record type.

    Attributes:
        name: The key written in YAML, also the model's attribute.
        shape: How the value is read, held, checked, described and shown.
        doc: One line for the schema reference.
        required: Whether the field must be present and not empty.
        facet: The facet whose values the field holds, if any.
        label: The word that introduces the value in text ("Why"), when it is shown.
    """

    __slots__ = ("doc", "facet", "label", "name", "required", "shape")

    def __init__(
        self,
        name: str,
        shape: Shape,
        doc: str,
        *,
        required: bool = False,
        facet: Facet | None = None,
        label: str | None = None,
    ) -> None:
        self.name = name
        self.shape = shape
        self.doc = doc
        self.required = required
        self.facet = facet
        self.label = label

    def __repr__(self) -> str:
        """Name the field and its shape."""
        return f"<Field {self.name}: {type(self.shape).__name__}>"

    @property
    def refers_to(self) -> str | None:
        """The section whose records the field's ids name, or None."""
        return self.shape.refers_to


class Finding(NamedTuple):
    """What a cross-field rule found wrong with a record: where, its code and the message."""

    field: str | None
    item: int | None
    code: str
    message: str


#: A record's value of a field, by the field's name.
Values = Callable[[str], Any]


class Rule:
    """A rule that spans a record's fields, run on every path in: YAML and compiled forms.

    Args:
        check: Returns what is wrong with one record, given its values.
        json_schema: What the rule adds to the record's JSON Schema, where it can say it.
        suspects: Given a function that returns a field's column (the values of every
            record, as a table holds them), returns the rows the rule could find wrong,
            so that a compiled form of many records is checked without a record at a
            time; by default every row.
    """

    __slots__ = ("check", "json_schema", "suspects")

    def __init__(
        self,
        check: Callable[[Values], Iterable[Finding]],
        json_schema: Mapping[str, Any] | None = None,
        suspects: Callable[[Callable[[str], list[Any]]], Iterable[int]] | None = None,
    ) -> None:
        self.check = check
        self.json_schema = dict(json_schema or {})
        self.suspects = suspects


class RecordType:
    """A kind of record: its YAML section, its model, its fields and how it is presented.

    Attributes:
        name: The name the API and the command line use (``questions-to-ask``).
        section: The key in content files and in ``to_dict`` (``questions_to_ask``).
        singular: How messages name one record ("question to ask").
        model: The frozen attrs class of its records; its fields are ``fields`` in
            order, then ``pack`` for records that belong to a pack.
        fields: The fields, in the model's order.
        doc: One line for the reference.
        role: ``"guidance"`` (queried, searched and rendered), ``"vocabulary"`` (the
            words guidance is described and found by: the values of a facet, such as
            stages and topics, and the synonyms search uses), or ``"part"`` (only inside
            another record or the manifest).
        heading: The field that heads the record when it is shown.
        rules: The rules that span its fields.
        search: Each searched field's weight.
        command: The command-line command that lists it, when not its name.
        sort: The facet whose ``order`` sorts records after their stage, if any.
    """

    __slots__ = (
        "command",
        "doc",
        "facets",
        "fields",
        "heading",
        "model",
        "name",
        "offsets",
        "role",
        "rules",
        "search",
        "section",
        "singular",
        "sort",
    )

    def __init__(
        self,
        name: str,
        model: type[Any],
        fields: tuple[Field, ...],
        doc: str,
        *,
        singular: str,
        role: str = "guidance",
        heading: str = "name",
        rules: tuple[Rule, ...] = (),
        search: Mapping[str, float] | None = None,
        command: str | None = None,
        sort: str | None = None,
    ) -> None:
        self.name = name
        self.section = name.replace("-", "_")
        self.model = model
        self.fields = fields
        self.doc = doc
        self.singular = singular
        self.role = role
        self.heading = heading
        self.rules = rules
        self.search = dict(search or {})
        self.command = command or name
        self.sort = sort
        #: The facets its records can be filtered by, by name, and the field of each.
        self.facets = {field.facet.name: field for field in fields if field.facet is not None}
        #: Each field's place in a row of column values, and the pack's place after them.
        self.offsets = {name: index for index, name in enumerate([*self.field_names, "pack"])}

    def __repr__(self) -> str:
        """Name the record type."""
        return f"<RecordType {self.name}>"

    @property
    def field_names(self) -> list[str]:
        """The fields' names, in order."""
        return [field.name for field in self.fields]

    def field(self, name: str) -> Field | None:
        """Return the field called ``name``, or None."""
        return next((field for field in self.fields if field.name == name), None)

    def findings(self, values: Values) -> list[Finding]:
        """Return what every cross-field rule finds wrong with one record."""
        return [finding for rule in self.rules for finding in rule.check(values)]

    def json_schema(self) -> dict[str, Any]:
        """Return the JSON Schema of a record as an author writes it in YAML."""
        properties = {}
        for field in self.fields:
            shape = field.shape.json_schema(field)
            if not field.required:
                shape = {"anyOf": [shape, {"type": "null"}]}
            properties[field.name] = {"description": field.doc, **shape}
        schema: dict[str, Any] = {
            "type": "object",
            "description": self.doc,
            "properties": properties,
            "required": [field.name for field in self.fields if field.required],
            "additionalProperties": False,
        }
        for rule in self.rules:
            schema.update(rule.json_schema)
        return schema

    def export_schema(self) -> dict[str, Any]:
        """Return the JSON Schema of a record as ``to_dict`` gives it."""
        import attrs  # noqa: PLC0415 - only schemas need it

        properties: dict[str, Any] = {}
        for field in self.fields:
            shape = field.shape.export_schema()
            if not field.required and shape.get("type") != "array":
                shape = {"anyOf": [shape, {"type": "null"}]}
            properties[field.name] = {"description": field.doc, **shape}
        if "pack" in attrs.fields_dict(self.model):
            properties["pack"] = {
                "description": "The id of the pack that defines it.",
                "type": "string",
            }
        return {
            "type": "object",
            "title": self.model.__name__,
            "description": self.doc,
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }
