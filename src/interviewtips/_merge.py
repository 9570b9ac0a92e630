"""Packs to one catalog: merging them in order and checking ids and references across them.

The merge rules:

- Ids are unique within a record type across every pack loaded. A pack that
  defines an id an earlier pack defined is refused, unless the record says
  ``replaces: pack:id``: then it takes the earlier record's place.
- A pack's manifest may hide records of earlier packs (``hides: {tips: [core:id]}``);
  links to a hidden tip are dropped from ``related``.
- A replacement may leave fields out: it takes them from the record it replaces
  (see `_columns.inherited_fields`), and the cross-field rules run on the result.
- A reference is an id, or ``pack:id``. A plain id names the record whatever pack
  holds it now; ``pack:id`` also checks that the named pack defined it.
- A stage or topic answers only to names (ids, display names, aliases, compared as
  lookups compare them) that no other pack's stage or topic answers to: a pack takes
  over another's names only by replacing its record.

A record type that no pack replaces, hides or defines twice (the usual case) is
merged a column at a time, by joining the packs' tables; any other is merged a
record at a time, to apply each rule and name each problem.

Packs with problems of their own are merged too, without the records that could not
be read, so that one pass reports every problem: references to a record left out for
its problems (or to any record, while a file of the pack could not be parsed at all)
are not reported, as the author has that record's own problem to fix first.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

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


class Removal(NamedTuple):
    """A record the merge took out: hidden by a later pack, or replaced by a later pack's."""

    how: str
    """``"hidden"`` or ``"replaced"``."""
    by: str
    """The id of the pack that hid or replaced it."""
    of: str
    """The id of the pack whose record it was."""


