"""Write the browsable catalogue (docs/catalogue/) from the packaged guidance, at build time.

The pages are generated on every build and never committed (docs/catalogue/ is in
.gitignore), so they cannot drift from the data. A page is rewritten only when its
text changes, so incremental builds stay incremental, and pages for stages or
topics that no longer exist are removed.

Every tip is rendered with the ``interview-tip`` directive of
``interviewtips.sphinxext``, anchored ``tip-<id>``; it is indexed (the target of
``:interview-tip:``) on the page of its main stage, its first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

import interviewtips

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from sphinx.application import Sphinx

FOLDER = "catalogue"
NOTICE = (
    ".. This page is generated from the packaged guidance by docs/_ext/catalogue.py\n"
    "   on every build. Do not edit it: change the data or the generator.\n"
)

_SPECIAL = re.compile(r"([\\`*_|\[\]<>])")
_LIST_START = re.compile(r"^([-+*]\s|#\.|\(?[0-9a-zA-Z]{1,3}[.)]\s)")


def esc(text: str) -> str:
    """Return text as inline reStructuredText that shows exactly that text."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return "\\" + escaped if _LIST_START.match(escaped) else escaped


def title(text: str, char: str) -> list[str]:
    """Return a section title underlined with ``char``."""
    text = esc(text)
    return [text, char * max(len(text) + 2, 4), ""]


def bullets(items: Iterable[str]) -> list[str]:
    """Return a bullet list of already-escaped items."""
    return [*(f"- {item}" for item in items), ""]


def setup(app: Sphinx) -> dict[str, Any]:
    """Generate the catalogue when the builder starts, before Sphinx looks for pages."""
    app.connect("builder-inited", generate)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


def generate(app: Sphinx) -> None:
    """Write docs/catalogue/ from the built-in guidance."""
    write_pages(Path(app.srcdir) / FOLDER, pages(interviewtips.load()))


def write_pages(folder: Path, generated: Iterable[tuple[str, list[str]]]) -> None:
    """Write each (relative path, lines) page, only if changed; remove pages not generated."""
    wanted = set()
    for relative, lines in generated:
        path = folder / f"{relative}.rst"
        wanted.add(path)
        text = "\n".join(lines).rstrip() + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    for stale in folder.rglob("*.rst"):
        if stale not in wanted:
            stale.unlink()


def pages(catalog: interviewtips.Catalog) -> Iterator[tuple[str, list[str]]]:
    """Yield every page of the catalogue: the index, one per stage, one per topic."""
    yield "index", index_page(catalog)
    for stage in catalog.stages:
        yield f"stages/{stage.id}", stage_page(catalog, stage)
    for topic in catalog.topics:
        yield f"topics/{topic.id}", topic_page(catalog, topic)


def index_page(catalog: interviewtips.Catalog) -> list[str]:
    """The catalogue's front page: what it holds and a table of contents."""
    core = catalog.packs[0]
    counts = catalog.counts(by="record")
    lines = [NOTICE, ".. _catalogue:", "", *title("Catalogue", "=")]
    lines += [
        (
            f"Every piece of guidance in the built-in pack, *{esc(core.name)}* (version "
            f"{esc(core.version)}), by stage of the hiring process and by topic. These pages are "
            "generated from the packaged data each time the documentation is built, so they always "
            f"show what ``interviewtips.load()`` returns: {counts['tips']} tips, "
            f"{counts['questions']} interviewer questions, {counts['questions-to-ask']} questions "
            f"to ask or to avoid, {counts['templates']} email templates and "
            f"{counts['checklists']} checklists."
        ),
        "",
        (
            "Each tip has a stable anchor, ``#tip-<id>``, on the page of its main stage; link "
            "to it from another Sphinx site with the ``:interview-tip:`` role (see "
            ":doc:`/howto/directive`)."
        ),
        "",
        *title("Stages, in lifecycle order", "-"),
        ".. toctree::",
        "   :maxdepth: 1",
        "",
        *(f"   stages/{stage.id}" for stage in catalog.stages),
        "",
        *title("Topics", "-"),
        ".. toctree::",
        "   :maxdepth: 1",
        "",
        *(f"   topics/{topic.id}" for topic in catalog.topics),
        "",
    ]
    return lines


