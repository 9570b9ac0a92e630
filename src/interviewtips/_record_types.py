"""Every record type and facet, each declared once: the registry the other layers read.

To add a record type, declare its model in `_models` and its `RecordType` here, and
list it in `SECTIONS`; to add a facet, declare its `Facet` here and give a field of
each record type it applies to ``facet=``. See the how-to "Add a record type or a facet".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import _codes as codes
from . import _models as m
from . import _text
from ._registry import Facet, Field, Finding, RecordType, Rule
from ._shapes import (
    Choice,
    Hides,
    Integer,
    ListOf,
    Nested,
    Placeholders,
    Text,
    identifier,
    reference,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Any

    from ._registry import Values

#: The newest schema version this library reads.
SCHEMA_VERSION = 1

# -- facets -----------------------------------------------------------------------

STAGE = Facet("stage", "The stage of the hiring process.", "stages", search=0.5)
TOPIC = Facet("topic", "What the guidance is about.", "topics", search=1.0)
SITUATION = Facet(
    "situation",
    "Who the candidate is, where that changes the advice; untagged advice is for everyone.",
    "situations",
    untagged_applies=True,
    search=0.5,
)
REGION = Facet(
    "region",
    "Where the advice holds (a region names its parts and the region it is part of); "
    "untagged advice holds everywhere.",
    "regions",
    untagged_applies=True,
    hierarchy=True,
    search=0.5,
)
KIND = Facet(
    "kind",
    "Do or don't.",
    m.Kind,
    aliases={
        m.Kind.DO: ("dos", "do's", "yes"),
        m.Kind.DONT: ("don't", "do not", "donts", "don'ts", "avoid", "no"),
    },
    summarised=False,
    search=0.3,
)
PHASE = Facet("phase", "Before, during or after the conversation.", m.Phase, search=0.3)
FORMAT = Facet(
    "format",
    "How the conversation happens; untagged advice holds for every format.",
    m.Format,
    option="interview-format",
    untagged_applies=True,
    search=1.0,
    aliases={
        m.Format.IN_PERSON: ("onsite", "on-site", "face to face", "face-to-face"),
        m.Format.PHONE: ("telephone", "call"),
        m.Format.VIDEO: ("video call", "remote", "online"),
        m.Format.ASYNC_VIDEO: ("async", "recorded", "one-way video"),
        m.Format.MEAL: ("lunch", "dinner"),
    },
)
QUESTION_TYPE = Facet(
    "type",
    "The kind of question an interviewer asks.",
    m.QuestionType,
    aliases={
        m.QuestionType.BEHAVIOURAL: ("behavioral",),
        m.QuestionType.SITUATIONAL: ("hypothetical",),
        m.QuestionType.IMPROPER: ("illegal", "unlawful", "inappropriate"),
    },
    order={m.QuestionType.IMPROPER.value: 1},  # questions not to be asked come last
    summarised=False,
    search=0.5,
)
AUDIENCE = Facet(
    "audience",
    "Whom, on the employer's side, a question suits.",
    m.Audience,
    aliases={
        m.Audience.HIRING_MANAGER: ("manager",),
        m.Audience.TEAM: ("peers", "team member"),
        m.Audience.EXECUTIVE: ("leadership", "senior leader"),
    },
    summarised=False,
    search=1.0,  # whom a question is for is what a reader names: "what to ask the team"
)

# -- cross-field rules ------------------------------------------------------------


def _star_for_behavioural_only(values: Values) -> Iterator[Finding]:
    behavioural = values("type") is m.QuestionType.BEHAVIOURAL
    if behavioural and values("star") is None:
        message = "a behavioural question needs a star: outline (situation, task, action, result)"
        yield Finding(None, None, codes.STAR_OUTLINE, message)
    elif not behavioural and values("star") is not None:
        message = (
            f"only behavioural questions take a star: outline; this one is {values('type').value}"
        )
        yield Finding("star", None, codes.STAR_OUTLINE, message)


STAR_FOR_BEHAVIOURAL_ONLY = Rule(
    _star_for_behavioural_only,
    suspects=lambda column: (
        row
        for row, (type_, star) in enumerate(zip(column("type"), column("star")))
        if (type_ == m.QuestionType.BEHAVIOURAL.value) != (star is not None)
    ),
    json_schema={
        "if": {"properties": {"type": {"const": "behavioural"}}, "required": ["type"]},
        "then": {"required": ["star"], "properties": {"star": {"type": "object"}}},
        "else": {"properties": {"star": {"type": "null"}}},
    },
)


def _placeholders_match_text(values: Values) -> Iterator[Finding]:
    subject, body = values("subject"), values("body")
    used = _text.placeholders_in(subject) + _text.placeholders_in(body)
    listed = [placeholder.name for placeholder in values("placeholders")]
    unlisted = sorted(set(used) - set(listed))
    unused = [name for name in listed if name not in used]
    if unlisted:
        message = "placeholders used but not listed under placeholders: " + ", ".join(unlisted)
        yield Finding("body", None, codes.PLACEHOLDER_MISMATCH, message)
    if unused:
        message = "placeholders listed but used in neither subject nor body: " + ", ".join(unused)
        yield Finding("placeholders", None, codes.PLACEHOLDER_MISMATCH, message)
    stray = _text.without_placeholders(subject + body)
    if "{" in stray or "}" in stray:
        message = (
            "a brace that is not part of a {snake_case} placeholder; "
            "remove it or fix the placeholder's name"
        )
        yield Finding("body", None, codes.PLACEHOLDER_MISMATCH, message)


PLACEHOLDERS_MATCH_TEXT = Rule(_placeholders_match_text)


def not_naming_itself(field: str) -> Rule:
    """Return the rule that a record's ``field`` does not name the record itself."""

    def check(values: Values) -> Iterator[Finding]:
        named = values(field)
        listed = isinstance(named, tuple)
        if values("id") in (named if listed else (named,)):
            index = named.index(values("id")) if listed else None
            message = f"{values('id')!r} lists itself as {field}; remove it"
            yield Finding(field, index, codes.SELF_REFERENCE, message)

    def suspects(column: Callable[[str], list[Any]]) -> Iterator[int]:
        for row, (id_, named) in enumerate(zip(column("id"), column(field))):
            if named is not None and id_ in named.split(" "):  # a single id, or ids joined
                yield row

    return Rule(check, suspects=suspects)