class _Known:
    """The ids of one record type after the merge, and which packs defined each.

    Args:
        rows: The row of each id.
        packs: The pack of the record in each row.
        earlier: For a replaced record, every pack that defined its id.
        tolerated: Ids references may name without a problem: records left out for
            problems of their own.
    """

    __slots__ = ("earlier", "packs", "rows", "tolerated")

    def __init__(
        self,
        rows: dict[str, int],
        packs: list[str],
        earlier: dict[str, set[str]] | None = None,
        tolerated: set[str] | None = None,
    ) -> None:
        self.rows = rows
        self.packs = packs
        self.earlier = earlier or {}
        self.tolerated = tolerated or set()

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

    def __init__(self, *, lenient: bool = False) -> None:
        self.problems: list[Problem] = []
        self.per_file: Counter[str] = Counter()
        #: Close matches are looked for this many more times.
        self.suggestions_left = 50
        #: Whether some file could not be parsed: its ids are unknown, so unknown
        #: references are not reported (they may name its records).
        self.lenient = lenient
        #: The records taken out, by section and id.
        self.removed: dict[str, dict[str, list[Removal]]] = {}
        self.matchers: dict[str, _text.CloseMatches] = {}

    def matches(
        self, name: str, known: Iterable[str], section: str | None = None
    ) -> tuple[str, ...]:
        """Return the close matches of an unknown id, within the budget for looking.

        With ``section``, the ids known are those of the whole section, and the matcher
        built for them is kept for the next look.
        """
        if self.suggestions_left <= 0:
            return ()
        self.suggestions_left -= 1
        if section is None:
            return _text.CloseMatches(known)(name)
        matcher = self.matchers.get(section)
        if matcher is None:
            matcher = self.matchers[section] = _text.CloseMatches(known)
        return matcher(name)

    def hint(self, name: str, section: str, known: Iterable[str]) -> str:
        """Return a did-you-mean for an unknown id, or how to define it."""
        matches = self.matches(name, known, section)
        return _text.did_you_mean(matches) or f"; define it under {section}:"

    def add(self, problem: Problem) -> None:
        """Record a problem, unless its file already has as many as are listed."""
        count = self.per_file[problem.path] = self.per_file[problem.path] + 1
        if count <= MAX_PROBLEMS_PER_FILE:
            self.problems.append(problem)
        if count == MAX_PROBLEMS_PER_FILE:
            self.problems.append(summary(problem))

    def located(
        self, draft: Row, field: str | None, code: str, message: str, index: int | None = None
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
        #: Ids of records left out for problems of their own, in any pack so far.
        self.failed: set[str] = set()

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
            if local not in self.failed:
                hint = self._hint(local)
                message = f"replaces {target!r}, which no earlier pack defines{hint}"
                self.merge.located(draft, "replaces", codes.UNKNOWN_REFERENCE, message)
            self.missing(draft)
        elif local != id_:
            message = f"a record that replaces {target!r} must have the id {local!r}"
            self.merge.located(draft, "replaces", codes.REPLACEMENT_ID, message)
            self.missing(draft)
        else:
            replaced = self.records[id_]
            if draft.inherits:
                draft = self.inherit(draft, replaced)
            self.records[id_] = draft
            self.defined_by[id_].add(draft.value("pack"))
            removal = Removal("replaced", draft.value("pack"), replaced.value("pack"))
            self.merge.removed.setdefault(self.section, {}).setdefault(id_, []).append(removal)

    def inherit(self, draft: Row, replaced: Row) -> Row:
        """Return the replacement with the fields it leaves out taken from the replaced record.

        The cross-field rules run on the result, as they would on a record written whole.
        """
        inherited = set(draft.inherits)
        spec = draft.spec
        values = [
            (replaced if name in inherited else draft).value(name) for name in spec.field_names
        ]
        table = draft.table
        filled = RecordTable(
            spec,
            [[value] for value in [*values, draft.value("pack")]],
            [draft.path],
            [table.lines[draft.row]],
            [table.starts[draft.row]],
            records=[None],
            nodes=None if table.nodes is None else [table.nodes[draft.row]],
        )
        row = filled.rows()[0]
        for finding in spec.findings(row.values):
            self.merge.located(row, finding.field, finding.code, finding.message, finding.item)
        return row

    def missing(self, draft: Row) -> None:
        """Report the required fields a replacement left out, when it replaces nothing."""
        for field in draft.spec.fields:
            if field.required and field.name in draft.inherits:
                message = (
                    f"missing field {field.name!r}: {field.doc} (a replacement may leave it "
                    "out only to take it from the record it replaces)"
                )
                self.merge.located(draft, None, codes.MISSING_FIELD, message)

    def hide(self, reference: str, pack: ReadPack, index: int) -> None:
        owner, local = _text.split_reference(reference)
        if local not in self.records or (owner and owner not in self.defined_by[local]):
            if local in self.failed:
                return  # the record has problems of its own
            if local in self.hidden:
                message = (
                    f"hides {self.section} {reference!r}, which a pack loaded before "
                    f"{pack.pack.id!r} already hides"
                )
            else:
                message = (
                    f"hides {self.section} {reference!r}, which no pack loaded before "
                    f"{pack.pack.id!r} defines{self._hint(local)}"
                )
            line, column = pack.hidden_place(index)
            self.merge.add(
                Problem(pack.manifest_path, line, column, codes.UNKNOWN_REFERENCE, message)
            )
            return
        removal = Removal("hidden", pack.pack.id, self.records[local].value("pack"))
        self.merge.removed.setdefault(self.section, {}).setdefault(local, []).append(removal)
        del self.records[local]
        self.hidden.add(local)

    def _hint(self, local: str) -> str:
        """Return the did-you-mean of the ids defined so far close to ``local``."""
        return _text.did_you_mean(self.merge.matches(local, self.records))

    def result(self) -> tuple[RecordTable, _Known]:
        table = RecordTable.gathered(SECTIONS[self.section], self.records.values())
        earlier = {id_: packs for id_, packs in self.defined_by.items() if len(packs) > 1}
        return table, _Known(table.row_of, table.column("pack"), earlier, self.failed)


class Merged(NamedTuple):
    """The packs merged: each section's table (nodes kept), and every problem found."""

    tables: dict[str, RecordTable]
    removed: dict[str, dict[str, list[Removal]]]
    problems: list[Problem]


def merge(packs: Sequence[ReadPack], problems: Sequence[Problem] = ()) -> Merged:
    """Merge ``packs``, in order, and check ids and references across them.

    Args:
        packs: The packs, each with the records that could be read (see `ReadPack`).
        problems: Problems already found reading them, kept first.
    """
    lenient = any(pack.unparsed for pack in packs)
    merging = _Merge(lenient=lenient)
    merging.problems += problems  # each file's already stop at the bound, as add() stops them
    merging.per_file.update(problem.path for problem in problems)
    kept: dict[str, ReadPack] = {}
    for pack in packs:
        first = kept.setdefault(pack.pack.id, pack)
        if first is not pack:
            message = f"pack id {pack.pack.id!r} is already used by {first.manifest_path}"
            line, column = pack.manifest_place("id")
            merging.add(Problem(pack.manifest_path, line, column, codes.DUPLICATE_ID, message))
    given = list(kept.values())
    tables: dict[str, RecordTable] = {}
    known: dict[str, _Known] = {}
    hidden: dict[str, set[str]] = {}
    for section in SECTIONS:
        tables[section], known[section], hidden[section] = _merged(section, given, merging)
    known["sources"] = _sources(given)
    for section, table in tables.items():
        tables[section] = _resolved(table, known, hidden, merging)
    for problem in _shared_orders(tables["stages"].rows()):
        merging.add(problem)
    if len(given) > 1:  # names clash only between packs
        for section in ("stages", "topics"):
            _name_clashes(tables[section], merging)
    return Merged(tables, merging.removed, merging.problems)


def assemble(packs: Sequence[ReadPack], problems: Sequence[Problem] = ()) -> Catalog:
    """Build the catalog of ``packs``, in order, or raise one error naming every problem.

    Args:
        packs: The packs, each with the records that could be read.
        problems: Problems already found reading them: the merge still checks what was
            read, so that one error names every problem.

    Raises:
        ContentError: A pack has problems, two records share an id, a reference names
            nothing, or two stages share an order.
    """
    merged = merge(packs, problems)
    if merged.problems:
        raise ContentError(merged.problems)
    removed = {
        SECTIONS[section].name: {id_: tuple(found) for id_, found in ids.items()}
        for section, ids in merged.removed.items()
    }
    return Catalog(
        packs=[pack.pack for pack in packs],
        tables={section: table.without_nodes() for section, table in merged.tables.items()},
        files=[file for pack in packs for file in pack.files],
        removed=removed,
    )


def _merged(
    section: str, packs: list[ReadPack], merge: _Merge
) -> tuple[RecordTable, _Known, set[str]]:
    """Merge one record type of every pack; return its table, its ids and the hidden ids."""
    spec = SECTIONS[section]
    tables = [pack.tables[section] for pack in packs if section in pack.tables]
    failed = {id_ for pack in packs for id_ in pack.failed.get(section, ())}
    hides = any(hidden.section == section for pack in packs for hidden in pack.pack.hides)
    if not hides and all(table.column("replaces").count(None) == len(table) for table in tables):
        table = RecordTable.joined(spec, tables)
        if len(table.row_of) == len(table):  # no id defined twice
            return table, _Known(table.row_of, table.column("pack"), tolerated=failed), set()
    by_record = _ByRecord(section, merge)
    for pack in packs:
        for index, hidden in enumerate(pack.pack.hides):
            if hidden.section == section:
                by_record.hide(hidden.id, pack, index)
        by_record.failed.update(pack.failed.get(section, ()))
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
    """Return a record's references as plain ids, or None when they are already.

    A reference to a record that could not be read is kept, and not reported: the
    record's own problem is.
    """
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
        if local in known.tolerated or merge.lenient:
            plain.append(local)  # the record may be one that could not be read
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
