"""The content schema: which fields each record has, and what each field accepts.

The schema is data, so that the converter, the documentation and any generated
JSON Schema all read the same description.
"""

from __future__ import annotations

from typing import Any

from . import _models as m

#: The newest schema version this library reads.
SCHEMA_VERSION = 1

#: An id: a kebab-case slug.
SLUG_PATTERN = "[a-z0-9]+(?:-[a-z0-9]+)*"
#: A reference: an id, or pack:id.
REFERENCE_PATTERN = f"(?:{SLUG_PATTERN}:)?{SLUG_PATTERN}"
#: The characters no text may hold, as a regular expression: controls (terminal escape
#: sequences) and lone surrogates.
UNSAFE_CHARACTERS = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]"

#: Field value shapes.
TEXT = "text"  # a non-empty string, stripped of surrounding whitespace
ID = "id"  # a kebab-case slug
REFERENCE = "reference"  # an id, or pack:id to name another pack's record
REFERENCE_LIST = "reference-list"
SECTION_REFERENCES = "section-references"  # a mapping of record sections to references
INTEGER = "integer"
TEXT_LIST = "text-list"
CHOICE = "choice"  # one member of a vocabulary
CHOICE_LIST = "choice-list"
RECORD = "record"  # a nested record (a STAR outline)
RECORD_LIST = "record-list"  # a list of nested records (sources)
NAMED_TEXTS = "named-texts"  # a mapping of snake_case names to descriptions


class Field:
    """One field of a record.

    Fields and record specs are made once, at import, and compared by identity (they
    key caches): plain slotted classes, as attrs classes cost a cold start time to create.

    Attributes:
        name: The key written in YAML, also the model's attribute.
        shape: One of the shapes above.
        doc: One line for the schema reference.
        required: Whether the field must be present and not empty.
        refers_to: For ids, the section whose records they name ("stages"...).
        choices: For choice shapes, the vocabulary.
        record: For record shapes, the nested record's specification.
    """

    __slots__ = ("choices", "doc", "name", "record", "refers_to", "required", "shape")

    def __init__(
        self,
        name: str,
        shape: str,
        doc: str,
        *,
        required: bool = False,
        refers_to: str | None = None,
        choices: type[m._Choice] | None = None,
        record: RecordSpec | None = None,
    ) -> None:
        self.name = name
        self.shape = shape
        self.doc = doc
        self.required = required
        self.refers_to = refers_to
        self.choices = choices
        self.record = record

    def __repr__(self) -> str:
        """Name the field and its shape."""
        return f"<Field {self.name}: {self.shape}>"


class RecordSpec:
    """A record type: its YAML section, its model and its fields."""

    __slots__ = ("doc", "fields", "model", "offsets", "section")

    def __init__(self, section: str, model: type[Any], fields: tuple[Field, ...], doc: str) -> None:
        self.section = section
        self.model = model
        self.fields = fields
        self.doc = doc
        #: Each field's place in a draft's values, and the pack's place after them.
        names = [field.name for field in fields] + ["pack"]
        self.offsets = {name: index for index, name in enumerate(names)}

    def __repr__(self) -> str:
        """Name the record type."""
        return f"<RecordSpec {self.section}>"

    def field(self, name: str) -> Field | None:
        """Return the field called ``name``, or None."""
        return next((field for field in self.fields if field.name == name), None)


def _id(doc: str = "A kebab-case slug, unique among records of this type.") -> Field:
    return Field("id", ID, doc, required=True)


def _stages(*, required: bool = True) -> Field:
    return Field(
        "stages",
        REFERENCE_LIST,
        "Stage ids, the main one first.",
        required=required,
        refers_to="stages",
    )


def _topics(*, required: bool = True) -> Field:
    return Field("topics", REFERENCE_LIST, "Topic ids.", required=required, refers_to="topics")


