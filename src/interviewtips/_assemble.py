"""Packs to one catalog: merging them in order and checking ids and references across them.

The merge rules:

- Ids are unique within a record type across every pack loaded. A pack that
  defines an id an earlier pack defined is refused, unless the record says
  ``replaces: pack:id``: then it takes the earlier record's place.
- A pack's manifest may hide records of earlier packs (``hides: {tips: [core:id]}``);
  links to a hidden tip are dropped from ``related``.
- A reference is an id, or ``pack:id``. A plain id names the record whatever pack
  holds it now; ``pack:id`` also checks that the named pack defined it.
"""

from __future__ import annotations

from itertools import chain
from typing import TYPE_CHECKING

import attrs

from ._catalog import RECORD_TYPES, Catalog
from ._drafts import Draft, column
from ._names import close_matches, did_you_mean
from ._problems import Problem
from .exceptions import ContentError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ._drafts import AnyDraft, PackDrafts
    from ._schema import Field


class _Merge:
    """The records of the packs merged so far, by section and id.

    A plain class, not attrs: it is made once a load, and every attrs class costs
    a cold start half a millisecond to create.
    """

    def __init__(self) -> None:
        self.records: dict[str, dict[str, AnyDraft]] = {}
        #: Which packs defined each id (the first pack, then any that replaced it).
        self.defined_by: dict[str, dict[str, set[str]]] = {}
        self.hidden: dict[str, set[str]] = {}
        self.problems: list[Problem] = []
        #: Close matches are looked for this many more times; each look scans every id.
        self.suggestions_left = 50

    def hint(self, name: str, section: str, known: Iterable[str]) -> str:
        """Return a did-you-mean for an unknown id, or how to define it."""
        matches: tuple[str, ...] = ()
        if self.suggestions_left > 0:
            self.suggestions_left -= 1
            matches = close_matches(name, known)
        return did_you_mean(matches) or f"; define it under {section}:"

    def add_all(self, drafts: list[AnyDraft]) -> None:
        """Add one pack's records of one type: at once when none replaces or clashes."""
        section = drafts[0].spec.section
        seen = self.records.setdefault(section, {})
        ids = column(drafts, "id")
        new = dict(zip(ids, drafts))
        replacing = column(drafts, "replaces").count(None) < len(drafts)
        if replacing or len(new) < len(drafts) or not seen.keys().isdisjoint(new):
            for draft in drafts:  # one at a time, to name each problem
                self.add(draft)
            return
        seen.update(new)
        owners = self.defined_by.setdefault(section, {})
        owners.update((id_, {pack}) for id_, pack in zip(ids, column(drafts, "pack")))

    def add(self, draft: AnyDraft) -> None:
        section, id_ = draft.spec.section, draft.value("id")
        seen = self.records.setdefault(section, {})
        owners = self.defined_by.setdefault(section, {})
        replaces = draft.value("replaces")
        if replaces is not None:
            self.replace(draft, replaces)
        elif id_ in seen:
            first = seen[id_]
            self.located(
                draft,
                "id",
                "IT302",
                f"{section} id {id_!r} is already used at {first.path}:{first.locate('id')[0]}; "
                f"give one of them another id, or say replaces: {first.value('pack')}:{id_}",
            )
        else:
            seen[id_] = draft
            owners[id_] = {draft.value("pack")}

    def replace(self, draft: AnyDraft, target: str) -> None:
        section, id_ = draft.spec.section, draft.value("id")
        pack, _, local = target.rpartition(":")
        earlier = self.records.get(section, {}).get(local)
        if earlier is None or (pack and pack not in self.defined_by[section][local]):
            self.located(
                draft, "replaces", "IT301", f"replaces {target!r}, which no earlier pack defines"
            )
        elif local != id_:
            self.located(
                draft,
                "replaces",
                "IT306",
                f"a record that replaces {target!r} must have the id {local!r}",
            )
        else:
            self.records[section][id_] = draft
            self.defined_by[section][id_].add(draft.value("pack"))

    def hide(self, pack: PackDrafts) -> None:
        for hidden in pack.pack.hides:
            owner, _, local = hidden.id.rpartition(":")
            owners = self.defined_by.get(hidden.section, {}).get(local)
            if owners is None or (owner and owner not in owners):
                message = (
                    f"hides {hidden.section} {hidden.id!r}, which no pack loaded before "
                    f"{pack.pack.id!r} defines"
                )
                self.problems.append(Problem(pack.manifest_path, 0, 0, "IT301", message))
                continue
            del self.records[hidden.section][local]
            self.hidden.setdefault(hidden.section, set()).add(local)

    def located(self, draft: AnyDraft, field: str, code: str, message: str) -> None:
        line, column = draft.locate(field)
        self.problems.append(Problem(draft.path, line, column, code, message))