def stage_page(catalog: interviewtips.Catalog, stage: interviewtips.Stage) -> list[str]:
    """A stage: summary, purposes, tips by topic, questions, questions to ask, templates, lists."""
    position = catalog.stages.index(stage)
    lines = [NOTICE, f".. _catalogue-stage-{stage.id}:", "", *title(stage.name, "=")]
    lines += [esc(stage.summary), ""]
    lines += [f":Stage id: ``{stage.id}``", f":Order: {position + 1} of {len(catalog.stages)}"]
    if stage.aliases:
        lines.append(":Also called: " + ", ".join(esc(alias) for alias in stage.aliases))
    if position > 0:
        lines.append(f":Before it: :doc:`{catalog.stages[position - 1].id}`")
    if position + 1 < len(catalog.stages):
        lines.append(f":After it: :doc:`{catalog.stages[position + 1].id}`")
    lines.append("")
    if stage.purposes:
        lines += title("Why employers hold it", "-")
        lines += bullets(esc(purpose) for purpose in stage.purposes)
    lines += _stage_tips(catalog, stage)
    lines += _stage_questions(catalog, stage)
    lines += _stage_questions_to_ask(catalog, stage)
    lines += _stage_templates(catalog, stage)
    lines += _stage_checklists(catalog, stage)
    return lines


def _stage_tips(catalog: interviewtips.Catalog, stage: interviewtips.Stage) -> list[str]:
    tips = catalog.query(stage=stage.id)
    if not tips:
        return []
    dos = sum(tip.kind is interviewtips.Kind.DO for tip in tips)
    lines = title("Do's and don'ts", "-")
    lines += [
        f"{dos} do's and {len(tips) - dos} don'ts, grouped by their main topic.",
        "",
    ]
    by_topic: dict[str, list[interviewtips.Tip]] = defaultdict(list)
    for tip in tips:
        by_topic[tip.topics[0]].append(tip)
    for topic in catalog.topics:
        if topic.id not in by_topic:
            continue
        lines += title(topic.name, "~")
        for tip in by_topic[topic.id]:
            lines.append(f".. interview-tip:: {tip.id}")
            if tip.stages[0] != stage.id:
                lines.append("   :no-index:")
            lines.append("")
    return lines


def _names(catalog: interviewtips.Catalog, ids: Iterable[str], record: str) -> str:
    return ", ".join(esc(catalog.get(id_, record=record).name) for id_ in ids)


def _rubric(text: str, prefix: str, record: Any, stage: interviewtips.Stage) -> list[str]:
    """A record's heading; anchored (``prefix-id``) only on its main stage's page."""
    lines = [f".. rubric:: {text}"]
    if record.stages[0] == stage.id:
        lines.append(f"   :name: {prefix}-{record.id}")
    return lines


def _stage_questions(catalog: interviewtips.Catalog, stage: interviewtips.Stage) -> list[str]:
    questions = catalog.questions(stage=stage.id)
    if not questions:
        return []
    lines = title("Questions you may be asked", "-")
    for question in questions:
        lines += _rubric(esc(question.question), "question", question, stage)
        lines += [
            "",
            (
                f"*{question.type.label}* · {_names(catalog, question.stages, 'stages')} · "
                f"{_names(catalog, question.topics, 'topics')} · ``{question.id}``"
            ),
            "",
            f"**What it assesses:** {esc(question.assesses)}",
            "",
            f"**How to answer:** {esc(question.approach)}",
            "",
            "**Pitfalls:**",
            "",
            *bullets(esc(pitfall) for pitfall in question.pitfalls),
        ]
        if question.star is not None:
            star = question.star
            parts = (
                ("Situation", star.situation),
                ("Task", star.task),
                ("Action", star.action),
                ("Result", star.result),
            )
            lines += ["**The shape of a STAR answer** (tell a true example of your own):", ""]
            lines += bullets(f"**{name}:** {esc(text)}" for name, text in parts)
        if question.follow_ups:
            lines += ["**Follow-up questions to expect:**", ""]
            lines += bullets(esc(follow_up) for follow_up in question.follow_ups)
    return lines