_SOURCES = Field(
    "sources", REFERENCE_LIST, "Ids of the sources this item drew on.", refers_to="sources"
)
_FORMATS = Field("formats", CHOICE_LIST, "Formats it is specific to.", choices=m.Format)
_PHASE = Field("phase", CHOICE, "Before, during or after the conversation.", choices=m.Phase)
_SITUATIONS = Field(
    "situations",
    REFERENCE_LIST,
    "Situation ids (graduate, returner...) it is for; none: it applies to everyone.",
    refers_to="situations",
)
_REGIONS = Field(
    "regions",
    REFERENCE_LIST,
    "Region ids (ca, uk, us-ny...) where it holds; none: it holds everywhere.",
    refers_to="regions",
)
_ALIASES = Field("aliases", TEXT_LIST, "Other names readers may use.")


def _replaces(section: str) -> Field:
    return Field(
        "replaces",
        REFERENCE,
        "The id (pack:id) of another pack's record this one replaces; its id must match.",
        refers_to=section,
    )


SOURCE = RecordSpec(
    "sources",
    m.Source,
    (
        _id("A kebab-case slug that items cite."),
        Field("title", TEXT, "The work's title.", required=True),
        Field("publisher", TEXT, "Who published it.", required=True),
        Field(
            "used_for",
            TEXT,
            "How the content used it (facts checked, idea drawn on).",
            required=True,
        ),
        Field("url", TEXT, "Where it can be read."),
        Field("author", TEXT, "Who wrote it."),
        Field("license", TEXT, "The work's licence."),
        Field("accessed", TEXT, "The date it was read, as YYYY-MM-DD."),
    ),
    "A work the pack credits.",
)

STAR = RecordSpec(
    "star",
    m.StarOutline,
    (
        Field("situation", TEXT, "The context, briefly.", required=True),
        Field("task", TEXT, "What you had to achieve.", required=True),
        Field("action", TEXT, "What you yourself did: the heart of the answer.", required=True),
        Field("result", TEXT, "The outcome, measured where possible.", required=True),
    ),
    "A STAR outline for a behavioural answer.",
)

PACK = RecordSpec(
    "pack",
    m.Pack,
    (
        _id("The pack's id, such as core or acme."),
        Field("name", TEXT, "The pack's name.", required=True),
        Field("version", TEXT, "The content's version.", required=True),
        Field(
            "schema_version", INTEGER, "The schema version the pack is written to.", required=True
        ),
        Field(
            "language", TEXT, "The content's language, as a BCP 47 tag (en, fr-CA).", required=True
        ),
        Field("license", TEXT, "The content's licence, as an SPDX id.", required=True),
        Field("description", TEXT, "What the pack holds."),
        Field("sources", RECORD_LIST, "The works the pack credits.", record=SOURCE),
        Field(
            "hides",
            SECTION_REFERENCES,
            "Records of packs loaded before this one to leave out, by section (tips: [core:id]).",
        ),
    ),
    "The manifest in a pack's pack.yaml.",
)

STAGE = RecordSpec(
    "stages",
    m.Stage,
    (
        _id(),
        Field("name", TEXT, "The display name.", required=True),
        Field("order", INTEGER, "Its place in the hiring lifecycle.", required=True),
        Field("summary", TEXT, "What happens at this stage.", required=True),
        _ALIASES,
        Field("purposes", TEXT_LIST, "Why employers hold this stage."),
        _replaces("stages"),
    ),
    "A stage of the hiring process.",
)

TOPIC = RecordSpec(
    "topics",
    m.Topic,
    (
        _id(),
        Field("name", TEXT, "The display name.", required=True),
        Field("summary", TEXT, "What the topic covers.", required=True),
        _ALIASES,
        _replaces("topics"),
    ),
    "A subject guidance is about.",
)

SITUATION = RecordSpec(
    "situations",
    m.Situation,
    (
        _id(),
        Field("name", TEXT, "The display name.", required=True),
        Field("summary", TEXT, "Who the situation describes.", required=True),
        _ALIASES,
        _replaces("situations"),
    ),
    "Who the candidate is, where that changes the advice.",
)

