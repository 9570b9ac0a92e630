"""The immutable catalog: every record, with indexes built once, and the query API.

Everything here derives from the registry (`_record_types`): a record type of guidance
gets an index over its facets, a vocabulary record type (stages, topics...) the names
its facet resolves, and every facet a way to turn what a caller names into ids.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, Protocol, TypeVar, Union, cast, overload

from . import _text
from ._index import UNTAGGED, FacetIndex
from ._models import Guide
from ._names import NameIndex, Only
from ._plain_data import to_dict
from ._record_types import FACETS, GUIDANCE, RECORD_TYPES, SECTIONS, STAGES, VOCABULARIES
from ._shapes import split_joined
from .exceptions import UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Mapping

    from ._columns import RecordTable
    from ._merge import Removal
    from ._models import (
        Checklist,
        Pack,
        Question,
        QuestionToAsk,
        Region,
        Situation,
        Source,
        Stage,
        Synonyms,
        Template,
        Tip,
        Topic,
    )
    from ._registry import Facet, RecordType
    from ._search import Query, Thesaurus, WordIndex
    from ._typed_dicts import CatalogDict


class Named(Protocol):
    """Anything with an ``id``: a stage, a topic, any record."""

    @property
    def id(self) -> str:
        """The id a filter takes."""
        ...  # pragma: no cover - a protocol


#: One value a filter takes: an id, a display name or an alias (a str; the enum
#: members such as ``Kind.DO`` are str too), or a record with an ``id`` (a `Stage`...).
FilterItem = Union[str, Named]
#: What a filter takes: one `FilterItem`, an iterable of them (any of them),
#: `interviewtips.only` of those, or None (no filter).
FilterValue = Union[FilterItem, Iterable[FilterItem], Only, None]

_D = TypeVar("_D")
#: How a lookup error says what became of a record the merge took out.
_VERBS = {"hidden": "hides", "replaced": "replaces"}
#: The ``record`` that names every record type of guidance at once.
ALL = "all"


class Catalog:
    """Every stage, topic and piece of guidance of the loaded packs, read-only.

    Records come in a documented order: by lifecycle stage (of each record's first
    stage), then in the order the packs, files and lists give them; questions an
    interviewer should not ask come after the others. Build one with
    `interviewtips.load`, not directly.
    """

    __slots__ = (
        "_by_id",
        "_corrections",
        "_frozen",
        "_indexes",
        "_matchers",
        "_names",
        "_record_names",
        "_removed",
        "_thesaurus",
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
        removed: Mapping[str, Mapping[str, tuple[Removal, ...]]] | None = None,
    ) -> None:
        """Index the records; ``tables`` maps each section of `SECTIONS` to its records.

        ``removed`` says, by record type and id, which records the packs hid or
        replaced, so that looking one up can say which pack did it.
        """
        self.packs: tuple[Pack, ...] = tuple(packs)
        self.files: tuple[str, ...] = tuple(files)
        self._removed = dict(removed or {})
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
        self._thesaurus: list[Thesaurus] = []  # the same
        #: For each set of record types searched, the query words read against them.
        self._corrections: dict[tuple[str, ...], dict[str, tuple[str, float]]] = {}
        self._matchers: dict[str, _text.CloseMatches] = {}  # made on the first unknown id
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
    def synonyms(self) -> tuple[Synonyms, ...]:
        """Every set of synonyms search uses, in the order the packs give them."""
        return self._vocabularies["synonyms"]

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the loaded packs credit."""
        return tuple(source for pack in self.packs for source in pack.sources)

    # -- queries ---------------------------------------------------------------------

    @property
    def tips(self) -> tuple[Tip, ...]:
        """Every tip, in canonical order."""
        return self._indexes["tips"].records

    @overload
    def select(self, record: Literal["tips"], **filters: FilterValue) -> tuple[Tip, ...]: ...
    @overload
    def select(
        self, record: Literal["questions"], **filters: FilterValue
    ) -> tuple[Question, ...]: ...
    @overload
    def select(
        self, record: Literal["questions-to-ask"], **filters: FilterValue
    ) -> tuple[QuestionToAsk, ...]: ...
    @overload
    def select(
        self, record: Literal["templates"], **filters: FilterValue
    ) -> tuple[Template, ...]: ...
    @overload
    def select(
        self, record: Literal["checklists"], **filters: FilterValue
    ) -> tuple[Checklist, ...]: ...
    @overload
    def select(self, record: str, **filters: FilterValue) -> tuple[Any, ...]: ...
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
        wanted, untagged = self._wanted(record_type, filters)
        return self._indexes[record_type.name].select(wanted, untagged)

    def query(self, **filters: FilterValue) -> tuple[Tip, ...]:
        """Return the tips that match every filter given, as `select` does.

        Filters: stage, kind, topic, phase, format, situation, region. A format,
        situation or region also matches the tips tagged with none: ``format="panel"``
        gives the tips for panels and those for every format;
        ``format=interviewtips.only("panel")`` gives the tips for panels alone.
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

    @overload
    def search(
        self,
        text: str,
        *,
        limit: int | None = None,
        record: Literal["tips"] = ...,
        **filters: FilterValue,
    ) -> tuple[Tip, ...]: ...
    @overload
    def search(
        self,
        text: str,
        *,
        limit: int | None = None,
        record: Literal["questions"],
        **filters: FilterValue,
    ) -> tuple[Question, ...]: ...
    @overload
    def search(
        self,
        text: str,
        *,
        limit: int | None = None,
        record: Literal["questions-to-ask"],
        **filters: FilterValue,
    ) -> tuple[QuestionToAsk, ...]: ...
    @overload
    def search(
        self,
        text: str,
        *,
        limit: int | None = None,
        record: Literal["templates"],
        **filters: FilterValue,
    ) -> tuple[Template, ...]: ...
    @overload
    def search(
        self,
        text: str,
        *,
        limit: int | None = None,
        record: Literal["checklists"],
        **filters: FilterValue,
    ) -> tuple[Checklist, ...]: ...
    @overload
    def search(
        self, text: str, *, limit: int | None = None, record: str, **filters: FilterValue
    ) -> tuple[Any, ...]: ...
    def search(
        self, text: str, *, limit: int | None = None, record: str = "tips", **filters: FilterValue
    ) -> tuple[Any, ...]:
        """Return the records that best match ``text``, best first, within the filters given.

        The text is analysed as the records are: case, accents and word forms do not
        matter ("Rejected" finds "rejection"); stop words ("what", "the") are left out;
        a longer word the content does not hold is read as the closest one it does
        ("salery" is "salary"); and the packs' synonyms are added ("zoom" also finds
        "video"). Headings (titles, questions, names) weigh most, then the other text,
        then the names of the topics, stages, formats and other facet values records
        carry; rare words weigh more than common ones. Records matching more of the
        query's words come first.

        Args:
            text: What the reader wrote: words or a question.
            limit: At most this many results.
            record: The record type to search, as for `select`, or ``"all"`` to
                rank every type of guidance together.
            filters: As for `select`. With ``record="all"``, a filter narrows the types
                that have its facet; a type without it is left out, unless the facet's
                untagged records apply to every value (format, situation, region).

        Returns:
            The records, best first; ``()`` when nothing matches.

        Raises:
            TypeError: ``text`` is not a str, or a filter is no facet of the types searched.
            ValueError: ``text`` is empty or only spaces.
            UnknownNameError: ``record`` or a filter's value names nothing.
        """
        from . import _search  # noqa: PLC0415 - only a search needs it

        _check_text(text)
        record_types, allowed = self._scope(record, filters)
        indexes = [self._word_index(record_type) for record_type in record_types]
        query = self._query(text, record_types, indexes)
        keep = [None if a is None else set(a) for a in allowed]
        ranked = _search.rank(query, indexes, keep, limit)
        return tuple(
            self._indexes[record_types[number].name].record(position) for number, position in ranked
        )

    def suggest(self, text: str, *, record: str = "tips", count: int = 3) -> tuple[str, ...]:
        """Return words of the content close to those of ``text`` it does not hold.

        For a "did you mean" when a search finds nothing: ``suggest("zepelin")`` names
        the content's words nearest to "zepelin", closest first.

        Raises:
            TypeError: ``text`` is not a str.
            ValueError: ``text`` is empty or only spaces.
        """
        _check_text(text)
        record_types, _ = self._scope(record, {})
        indexes = [self._word_index(record_type) for record_type in record_types]
        query = self._query(text, record_types, indexes)
        vocabulary = sorted({word for index in indexes for word in index.vocabulary})
        found: dict[str, None] = {}
        for word in query.unknown:
            found.update(dict.fromkeys(_text.close_matches(word, vocabulary, count)))
        return tuple(found)[:count]

    def sample(
        self, k: int = 1, *, seed: Any = None, record: str = "tips", **filters: FilterValue
    ) -> tuple[Any, ...]:
        """Return ``k`` records picked at random, or by ``seed`` the same way every time.

        With a seed, the pick depends only on the seed's text (``str(seed)``) and the
        records' ids: the same seed gives the same records on every run, machine and
        Python version, so today's date gives a tip of the day. Each record's place is
        a hash (BLAKE2b) of the seed and its id, so adding records changes a pick only
        where a new record wins its place. Without a seed the pick is random.

        Args:
            k: How many records (fewer when fewer match).
            seed: Anything whose text seeds the pick: a date, a string, a number.
            record: The record type, as for `select`, or ``"all"``.
            filters: As for `select` (and for `search` with ``record="all"``).

        Raises:
            TypeError: ``k`` is not an int.
            ValueError: ``k`` is negative.
        """
        if isinstance(k, bool) or not isinstance(k, int):
            raise TypeError(f"k is how many records to pick, an int, not {type(k).__name__}")
        if k < 0:
            raise ValueError(f"k is how many records to pick; it cannot be negative ({k})")
        record_types, allowed = self._scope(record, filters)
        pool = [
            (record_type, self._indexes[record_type.name].record(position))
            for record_type, positions in zip(record_types, allowed)
            for position in (
                range(len(self._indexes[record_type.name])) if positions is None else positions
            )
        ]
        if seed is None:
            import random  # noqa: PLC0415 - only an unseeded sample needs it

            picked = random.sample(pool, min(k, len(pool)))
        else:
            import hashlib  # noqa: PLC0415 - only a seeded sample needs it
            import heapq  # noqa: PLC0415 - the same

            text = str(seed)

            def place(entry: tuple[RecordType, Any]) -> bytes:
                record_type, found = entry
                key = f"{text}\x00{record_type.name}\x00{found.pack}:{found.id}"
                return hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest()

            picked = heapq.nsmallest(k, pool, key=place)
        return tuple(found for _, found in picked)

    def guide(
        self,
        *,
        stage: FilterValue,
        format: FilterValue = None,  # noqa: A002 - the facet's name in every query
        phase: FilterValue = None,
        **filters: FilterValue,
    ) -> Guide:
        """Return everything for one situation: tips, questions, questions to ask, templates...

        Each type of guidance gets the records that apply to the situation: for every
        facet given, those tagged with one of its values and those tagged with none
        (a tip with no format holds for every format, one with no phase at any time),
        and a type that lacks a facet is not narrowed by it (templates have no format).
        Pass `interviewtips.only` to leave out the untagged ones for a facet. Of the
        facets whose untagged records apply to every value (format, situation, region),
        one not given keeps only the general records: a guide for no particular
        situation leaves out the advice for graduates or for executives.

        Order, for every type: by phase (before, during, after, then any time); within a
        phase, the records for the format given before the general ones; then dos before
        don'ts; then canonical order (questions not to be asked last).

        Args:
            stage: The stage, as any filter names it (one stage).
            format: The interview's format, such as "panel" or "video".
            phase: Before, during or after.
            filters: Other facets: topic, situation, region, kind...

        Raises:
            TypeError: A filter is no facet of any guidance, or stage names several.
            UnknownNameError: A name matches nothing; the error lists close matches.
        """
        given = {"stage": stage, "format": format, "phase": phase, **filters}
        for name in given:
            if name not in FACETS:
                message = f"a guide has no facet {name!r}{_text.hint(name, FACETS)}"
                raise TypeError(f"{message}; use {', '.join(FACETS)}")
        stages = self._names["stage"].resolve_filter(stage)
        if len(stages) != 1:
            raise TypeError(f"a guide is for one stage; {stage!r} names {len(stages)}")
        chosen = {name: value for name, value in given.items() if value is not None}
        records = {}
        for record_type in GUIDANCE:
            mine = {name: v for name, v in chosen.items() if name in record_type.facets}
            wanted, _ = self._wanted(record_type, mine)
            untagged = [name for name in wanted if not isinstance(mine[name], Only)]
            for name, field in record_type.facets.items():
                if name not in wanted and field.facet is not None and field.facet.untagged_applies:
                    wanted[name] = frozenset()  # not asked for: the general records alone
                    untagged.append(name)
            index = self._indexes[record_type.name]
            positions = index.positions(wanted, untagged) or ()
            order = _guide_order(record_type, index, wanted.get("format", frozenset()))
            records[record_type.section] = tuple(
                map(index.record, sorted(positions, key=order.__getitem__))
            )
        names = {name: v.values if isinstance(v, Only) else v for name, v in chosen.items()}
        resolved = {name: self._names[name].resolve_filter(value) for name, value in names.items()}
        formats, phases = resolved.pop("format", ()), resolved.pop("phase", ())
        resolved.pop("stage")
        return Guide(
            stage=self.stage(next(iter(stages))),
            format=_member(FACETS["format"], formats) if len(formats) == 1 else None,
            phase=_member(FACETS["phase"], phases) if len(phases) == 1 else None,
            filters=tuple((name, tuple(sorted(ids))) for name, ids in resolved.items()),
            **records,
        )

    @overload
    def get(
        self, id: str, default: None = None, *, record: Literal["tips"] = ...
    ) -> Tip | None: ...
    @overload
    def get(self, id: str, default: _D, *, record: Literal["tips"] = ...) -> Tip | _D: ...
    @overload
    def get(
        self, id: str, default: None = None, *, record: Literal["questions"]
    ) -> Question | None: ...
    @overload
    def get(self, id: str, default: _D, *, record: Literal["questions"]) -> Question | _D: ...
    @overload
    def get(
        self, id: str, default: None = None, *, record: Literal["questions-to-ask"]
    ) -> QuestionToAsk | None: ...
    @overload
    def get(
        self, id: str, default: _D, *, record: Literal["questions-to-ask"]
    ) -> QuestionToAsk | _D: ...
    @overload
    def get(
        self, id: str, default: None = None, *, record: Literal["templates"]
    ) -> Template | None: ...
    @overload
    def get(self, id: str, default: _D, *, record: Literal["templates"]) -> Template | _D: ...
    @overload
    def get(
        self, id: str, default: None = None, *, record: Literal["checklists"]
    ) -> Checklist | None: ...
    @overload
    def get(self, id: str, default: _D, *, record: Literal["checklists"]) -> Checklist | _D: ...
    @overload
    def get(self, id: str, default: None = None, *, record: Literal["stages"]) -> Stage | None: ...
    @overload
    def get(self, id: str, default: _D, *, record: Literal["stages"]) -> Stage | _D: ...
    @overload
    def get(self, id: str, default: None = None, *, record: Literal["topics"]) -> Topic | None: ...
    @overload
    def get(self, id: str, default: _D, *, record: Literal["topics"]) -> Topic | _D: ...
    @overload
    def get(
        self, id: str, default: None = None, *, record: Literal["situations"]
    ) -> Situation | None: ...
    @overload
    def get(self, id: str, default: _D, *, record: Literal["situations"]) -> Situation | _D: ...
    @overload
    def get(
        self, id: str, default: None = None, *, record: Literal["regions"]
    ) -> Region | None: ...
    @overload
    def get(self, id: str, default: _D, *, record: Literal["regions"]) -> Region | _D: ...
    @overload
    def get(
        self, id: str, default: None = None, *, record: Literal["synonyms"]
    ) -> Synonyms | None: ...
    @overload
    def get(self, id: str, default: _D, *, record: Literal["synonyms"]) -> Synonyms | _D: ...
    @overload
    def get(self, id: str, default: Any = None, *, record: str) -> Any: ...
    def get(self, id: str, default: Any = None, *, record: str = "tips") -> Any:  # noqa: A002
        """Return the record with this id (``pack:id`` also works), or ``default``.

        ``record`` names the record type, as for `select`, or a vocabulary
        ("stages", "topics", "situations", "regions"). The result is typed by it: a
        type checker knows ``get(id, record="templates")`` is a `Template` or None.
        """
        section = self._record_names.resolve(record)
        pack, local = _text.split_reference(id)
        index = self._indexes.get(section)
        found = self._by_id[section].get(local) if index is None else index.get(local)
        if found is None or (pack and found.pack != pack):
            return default
        return found

    @overload
    def lookup(self, id: str, *, record: Literal["tips"] = ...) -> Tip: ...
    @overload
    def lookup(self, id: str, *, record: Literal["questions"]) -> Question: ...
    @overload
    def lookup(self, id: str, *, record: Literal["questions-to-ask"]) -> QuestionToAsk: ...
    @overload
    def lookup(self, id: str, *, record: Literal["templates"]) -> Template: ...
    @overload
    def lookup(self, id: str, *, record: Literal["checklists"]) -> Checklist: ...
    @overload
    def lookup(self, id: str, *, record: Literal["stages"]) -> Stage: ...
    @overload
    def lookup(self, id: str, *, record: Literal["topics"]) -> Topic: ...
    @overload
    def lookup(self, id: str, *, record: Literal["situations"]) -> Situation: ...
    @overload
    def lookup(self, id: str, *, record: Literal["regions"]) -> Region: ...
    @overload
    def lookup(self, id: str, *, record: Literal["synonyms"]) -> Synonyms: ...
    @overload
    def lookup(self, id: str, *, record: str) -> Any: ...
    def lookup(self, id: str, *, record: str = "tips") -> Any:  # noqa: A002
        """Return the record with this id, as `get` does, or raise.

        Typed as `get` is: ``lookup(id, record="templates")`` is a `Template`.

        Raises:
            UnknownNameError: No record has that id; the error lists close matches,
                and, when a pack hid or replaced the record, says which
                (`UnknownNameError.removed_by`).
        """
        found = self.get(id, record=record)
        if found is None:
            name = self._record_names.resolve(record)
            record_type = RECORD_TYPES.get(name) or SECTIONS[name.replace("-", "_")]
            pack, local = _text.split_reference(id)
            removal = self._removal(name, pack, local)
            if removal is not None:
                raise UnknownNameError(
                    record_type.singular,
                    id,
                    (local,) if removal.how == "replaced" else (),
                    removed_by=removal.by,
                    reason=f"pack {removal.by!r} {_VERBS[removal.how]} it",
                )
            raise UnknownNameError(
                record_type.singular, id, self._close_ids(name)(local.casefold())
            )
        return found

    def _removal(self, name: str, pack: str, local: str) -> Removal | None:
        """Return how the record ``pack:local`` of a record type was taken out, if it was."""
        removals = self._removed.get(name, {}).get(local, ())
        return next((r for r in reversed(removals) if not pack or r.of == pack), None)

    def _close_ids(self, record: str) -> _text.CloseMatches:
        """Return what finds the ids of a record type close to a mistyped one (made once)."""
        matcher = self._matchers.get(record)
        if matcher is None:  # two threads may both make it: either serves
            index = self._indexes.get(record)
            known = self._by_id[record] if index is None else index.row_of
            matcher = self._matchers[record] = _text.CloseMatches(known)
        return matcher

    def stage(self, name: FilterItem) -> Stage:
        """Return the stage a name, alias or id stands for.

        Raises:
            UnknownNameError: No stage is called that.
        """
        id_ = name if isinstance(name, str) else name.id
        return self._by_id["stages"][self._names["stage"].resolve(id_)]  # type: ignore[no-any-return]

    def topic(self, name: FilterItem) -> Topic:
        """Return the topic a name, alias or id stands for.

        Raises:
            UnknownNameError: No topic is called that.
        """
        id_ = name if isinstance(name, str) else name.id
        return self._by_id["topics"][self._names["topic"].resolve(id_)]  # type: ignore[no-any-return]

    def counts(self, by: str = "stage", *, of: str = "tips") -> dict[str, int]:
        """Count records by a facet's values, zeros included, in the facet's order.

        Args:
            by: A facet of the record type (stage, topic, kind...), or "record" to
                count each record type.
            of: The record type to count, as for `select`.

        Raises:
            UnknownNameError: ``by`` or ``of`` names nothing.
        """
        record_type = self._guidance(of)
        facet = NameIndex(
            f"facet of {record_type.name}", ((f, ()) for f in (*record_type.facets, "record"))
        ).resolve(by)
        if facet == "record":
            return {name: len(index) for name, index in self._indexes.items()}
        return self._indexes[record_type.name].count(facet, self._names[facet].ids)

    def to_dict(self) -> CatalogDict:
        """Return the whole catalog as plain data (a new copy each call), ready for JSON.

        Typed by `CatalogDict`: each section's records are the TypedDicts of their type.
        """
        data: dict[str, Any] = {
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
        return cast("CatalogDict", data)  # its sections are the registry's: a test checks

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
    ) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
        """Return the ids each filter given names, by facet, and the facets untagged match.

        A facet's untagged records match when they apply to every value, unless the
        filter asked for `only` its values.
        """
        wanted = {}
        untagged = set()
        for name, value in filters.items():
            if name not in record_type.facets:
                facets = ", ".join(record_type.facets)
                message = (
                    f"{record_type.name} have no facet {name!r}"
                    f"{_text.hint(name, record_type.facets)}; they are filtered by {facets}"
                )
                raise TypeError(message)
            if value is not None:
                names = self._names[name]
                if isinstance(value, Only):  # each of its values is what a filter takes
                    ids = frozenset().union(*map(names.resolve_filter, value.values))
                else:
                    ids = names.resolve_filter(value)
                wanted[name] = self._related(FACETS[name], ids)
                if FACETS[name].untagged_applies and not isinstance(value, Only):
                    untagged.add(name)
        return wanted, frozenset(untagged)

    def _scope(
        self, record: str, filters: Mapping[str, Any]
    ) -> tuple[list[RecordType], list[list[int] | None]]:
        """Return the record types ``record`` names ("all": every one) and what each allows.

        What a type allows: the positions the filters leave (None: all of them). With
        several types, a filter narrows those that have its facet; a type without it is
        left out, unless the facet's untagged records apply to every value.

        Raises:
            TypeError: A filter is a facet of none of the types.
        """
        if record != ALL:
            record_type = self._guidance(record)
            wanted, untagged = self._wanted(record_type, filters)
            return [record_type], [self._indexes[record_type.name].positions(wanted, untagged)]
        for name in filters:
            if name not in FACETS:
                message = f"guidance has no facet {name!r}{_text.hint(name, FACETS)}"
                raise TypeError(f"{message}; it is filtered by {', '.join(FACETS)}")
        record_types, allowed = [], []
        for record_type in GUIDANCE:
            given = {name: value for name, value in filters.items() if value is not None}
            lacking = [name for name in given if name not in record_type.facets]
            if any(not FACETS[name].untagged_applies for name in lacking):
                continue
            mine = {name: value for name, value in given.items() if name not in lacking}
            wanted, untagged = self._wanted(record_type, mine)
            record_types.append(record_type)
            allowed.append(self._indexes[record_type.name].positions(wanted, untagged))
        return record_types, allowed

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

    def _word_index(self, record_type: RecordType) -> WordIndex:
        """Return a record type's word index, building it on first use.

        Two threads searching at once may both build it; each builds the same index
        from the same immutable records, and either result serves.
        """
        from ._search import WordIndex  # noqa: PLC0415 - only a search needs it

        words = self._word_indexes.get(record_type.name)
        if words is None:
            index = self._indexes[record_type.name]
            fields = [(index.column(name), weight) for name, weight in record_type.search.items()]
            facets = [
                (names, field.facet.search, positions)
                for field in record_type.facets.values()
                if field.facet is not None and field.facet.search
                for value, positions in index.postings(field.facet.name).items()
                if value != UNTAGGED
                for names in (self._value_names(field.facet).get(value, value),)
            ]
            kind = (f"{record_type.name} {record_type.singular}", 1.0, range(len(index)))
            headings = index.column(record_type.heading)
            words = WordIndex(len(index), fields, [*facets, kind], headings)
            self._word_indexes[record_type.name] = words  # a cache, not a change of content
        return words

    def _query(self, text: str, record_types: list[RecordType], indexes: list[WordIndex]) -> Query:
        """Return a search's text analysed against the record types searched."""
        from ._search import Query  # noqa: PLC0415 - only a search needs it

        scope = tuple(record_type.name for record_type in record_types)
        corrections = self._corrections.setdefault(scope, {})  # a cache, as the indexes
        return Query(text, indexes, self._thesaurus_of_packs(), corrections)

    def _thesaurus_of_packs(self) -> Thesaurus:
        """Return the synonyms of the loaded packs, ready to match queries, made on first use."""
        from ._search import Thesaurus  # noqa: PLC0415 - only a search needs it

        if not self._thesaurus:
            groups = [(entry.terms, entry.means) for entry in self.synonyms]
            self._thesaurus.append(Thesaurus(groups))  # a cache, not a change of content
        return self._thesaurus[0]

    def _value_names(self, facet: Facet) -> dict[str, str]:
        """Return the names of each value of a facet (its id, name and aliases) as one text."""
        if facet.section is not None:
            records = self._vocabularies[facet.section]
            return {
                record.id: " ".join((record.id, record.name, *record.aliases)) for record in records
            }
        vocabulary: Any = facet.vocabulary
        return {
            member.value: " ".join((member.value, member.label, *facet.aliases.get(member, ())))
            for member in vocabulary
        }


