"""Packs to one catalog: merging them in order and checking ids and references across them.

The merge rules:

- Ids are unique within a record type across every pack loaded. A pack that
  defines an id an earlier pack defined is refused, unless the record says
  ``replaces: pack:id``: then it takes the earlier record's place.
- A pack's manifest may hide records of earlier packs (``hides: {tips: [core:id]}``);
  links to a hidden tip are dropped from ``related``.
- A reference is an id, or ``pack:id``. A plain id names the record whatever pack
  holds it now; ``pack:id`` also checks that the named pack defined it.
- A stage or topic answers only to names (ids, display names, aliases, compared as
  lookups compare them) that no other pack's stage or topic answers to: a pack takes
  over another's names only by replacing its record.

A record type that no pack replaces, hides or defines twice (the usual case) is
merged a column at a time, by joining the packs' tables; any other is merged a
record at a time, to apply each rule and name each problem.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from . import _codes as codes
from . import _text
from ._catalog import Catalog
from ._columns import RecordTable, Row
from ._problems import MAX_PROBLEMS_PER_FILE, Problem, summary
from ._record_types import SECTIONS
from ._shapes import split_joined
from .exceptions import ContentError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ._columns import ReadPack
    from ._registry import Field


class _Known:
    """The ids of one record type after the merge, and which packs defined each.

    Args:
        rows: The row of each id.
        packs: The pack of the record in each row.
        earlier: For a replaced record, every pack that defined its id.
    """

    __slots__ = ("earlier", "packs", "rows")

    def __init__(
        self, rows: dict[str, int], packs: list[str], earlier: dict[str, set[str]] | None = None
    ) -> None:
        self.rows = rows
        self.packs = packs
        self.earlier = earlier or {}

    def defines(self, local: str, pack: str) -> bool:
        """Whether a record has the id ``local`` and, if ``pack`` is given, that pack defined it."""
        row = self.rows.get(local)
        if row is None:
            return False
        return not pack or pack == self.packs[row] or pack in self.earlier.get(local, ())


class _Merge:
    """The problems found so far, and the budget for looking for close matches.

    Each file's problems stop at `MAX_PROBLEMS_PER_FILE`, then one IT211 says so: the
    rest are neither listed nor kept.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.per_file: Counter[str] = Counter()
        #: Close matches are looked for this many more times.
        self.suggestions_left = 50
        self.matchers: dict[str, _text.CloseMatches] = {}

    def hint(self, name: str, section: str, known: Iterable[str]) -> str:
        """Return a did-you-mean for an unknown id, or how to define it."""
        matches: tuple[str, ...] = ()
        if self.suggestions_left > 0:
            self.suggestions_left -= 1
            matcher = self.matchers.get(section)
            if matcher is None:
                matcher = self.matchers[section] = _text.CloseMatches(known)
            matches = matcher(name)
        return _text.did_you_mean(matches) or f"; define it under {section}:"

    def add(self, problem: Problem) -> None:
        """Record a problem, unless its file already has as many as are listed."""
        count = self.per_file[problem.path] = self.per_file[problem.path] + 1
        if count <= MAX_PROBLEMS_PER_FILE:
            self.problems.append(problem)
        if count == MAX_PROBLEMS_PER_FILE:
            self.problems.append(summary(problem))

    def located(
        self, draft: Row, field: str, code: str, message: str, index: int | None = None
    ) -> None:
        line, column = draft.locate(field, index)
        self.add(Problem(draft.path, line, column, code, message))