# -- shared fields ----------------------------------------------------------------


def id_field(doc: str = "A kebab-case slug, unique among records of this type.") -> Field:
    """Return the ``id`` field every record type has."""
    return Field("id", identifier(), doc, required=True)


def replaces_field(section: str) -> Field:
    """Return the ``replaces`` field: the record of an earlier pack this one stands in for."""
    return Field(
        "replaces",
        reference(section),
        "The id (pack:id) of another pack's record this one replaces; its id must match.",
    )


def stages_field(*, required: bool = True) -> Field:
    """Return the ``stages`` field, faceted by stage."""
    return Field(
        "stages",
        ListOf(reference("stages")),
        "Stage ids, the main one first.",
        required=required,
        facet=STAGE,
    )


def topics_field(*, required: bool = True) -> Field:
    """Return the ``topics`` field, faceted by topic."""
    return Field(
        "topics", ListOf(reference("topics")), "Topic ids.", required=required, facet=TOPIC
    )


def name_field(doc: str = "The display name.") -> Field:
    """Return a required single-line ``name`` field."""
    return Field("name", Text(), doc, required=True)


def prose_field(name: str, doc: str, *, required: bool = True, label: str | None = None) -> Field:
    """Return a field of text that may run over several lines (a detail, a body)."""
    return Field(name, Text(single_line=False), doc, required=required, label=label)


_SITUATIONS = Field(
    "situations",
    ListOf(reference("situations")),
    "Situation ids (graduate, returner...) it is for; none: it applies to everyone.",
    facet=SITUATION,
)
_REGIONS = Field(
    "regions",
    ListOf(reference("regions")),
    "Region ids (ca, uk, us-ny...) where it holds; none: it holds everywhere.",
    facet=REGION,
)
_SOURCES = Field("sources", ListOf(reference("sources")), "Ids of the sources this item drew on.")
_FORMATS = Field(
    "formats",
    ListOf(Choice(m.Format)),
    "Formats it is specific to; none: it holds for every format.",
    facet=FORMAT,
)
_PHASE = Field("phase", Choice(m.Phase), "Before, during or after the conversation.", facet=PHASE)
_ALIASES = Field("aliases", ListOf(Text()), "Other names readers may use.")

# -- the parts of other records ---------------------------------------------------

SOURCE = RecordType(
    "sources",
    m.Source,
    (
        id_field("A kebab-case slug that items cite."),
        Field("title", Text(), "The work's title.", required=True),
        Field("publisher", Text(), "Who published it.", required=True),
        prose_field("used_for", "How the content used it (facts checked, idea drawn on)."),
        Field("url", Text(), "Where it can be read."),
        Field("author", Text(), "Who wrote it."),
        Field("license", Text(), "The work's licence."),
        Field("accessed", Text(), "The date it was read, as YYYY-MM-DD."),
    ),
    "A work the pack credits.",
    singular="source",
    role="part",
    heading="title",
)