REGION = RecordSpec(
    "regions",
    m.Region,
    (
        _id("A kebab-case slug: an ISO 3166 code, with its subdivision (ca, ca-on)."),
        Field("name", TEXT, "The display name.", required=True),
        Field("summary", TEXT, "What sets the region's rules apart.", required=True),
        _ALIASES,
        Field(
            "parent",
            REFERENCE,
            "The region this one is part of (ca for ca-on).",
            refers_to="regions",
        ),
        _replaces("regions"),
    ),
    "A jurisdiction whose law or custom changes the advice.",
)

TIP = RecordSpec(
    "tips",
    m.Tip,
    (
        _id(),
        Field("kind", CHOICE, "do or dont.", required=True, choices=m.Kind),
        Field("title", TEXT, "A short imperative.", required=True),
        Field("detail", TEXT, "What to do and how, in a few sentences.", required=True),
        Field("why", TEXT, "What the interviewer is looking for.", required=True),
        _stages(),
        _topics(),
        _PHASE,
        _FORMATS,
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        Field("related", REFERENCE_LIST, "Ids of related tips.", refers_to="tips"),
        _replaces("tips"),
    ),
    "A do or don't.",
)

QUESTION = RecordSpec(
    "questions",
    m.Question,
    (
        _id(),
        Field("question", TEXT, "The question as an interviewer asks it.", required=True),
        Field("type", CHOICE, "The question's type.", required=True, choices=m.QuestionType),
        _stages(),
        _topics(),
        Field("assesses", TEXT, "What the answer tells the interviewer.", required=True),
        Field("approach", TEXT, "How to answer well.", required=True),
        Field("pitfalls", TEXT_LIST, "Mistakes to avoid.", required=True),
        Field("star", RECORD, "For behavioural questions: a STAR outline.", record=STAR),
        Field("follow_ups", TEXT_LIST, "Follow-up questions to expect."),
        _FORMATS,
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        _replaces("questions"),
    ),
    "A question an interviewer may ask.",
)

QUESTION_TO_ASK = RecordSpec(
    "questions_to_ask",
    m.QuestionToAsk,
    (
        _id(),
        Field("kind", CHOICE, "do (worth asking) or dont (avoid).", required=True, choices=m.Kind),
        Field("question", TEXT, "The question.", required=True),
        Field("audiences", CHOICE_LIST, "Whom to ask.", required=True, choices=m.Audience),
        _stages(),
        _topics(),
        Field("why", TEXT, "Why to ask it, or why to avoid it.", required=True),
        Field("instead", TEXT, "For questions to avoid: what to ask instead."),
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        _replaces("questions_to_ask"),
    ),
    "A question to ask the employer, or one to avoid.",
)

TEMPLATE = RecordSpec(
    "templates",
    m.Template,
    (
        _id(),
        Field("name", TEXT, "What the email is.", required=True),
        _stages(),
        _topics(),
        Field("when", TEXT, "When to send it.", required=True),
        Field("subject", TEXT, "The subject line, with placeholders.", required=True),
        Field("body", TEXT, "The body, with placeholders.", required=True),
        Field("placeholders", NAMED_TEXTS, "Each placeholder and what goes in it.", required=True),
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        _replaces("templates"),
    ),
    "An email template.",
)

CHECKLIST = RecordSpec(
    "checklists",
    m.Checklist,
    (
        _id(),
        Field("name", TEXT, "The checklist's name.", required=True),
        _stages(),
        Field("items", TEXT_LIST, "Short imperative items.", required=True),
        Field("summary", TEXT, "When to use it."),
        _topics(required=False),
        _PHASE,
        _FORMATS,
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        _replaces("checklists"),
    ),
    "A short list for one moment.",
)

#: The record sections a content file may hold, in the order they are converted.
SECTIONS: dict[str, RecordSpec] = {
    spec.section: spec
    for spec in (
        STAGE,
        TOPIC,
        SITUATION,
        REGION,
        TIP,
        QUESTION,
        QUESTION_TO_ASK,
        TEMPLATE,
        CHECKLIST,
    )
}
