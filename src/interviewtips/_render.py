"""Records to text, Markdown or JSON, for people and for other programs.

Two registries: output formats (one function that turns a list of records into the
whole output, such as JSON) and record renderers keyed by format and record type.
The text and Markdown formats render each record with its registered renderer, or,
for a record type that has none, with one derived from its declaration. A new output
format is one function and one `output_format` registration; a record type's own look
in a format is one function and one `renders` registration.
"""

from __future__ import annotations

import json
import re
import textwrap
from typing import TYPE_CHECKING, Any, Callable

from ._models import (
    Checklist,
    Guide,
    Question,
    QuestionToAsk,
    Stage,
    Synonyms,
    Template,
    Tip,
    Topic,
)
from ._plain_data import to_dict
from ._record_types import FACETS, GUIDANCE, record_type_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from ._catalog import Catalog
    from ._registry import Field, RecordType

_WIDTH = 88

#: A record renderer: one record, with the names of what it refers to, as text.
RecordRenderer = Callable[[Any, "Names"], str]
#: An output format: every record given, with the names, as the whole output.
OutputFormat = Callable[["Sequence[Any]", "Names"], str]

_OUTPUT_FORMATS: dict[str, OutputFormat] = {}
_RENDERERS: dict[tuple[str, type], RecordRenderer] = {}


def output_format(name: str) -> Callable[[OutputFormat], OutputFormat]:
    """Register an output format under ``name``."""

    def register(function: OutputFormat) -> OutputFormat:
        _OUTPUT_FORMATS[name] = function
        return function

    return register


def renders(fmt: str, model: type) -> Callable[[RecordRenderer], RecordRenderer]:
    """Register how records of ``model`` look in the format ``fmt``."""

    def register(function: RecordRenderer) -> RecordRenderer:
        _RENDERERS[fmt, model] = function
        return function

    return register


def formats() -> tuple[str, ...]:
    """Return the names of the output formats, in the order registered."""
    return tuple(_OUTPUT_FORMATS)


def render(catalog: Catalog | None, records: Iterable[Any], fmt: str) -> str:
    """Render records (of any type) in one of `formats`.

    ``catalog`` gives the display names of the stages and topics records name; without
    one, their ids are shown.

    Raises:
        ValueError: ``fmt`` is not one of `formats`.
    """
    output = _OUTPUT_FORMATS.get(fmt)
    if output is None:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(_OUTPUT_FORMATS)}")
    return output(list(records), Names(catalog))


class Names:
    """Display names of the stages, topics and other values records name by id."""

    def __init__(self, catalog: Catalog | None) -> None:
        self.catalog = catalog

    def of(self, section: str, ids: Iterable[str]) -> str:
        """Return the names of the ids of a section's records, comma-separated."""
        catalog = self.catalog
        if catalog is None:
            return ", ".join(ids)
        return ", ".join(getattr(catalog.get(i, record=section), "name", i) for i in ids)

    def stages(self, ids: Iterable[str]) -> str:
        """Return the names of stages."""
        return self.of("stages", ids)

    def topics(self, ids: Iterable[str]) -> str:
        """Return the names of topics."""
        return self.of("topics", ids)


# -- output formats ---------------------------------------------------------------


@output_format("text")
def _text(records: Sequence[Any], names: Names) -> str:
    return "\n\n".join(_record("text", record, names) for record in records)


@output_format("markdown")
def _markdown(records: Sequence[Any], names: Names) -> str:
    return "\n\n".join(_record("markdown", record, names) for record in records)


@output_format("json")
def _json(records: Sequence[Any], names: Names) -> str:
    del names
    return json.dumps([to_dict(record) for record in records], indent=2, ensure_ascii=False)


def _record(fmt: str, record: Any, names: Names) -> str:
    """Render one record with its registered renderer, or the one its declaration gives."""
    renderer = _RENDERERS.get((fmt, type(record)))
    if renderer is not None:
        return renderer(record, names)
    record_type = record_type_of(record)
    derived = _derived_markdown if fmt == "markdown" else _derived_text
    return derived(record_type, record, names)


# -- shared pieces ----------------------------------------------------------------