def _stage_questions_to_ask(
    catalog: interviewtips.Catalog, stage: interviewtips.Stage
) -> list[str]:
    asks = catalog.questions_to_ask(stage=stage.id)
    if not asks:
        return []
    lines = title("Questions to ask the employer", "-")
    for kind, heading in (
        (interviewtips.Kind.DO, "Worth asking"),
        (interviewtips.Kind.DONT, "Better not to ask"),
    ):
        chosen = [ask for ask in asks if ask.kind is kind]
        if not chosen:
            continue
        lines += title(heading, "~")
        items = []
        for ask in chosen:
            audiences = ", ".join(audience.label.lower() for audience in ask.audiences)
            item = f"**{esc(ask.question)}** {esc(ask.why)} *Ask: {esc(audiences)}.*"
            if ask.instead:
                item += f" **Instead:** {esc(ask.instead)}"
            items.append(item)
        lines += bullets(items)
    return lines


def _stage_templates(catalog: interviewtips.Catalog, stage: interviewtips.Stage) -> list[str]:
    templates = catalog.templates(stage=stage.id)
    if not templates:
        return []
    lines = title("Email templates", "-")
    for template in templates:
        lines += _rubric(esc(template.name), "template", template, stage)
        lines += [
            "",
            f"**When:** {esc(template.when)} (``{template.id}``)",
            "",
            ".. code-block:: text",
            "",
            f"   Subject: {template.subject}",
            "",
            *(f"   {line}".rstrip() for line in template.body.rstrip().splitlines()),
            "",
            "**Placeholders:**",
            "",
            *bullets(
                f"``{{{placeholder.name}}}``: {esc(placeholder.description)}"
                for placeholder in template.placeholders
            ),
        ]
    return lines


def _stage_checklists(catalog: interviewtips.Catalog, stage: interviewtips.Stage) -> list[str]:
    checklists = catalog.checklists(stage=stage.id)
    if not checklists:
        return []
    lines = title("Checklists", "-")
    for checklist in checklists:
        lines += _rubric(esc(checklist.name), "checklist", checklist, stage)
        lines.append("")
        if checklist.summary:
            lines += [esc(checklist.summary), ""]
        lines += bullets(esc(item) for item in checklist.items)
    return lines


def topic_page(catalog: interviewtips.Catalog, topic: interviewtips.Topic) -> list[str]:
    """A topic: summary, its tips by main stage, and the questions about it."""
    lines = [NOTICE, f".. _catalogue-topic-{topic.id}:", "", *title(topic.name, "=")]
    lines += [esc(topic.summary), "", f":Topic id: ``{topic.id}``"]
    if topic.aliases:
        lines.append(":Also called: " + ", ".join(esc(alias) for alias in topic.aliases))
    lines.append("")
    tips = catalog.query(topic=topic.id)
    if tips:
        lines += title("Do's and don'ts", "-")
        lines += ["Grouped by the stage each tip mainly belongs to.", ""]
        by_stage: dict[str, list[interviewtips.Tip]] = defaultdict(list)
        for tip in tips:
            by_stage[tip.stages[0]].append(tip)
        for stage in catalog.stages:
            if stage.id not in by_stage:
                continue
            lines += title(stage.name, "~")
            lines += [f"See the whole stage: :doc:`../stages/{stage.id}`.", ""]
            for tip in by_stage[stage.id]:
                lines += [f".. interview-tip:: {tip.id}", "   :no-index:", ""]
    questions = catalog.questions(topic=topic.id)
    if questions:
        lines += title("Questions you may be asked", "-")
        lines += bullets(f":ref:`question-{question.id}`" for question in questions)
    asks = catalog.questions_to_ask(topic=topic.id)
    if asks:
        lines += title("Questions to ask the employer", "-")
        lines += bullets(
            f"{'Ask' if ask.kind is interviewtips.Kind.DO else 'Avoid'}: {esc(ask.question)} "
            f"(:doc:`../stages/{ask.stages[0]}`)"
            for ask in asks
        )
    return lines