class _ByRecord:
    """One record type merged a record at a time, pack by pack."""

    def __init__(self, section: str, merge: _Merge) -> None:
        self.section = section
        self.merge = merge
        self.records: dict[str, Row] = {}
        #: Which packs defined each id (the first pack, then any that replaced it).
        self.defined_by: dict[str, set[str]] = {}
        self.hidden: set[str] = set()

    def add(self, draft: Row) -> None:
        id_ = draft.value("id")
        replaces = draft.value("replaces")
        if replaces is not None:
            self.replace(draft, replaces)
        elif id_ in self.records:
            first = self.records[id_]
            self.merge.located(
                draft,
                "id",
                codes.DUPLICATE_ID,
                f"{self.section} id {id_!r} is already used at {first.path}:"
                f"{first.locate('id')[0]}; give one of them another id, or say replaces: "
                f"{first.value('pack')}:{id_}",
            )
        else:
            self.records[id_] = draft
            self.defined_by[id_] = {draft.value("pack")}

    def replace(self, draft: Row, target: str) -> None:
        id_ = draft.value("id")
        pack, local = _text.split_reference(target)
        if local not in self.records or (pack and pack not in self.defined_by[local]):
            message = f"replaces {target!r}, which no earlier pack defines"
            self.merge.located(draft, "replaces", codes.UNKNOWN_REFERENCE, message)
        elif local != id_:
            message = f"a record that replaces {target!r} must have the id {local!r}"
            self.merge.located(draft, "replaces", codes.REPLACEMENT_ID, message)
        else:
            self.records[id_] = draft
            self.defined_by[id_].add(draft.value("pack"))

    def hide(self, reference: str, pack: ReadPack) -> None:
        owner, local = _text.split_reference(reference)
        if local not in self.records or (owner and owner not in self.defined_by[local]):
            message = (
                f"hides {self.section} {reference!r}, which no pack loaded before "
                f"{pack.pack.id!r} defines"
            )
            self.merge.add(Problem(pack.manifest_path, 0, 0, codes.UNKNOWN_REFERENCE, message))
            return
        del self.records[local]
        self.hidden.add(local)

    def result(self) -> tuple[RecordTable, _Known]:
        table = RecordTable.gathered(SECTIONS[self.section], self.records.values())
        earlier = {id_: packs for id_, packs in self.defined_by.items() if len(packs) > 1}
        return table, _Known(table.row_of, table.column("pack"), earlier)


def assemble(packs: Sequence[ReadPack]) -> Catalog:
    """Build the catalog of ``packs``, in order, or raise one error naming every problem.

    Raises:
        ContentError: Two records share an id, a reference names nothing, or two
            stages share an order.
    """
    merge = _Merge()
    kept: dict[str, ReadPack] = {}
    for pack in packs:
        first = kept.setdefault(pack.pack.id, pack)
        if first is not pack:
            message = f"pack id {pack.pack.id!r} is already used by {first.manifest_path}"
            merge.add(Problem(pack.manifest_path, 0, 0, codes.DUPLICATE_ID, message))
    given = list(kept.values())
    tables: dict[str, RecordTable] = {}
    known: dict[str, _Known] = {}
    hidden: dict[str, set[str]] = {}
    for section in SECTIONS:
        tables[section], known[section], hidden[section] = _merged(section, given, merge)
    known["sources"] = _sources(given)
    for section, table in tables.items():
        tables[section] = _resolved(table, known, hidden, merge)
    for problem in _shared_orders(tables["stages"].rows()):
        merge.add(problem)
    for section in ("stages", "topics"):
        _name_clashes(tables[section], merge)
    if merge.problems:
        raise ContentError(merge.problems)
    return Catalog(
        packs=[pack.pack for pack in packs],
        tables={section: table.without_nodes() for section, table in tables.items()},
        files=[file for pack in packs for file in pack.files],
    )


def _merged(
    section: str, packs: list[ReadPack], merge: _Merge
) -> tuple[RecordTable, _Known, set[str]]:
    """Merge one record type of every pack; return its table, its ids and the hidden ids."""
    spec = SECTIONS[section]
    tables = [pack.tables[section] for pack in packs if section in pack.tables]
    hides = any(hidden.section == section for pack in packs for hidden in pack.pack.hides)
    if not hides and all(table.column("replaces").count(None) == len(table) for table in tables):
        table = RecordTable.joined(spec, tables)
        if len(table.row_of) == len(table):  # no id defined twice
            return table, _Known(table.row_of, table.column("pack")), set()
    by_record = _ByRecord(section, merge)
    for pack in packs:
        for hidden in pack.pack.hides:
            if hidden.section == section:
                by_record.hide(hidden.id, pack)
        if section in pack.tables:
            for draft in pack.tables[section].rows():
                by_record.add(draft)
    return (*by_record.result(), by_record.hidden)


def _sources(packs: list[ReadPack]) -> _Known:
    """Return the ids of the sources the packs credit."""
    credited = [(source.id, pack.pack.id) for pack in packs for source in pack.pack.sources]
    return _Known({id_: row for row, (id_, _) in enumerate(credited)}, [p for _, p in credited])


