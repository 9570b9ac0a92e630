"""Records to text, Markdown, JSON or CSV, for people and for other programs.

Two registries: output formats (one function that turns a list of records into the
whole output, such as JSON) and record renderers keyed by format and record type.
The text and Markdown formats render each record with its registered renderer, or,
for a record type that has none, with one derived from its declaration. A new output
format is one function and one `output_format` registration; a record type's own look
in a format is one function and one `renders` registration.

Text output is for terminals: it is wrapped to a width without breaking words, any
control character is shown escaped (a backslash sequence), never sent, and do's and don'ts may be
coloured (`Names.color`).
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from typing import TYPE_CHECKING, Any, Callable

import attrs

from . import _text
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
from ._record_types import FACETS, GUIDANCE, KIND, record_type_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from ._catalog import Catalog
    from ._registry import Field, RecordType

#: The width text is wrapped to when no other is given.
WIDTH = 88
#: The narrowest width text is wrapped to, however narrow the terminal.
MIN_WIDTH = 20
#: The ANSI colours of each kind's label, in text on a terminal that takes colour.
_COLOURS = {"do": "32", "dont": "31"}  # green, red

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


def render(
    catalog: Catalog | None,
    records: Iterable[Any],
    fmt: str,
    *,
    width: int = WIDTH,
    color: bool = False,
) -> str:
    """Render records (of any type) in one of `formats`.

    Args:
        catalog: Gives the display names of the stages and topics records name;
            without one, their ids are shown.
        records: The records.
        fmt: The output format.
        width: The width text is wrapped to (at least `MIN_WIDTH`).
        color: Whether text colours each do and don't (ANSI escapes, for a terminal).

    Raises:
        ValueError: ``fmt`` is not one of `formats`.
    """
    output = _OUTPUT_FORMATS.get(fmt)
    if output is None:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(_OUTPUT_FORMATS)}")
    return output(list(records), Names(catalog, width=width, color=color))


class Names:
    """What renderers are given beside a record.

    The display names of the stages, topics and other values records name by id, the
    width to wrap text to, and whether to colour it.
    """

    def __init__(self, catalog: Catalog | None, *, width: int = WIDTH, color: bool = False) -> None:
        self.catalog = catalog
        self.width = max(width, MIN_WIDTH)
        self.color = color

    def wrap(self, text: str, indent: str = "    ") -> str:
        """Wrap a paragraph to the width, keeping words whole."""
        return wrap(text, indent, self.width)

    def heading(self, text: str) -> str:
        """Wrap a record's first line: its continuation lines indented."""
        return wrap(text, "", self.width, subsequent_indent="    ")

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
def _text_output(records: Sequence[Any], names: Names) -> str:
    return "\n\n".join(
        _coloured(record, _record("text", record, names), names) for record in records
    )


def _coloured(record: Any, text: str, names: Names) -> str:
    """Return a record's text with control characters escaped, and its label coloured.

    The label is the ``[DO]`` or ``[DON'T]`` (``[ASK]``, ``[AVOID]``...) that starts a
    record that has a kind; its colour is the kind's.
    """
    text = _text.escape_controls(text, keep="\n\t")
    try:
        field = record_type_of(record).facets.get(KIND.name)
    except TypeError:  # not a record of a declared type: a guide, a thesaurus
        field = None
    if names.color and field is not None and text.startswith("["):
        colour = _COLOURS.get(str(getattr(record, field.name)))
        label, bracket, rest = text.partition("]")
        if colour is not None and bracket:
            return f"\x1b[1;{colour}m{label}]\x1b[0m{rest}"
    return text


@output_format("markdown")
def _markdown(records: Sequence[Any], names: Names) -> str:
    return "\n\n".join(_record("markdown", record, names) for record in records)


@output_format("json")
def _json(records: Sequence[Any], names: Names) -> str:
    del names
    return json.dumps([to_dict(record) for record in records], indent=2, ensure_ascii=False)


@output_format("csv")
def _csv(records: Sequence[Any], names: Names) -> str:
    """One row a record, a column a field: the record type's fields, in order, then its pack.

    Lists of ids are written as the ids separated by spaces; other lists and nested
    records as JSON. Records of several types get a first column, ``record``, and the
    fields of every type given. A cell that a spreadsheet would read as a formula (it
    starts with = + - or @) is written with a ' before it.
    """
    del names
    types = list(dict.fromkeys(record_type_of(record) for record in records))
    columns = list(dict.fromkeys(name for spec in types for name in _csv_columns(spec)))
    mixed = len(types) > 1
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["record", *columns] if mixed else columns)
    for record in records:
        spec = record_type_of(record)
        cells = _csv_cells(spec, record)
        row = [cells.get(column, "") for column in columns]
        writer.writerow([spec.name, *row] if mixed else row)
    return out.getvalue().rstrip("\n")