def wrap(text: str, indent: str = "    ", width: int = _WIDTH) -> str:
    """Wrap a paragraph for a terminal, keeping words whole."""
    return textwrap.fill(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")


def md(text: str) -> str:
    """Escape text for Markdown, so no content becomes markup or inline HTML."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def fence(text: str, info: str = "text") -> str:
    """Return ``text`` in a code fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{info}\n{text}\n{marks}"


def where(record: Any, names: Names) -> str:
    """Return where a record applies: the values of its summarised facets (stages, topics...)."""
    record_type = record_type_of(record)
    parts = []
    for field in record_type.facets.values():
        value = getattr(record, field.name)
        if field.facet is not None and field.facet.summarised and value not in (None, ()):
            parts.append(_shown(field, value, names))
    return " · ".join(parts)


def _shown(field: Field, value: Any, names: Names) -> str:
    """Return a field's value as a reader sees it: names for ids, labels for choices."""
    if field.refers_to is not None and isinstance(value, tuple):
        return names.of(field.refers_to, value)
    shown = field.shape.display(value)
    return shown.lower() if field.facet is not None else shown


# -- renderers derived from a declaration -----------------------------------------


def _labelled(record_type: RecordType, record: Any, names: Names) -> Iterator[tuple[str, str]]:
    """Yield each field shown below a record's heading, with its label."""
    for field in record_type.fields:
        value = getattr(record, field.name)
        if field.name not in ("id", record_type.heading) and value not in (None, ()):
            label = field.label or field.name.replace("_", " ").capitalize()
            yield label, _shown(field, value, names)


def _derived_text(record_type: RecordType, record: Any, names: Names) -> str:
    heading = getattr(record, record_type.heading)
    lines = [f"{heading}  ({record.id})" if hasattr(record, "id") else str(heading)]
    lines += [wrap(f"{label}: {shown}") for label, shown in _labelled(record_type, record, names)]
    return "\n".join(lines)


def _derived_markdown(record_type: RecordType, record: Any, names: Names) -> str:
    parts = [f"### {md(str(getattr(record, record_type.heading)))}"]
    parts += [
        f"**{md(label)}:** {md(shown)}" for label, shown in _labelled(record_type, record, names)
    ]
    if hasattr(record, "id"):
        parts.append(f"`{record.id}`")
    return "\n\n".join(parts)


# -- each record type's own look --------------------------------------------------


@renders("text", Tip)
def _tip_text(tip: Tip, names: Names) -> str:
    return "\n".join(
        (
            f"[{tip.kind.label.upper()}] {tip.title}  ({tip.id})",
            wrap(where(tip, names)),
            wrap(tip.detail),
            wrap("Why: " + tip.why),
        )
    )


@renders("markdown", Tip)
def _tip_markdown(tip: Tip, names: Names) -> str:
    return (
        f"### {tip.kind.label}: {md(tip.title)}\n\n{md(tip.detail)}\n\n**Why:** {md(tip.why)}\n\n"
        f"*{md(where(tip, names))}* · `{tip.id}`"
    )


_STAR = ("situation", "task", "action", "result")


@renders("text", Question)
def _question_text(question: Question, names: Names) -> str:
    lines = [
        f"[{question.type.label.upper()}] {question.question}  ({question.id})",
        wrap(where(question, names)),
        wrap("Assesses: " + question.assesses),
        wrap("Approach: " + question.approach),
        *(wrap("Pitfall: " + pitfall) for pitfall in question.pitfalls),
    ]
    if question.star is not None:
        lines += [wrap(f"{part.title()}: {getattr(question.star, part)}") for part in _STAR]
    lines += [wrap("Follow-up: " + follow_up) for follow_up in question.follow_ups]
    return "\n".join(lines)


@renders("markdown", Question)
def _question_markdown(question: Question, names: Names) -> str:
    parts = [
        f"### {md(question.question)}",
        f"*{md(question.type.label)} · {md(where(question, names))}* · `{question.id}`",
        f"**Assesses:** {md(question.assesses)}",
        f"**Approach:** {md(question.approach)}",
        "**Pitfalls:**\n\n" + "\n".join(f"- {md(pitfall)}" for pitfall in question.pitfalls),
    ]
    if question.star is not None:
        star = "\n".join(f"- **{p.title()}:** {md(getattr(question.star, p))}" for p in _STAR)
        parts.append("**STAR outline:**\n\n" + star)
    if question.follow_ups:
        follow_ups = "\n".join(f"- {md(f)}" for f in question.follow_ups)
        parts.append("**Follow-ups:**\n\n" + follow_ups)
    return "\n\n".join(parts)


def _ask_label(question: QuestionToAsk) -> str:
    return "Ask" if question.kind.value == "do" else "Avoid"


@renders("text", QuestionToAsk)
def _ask_text(question: QuestionToAsk, names: Names) -> str:
    audiences = ", ".join(audience.label.lower() for audience in question.audiences)
    lines = [
        f"[{_ask_label(question).upper()}] {question.question}  ({question.id})",
        wrap(f"{where(question, names)} · ask: {audiences}"),
        wrap("Why: " + question.why),
    ]
    if question.instead:
        lines.append(wrap("Instead: " + question.instead))
    return "\n".join(lines)


@renders("markdown", QuestionToAsk)
def _ask_markdown(question: QuestionToAsk, names: Names) -> str:
    audiences = ", ".join(audience.label.lower() for audience in question.audiences)
    text = (
        f"### {_ask_label(question)}: {md(question.question)}\n\n{md(question.why)}\n\n"
        f"*{md(where(question, names))} · for: {audiences}* · `{question.id}`"
    )
    if question.instead:
        text += f"\n\n**Instead:** {md(question.instead)}"
    return text


@renders("text", Template)
def _template_text(template: Template, names: Names) -> str:
    placeholders = "\n".join(wrap(f"{{{p.name}}}: {p.description}") for p in template.placeholders)
    return (
        f"{template.name}  ({template.id})\n{wrap(where(template, names))}\n"
        f"{wrap('When: ' + template.when)}\n\nSubject: {template.subject}\n\n{template.body}\n\n"
        f"Placeholders:\n{placeholders}"
    )


@renders("markdown", Template)
def _template_markdown(template: Template, names: Names) -> str:
    placeholders = "\n".join(
        f"- `{{{p.name}}}`: {md(p.description)}" for p in template.placeholders
    )
    return (
        f"### {md(template.name)}\n\n*{md(where(template, names))}* · `{template.id}`\n\n"
        f"**When:** {md(template.when)}\n\n**Subject:** {md(template.subject)}\n\n"
        f"{fence(template.body)}\n\n**Placeholders:**\n\n{placeholders}"
    )


@renders("text", Checklist)
def _checklist_text(checklist: Checklist, names: Names) -> str:
    lines = [f"{checklist.name}  ({checklist.id})", wrap(where(checklist, names))]
    if checklist.summary:
        lines.append(wrap(checklist.summary))
    lines += [wrap("[ ] " + item) for item in checklist.items]
    return "\n".join(lines)


@renders("markdown", Checklist)
def _checklist_markdown(checklist: Checklist, names: Names) -> str:
    summary = f"{md(checklist.summary)}\n\n" if checklist.summary else ""
    items = "\n".join(f"- [ ] {md(item)}" for item in checklist.items)
    return (
        f"### {md(checklist.name)}\n\n{summary}*{md(where(checklist, names))}* · "
        f"`{checklist.id}`\n\n{items}"
    )


@renders("text", Stage)
def _stage_text(stage: Stage, _: Names) -> str:
    lines = [f"{stage.order:>2}. {stage.name}  ({stage.id})", wrap(stage.summary)]
    lines += [wrap("- " + purpose) for purpose in stage.purposes]
    return "\n".join(lines)


@renders("markdown", Stage)
def _stage_markdown(stage: Stage, _: Names) -> str:
    purposes = "".join(f"\n- {md(purpose)}" for purpose in stage.purposes)
    why = f"\n\nWhy employers hold it:\n{purposes}" if purposes else ""
    return f"### {stage.order}. {md(stage.name)}\n\n{md(stage.summary)} · `{stage.id}`{why}"


@renders("text", Topic)
def _topic_text(topic: Topic, _: Names) -> str:
    return f"{topic.name}  ({topic.id})\n{wrap(topic.summary)}"


@renders("markdown", Topic)
def _topic_markdown(topic: Topic, _: Names) -> str:
    return f"### {md(topic.name)}\n\n{md(topic.summary)} · `{topic.id}`"


@renders("text", Synonyms)
def _synonyms_text(synonyms: Synonyms, _: Names) -> str:
    means = f" -> {', '.join(synonyms.means)}" if synonyms.means else ""
    return f"{', '.join(synonyms.terms)}{means}  ({synonyms.id})"


@renders("markdown", Synonyms)
def _synonyms_markdown(synonyms: Synonyms, _: Names) -> str:
    means = f" → {md(', '.join(synonyms.means))}" if synonyms.means else ""
    return f"- {md(', '.join(synonyms.terms))}{means} · `{synonyms.id}`"


# -- a guide: each type of guidance for one situation ------------------------------


def _guide_title(guide: Guide, names: Names) -> str:
    """Return what a guide is for: "Second interview · Panel · before"."""
    parts = [guide.stage.name]
    parts += [member.label for member in (guide.format, guide.phase) if member is not None]
    for facet, ids in guide.filters:
        section = FACETS[facet].section
        parts.append(names.of(section, ids) if section else ", ".join(ids))
    return " · ".join(parts)


def _guide_sections(guide: Guide) -> Iterator[tuple[str, tuple[Any, ...]]]:
    """Yield each type of guidance in the guide with its heading, leaving out empty ones."""
    for record_type in GUIDANCE:
        records = getattr(guide, record_type.section)
        if records:
            yield record_type.name.replace("-", " ").capitalize(), records


@renders("text", Guide)
def _guide_text(guide: Guide, names: Names) -> str:
    title = _guide_title(guide, names)
    parts = [f"{title}\n{'=' * len(title)}\n{wrap(guide.stage.summary, indent='')}"]
    for heading, records in _guide_sections(guide):
        parts.append(
            f"{heading} ({len(records)})\n{'-' * (len(heading) + 3 + len(str(len(records))))}"
        )
        parts += [_record("text", record, names) for record in records]
    return "\n\n".join(parts)


@renders("markdown", Guide)
def _guide_markdown(guide: Guide, names: Names) -> str:
    parts = [f"# {md(_guide_title(guide, names))}", md(guide.stage.summary)]
    for heading, records in _guide_sections(guide):
        parts.append(f"## {md(heading)}")
        parts += [_record("markdown", record, names) for record in records]
    return "\n\n".join(parts)
