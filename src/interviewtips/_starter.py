"""The files of a new pack: a valid, lint-clean start for a content author."""

from __future__ import annotations

from ._record_types import SCHEMA_VERSION


def starter_files(pack_id: str) -> dict[str, str]:
    """Return the files of a minimal pack called ``pack_id``, by path inside the pack."""
    return {
        "pack.yaml": f"""\
# The manifest: who wrote this guidance, under which licence, from which sources.
id: {pack_id}
name: {pack_id} interview guidance
version: "0.1.0"
schema_version: {SCHEMA_VERSION}
language: en
license: CC-BY-4.0
description: Guidance of our own, beside the built-in interviewtips content.
sources: []
# Built-in records to leave out, by section (tips, questions, questions_to_ask,
# templates, checklists), each as core:ID. We hire directly, without agencies, so the
# advice on agency recruiters goes; delete these lines to keep it.
hides:
  tips: [core:get-the-recruiters-briefing-on-the-client]
""",
        "replacements.yaml": """\
# Replacing a built-in record: keep its id, say replaces: core:ID, and write only the
# fields you change. The others are taken from the record replaced (write one empty,
# such as related: [], to clear it). See the id of any record with interviewtips show.
tips:
  - id: reflect-on-the-first-round
    replaces: core:reflect-on-the-first-round
    detail: >-
      Before your second interview with us, go back over the first one. List the
      questions you were asked and any answer you would like to improve, then ask our
      recruiter which of them the second panel will want to hear more about.
""",
        "tips.yaml": """\
# Tips: each on one or more built-in stages and topics (interviewtips stages; topics).
tips:
  - id: tell-candidates-what-to-bring
    kind: do
    title: Bring photo identification to our offices
    detail: >-
      Reception asks every visitor for photo identification before issuing a pass.
      Bring a passport or driving licence so that you are not delayed.
    why: >-
      Arriving ready for the check shows you read the invitation with care.
    stages: [second-interview]
    topics: [logistics]
    phase: before
    formats: [in-person]
""",
    }