def _csv_columns(spec: RecordType) -> list[str]:
    """Return the columns of a record type: its fields, then ``pack`` if its records have one."""
    return [field.name for field in attrs.fields(spec.model)]


def _csv_cells(spec: RecordType, record: Any) -> dict[str, str]:
    """Return each field of a record as a CSV cell."""
    data = to_dict(record)
    cells = {}
    for name, value in data.items():
        field = spec.field(name)
        if value is None:
            cell = ""
        elif isinstance(value, list) and field is not None and field.shape.joined:
            cell = " ".join(value)
        elif isinstance(value, (list, dict)):
            cell = json.dumps(value, ensure_ascii=False)
        else:
            cell = str(value)
        cells[name] = "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell
    return cells


def _record(fmt: str, record: Any, names: Names) -> str:
    """Render one record with its registered renderer, or the one its declaration gives."""
    renderer = _RENDERERS.get((fmt, type(record)))
    if renderer is not None:
        return renderer(record, names)
    record_type = record_type_of(record)
    derived = _derived_markdown if fmt == "markdown" else _derived_text
    return derived(record_type, record, names)


# -- shared pieces ----------------------------------------------------------------


def wrap(
    text: str, indent: str = "    ", width: int = WIDTH, subsequent_indent: str | None = None
) -> str:
    """Wrap a paragraph for a terminal, keeping words whole (a longer word overflows)."""
    return textwrap.fill(
        text,
        width,
        initial_indent=indent,
        subsequent_indent=indent if subsequent_indent is None else subsequent_indent,
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
    lines = [names.heading(f"{heading}  ({record.id})" if hasattr(record, "id") else str(heading))]
    lines += [
        names.wrap(f"{label}: {shown}") for label, shown in _labelled(record_type, record, names)
    ]
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
            names.heading(f"[{tip.kind.label.upper()}] {tip.title}  ({tip.id})"),
            names.wrap(where(tip, names)),
            names.wrap(tip.detail),
            names.wrap("Why: " + tip.why),
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
        names.heading(f"[{question.type.label.upper()}] {question.question}  ({question.id})"),
        names.wrap(where(question, names)),
        names.wrap("Assesses: " + question.assesses),
        names.wrap("Approach: " + question.approach),
        *(names.wrap("Pitfall: " + pitfall) for pitfall in question.pitfalls),
    ]
    if question.star is not None:
        lines += [names.wrap(f"{part.title()}: {getattr(question.star, part)}") for part in _STAR]
    lines += [names.wrap("Follow-up: " + follow_up) for follow_up in question.follow_ups]
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
        names.heading(f"[{_ask_label(question).upper()}] {question.question}  ({question.id})"),
        names.wrap(f"{where(question, names)} · ask: {audiences}"),
        names.wrap("Why: " + question.why),
    ]
    if question.instead:
        lines.append(names.wrap("Instead: " + question.instead))
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
    placeholders = "\n".join(
        names.wrap(f"{{{p.name}}}: {p.description}") for p in template.placeholders
    )
    body = "\n".join(names.wrap(line, "") if line else "" for line in template.body.splitlines())
    return (
        f"{names.heading(f'{template.name}  ({template.id})')}\n"
        f"{names.wrap(where(template, names))}\n{names.wrap('When: ' + template.when)}\n\n"
        f"{names.wrap('Subject: ' + template.subject, '')}\n\n{body}\n\n"
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
    lines = [
        names.heading(f"{checklist.name}  ({checklist.id})"),
        names.wrap(where(checklist, names)),
    ]
    if checklist.summary:
        lines.append(names.wrap(checklist.summary))
    lines += [names.wrap("[ ] " + item) for item in checklist.items]
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
def _stage_text(stage: Stage, names: Names) -> str:
    lines = [
        names.heading(f"{stage.order:>2}. {stage.name}  ({stage.id})"),
        names.wrap(stage.summary),
    ]
    lines += [names.wrap("- " + purpose) for purpose in stage.purposes]
    return "\n".join(lines)


@renders("markdown", Stage)
def _stage_markdown(stage: Stage, _: Names) -> str:
    purposes = "".join(f"\n- {md(purpose)}" for purpose in stage.purposes)
    why = f"\n\nWhy employers hold it:\n{purposes}" if purposes else ""
    return f"### {stage.order}. {md(stage.name)}\n\n{md(stage.summary)} · `{stage.id}`{why}"


@renders("text", Topic)
def _topic_text(topic: Topic, names: Names) -> str:
    return f"{names.heading(f'{topic.name}  ({topic.id})')}\n{names.wrap(topic.summary)}"


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