STAR = RecordType(
    "star",
    m.StarOutline,
    (
        prose_field("situation", "The context, briefly.", label="Situation"),
        prose_field("task", "What you had to achieve.", label="Task"),
        prose_field("action", "What you yourself did: the heart of the answer.", label="Action"),
        prose_field("result", "The outcome, measured where possible.", label="Result"),
    ),
    "A STAR outline for a behavioural answer.",
    singular="STAR outline",
    role="part",
    heading="situation",
)

# -- the values of facets ---------------------------------------------------------

STAGES = RecordType(
    "stages",
    m.Stage,
    (
        id_field(),
        name_field(),
        Field("order", Integer(), "Its place in the hiring lifecycle.", required=True),
        prose_field("summary", "What happens at this stage."),
        _ALIASES,
        Field("purposes", ListOf(Text(single_line=False)), "Why employers hold this stage."),
        replaces_field("stages"),
    ),
    "A stage of the hiring process.",
    singular="stage",
    role="vocabulary",
)

TOPICS = RecordType(
    "topics",
    m.Topic,
    (
        id_field(),
        name_field(),
        prose_field("summary", "What the topic covers."),
        _ALIASES,
        replaces_field("topics"),
    ),
    "A subject guidance is about.",
    singular="topic",
    role="vocabulary",
)

SITUATIONS = RecordType(
    "situations",
    m.Situation,
    (
        id_field(),
        name_field(),
        prose_field("summary", "Who the situation describes."),
        _ALIASES,
        replaces_field("situations"),
    ),
    "Who the candidate is, where that changes the advice.",
    singular="situation",
    role="vocabulary",
)

REGIONS = RecordType(
    "regions",
    m.Region,
    (
        id_field("A kebab-case slug: an ISO 3166 code, with its subdivision (ca, ca-on)."),
        name_field(),
        prose_field("summary", "What sets the region's rules apart."),
        _ALIASES,
        Field("parent", reference("regions"), "The region this one is part of (ca for ca-on)."),
        replaces_field("regions"),
    ),
    "A jurisdiction whose law or custom changes the advice.",
    singular="region",
    role="vocabulary",
    rules=(not_naming_itself("parent"),),
)

SYNONYMS = RecordType(
    "synonyms",
    m.Synonyms,
    (
        id_field(),
        Field(
            "terms",
            ListOf(Text()),
            "Words and phrases a reader may use; with no means, each stands for the others.",
            required=True,
        ),
        Field(
            "means",
            ListOf(Text()),
            "What the terms stand for in the content; search finds these for the terms, "
            "not the terms for these.",
            label="Means",
        ),
        replaces_field("synonyms"),
    ),
    "Words search takes for one another: a reader's words for what the content says.",
    singular="set of synonyms",
    role="vocabulary",
    heading="terms",
)

# -- guidance ---------------------------------------------------------------------

TIPS = RecordType(
    "tips",
    m.Tip,
    (
        id_field(),
        Field("kind", Choice(m.Kind), "do or dont.", required=True, facet=KIND),
        Field("title", Text(), "A short imperative.", required=True),
        prose_field("detail", "What to do and how, in a few sentences."),
        prose_field("why", "What the interviewer is looking for.", label="Why"),
        stages_field(),
        topics_field(),
        _PHASE,
        _FORMATS,
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        Field("related", ListOf(reference("tips")), "Ids of related tips."),
        replaces_field("tips"),
    ),
    "A do or don't.",
    singular="tip",
    heading="title",
    rules=(not_naming_itself("related"),),
    search={"title": 3.0, "detail": 1.0, "why": 1.0},
    command="list",
)

QUESTIONS = RecordType(
    "questions",
    m.Question,
    (
        id_field(),
        Field("question", Text(), "The question as an interviewer asks it.", required=True),
        Field(
            "type",
            Choice(m.QuestionType),
            "The question's type.",
            required=True,
            facet=QUESTION_TYPE,
        ),
        stages_field(),
        topics_field(),
        prose_field("assesses", "What the answer tells the interviewer.", label="Assesses"),
        prose_field("approach", "How to answer well.", label="Approach"),
        Field(
            "pitfalls",
            ListOf(Text(single_line=False)),
            "Mistakes to avoid.",
            required=True,
            label="Pitfall",
        ),
        Field(
            "star",
            Nested(STAR),
            "For behavioural questions: a STAR outline.",
            label="STAR outline",
        ),
        Field("follow_ups", ListOf(Text()), "Follow-up questions to expect.", label="Follow-up"),
        _FORMATS,
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        replaces_field("questions"),
    ),
    "A question an interviewer may ask.",
    singular="question",
    heading="question",
    rules=(STAR_FOR_BEHAVIOURAL_ONLY,),
    search={"question": 3.0, "assesses": 1.0, "approach": 1.0},
    sort="type",
)

