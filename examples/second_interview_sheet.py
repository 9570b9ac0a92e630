"""Write a second-interview preparation sheet as Markdown.

Shows how a program gathers everything the library knows about one stage (the stage
itself, its do's and don'ts, interviewer questions, questions to ask the employer and a
checklist) and lays it out in its own format, crediting the content's licence.

Run it::

    python examples/second_interview_sheet.py                   # print the sheet
    python examples/second_interview_sheet.py second-round.md   # or write it to a file
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import interviewtips

STAGE = "second-interview"


def build_sheet(catalog: interviewtips.Catalog, stage_name: str) -> str:
    """Return the preparation sheet for one stage as Markdown."""
    # A name, an alias or an id all work; the Stage record has the display name.
    stage = catalog.stage(stage_name)
    lines = [f"# {stage.name}: preparation sheet", "", stage.summary, ""]
    if stage.purposes:
        lines += section("Why employers hold it", [f"- {purpose}" for purpose in stage.purposes])
    lines += tips(catalog, stage)
    lines += questions(catalog, stage)
    lines += questions_to_ask(catalog, stage)
    # The stage's own checklists (their main stage is this one), if the content has any.
    for checklist in catalog.checklists(stage=stage):
        if checklist.stages[0] == stage.id:
            items = [f"- [ ] {item}" for item in checklist.items]
            lines += section(f"Checklist: {checklist.name}", items)
    # The built-in guidance is CC BY 4.0: say where it came from.
    packs = "; ".join(f"{pack.name} {pack.version} ({pack.license})" for pack in catalog.packs)
    lines += ["---", "", f"Guidance from interviewtips {interviewtips.__version__}: {packs}.", ""]
    return "\n".join(lines)


def section(heading: str, lines: list[str]) -> list[str]:
    """Return a ``##`` section: its heading, its lines and a blank line."""
    return [f"## {heading}", "", *lines, ""]


def tips(catalog: interviewtips.Catalog, stage: interviewtips.Stage) -> list[str]:
    """Return the do's and the don'ts: every tip tagged with the stage, in lifecycle order."""
    lines = []
    for kind, heading in ((interviewtips.Kind.DO, "Do"), (interviewtips.Kind.DONT, "Don't")):
        entries = []
        for tip in catalog.query(stage=stage, kind=kind):
            entries += [f"### {tip.title}", "", tip.detail, "", f"*Why it matters:* {tip.why}", ""]
        lines += section(heading, entries[:-1])
    return lines


def questions(catalog: interviewtips.Catalog, stage: interviewtips.Stage) -> list[str]:
    """Return one likely interviewer question of each type, with how to answer it."""
    # Questions are tagged with every stage they suit; keep those whose main stage
    # (the first one) is this stage.
    one_of_each_type: dict[interviewtips.QuestionType, interviewtips.Question] = {}
    for question in catalog.questions(stage=stage):
        if question.stages[0] == stage.id:
            one_of_each_type.setdefault(question.type, question)
    entries = []
    for question in one_of_each_type.values():
        entries += [
            f"### {question.question}",
            "",
            f"*{question.type.label}.* It shows: {question.assesses}",
            "",
            f"How to answer: {question.approach}",
            "",
        ]
    return section("Questions you may be asked", entries[:-1])


def questions_to_ask(catalog: interviewtips.Catalog, stage: interviewtips.Stage) -> list[str]:
    """Return questions to ask the employer (kind do), then the ones to avoid (kind dont)."""
    own = [ask for ask in catalog.questions_to_ask(stage=stage) if ask.stages[0] == stage.id]
    to_ask = []
    to_avoid = []
    for ask in own:
        if ask.kind is interviewtips.Kind.DO:
            audiences = ", ".join(audience.label.lower() for audience in ask.audiences)
            to_ask.append(f"- {ask.question} *(ask: {audiences})*")
        else:
            instead = f" *Instead:* {ask.instead}" if ask.instead else ""
            to_avoid.append(f"- *{ask.question}* {ask.why}{instead}")
    lines = section("Questions to ask", to_ask)
    if to_avoid:
        lines += section("Questions to avoid", to_avoid)
    return lines


def main(argv: list[str] | None = None) -> int:
    """Write the sheet to the path given, or to standard output."""
    parser = argparse.ArgumentParser(description="Write a second-interview preparation sheet.")
    parser.add_argument("output", nargs="?", type=Path, help="the Markdown file to write")
    args = parser.parse_args(argv)

    sheet = build_sheet(interviewtips.load(), STAGE)
    if args.output is None:
        sys.stdout.write(sheet)
    else:
        args.output.write_text(sheet, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
