"""The immutable catalog: every record, with indexes built once, and the query API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._index import FacetIndex
from ._models import (
    CHOICE_ALIASES,
    Audience,
    Checklist,
    Format,
    Kind,
    Pack,
    Phase,
    Question,
    QuestionToAsk,
    QuestionType,
    Source,
    Stage,
    Template,
    Tip,
    Topic,
    _Choice,
)
from ._names import CloseMatches, NameIndex
from ._plain import to_dict
from ._table import items
from .exceptions import UnknownNameError

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from ._search import WordIndex
    from ._table import Table

#: The record types a catalog holds, by the name the API and command line use.
RECORD_TYPES = ("tips", "questions", "questions-to-ask", "templates", "checklists")

#: Each record type's facets, and the field that holds each facet's value or values.
_FACETS: dict[str, dict[str, str]] = {
    "tips": {
        "stage": "stages",
        "kind": "kind",
        "topic": "topics",
        "phase": "phase",
        "format": "formats",
    },
    "questions": {"stage": "stages", "topic": "topics", "type": "type", "format": "formats"},
    "questions-to-ask": {
        "stage": "stages",
        "topic": "topics",
        "kind": "kind",
        "audience": "audiences",
    },
    "templates": {"stage": "stages", "topic": "topics"},
    "checklists": {"stage": "stages", "topic": "topics", "phase": "phase", "format": "formats"},
}

_VOCABULARIES: dict[str, type[_Choice]] = {
    "kind": Kind,
    "phase": Phase,
    "format": Format,
    "type": QuestionType,
    "audience": Audience,
}


def _choice_names(vocabulary: type[_Choice]) -> NameIndex:
    what = "question type" if vocabulary is QuestionType else vocabulary.__name__.lower()
    return NameIndex(
        what,
        ((member.value, (member.label, *CHOICE_ALIASES.get(member, ()))) for member in vocabulary),
    )


class Catalog:
    """Every stage, topic and piece of guidance of the loaded packs, read-only.

    Records come in a documented order: by lifecycle stage (of each record's first
    stage), then in the order the packs, files and lists give them. Build one with
    `interviewtips.load`, not directly.
    """

    __slots__ = (
        "_by_id",
        "_frozen",
        "_indexes",
        "_matchers",
        "_names",
        "_record_types",
        "_words",
        "files",
        "packs",
        "stages",
        "topics",
    )

    def __init__(
        self,
        packs: Iterable[Pack],
        stages: Iterable[Stage],
        topics: Iterable[Topic],
        tables: Mapping[str, Table],
        files: Iterable[str] = (),
    ) -> None:
        """Index the records; ``tables`` maps each of `RECORD_TYPES` to its records."""
        self.packs: tuple[Pack, ...] = tuple(packs)
        self.stages: tuple[Stage, ...] = tuple(sorted(stages, key=lambda stage: stage.order))
        self.topics: tuple[Topic, ...] = tuple(topics)
        self.files: tuple[str, ...] = tuple(files)
        order = {stage.id: position for position, stage in enumerate(self.stages)}
        self._indexes: dict[str, FacetIndex] = {}
        for name in RECORD_TYPES:
            table = tables[name]
            # Canonical order: by each record's first stage, then as the table gives them.
            stage_ids = table.column("stages")
            first_stage = {value: order[items(value)[0]] for value in set(stage_ids)}
            keys = list(map(first_stage.__getitem__, stage_ids))
            lifecycle = sorted(range(len(table)), key=keys.__getitem__)
            self._indexes[name] = FacetIndex(table, _FACETS[name], lifecycle)
        self._by_id: dict[str, dict[str, Any]] = {
            "stages": {stage.id: stage for stage in self.stages},
            "topics": {topic.id: topic for topic in self.topics},
        }
        names = (*self._by_id, *RECORD_TYPES)
        self._record_types = NameIndex("record type", ((name, ()) for name in names))
        self._names: dict[str, NameIndex] = {
            "stage": NameIndex("stage", ((s.id, (s.name, *s.aliases)) for s in self.stages)),
            "topic": NameIndex("topic", ((t.id, (t.name, *t.aliases)) for t in self.topics)),
            **{facet: _choice_names(vocabulary) for facet, vocabulary in _VOCABULARIES.items()},
        }
        self._words: WordIndex | None = None  # built on the first search
        self._matchers: dict[str, CloseMatches] = {}  # made on the first unknown id
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
        sizes = ", ".join(f"{len(self._indexes[name])} {name}" for name in RECORD_TYPES)
        return f"<Catalog packs=[{packs}]: {len(self.stages)} stages, {sizes}>"

    @property
    def tips(self) -> tuple[Tip, ...]:
        """Every tip, in canonical order."""
        return self._indexes["tips"].records

    @property
    def sources(self) -> tuple[Source, ...]:
        """Every source the loaded packs credit."""
        return tuple(source for pack in self.packs for source in pack.sources)

    def query(
        self,
        *,
        stage: Any = None,
        kind: Any = None,
        topic: Any = None,
        phase: Any = None,
        format: Any = None,  # noqa: A002 - the public contract's name
    ) -> tuple[Tip, ...]:
        """Return the tips that match every filter given.

        Each filter takes an id, a display name or an alias in any case, the model
        object or enum member, or an iterable of those (any of them).

        Raises:
            UnknownNameError: A name matches nothing; the error lists close matches.
        """
        filters = {"stage": stage, "kind": kind, "topic": topic, "phase": phase, "format": format}
        return self._select("tips", filters)

    def questions(
        self,
        *,
        stage: Any = None,
        topic: Any = None,
        type: Any = None,  # noqa: A002 - the public contract's name
        format: Any = None,  # noqa: A002 - the public contract's name
    ) -> tuple[Question, ...]:
        """Return the interviewer questions that match every filter, as `query` does."""
        filters = {"stage": stage, "topic": topic, "type": type, "format": format}
        return self._select("questions", filters)

    def questions_to_ask(
        self, *, stage: Any = None, topic: Any = None, kind: Any = None, audience: Any = None
    ) -> tuple[QuestionToAsk, ...]:
        """Return the questions to ask the employer (kind do) or to avoid (kind dont)."""
        filters = {"stage": stage, "topic": topic, "kind": kind, "audience": audience}
        return self._select("questions-to-ask", filters)

    def templates(self, *, stage: Any = None, topic: Any = None) -> tuple[Template, ...]:
        """Return the email templates that match every filter, as `query` does."""
        return self._select("templates", {"stage": stage, "topic": topic})

    def checklists(
        self,
        *,
        stage: Any = None,
        topic: Any = None,
        phase: Any = None,
        format: Any = None,  # noqa: A002 - the public contract's name
    ) -> tuple[Checklist, ...]:
        """Return the checklists that match every filter, as `query` does."""
        filters = {"stage": stage, "topic": topic, "phase": phase, "format": format}
        return self._select("checklists", filters)

    def search(
        self,
        text: str,
        *,
        limit: int | None = None,
        stage: Any = None,
        kind: Any = None,
        topic: Any = None,
        phase: Any = None,
        format: Any = None,  # noqa: A002 - the public contract's name
    ) -> tuple[Tip, ...]:
        """Return the tips that best match ``text``, best first, within the filters given.

        Titles weigh most, then details, reasons, topics and stages; rare words weigh
        more than common ones. Plural and singular forms match each other.
        """
        filters = {"stage": stage, "kind": kind, "topic": topic, "phase": phase, "format": format}
        index = self._indexes["tips"]
        allowed = index.positions(self._wanted(filters))
        ranked = self._word_index().rank(text, allowed)
        if limit is not None:
            ranked = ranked[: max(limit, 0)]
        return tuple(index.record(position) for position in ranked)

    def get(self, id: str, default: Any = None, *, record: str = "tips") -> Any:  # noqa: A002
        """Return the record with this id (``pack:id`` also works), or ``default``.

        ``record`` names the record type: one of `RECORD_TYPES`, "stages" or "topics".
        """
        record_type = self._record_types.resolve(record)
        pack, _, local = id.rpartition(":")
        index = self._indexes.get(record_type)
        found = self._by_id[record_type].get(local) if index is None else index.get(local)
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
            record_type = self._record_types.resolve(record)
            what = "question to ask" if record_type == "questions-to-ask" else record_type[:-1]
            local = id.rpartition(":")[2].casefold()
            raise UnknownNameError(what, id, self._close_ids(record_type)(local))
        return found

    def _close_ids(self, record_type: str) -> CloseMatches:
        """Return what finds the ids of a record type close to a mistyped one (made once)."""
        matcher = self._matchers.get(record_type)
        if matcher is None:  # two threads may both make it: either serves
            index = self._indexes.get(record_type)
            known = self._by_id[record_type] if index is None else index.row_of
            matcher = self._matchers[record_type] = CloseMatches(known)
        return matcher

    def stage(self, name: Any) -> Stage:
        """Return the stage a name, alias or id stands for.

        Raises:
            UnknownNameError: No stage is called that.
        """
        stage: Stage = self._by_id["stages"][
            self._names["stage"].resolve(getattr(name, "id", name))
        ]
        return stage

    def topic(self, name: Any) -> Topic:
        """Return the topic a name, alias or id stands for.

        Raises:
            UnknownNameError: No topic is called that.
        """
        topic: Topic = self._by_id["topics"][
            self._names["topic"].resolve(getattr(name, "id", name))
        ]
        return topic

    def counts(self, by: str = "stage", *, of: str = "tips") -> dict[str, int]:
        """Count records by a facet's values, zeros included, in the facet's order.

        Args:
            by: A facet of the record type (stage, topic, kind, phase, format, type,
                audience), or "record" to count each record type.
            of: The record type to count: one of `RECORD_TYPES`.

        Raises:
            UnknownNameError: ``by`` or ``of`` names nothing.
        """
        if by == "record":
            return {name: len(self._indexes[name]) for name in RECORD_TYPES}
        record_type = self._record_types.resolve(of)
        if record_type not in self._indexes:  # stages and topics have no facets
            raise UnknownNameError("record type to count", of, RECORD_TYPES)
        index = self._indexes[record_type]
        facet = NameIndex(f"facet of {of}", ((f, ()) for f in index.facets)).resolve(by)
        return index.count(facet, self._names[facet].ids)

    def to_dict(self) -> dict[str, Any]:
        """Return the whole catalog as plain data (a new copy each call), ready for JSON."""
        return {
            "packs": [to_dict(pack) for pack in self.packs],
            "stages": [to_dict(stage) for stage in self.stages],
            "topics": [to_dict(topic) for topic in self.topics],
            **{
                name.replace("-", "_"): [to_dict(r) for r in self._indexes[name].records]
                for name in RECORD_TYPES
            },
        }

    def _word_index(self) -> WordIndex:
        """Return the tips' word index, building it on first use.

        Two threads searching at once may both build it; each builds the same index
        from the same immutable tips, and either result serves.
        """
        from ._search import WordIndex  # noqa: PLC0415 - only a search needs it

        words = self._words
        if words is None:
            stage_names = {s.id: " ".join((s.name, *s.aliases)) for s in self.stages}
            topic_names = {t.id: " ".join((t.name, *t.aliases)) for t in self.topics}
            words = WordIndex(
                (
                    (tip.title, 3.0),
                    (tip.detail, 1.0),
                    (tip.why, 1.0),
                    (" ".join(topic_names[topic] for topic in tip.topics), 1.0),
                    (" ".join(stage_names[stage] for stage in tip.stages), 0.5),
                )
                for tip in self.tips
            )
            object.__setattr__(self, "_words", words)  # a cache, not a change of content
        return words

    def _wanted(self, filters: dict[str, Any]) -> dict[str, frozenset[str]]:
        return {
            facet: self._names[facet].resolve_filter(value)
            for facet, value in filters.items()
            if value is not None
        }

    def _select(self, name: str, filters: dict[str, Any]) -> tuple[Any, ...]:
        return self._indexes[name].select(self._wanted(filters))
