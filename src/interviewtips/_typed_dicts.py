"""TypedDicts of what `to_dict` gives, one a record type: for type checkers and web frameworks.

`interviewtips.to_dict` and `Catalog.to_dict` return these, so a type checker knows each
key, and a framework that reads type hints (FastAPI, pydantic) can use them as response
models: its OpenAPI page then lists every field, with each key's docstring below as its
description. They are written out because a type checker needs them spelt out; a test
checks that their keys, types and docstrings are the registry's (`_record_types`).

Annotations use ``Optional`` and no ``from __future__ import annotations``: pydantic
evaluates them at run time, on Python 3.9 too. Before Python 3.12, pydantic needs
``typing_extensions.TypedDict``.
"""

import sys
from typing import Literal, Optional, TypeVar

if sys.version_info >= (3, 12):
    from typing import TypedDict
else:
    from typing_extensions import TypedDict

_T = TypeVar("_T")

#: The ids of the Kind members.
KindId = Literal["do", "dont"]
#: The ids of the Phase members.
PhaseId = Literal["before", "during", "after"]
#: The ids of the Format members.
FormatId = Literal["in-person", "phone", "video", "async-video", "panel", "group", "meal"]
#: The ids of the Audience members.
AudienceId = Literal["recruiter", "hiring-manager", "team", "executive"]
#: The sections a pack's hides may name.
HiddenSection = Literal["tips", "questions", "questions_to_ask", "templates", "checklists"]
#: The ids of the QuestionType members.
QuestionTypeId = Literal[
    "behavioural", "situational", "traditional", "technical", "case", "motivational", "improper"
]


def _described(cls: type[_T]) -> type[_T]:
    """Let pydantic take each key's docstring as the field's description."""
    cls.__pydantic_config__ = {"use_attribute_docstrings": True}  # type: ignore[attr-defined]
    return cls


@_described
class PlaceholderDict(TypedDict):
    """A named gap in a template, with what to fill it with."""

    name: str
    """The placeholder's snake_case name, written {name} in the subject and body."""
    description: str
    """What goes in it."""


@_described
class HiddenDict(TypedDict):
    """A record of an earlier pack that a pack leaves out of the catalog."""

    section: HiddenSection
    """The record's section."""
    id: str
    """The record's id, or pack:id."""


@_described
class SourceDict(TypedDict):
    """A work the content drew on, credited in a pack's manifest."""

    id: str
    """A kebab-case slug that items cite."""
    title: str
    """The work's title."""
    publisher: str
    """Who published it."""
    used_for: str
    """How the content used it (facts checked, idea drawn on)."""
    url: Optional[str]
    """Where it can be read."""
    author: Optional[str]
    """Who wrote it."""
    license: Optional[str]
    """The work's licence."""
    accessed: Optional[str]
    """The date it was read, as YYYY-MM-DD."""


@_described
class StarOutlineDict(TypedDict):
    """A sketch of a behavioural answer: situation, task, your action, the result."""

    situation: str
    """The context, briefly."""
    task: str
    """What you had to achieve."""
    action: str
    """What you yourself did: the heart of the answer."""
    result: str
    """The outcome, measured where possible."""


@_described
class PackDict(TypedDict):
    """A pack's manifest: who wrote the content, under which licence, from which sources."""

    id: str
    """The pack's id, such as core or acme."""
    name: str
    """The pack's name."""
    version: str
    """The content's version."""
    schema_version: int
    """The schema version the pack is written to."""
    language: str
    """The content's language, as a BCP 47 tag (en, fr-CA)."""
    license: str
    """The content's licence, as an SPDX id."""
    description: Optional[str]
    """What the pack holds."""
    sources: list[SourceDict]
    """The works the pack credits."""
    hides: list[HiddenDict]
    """Records of packs loaded before this one to leave out, by section (tips: [core:id])."""


