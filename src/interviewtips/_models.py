"""The frozen records that make up a catalog, and the fixed vocabularies they use."""

from __future__ import annotations

import enum
import re

import attrs

from . import _methods
from .exceptions import TemplateError


class _Choice(str, enum.Enum):
    """A fixed vocabulary whose values are the ids written in content files."""

    label: str

    def __new__(cls, value: str, label: str) -> _Choice:  # noqa: PYI034 - enum protocol
        """Create a member from its id and its display label."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    def __str__(self) -> str:
        """Return the id, the same on every Python version."""
        return str(self.value)


class Kind(_Choice):
    """Whether a piece of guidance says to do something or not to."""

    DO = ("do", "Do")
    DONT = ("dont", "Don't")


class Phase(_Choice):
    """When, relative to the conversation itself, guidance applies."""

    BEFORE = ("before", "Before")
    DURING = ("during", "During")
    AFTER = ("after", "After")


class Format(_Choice):
    """How the conversation happens."""

    IN_PERSON = ("in-person", "In person")
    PHONE = ("phone", "Phone")
    VIDEO = ("video", "Video")
    ASYNC_VIDEO = ("async-video", "Recorded video")
    PANEL = ("panel", "Panel")
    GROUP = ("group", "Group")
    MEAL = ("meal", "Meal")


class QuestionType(_Choice):
    """The kind of question an interviewer asks."""

    BEHAVIOURAL = ("behavioural", "Behavioural")
    SITUATIONAL = ("situational", "Situational")
    TRADITIONAL = ("traditional", "Traditional")
    TECHNICAL = ("technical", "Technical")
    CASE = ("case", "Case")
    MOTIVATIONAL = ("motivational", "Motivational")
    IMPROPER = ("improper", "Improper (should not be asked)")


class Audience(_Choice):
    """Who, on the employer's side, a question to ask suits."""

    RECRUITER = ("recruiter", "Recruiter")
    HIRING_MANAGER = ("hiring-manager", "Hiring manager")
    TEAM = ("team", "Team")
    EXECUTIVE = ("executive", "Executive")


#: Other names a reader may use for a vocabulary's members, beside id and label.
CHOICE_ALIASES: dict[_Choice, tuple[str, ...]] = {
    Kind.DO: ("dos", "do's", "yes"),
    Kind.DONT: ("don't", "do not", "donts", "don'ts", "avoid", "no"),
    Format.IN_PERSON: ("onsite", "on-site", "face to face", "face-to-face"),
    Format.PHONE: ("telephone", "call"),
    Format.VIDEO: ("video call", "remote", "online"),
    Format.ASYNC_VIDEO: ("async", "recorded", "one-way video"),
    Format.MEAL: ("lunch", "dinner"),
    QuestionType.BEHAVIOURAL: ("behavioral",),
    QuestionType.SITUATIONAL: ("hypothetical",),
    QuestionType.IMPROPER: ("illegal", "unlawful", "inappropriate"),
    Audience.HIRING_MANAGER: ("manager",),
    Audience.TEAM: ("peers", "team member"),
    Audience.EXECUTIVE: ("leadership", "senior leader"),
}


@attrs.frozen
class Source:
    """A work the content drew on, credited in a pack's manifest."""

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

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

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

    section: str
    id: str


@attrs.frozen
class Pack:
    """A pack's manifest: who wrote the content, under which licence, from which sources."""

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

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

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

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

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Situation:
    """Who the candidate is, where that changes the advice: a graduate, a returner..."""

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Region:
    """A jurisdiction whose law or custom changes the advice: a country or a part of one."""

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

    id: str
    name: str
    summary: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    replaces: str | None = None
    pack: str = "core"


@attrs.frozen
class Tip:
    """One piece of do or don't guidance."""

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

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

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

    situation: str
    task: str
    action: str
    result: str


@attrs.frozen
class Question:
    """A question an interviewer may ask, with how to answer it."""

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

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

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

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


#: A placeholder in a template's subject or body: ``{snake_case_name}``.
PLACEHOLDER = r"\{([a-z][a-z0-9_]*)\}"  # compiled by re on first use


@attrs.frozen
class Placeholder:
    """A named gap in a template, with what to fill it with."""

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

    name: str
    description: str


@attrs.frozen
class Template:
    """An email to adapt, with named placeholders."""

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

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
        return re.sub(PLACEHOLDER, lambda match: str(values[match.group(1)]), text)


@attrs.frozen
class Checklist:
    """A short list of things to do at one moment."""

    __repr__, __eq__, __hash__ = _methods.record_repr, _methods.record_eq, _methods.record_hash

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
