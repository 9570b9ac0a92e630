"""Packs to one catalog: checking ids and references across every pack loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._catalog import RECORD_TYPES, Catalog
from ._convert import Draft, did_you_mean
from ._problems import Problem
from .exceptions import ContentError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._pack import PackDrafts


def assemble(packs: Sequence[PackDrafts]) -> Catalog:
    """Build the catalog of ``packs``, in order, or raise one error naming every problem.

    Raises:
        ContentError: Two records share an id, a reference names nothing, or two
            stages share an order.
    """
    problems: list[Problem] = []
    by_section: dict[str, dict[str, Draft]] = {}
    for pack in packs:
        for draft in pack.drafts:
            seen = by_section.setdefault(draft.spec.section, {})
            first = seen.get(draft.record.id)
            if first is None:
                seen[draft.record.id] = draft
                continue
            line, column = draft.locate("id")
            first_line, _ = first.locate("id")
            message = (
                f"{draft.spec.section} id {draft.record.id!r} is already used at "
                f"{first.path}:{first_line}; give one of them another id"
            )
            problems.append(Problem(draft.path, line, column, "IT302", message))
    known = {section: set(drafts) for section, drafts in by_section.items()}
    known["sources"] = {source.id for pack in packs for source in pack.pack.sources}
    for drafts in by_section.values():
        for draft in drafts.values():
            problems += _unknown_references(draft, known)
    problems += _shared_orders(list(by_section.get("stages", {}).values()))
    if problems:
        raise ContentError(problems)
    records = {
        name: [d.record for d in by_section.get(name.replace("-", "_"), {}).values()]
        for name in RECORD_TYPES
    }
    return Catalog(
        packs=[pack.pack for pack in packs],
        stages=[d.record for d in by_section.get("stages", {}).values()],
        topics=[d.record for d in by_section.get("topics", {}).values()],
        records=records,
        files=[file for pack in packs for file in pack.files],
    )


def _unknown_references(draft: Draft, known: dict[str, set[str]]) -> list[Problem]:
    problems = []
    for field in draft.spec.fields:
        if field.refers_to is None:
            continue
        ids: Any = getattr(draft.record, field.name)
        names = known.get(field.refers_to, set())
        for index, id_ in enumerate(ids):
            if id_ in names:
                continue
            line, column = draft.locate(field.name, index)
            matches = did_you_mean(id_, names)
            hint = (
                "; did you mean " + " or ".join(repr(m) for m in matches) + "?"
                if matches
                else (f"; define it under {field.refers_to}:")
            )
            what = field.refers_to.rstrip("s")
            message = f"{field.name} names {what} {id_!r}, which no pack defines{hint}"
            problems.append(Problem(draft.path, line, column, "IT301", message))
    return problems


def _shared_orders(stages: list[Draft]) -> list[Problem]:
    problems = []
    first_with: dict[int, Draft] = {}
    for draft in stages:
        first = first_with.setdefault(draft.record.order, draft)
        if first is not draft:
            line, column = draft.locate("order")
            message = (
                f"stage order {draft.record.order} is already taken by {first.record.id!r}; "
                "give each stage its own order"
            )
            problems.append(Problem(draft.path, line, column, "IT305", message))
    return problems
