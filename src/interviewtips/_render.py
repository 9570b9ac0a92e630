"""Records to text, Markdown or JSON, for people and for other programs."""

from __future__ import annotations

import json
import textwrap
from typing import TYPE_CHECKING, Any, Callable

import attrs

from ._models import Checklist, Question, QuestionToAsk, Stage, Template, Tip, Topic
from ._plain import to_dict

if TYPE_CHECKING:
    from collections.abc import Iterable

    from ._catalog import Catalog

#: The output formats every renderer offers.
FORMATS = ("text", "markdown", "json")
_WIDTH = 88


def render(catalog: Catalog, records: Iterable[Any], fmt: str) -> str:
    """Render records (of any type) in one of `FORMATS`.

    Raises:
        ValueError: ``fmt`` is not one of `FORMATS`.
    """
    records = list(records)
    if fmt == "json":
        return json.dumps([to_dict(r) for r in records], indent=2, ensure_ascii=False)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    names = _Names(catalog)
    blocks = [_RENDERERS[type(record)][fmt == "markdown"](record, names) for record in records]
    return "\n\n".join(blocks)


@attrs.frozen
class _Names:
    """Display names of stages and topics, for rendering ids."""

    catalog: Catalog

    def stages(self, ids: Iterable[str]) -> str:
        return ", ".join(self.catalog.get(i, i, record="stages").name for i in ids)

    def topics(self, ids: Iterable[str]) -> str:
        return ", ".join(self.catalog.get(i, i, record="topics").name for i in ids)


def _wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, _WIDTH, initial_indent=indent, subsequent_indent=indent)


def _where(record: Any, names: _Names) -> str:
    parts = [names.stages(record.stages)]
    if getattr(record, "topics", ()):
        parts.append(names.topics(record.topics))
    if getattr(record, "phase", None):
        parts.append(record.phase.label.lower())
    if getattr(record, "formats", ()):
        parts.append(", ".join(fmt.label.lower() for fmt in record.formats))
    return " · ".join(parts)


def _tip_text(tip: Tip, names: _Names) -> str:
    return "\n".join(
        (
            f"[{tip.kind.label.upper()}] {tip.title}  ({tip.id})",
            _wrap(_where(tip, names)),
            _wrap(tip.detail),
            _wrap("Why: " + tip.why),
        )
    )


def _tip_markdown(tip: Tip, names: _Names) -> str:
    return (
        f"### {tip.kind.label}: {tip.title}\n\n{tip.detail}\n\n**Why:** {tip.why}\n\n"
        f"*{_where(tip, names)}* · `{tip.id}`"
    )


def _question_text(question: Question, names: _Names) -> str:
    lines = [
        f"[{question.type.label.upper()}] {question.question}  ({question.id})",
        _wrap(_where(question, names)),
        _wrap("Assesses: " + question.assesses),
        _wrap("Approach: " + question.approach),
        *(_wrap("Pitfall: " + pitfall) for pitfall in question.pitfalls),
    ]
    if question.star is not None:
        lines += [_wrap(f"{part.title()}: {getattr(question.star, part)}") for part in _STAR]
    lines += [_wrap("Follow-up: " + follow_up) for follow_up in question.follow_ups]
    return "\n".join(lines)


_STAR = ("situation", "task", "action", "result")


def _question_markdown(question: Question, names: _Names) -> str:
    parts = [
        f"### {question.question}",
        f"*{question.type.label} · {_where(question, names)}* · `{question.id}`",
        f"**Assesses:** {question.assesses}",
        f"**Approach:** {question.approach}",
        "**Pitfalls:**\n\n" + "\n".join(f"- {pitfall}" for pitfall in question.pitfalls),
    ]
    if question.star is not None:
        star = "\n".join(f"- **{p.title()}:** {getattr(question.star, p)}" for p in _STAR)
        parts.append("**STAR outline:**\n\n" + star)
    if question.follow_ups:
        parts.append("**Follow-ups:**\n\n" + "\n".join(f"- {f}" for f in question.follow_ups))
    return "\n\n".join(parts)