def assemble(packs: Sequence[PackDrafts]) -> Catalog:
    """Build the catalog of ``packs``, in order, or raise one error naming every problem.

    Raises:
        ContentError: Two records share an id, a reference names nothing, or two
            stages share an order.
    """
    merge = _Merge()
    pack_ids: dict[str, PackDrafts] = {}
    for pack in packs:
        first = pack_ids.setdefault(pack.pack.id, pack)
        if first is not pack:
            message = f"pack id {pack.pack.id!r} is already used by {first.manifest_path}"
            merge.problems.append(Problem(pack.manifest_path, 0, 0, "IT302", message))
            continue
        merge.hide(pack)
        for same_type in _by_section(pack.drafts).values():
            merge.add_all(same_type)
    sources = {source.id: {pack.pack.id} for pack in packs for source in pack.pack.sources}
    owners = {**merge.defined_by, "sources": sources}
    drafts: dict[str, list[AnyDraft]] = {}
    for section, merged in merge.records.items():
        fields = _fields_to_resolve(list(merged.values()), owners, merge)
        drafts[section] = [
            _resolved(d, owners, merge, fields) if fields else d for d in merged.values()
        ]
    merge.problems += _shared_orders(list(merge.records.get("stages", {}).values()))
    if merge.problems:
        raise ContentError(merge.problems)
    return Catalog(
        packs=[pack.pack for pack in packs],
        stages=[draft.record for draft in drafts.get("stages", [])],
        topics=[draft.record for draft in drafts.get("topics", [])],
        drafts={name: drafts.get(name.replace("-", "_"), []) for name in RECORD_TYPES},
        files=[file for pack in packs for file in pack.files],
    )


def _by_section(drafts: Iterable[AnyDraft]) -> dict[str, list[AnyDraft]]:
    """Group a pack's drafts by record type, each in the pack's order."""
    sections: dict[str, list[AnyDraft]] = {}
    for draft in drafts:
        sections.setdefault(draft.spec.section, []).append(draft)
    return sections


def _fields_to_resolve(
    drafts: list[AnyDraft], owners: dict[str, dict[str, set[str]]], merge: _Merge
) -> list[tuple[Field, str]]:
    """Return the reference fields (and the section each names) that some record needs resolved.

    In the common case every reference is a plain id that exists and is not hidden,
    and one set operation a field, over the whole section, shows it.
    """
    if not drafts:
        return []
    fields = []
    for field in drafts[0].spec.fields:
        if field.refers_to is None or field.name == "replaces":
            continue
        known = owners.get(field.refers_to, {})
        hidden = merge.hidden.get(field.refers_to, set())
        used = set(chain.from_iterable(filter(None, column(drafts, field.name))))
        if not (known.keys() >= used and hidden.isdisjoint(used)):
            fields.append((field, field.refers_to))
    return fields


def _resolved(
    draft: AnyDraft,
    owners: dict[str, dict[str, set[str]]],
    merge: _Merge,
    fields: list[tuple[Field, str]],
) -> AnyDraft:
    """Return the draft with its references in ``fields`` checked and written as plain ids."""
    changes: dict[str, tuple[str, ...]] = {}
    for field, section in fields:
        known = owners.get(section, {})
        hidden = merge.hidden.get(section, set())
        references = draft.value(field.name) or ()  # a compiled row has None for no links
        if known.keys() >= set(references) and hidden.isdisjoint(references):
            continue  # this record's references are all plain, defined, visible
        plain = []
        for index, reference in enumerate(references):
            pack, _, local = reference.rpartition(":")
            if local in hidden and field.name == "related":
                continue
            if local in known and (not pack or pack in known[local]):
                plain.append(local)
                continue
            what = section.rstrip("s")
            hint = merge.hint(local, section, known)
            line, column = draft.locate(field.name, index)
            message = f"{field.name} names {what} {reference!r}, which no pack defines{hint}"
            merge.problems.append(Problem(draft.path, line, column, "IT301", message))
        changes[field.name] = tuple(plain)
    if not changes:
        return draft
    record = attrs.evolve(draft.record, **changes)
    if isinstance(draft, Draft):
        return Draft(draft.spec, record, draft.path, draft.node)
    from ._nodes import Mapping  # noqa: PLC0415 - rare: a compiled record whose links changed

    return Draft(draft.spec, record, draft.path, Mapping((), *draft.place()))


def _shared_orders(stages: list[AnyDraft]) -> list[Problem]:
    problems = []
    first_with: dict[int, AnyDraft] = {}
    for draft in stages:
        first = first_with.setdefault(draft.value("order"), draft)
        if first is not draft:
            line, column = draft.locate("order")
            message = (
                f"stage order {draft.value('order')} is already taken by {first.value('id')!r}; "
                "give each stage its own order"
            )
            problems.append(Problem(draft.path, line, column, "IT305", message))
    return problems