QUESTIONS_TO_ASK = RecordType(
    "questions-to-ask",
    m.QuestionToAsk,
    (
        id_field(),
        Field(
            "kind",
            Choice(m.Kind),
            "do (worth asking) or dont (avoid).",
            required=True,
            facet=KIND,
        ),
        Field("question", Text(), "The question.", required=True),
        Field(
            "audiences",
            ListOf(Choice(m.Audience)),
            "Whom to ask.",
            required=True,
            facet=AUDIENCE,
        ),
        stages_field(),
        topics_field(),
        prose_field("why", "Why to ask it, or why to avoid it.", label="Why"),
        prose_field(
            "instead",
            "For questions to avoid: what to ask instead.",
            required=False,
            label="Instead",
        ),
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        replaces_field("questions-to-ask"),
    ),
    "A question to ask the employer, or one to avoid.",
    singular="question to ask",
    heading="question",
    search={"question": 3.0, "why": 1.0, "instead": 0.5},
)

TEMPLATES = RecordType(
    "templates",
    m.Template,
    (
        id_field(),
        name_field("What the email is."),
        stages_field(),
        topics_field(),
        prose_field("when", "When to send it.", label="When"),
        Field("subject", Text(), "The subject line, with placeholders.", required=True),
        prose_field("body", "The body, with placeholders."),
        Field(
            "placeholders",
            Placeholders(),
            "Each placeholder and what goes in it.",
            required=True,
            label="Placeholders",
        ),
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        replaces_field("templates"),
    ),
    "An email template.",
    singular="template",
    rules=(PLACEHOLDERS_MATCH_TEXT,),
    search={"name": 3.0, "when": 1.0, "subject": 1.0, "body": 0.5},
)

CHECKLISTS = RecordType(
    "checklists",
    m.Checklist,
    (
        id_field(),
        name_field("The checklist's name."),
        stages_field(),
        Field("items", ListOf(Text()), "Short imperative items.", required=True),
        prose_field("summary", "When to use it.", required=False),
        topics_field(required=False),
        _PHASE,
        _FORMATS,
        _SITUATIONS,
        _REGIONS,
        _SOURCES,
        replaces_field("checklists"),
    ),
    "A short list for one moment.",
    singular="checklist",
    search={"name": 3.0, "summary": 1.0, "items": 1.0},
)

#: The record types of guidance, in the order the API lists them.
GUIDANCE = (TIPS, QUESTIONS, QUESTIONS_TO_ASK, TEMPLATES, CHECKLISTS)
#: The record types of the words guidance is described and found by: the values of
#: facets, then the synonyms search uses.
VOCABULARIES = (STAGES, TOPICS, SITUATIONS, REGIONS, SYNONYMS)

# -- the manifest -----------------------------------------------------------------

PACK = RecordType(
    "pack",
    m.Pack,
    (
        id_field("The pack's id, such as core or acme."),
        Field("name", Text(), "The pack's name.", required=True),
        Field("version", Text(), "The content's version.", required=True),
        Field(
            "schema_version",
            Integer(),
            "The schema version the pack is written to.",
            required=True,
        ),
        Field(
            "language",
            Text(),
            "The content's language, as a BCP 47 tag (en, fr-CA).",
            required=True,
        ),
        Field("license", Text(), "The content's licence, as an SPDX id.", required=True),
        prose_field("description", "What the pack holds.", required=False),
        Field("sources", Nested(SOURCE, many=True), "The works the pack credits."),
        Field(
            "hides",
            Hides([record_type.section for record_type in GUIDANCE]),
            "Records of packs loaded before this one to leave out, by section (tips: [core:id]).",
        ),
    ),
    "The manifest in a pack's pack.yaml.",
    singular="pack",
    role="part",
)

#: The record sections a content file may hold, in the order they are read and merged.
SECTIONS: dict[str, RecordType] = {
    record_type.section: record_type for record_type in (*VOCABULARIES, *GUIDANCE)
}
#: The record types of guidance, by the name the API and the command line use.
RECORD_TYPES: dict[str, RecordType] = {record_type.name: record_type for record_type in GUIDANCE}
#: Every facet of guidance, by name, in the order the record types first use them.
FACETS: dict[str, Facet] = {
    name: field.facet
    for record_type in GUIDANCE
    for name, field in record_type.facets.items()
    if field.facet is not None
}


def record_type_of(record: object) -> RecordType:
    """Return the declaration of a record's type (a tip's is `TIPS`).

    Raises:
        TypeError: The object is not a record of a declared type.
    """
    for record_type in (*SECTIONS.values(), PACK):
        if type(record) is record_type.model:
            return record_type
    raise TypeError(f"{type(record).__name__} is not a record of a declared type")