def _ask_label(question: QuestionToAsk) -> str:
    return "Ask" if question.kind.value == "do" else "Avoid"


def _ask_text(question: QuestionToAsk, names: _Names) -> str:
    audiences = ", ".join(audience.label.lower() for audience in question.audiences)
    lines = [
        f"[{_ask_label(question).upper()}] {question.question}  ({question.id})",
        _wrap(f"{_where(question, names)} · ask: {audiences}"),
        _wrap("Why: " + question.why),
    ]
    if question.instead:
        lines.append(_wrap("Instead: " + question.instead))
    return "\n".join(lines)


def _ask_markdown(question: QuestionToAsk, names: _Names) -> str:
    audiences = ", ".join(audience.label.lower() for audience in question.audiences)
    text = (
        f"### {_ask_label(question)}: {question.question}\n\n{question.why}\n\n"
        f"*{_where(question, names)} · for: {audiences}* · `{question.id}`"
    )
    if question.instead:
        text += f"\n\n**Instead:** {question.instead}"
    return text


def _template_text(template: Template, names: _Names) -> str:
    placeholders = "\n".join(_wrap(f"{{{p.name}}}: {p.description}") for p in template.placeholders)
    return (
        f"{template.name}  ({template.id})\n{_wrap(_where(template, names))}\n"
        f"{_wrap('When: ' + template.when)}\n\nSubject: {template.subject}\n\n{template.body}\n\n"
        f"Placeholders:\n{placeholders}"
    )


def _template_markdown(template: Template, names: _Names) -> str:
    placeholders = "\n".join(f"- `{{{p.name}}}`: {p.description}" for p in template.placeholders)
    return (
        f"### {template.name}\n\n*{_where(template, names)}* · `{template.id}`\n\n"
        f"**When:** {template.when}\n\n**Subject:** {template.subject}\n\n"
        f"```text\n{template.body}\n```\n\n**Placeholders:**\n\n{placeholders}"
    )


def _checklist_text(checklist: Checklist, names: _Names) -> str:
    lines = [f"{checklist.name}  ({checklist.id})", _wrap(_where(checklist, names))]
    if checklist.summary:
        lines.append(_wrap(checklist.summary))
    lines += [_wrap("[ ] " + item) for item in checklist.items]
    return "\n".join(lines)


def _checklist_markdown(checklist: Checklist, names: _Names) -> str:
    summary = f"{checklist.summary}\n\n" if checklist.summary else ""
    items = "\n".join(f"- [ ] {item}" for item in checklist.items)
    return (
        f"### {checklist.name}\n\n{summary}*{_where(checklist, names)}* · `{checklist.id}`\n\n"
        f"{items}"
    )


def _stage_text(stage: Stage, _: _Names) -> str:
    lines = [f"{stage.order:>2}. {stage.name}  ({stage.id})", _wrap(stage.summary)]
    lines += [_wrap("- " + purpose) for purpose in stage.purposes]
    return "\n".join(lines)


def _stage_markdown(stage: Stage, _: _Names) -> str:
    purposes = "".join(f"\n- {purpose}" for purpose in stage.purposes)
    why = f"\n\nWhy employers hold it:\n{purposes}" if purposes else ""
    return f"### {stage.order}. {stage.name}\n\n{stage.summary} · `{stage.id}`{why}"


def _topic_text(topic: Topic, _: _Names) -> str:
    return f"{topic.name}  ({topic.id})\n{_wrap(topic.summary)}"


def _topic_markdown(topic: Topic, _: _Names) -> str:
    return f"### {topic.name}\n\n{topic.summary} · `{topic.id}`"


_Renderer = Callable[[Any, _Names], str]
_RENDERERS: dict[type, tuple[_Renderer, _Renderer]] = {
    Tip: (_tip_text, _tip_markdown),
    Question: (_question_text, _question_markdown),
    QuestionToAsk: (_ask_text, _ask_markdown),
    Template: (_template_text, _template_markdown),
    Checklist: (_checklist_text, _checklist_markdown),
    Stage: (_stage_text, _stage_markdown),
    Topic: (_topic_text, _topic_markdown),
}
