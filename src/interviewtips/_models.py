"""The frozen records that make up a catalog, and the fixed vocabularies they use."""

from __future__ import annotations

import enum
import re

import attrs

from . import _text
from ._model_methods import record_eq, record_hash, record_repr
from .exceptions import TemplateError


class Vocabulary(str, enum.Enum):
    """A fixed vocabulary whose values are the ids written in content files: kinds, formats..."""

    label: str

    def __new__(cls, value: str, label: str) -> Vocabulary:  # noqa: PYI034 - enum protocol
        """Create a member from its id and its display label."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __str__(self) -> str:
        """Return the id, the same on every Python version."""
        return str(self.value)


class Kind(Vocabulary):
    """Whether a piece of guidance says to do something or not to."""

    DO = ("do", "Do")
    DONT = ("dont", "Don't")


class Phase(Vocabulary):
    """When, relative to the conversation itself, guidance applies."""

    BEFORE = ("before", "Before")
    DURING = ("during", "During")
    AFTER = ("after", "After")


class Format(Vocabulary):
    """How the conversation happens."""

    IN_PERSON = ("in-person", "In person")
    PHONE = ("phone", "Phone")
    VIDEO = ("video", "Video")
    ASYNC_VIDEO = ("async-video", "Recorded video")
    PANEL = ("panel", "Panel")
    GROUP = ("group", "Group")
    MEAL = ("meal", "Meal")


class QuestionType(Vocabulary):
    """The kind of question an interviewer asks."""

    BEHAVIOURAL = ("behavioural", "Behavioural")
    SITUATIONAL = ("situational", "Situational")
    TRADITIONAL = ("traditional", "Traditional")
    TECHNICAL = ("technical", "Technical")
    CASE = ("case", "Case")
    MOTIVATIONAL = ("motivational", "Motivational")
    IMPROPER = ("improper", "Improper (should not be asked)")


class Audience(Vocabulary):
    """Who, on the employer's side, a question to ask suits."""

    RECRUITER = ("recruiter", "Recruiter")
    HIRING_MANAGER = ("hiring-manager", "Hiring manager")
    TEAM = ("team", "Team")
    EXECUTIVE = ("executive", "Executive")


@attrs.frozen
class Source:
    """A work the content drew on, credited in a pack's manifest."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    title: str
    publisher: str
    used_for: str
    url: str | None = None
    author: str | None = None
    license: str | None = None
    accessed: str | None = None


@attrs.frozen
class Hidden:
    """A record of an earlier pack that a pack leaves out of the catalog."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    section: str
    id: str


@attrs.frozen
class Pack:
    """A pack's manifest: who wrote the content, under which licence, from which sources."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    name: str
    version: str
    schema_version: int
    language: str
    license: str
    description: str | None = None
    sources: tuple[Source, ...] = ()
    hides: tuple[Hidden, ...] = ()


@attrs.frozen
class Stage:
    """A step of the hiring process, from preparation to the offer or the rejection."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    name: str
    order: int
    summary: str
    aliases: tuple[str, ...] = ()
    purposes: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Topic:
    """A subject that guidance is about, across stages."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Situation:
    """Who the candidate is, where that changes the advice: a graduate, a returner..."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Region:
    """A jurisdiction whose law or custom changes the advice: a country or a part of one."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Synonyms:
    """Words and phrases that search takes for one another, or for what the content says.

    With ``means`` empty, every term stands for every other (résumé, resume, CV); with
    ``means``, each term also finds what ``means`` names, but not the other way round
    (zoom and skype find video; video does not find zoom).
    """

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    terms: tuple[str, ...]
    means: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Tip:
    """One piece of do or don't guidance."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    kind: Kind
    title: str
    detail: str
    why: str
    stages: tuple[str, ...]
    topics: tuple[str, ...]
    phase: Phase | None = None
    formats: tuple[Format, ...] = ()
    situations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class StarOutline:
    """A sketch of a behavioural answer: situation, task, your action, the result."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    situation: str
    task: str
    action: str
    result: str


@attrs.frozen
class Question:
    """A question an interviewer may ask, with how to answer it."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    question: str
    type: QuestionType
    stages: tuple[str, ...]
    topics: tuple[str, ...]
    assesses: str
    approach: str
    pitfalls: tuple[str, ...]
    star: StarOutline | None = None
    follow_ups: tuple[str, ...] = ()
    formats: tuple[Format, ...] = ()
    situations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class QuestionToAsk:
    """A question for the candidate to ask the employer (kind do), or to avoid (dont)."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    kind: Kind
    question: str
    audiences: tuple[Audience, ...]
    stages: tuple[str, ...]
    topics: tuple[str, ...]
    why: str
    instead: str | None = None
    situations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Placeholder:
    """A named gap in a template, with what to fill it with."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    name: str
    description: str


@attrs.frozen
class Template:
    """An email to adapt, with named placeholders."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    name: str
    stages: tuple[str, ...]
    topics: tuple[str, ...]
    when: str
    subject: str
    body: str
    placeholders: tuple[Placeholder, ...]
    situations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"

    def render(self, /, **values: str) -> str:
        """Fill the placeholders and return the email as text, subject line first.

        Every placeholder a template can declare is fillable by keyword, ``self``
        included: ``self`` is positional-only.

        Raises:
            TemplateError: A placeholder has no value, or a value names no placeholder.
        """
        return f"Subject: {self.render_subject(**values)}\n\n{self.render_body(**values)}"

    def render_subject(self, /, **values: str) -> str:
        """Return the subject line with its placeholders filled."""
        return self._fill(self.subject, values)

    def render_body(self, /, **values: str) -> str:
        """Return the body with its placeholders filled."""
        return self._fill(self.body, values)

    def _fill(self, text: str, values: dict[str, str]) -> str:
        names = [placeholder.name for placeholder in self.placeholders]
        missing = [name for name in names if name not in values]
        unknown = sorted(set(values) - set(names))
        if missing or unknown:
            raise TemplateError(self.id, missing, unknown)
        return re.sub(_text.PLACEHOLDER, lambda match: str(values[match.group(1)]), text)


@attrs.frozen
class Checklist:
    """A short list of things to do at one moment."""

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    id: str
    name: str
    stages: tuple[str, ...]
    items: tuple[str, ...]
    summary: str | None = None
    topics: tuple[str, ...] = ()
    phase: Phase | None = None
    formats: tuple[Format, ...] = ()
    situations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Guide:
    """Everything for one situation, such as a second interview on a panel, in one object.

    Each tuple holds the records of one type of guidance that apply to the situation: those
    tagged with it and those that hold for any value of what they are not tagged with (a
    tip for every format holds on a panel). See `Catalog.guide` for the order.

    Attributes:
        stage: The stage of the hiring process.
        format: The interview's format, if one was given.
        phase: Before, during or after, if one was given.
        filters: The other facets asked for, each with the ids it names.
    """

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    stage: Stage
    format: Format | None
    phase: Phase | None
    filters: tuple[tuple[str, tuple[str, ...]], ...]
    tips: tuple[Tip, ...]
    questions: tuple[Question, ...]
    questions_to_ask: tuple[QuestionToAsk, ...]
    templates: tuple[Template, ...]
    checklists: tuple[Checklist, ...]
