"""The immutable catalog: every record, with indexes built once, and the query API.

Everything here derives from the registry (`_record_types`): a record type of guidance
gets an index over its facets, a vocabulary record type (stages, topics...) the names
its facet resolves, and every facet a way to turn what a caller names into ids.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import _text
from ._index import FacetIndex
from ._names import NameIndex
from ._plain_data import to_dict
from ._record_types import FACETS, RECORD_TYPES, SECTIONS, STAGES, VOCABULARIES
from ._shapes import split_joined
from .exceptions import UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._columns import RecordTable
    from ._models import (
        Checklist,
        Pack,
        Question,
        QuestionToAsk,
        Region,
        Situation,
        Source,
        Stage,
        Template,
        Tip,
        Topic,
    )
    from ._registry import Facet, RecordType
    from ._search import WordIndex

#: What a filter takes: an id, a display name or an alias, the record or enum member it
#: names, or an iterable of those (any of them).
FilterValue = Any


class Catalog:
    """Every stage, topic and piece of guidance of the loaded packs, read-only.

    Records come in a documented order: by lifecycle stage (of each record's first
    stage), then in the order the packs, files and lists give them; questions an
    interviewer should not ask come after the others. Build one with
    `interviewtips.load`, not directly.
    """

    __slots__ = (
        "_by_id",
        "_frozen",
        "_indexes",
        "_names",
        "_record_names",
        "_vocabularies",
        "_word_indexes",
        "files",
        "packs",
    )

    def __init__(
        self,
        packs: Iterable[Pack],
        tables: Mapping[str, RecordTable],
        files: Iterable[str] = (),
    ) -> None:
        """Index the records; ``tables`` maps each section of `SECTIONS` to its records."""
        self.packs: tuple[Pack, ...] = tuple(packs)
        self.files: tuple[str, ...] = tuple(files)
        self._vocabularies: dict[str, tuple[Any, ...]] = {}
        for record_type in VOCABULARIES:
            table = tables[record_type.section]
            self._vocabularies[record_type.section] = tuple(map(table.record, range(len(table))))
        stages = sorted(self._vocabularies[STAGES.section], key=lambda stage: stage.order)
        self._vocabularies[STAGES.section] = tuple(stages)
        self._by_id: dict[str, dict[str, Any]] = {
            section: {record.id: record for record in records}
            for section, records in self._vocabularies.items()
        }
        self._names = {facet.name: self._facet_names(facet) for facet in FACETS.values()}
        stage_order = {stage.id: position for position, stage in enumerate(stages)}
        self._indexes = {
            name: _index(record_type, tables[record_type.section], stage_order)
            for name, record_type in RECORD_TYPES.items()
        }
        names = (*RECORD_TYPES, *self._vocabularies)
        self._record_names = NameIndex("record type", ((name, ()) for name in names))
        self._word_indexes: dict[str, WordIndex] = {}  # built on the first search
        self._frozen = True

    def __setattr__(self, name: str, value: Any) -> None:
        """Refuse changes: every caller shares the catalog."""
        if hasattr(self, "_frozen"):
            message = f"a Catalog is read-only; cannot set {name!r} (load another catalog instead)"
            raise AttributeError(message)
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        """Refuse deletions: every caller shares the catalog."""
        message = f"a Catalog is read-only; cannot delete {name!r}"
        raise AttributeError(message)

    def __repr__(self) -> str:
        """Say what the catalog holds, not every record."""
        packs = ", ".join(pack.id for pack in self.packs)
        sizes = ", ".join(f"{len(index)} {name}" for name, index in self._indexes.items())
        return f"<Catalog packs=[{packs}]: {len(self.stages)} stages, {sizes}>"

    # -- the vocabularies ----------------------------------------------------------

    @property
    def stages(self) -> tuple[Stage, ...]:
        """Every stage, in lifecycle order."""
        return self._vocabularies["stages"]

    @property
    def topics(self) -> tuple[Topic, ...]:
        """Every topic, in the order the packs give them."""
        return self._vocabularies["topics"]

    @property
    def situations(self) -> tuple[Situation, ...]:
        """Every candidate situation (graduate, returner...), in the order the packs give them."""
        return self._vocabularies["situations"]

    @property
    def regions(self) -> tuple[Region, ...]:
        """Every region (us, ca, ca-on...), in the order the packs give them."""
        return self._vocabularies["regions"]

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the loaded packs credit."""
        return tuple(source for pack in self.packs for source in pack.sources)

    # -- queries ---------------------------------------------------------------------

    @property
    def tips(self) -> tuple[Tip, ...]:
        """Every tip, in canonical order."""
        return self._indexes["tips"].records

    def select(self, record: str, **filters: FilterValue) -> tuple[Any, ...]:
        """Return the records of one type that match every filter given, in canonical order.

        Args:
            record: A record type of guidance, by the name the command line gives it
                (``"tips"``, ``"questions-to-ask"``...).
            filters: One per facet of the record type (``stage=``, ``kind=``...); each
                takes an id, a display name or an alias in any case, the model object or
                enum member, or an iterable of those (any of them). Facets combine with AND.

        Raises:
            UnknownNameError: A name matches nothing; the error lists close matches.
            TypeError: A filter is not a facet of the record type.
        """
        record_type = self._guidance(record)
        return self._indexes[record_type.name].select(self._wanted(record_type, filters))

    def query(self, **filters: FilterValue) -> tuple[Tip, ...]:
        """Return the tips that match every filter given, as `select` does.

        Filters: stage, kind, topic, phase, format, situation, region.
        """
        return self.select("tips", **filters)

    def questions(self, **filters: FilterValue) -> tuple[Question, ...]:
        """Return the interviewer questions that match every filter, as `select` does.

        Filters: stage, topic, type, format, situation, region.
        """
        return self.select("questions", **filters)

    def questions_to_ask(self, **filters: FilterValue) -> tuple[QuestionToAsk, ...]:
        """Return the questions to ask the employer (kind do) or to avoid (kind dont).

        Filters: stage, topic, kind, audience, situation, region.
        """
        return self.select("questions-to-ask", **filters)

    def templates(self, **filters: FilterValue) -> tuple[Template, ...]:
        """Return the email templates that match every filter, as `select` does.

        Filters: stage, topic, situation, region.
        """
        return self.select("templates", **filters)

    def checklists(self, **filters: FilterValue) -> tuple[Checklist, ...]:
        """Return the checklists that match every filter, as `select` does.

        Filters: stage, topic, phase, format, situation, region.
        """
        return self.select("checklists", **filters)

    def search(
        self, text: str, *, limit: int | None = None, record: str = "tips", **filters: FilterValue
    ) -> tuple[Any, ...]:
        """Return the records that best match ``text``, best first, within the filters given.

        Headings (titles, questions, names) weigh most, then the other text, topics and
        stages; rare words weigh more than common ones. Plural and singular forms match
        each other.

        Args:
            text: The words to look for.
            limit: At most this many results.
            record: The record type to search, as for `select`.
            filters: As for `select`.
        """
        record_type = self._guidance(record)
        index = self._indexes[record_type.name]
        allowed = index.positions(self._wanted(record_type, filters))
        ranked = self._word_index(record_type).rank(text, allowed)
        if limit is not None:
            ranked = ranked[: max(limit, 0)]
        return tuple(index.record(position) for position in ranked)

    def get(self, id: str, default: Any = None, *, record: str = "tips") -> Any:  # noqa: A002
        """Return the record with this id (``pack:id`` also works), or ``default``.

        ``record`` names the record type, as for `select`, or a vocabulary
        ("stages", "topics", "situations", "regions").
        """
        section = self._record_names.resolve(record)
        pack, local = _text.split_reference(id)
        index = self._indexes.get(section)
        found = self._by_id[section].get(local) if index is None else index.get(local)
        if found is None or (pack and found.pack != pack):
            return default
        return found

    def lookup(self, id: str, *, record: str = "tips") -> Any:  # noqa: A002
        """Return the record with this id, as `get` does, or raise.

        Raises:
            UnknownNameError: No record has that id; the error lists close matches.
        """
        found = self.get(id, record=record)
        if found is None:
            name = self._record_names.resolve(record)
            record_type = RECORD_TYPES.get(name) or SECTIONS[name.replace("-", "_")]
            local = _text.split_reference(id)[1].casefold()
            index = self._indexes.get(name)
            known = self._by_id[name] if index is None else index.row_of
            raise UnknownNameError(record_type.singular, id, _text.close_matches(local, known))
        return found

    def stage(self, name: Any) -> Stage:
        """Return the stage a name, alias or id stands for.

        Raises:
            UnknownNameError: No stage is called that.
        """
        return self._by_id["stages"][self._names["stage"].resolve(getattr(name, "id", name))]  # type: ignore[no-any-return]

    def topic(self, name: Any) -> Topic:
        """Return the topic a name, alias or id stands for.

        Raises:
            UnknownNameError: No topic is called that.
        """
        return self._by_id["topics"][self._names["topic"].resolve(getattr(name, "id", name))]  # type: ignore[no-any-return]

    def counts(self, by: str = "stage", *, of: str = "tips") -> dict[str, int]:
        """Count records by a facet's values, zeros included, in the facet's order.

        Args:
            by: A facet of the record type (stage, topic, kind...), or "record" to
                count each record type.
            of: The record type to count, as for `select`.

        Raises:
            UnknownNameError: ``by`` or ``of`` names nothing.
        """
        if by == "record":
            return {name: len(index) for name, index in self._indexes.items()}
        record_type = self._guidance(of)
        index = self._indexes[record_type.name]
        facet = NameIndex(
            f"facet of {record_type.name}", ((f, ()) for f in record_type.facets)
        ).resolve(by)
        return index.count(facet, self._names[facet].ids)

    def to_dict(self) -> dict[str, Any]:
        """Return the whole catalog as plain data (a new copy each call), ready for JSON."""
        return {
            "packs": [to_dict(pack) for pack in self.packs],
            **{
                section: [to_dict(record) for record in records]
                for section, records in self._vocabularies.items()
            },
            **{
                record_type.section: [to_dict(r) for r in self._indexes[name].records]
                for name, record_type in RECORD_TYPES.items()
            },
        }

    # -- helpers ---------------------------------------------------------------------

    def _guidance(self, record: str) -> RecordType:
        """Return the record type of guidance ``record`` names."""
        name = self._record_names.resolve(record)
        record_type = RECORD_TYPES.get(name)
        if record_type is None:  # a vocabulary: stages and topics have no facets
            raise UnknownNameError("record type", record, tuple(RECORD_TYPES))
        return record_type

    def _facet_names(self, facet: Facet) -> NameIndex:
        """Return the names of a facet's values: ids, display names and aliases."""
        if facet.section is not None:
            records = self._vocabularies[facet.section]
            names = ((record.id, (record.name, *record.aliases)) for record in records)
        else:
            vocabulary: Any = facet.vocabulary
            names = (
                (member.value, (member.label, *facet.aliases.get(member, ())))
                for member in vocabulary
            )
        label = "question type" if facet.name == "type" else facet.name
        return NameIndex(label, names)

    def _wanted(
        self, record_type: RecordType, filters: Mapping[str, Any]
    ) -> dict[str, frozenset[str]]:
        """Return the ids each filter given names, by facet."""
        wanted = {}
        for name, value in filters.items():
            if name not in record_type.facets:
                facets = ", ".join(record_type.facets)
                message = (
                    f"{record_type.name} have no facet {name!r}"
                    f"{_text.hint(name, record_type.facets)}; they are filtered by {facets}"
                )
                raise TypeError(message)
            if value is not None:
                ids = self._names[name].resolve_filter(value)
                wanted[name] = self._related(FACETS[name], ids)
        return wanted

    def _related(self, facet: Facet, ids: frozenset[str]) -> frozenset[str]:
        """Return the ids a filter matches: with a hierarchy, their parents' and parts' too."""
        if not facet.hierarchy or facet.section is None:
            return ids
        parent = {record.id: record.parent for record in self._vocabularies[facet.section]}

        def lineage(id_: str | None) -> list[str]:
            found = []
            while id_ is not None and id_ not in found:
                found.append(id_)
                id_ = parent.get(id_)
            return found

        related = {ancestor for id_ in ids for ancestor in lineage(id_)}
        related.update(id_ for id_ in parent if ids.intersection(lineage(id_)))
        return frozenset(related)

    def _search_fields(self, record_type: RecordType, record: Any) -> list[tuple[str, float]]:
        """Return a record's searched texts and weights: its own, then its topics' and stages'."""
        fields = [
            (_searched_text(getattr(record, name)), weight)
            for name, weight in record_type.search.items()
        ]
        for facet, weight in (("topic", 1.0), ("stage", 0.5)):
            field = record_type.facets.get(facet)
            if field is not None and field.facet is not None and field.facet.section:
                by_id = self._by_id[field.facet.section]
                names = [
                    " ".join((by_id[id_].name, *by_id[id_].aliases))
                    for id_ in getattr(record, field.name)
                ]
                fields.append((" ".join(names), weight))
        return fields

    def _word_index(self, record_type: RecordType) -> WordIndex:
        """Return a record type's word index, building it on first use.

        Two threads searching at once may both build it; each builds the same index
        from the same immutable records, and either result serves.
        """
        from ._search import WordIndex  # noqa: PLC0415 - only a search needs it

        words = self._word_indexes.get(record_type.name)
        if words is None:
            words = WordIndex(
                self._search_fields(record_type, record)
                for record in self._indexes[record_type.name].records
            )
            self._word_indexes[record_type.name] = words  # a cache, not a change of content
        return words


def _searched_text(value: Any) -> str:
    """Return a field's value as the words search sees: a list's items joined."""
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    return "" if value is None else str(value)


def _index(record_type: RecordType, table: RecordTable, stage_order: dict[str, int]) -> FacetIndex:
    """Return the facet index of one record type's table, its rows in canonical order.

    Canonical order: by the sort facet's order, if the record type has one (questions
    not to be asked last), then by each record's first stage, then as the table gives them.
    """
    stage_ids = table.column("stages")
    first_stage = {value: stage_order[split_joined(value)[0]] for value in set(stage_ids)}
    keys = [first_stage[value] for value in stage_ids]
    if record_type.sort is not None:
        field = record_type.facets[record_type.sort]
        order = field.facet.order if field.facet is not None else {}
        ranks = [order.get(value, 0) for value in table.column(field.name)]
        keys = [(rank, key) for rank, key in zip(ranks, keys)]  # type: ignore[misc]
    lifecycle = sorted(range(len(table)), key=keys.__getitem__)
    facets = {name: field.name for name, field in record_type.facets.items()}
    untagged = [
        name
        for name, field in record_type.facets.items()
        if field.facet and field.facet.untagged_applies
    ]
    return FacetIndex(table, facets, lifecycle, untagged)
