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