def _check_text(text: Any) -> None:
    """Refuse what is not text to search for.

    Raises:
        TypeError: ``text`` is not a str.
        ValueError: ``text`` holds nothing but spaces.
    """
    if not isinstance(text, str):
        message = f"search text must be a str, not {type(text).__name__}"
        raise TypeError(message + (" (give the words to look for)" if text is None else ""))
    if not text.strip():
        raise ValueError("search text is empty; give the words to look for")


def _member(facet: Facet, ids: frozenset[str]) -> Any:
    """Return the enum member of the one id a filter of an enum facet named."""
    vocabulary: Any = facet.vocabulary
    return vocabulary(next(iter(ids)))


def _guide_order(
    record_type: RecordType, index: FacetIndex, formats: frozenset[str]
) -> list[tuple[int, ...]]:
    """Return each position's sort key in a guide: phase, the format's own first, do first."""
    ranks = []
    for name in ("phase", "format", "kind"):
        field = record_type.facets.get(name)
        if field is None or field.facet is None:
            continue
        vocabulary: Any = field.facet.vocabulary
        if name == "format":  # the formats asked for, then the general ones, then others
            order = {**dict.fromkeys(formats, 0), UNTAGGED: 1}
        else:  # a vocabulary's order, untagged last
            order = {member.value: number for number, member in enumerate(vocabulary)}
        rank = [len(vocabulary) + 2] * len(index)
        for value, positions in index.postings(name).items():
            value_rank = order.get(value, len(vocabulary) + 1)
            for position in positions:
                rank[position] = min(rank[position], value_rank)
        ranks.append(rank)
    return [(*(rank[p] for rank in ranks), p) for p in range(len(index))]


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