@_described
class StageDict(TypedDict):
    """A step of the hiring process, from preparation to the offer or the rejection."""

    id: str
    """A kebab-case slug, unique among records of this type."""
    name: str
    """The display name."""
    order: int
    """Its place in the hiring lifecycle."""
    summary: str
    """What happens at this stage."""
    aliases: list[str]
    """Other names readers may use."""
    purposes: list[str]
    """Why employers hold this stage."""
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class TopicDict(TypedDict):
    """A subject that guidance is about, across stages."""

    id: str
    """A kebab-case slug, unique among records of this type."""
    name: str
    """The display name."""
    summary: str
    """What the topic covers."""
    aliases: list[str]
    """Other names readers may use."""
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class SituationDict(TypedDict):
    """Who the candidate is, where that changes the advice: a graduate, a returner..."""

    id: str
    """A kebab-case slug, unique among records of this type."""
    name: str
    """The display name."""
    summary: str
    """Who the situation describes."""
    aliases: list[str]
    """Other names readers may use."""
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class RegionDict(TypedDict):
    """A jurisdiction whose law or custom changes the advice: a country or a part of one."""

    id: str
    """A kebab-case slug: an ISO 3166 code, with its subdivision (ca, ca-on)."""
    name: str
    """The display name."""
    summary: str
    """What sets the region's rules apart."""
    aliases: list[str]
    """Other names readers may use."""
    parent: Optional[str]
    """The region this one is part of (ca for ca-on)."""
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class SynonymsDict(TypedDict):
    """Words and phrases that search takes for one another, or for what the content says."""

    id: str
    """A kebab-case slug, unique among records of this type."""
    terms: list[str]
    """Words and phrases a reader may use; with no means, each stands for the others."""
    means: list[str]
    """What the terms stand for in the content; search finds these for the terms, not the terms for these."""  # noqa: E501 - the registry's doc, as pydantic reads it
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class TipDict(TypedDict):
    """One piece of do or don't guidance."""

    id: str
    """A kebab-case slug, unique among records of this type."""
    kind: KindId
    """do or dont."""
    title: str
    """A short imperative."""
    detail: str
    """What to do and how, in a few sentences."""
    why: str
    """What the interviewer is looking for."""
    stages: list[str]
    """Stage ids, the main one first."""
    topics: list[str]
    """Topic ids."""
    phase: Optional[PhaseId]
    """Before, during or after the conversation."""
    formats: list[FormatId]
    """Formats it is specific to; none: it holds for every format."""
    situations: list[str]
    """Situation ids (graduate, returner...) it is for; none: it applies to everyone."""
    regions: list[str]
    """Region ids (ca, uk, us-ny...) where it holds; none: it holds everywhere."""
    sources: list[str]
    """Ids of the sources this item drew on."""
    related: list[str]
    """Ids of related tips."""
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class QuestionDict(TypedDict):
    """A question an interviewer may ask, with how to answer it."""

    id: str
    """A kebab-case slug, unique among records of this type."""
    question: str
    """The question as an interviewer asks it."""
    type: QuestionTypeId
    """The question's type."""
    stages: list[str]
    """Stage ids, the main one first."""
    topics: list[str]
    """Topic ids."""
    assesses: str
    """What the answer tells the interviewer."""
    approach: str
    """How to answer well."""
    pitfalls: list[str]
    """Mistakes to avoid."""
    star: Optional[StarOutlineDict]
    """For behavioural questions: a STAR outline."""
    follow_ups: list[str]
    """Follow-up questions to expect."""
    formats: list[FormatId]
    """Formats it is specific to; none: it holds for every format."""
    situations: list[str]
    """Situation ids (graduate, returner...) it is for; none: it applies to everyone."""
    regions: list[str]
    """Region ids (ca, uk, us-ny...) where it holds; none: it holds everywhere."""
    sources: list[str]
    """Ids of the sources this item drew on."""
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class QuestionToAskDict(TypedDict):
    """A question for the candidate to ask the employer (kind do), or to avoid (dont)."""

    id: str
    """A kebab-case slug, unique among records of this type."""
    kind: KindId
    """do (worth asking) or dont (avoid)."""
    question: str
    """The question."""
    audiences: list[AudienceId]
    """Whom to ask."""
    stages: list[str]
    """Stage ids, the main one first."""
    topics: list[str]
    """Topic ids."""
    why: str
    """Why to ask it, or why to avoid it."""
    instead: Optional[str]
    """For questions to avoid: what to ask instead."""
    situations: list[str]
    """Situation ids (graduate, returner...) it is for; none: it applies to everyone."""
    regions: list[str]
    """Region ids (ca, uk, us-ny...) where it holds; none: it holds everywhere."""
    sources: list[str]
    """Ids of the sources this item drew on."""
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class TemplateDict(TypedDict):
    """An email to adapt, with named placeholders."""

    id: str
    """A kebab-case slug, unique among records of this type."""
    name: str
    """What the email is."""
    stages: list[str]
    """Stage ids, the main one first."""
    topics: list[str]
    """Topic ids."""
    when: str
    """When to send it."""
    subject: str
    """The subject line, with placeholders."""
    body: str
    """The body, with placeholders."""
    placeholders: list[PlaceholderDict]
    """Each placeholder and what goes in it."""
    situations: list[str]
    """Situation ids (graduate, returner...) it is for; none: it applies to everyone."""
    regions: list[str]
    """Region ids (ca, uk, us-ny...) where it holds; none: it holds everywhere."""
    sources: list[str]
    """Ids of the sources this item drew on."""
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class ChecklistDict(TypedDict):
    """A short list of things to do at one moment."""

    id: str
    """A kebab-case slug, unique among records of this type."""
    name: str
    """The checklist's name."""
    stages: list[str]
    """Stage ids, the main one first."""
    items: list[str]
    """Short imperative items."""
    summary: Optional[str]
    """When to use it."""
    topics: list[str]
    """Topic ids."""
    phase: Optional[PhaseId]
    """Before, during or after the conversation."""
    formats: list[FormatId]
    """Formats it is specific to; none: it holds for every format."""
    situations: list[str]
    """Situation ids (graduate, returner...) it is for; none: it applies to everyone."""
    regions: list[str]
    """Region ids (ca, uk, us-ny...) where it holds; none: it holds everywhere."""
    sources: list[str]
    """Ids of the sources this item drew on."""
    replaces: Optional[str]
    """The id (pack:id) of another pack's record this one replaces; its id must match."""
    pack: str
    """The id of the pack that defines it."""


@_described
class CatalogDict(TypedDict):
    """A whole catalog as `Catalog.to_dict` gives it: the packs, then each section's records."""

    packs: list[PackDict]
    """The loaded packs' manifests, in load order."""
    stages: list[StageDict]
    """Every stage, in lifecycle order."""
    topics: list[TopicDict]
    """Every topic."""
    situations: list[SituationDict]
    """Every situation."""
    regions: list[RegionDict]
    """Every region."""
    synonyms: list[SynonymsDict]
    """Every set of synonyms search uses."""
    tips: list[TipDict]
    """Every tip, in canonical order."""
    questions: list[QuestionDict]
    """Every interviewer question, in canonical order."""
    questions_to_ask: list[QuestionToAskDict]
    """Every question to ask the employer, in canonical order."""
    templates: list[TemplateDict]
    """Every email template, in canonical order."""
    checklists: list[ChecklistDict]
    """Every checklist, in canonical order."""