def _resolved(
    table: RecordTable, known: dict[str, _Known], hidden: dict[str, set[str]], merge: _Merge
) -> RecordTable:
    """Return the table with its references checked and written as plain ids.

    In the common case every reference is a plain id that exists and is not hidden,
    and one set operation a field, over the distinct values of its column, shows it.
    """
    for field in table.spec.fields:
        if field.refers_to is None or field.name == "replaces":
            continue
        target = known[field.refers_to]
        gone = hidden.get(field.refers_to, set())
        combos = set(table.column(field.name))
        combos.discard(None)
        used = set(split_joined(" ".join(combos)))
        if target.rows.keys() >= used and gone.isdisjoint(used):
            continue
        changes = {}
        for draft in table.rows():
            plain = _plain_references(draft, field, target, gone, merge)
            if plain is not None:
                changes[draft.row] = plain
        table = table.with_values(field, changes)
    return table


def _plain_references(
    draft: Row, field: Field, known: _Known, hidden: set[str], merge: _Merge
) -> tuple[str, ...] | None:
    """Return a record's references as plain ids, or None when they are already."""
    references = split_joined(draft.value(field.name))
    if known.rows.keys() >= set(references) and hidden.isdisjoint(references):
        return None
    plain = []
    for index, reference in enumerate(references):
        pack, local = _text.split_reference(reference)
        if local in hidden and field.name == "related":
            continue
        if known.defines(local, pack):
            plain.append(local)
            continue
        section = field.refers_to
        assert section is not None  # noqa: S101 - only references are resolved
        hint = merge.hint(local, section, known.rows)
        message = (
            f"{field.name} names {section.rstrip('s')} {reference!r}, which no pack defines{hint}"
        )
        merge.located(draft, field.name, codes.UNKNOWN_REFERENCE, message, index)
    return tuple(plain)


def _shared_orders(stages: list[Row]) -> list[Problem]:
    problems = []
    first_with: dict[int, Row] = {}
    for draft in stages:
        first = first_with.setdefault(draft.value("order"), draft)
        if first is not draft:
            line, column = draft.locate("order")
            message = (
                f"stage order {draft.value('order')} is already taken by {first.value('id')!r}; "
                "give each stage its own order"
            )
            problems.append(Problem(draft.path, line, column, codes.DUPLICATE_ORDER, message))
    return problems


def _name_clashes(table: RecordTable, merge: _Merge) -> None:
    """Record each stage or topic that answers to a name another pack's record answers to.

    Names are compared as lookups compare them (`normalise`: case, spaces, hyphens and
    apostrophes aside), ids, display names and aliases alike, since a filter takes any
    of them: a pack could otherwise take over "2nd interview" from the built-in stage.
    The later record is the problem. Names shared within one pack are its own affair;
    a record that replaces another has the other's place, and so no clash with it.
    """
    what = table.spec.section.rstrip("s")
    owners: dict[str, tuple[int, str, str]] = {}
    ids, names, aliases, packs = (table.column(f) for f in ("id", "name", "aliases", "pack"))
    for row in range(len(table)):
        written: list[tuple[str, int | None, str]] = [
            ("id", None, ids[row]),
            ("name", None, names[row]),
        ]
        written += [("aliases", index, alias) for index, alias in enumerate(aliases[row] or ())]
        for field, index, text in written:
            form = _text.normalise(text)
            first_row, first_field, first_text = owners.setdefault(form, (row, field, text))
            if packs[first_row] == packs[row]:
                continue
            draft, first = Row(table, row), Row(table, first_row)
            line = first.locate(first_field)[0]
            message = (
                f"{what} {_FIELD_WORDS[field]} {text!r} is also what {what} {ids[first_row]!r} "
                f"of pack {packs[first_row]!r} answers to (its {_FIELD_WORDS[first_field]} "
                f"{first_text!r}, {first.path}:{line}); a pack cannot take over another's "
                f"names: remove it, or replace that {what} on purpose (its id, and "
                f"replaces: {packs[first_row]}:{ids[first_row]})"
            )
            merge.located(draft, field, codes.NAME_CLASH, message, index)


_FIELD_WORDS = {"id": "id", "name": "name", "aliases": "alias"}
