"""The catalog's query API: names in any form, any-of filters, order, lookups, counts."""

from __future__ import annotations

import difflib
import gc
import tracemalloc

import attrs
import pytest

import interviewtips
from conftest import MANIFEST, STAGES
from interviewtips import Format, Kind, Phase, UnknownNameError, _index, _text


def ids(records) -> list[str]:
    return [record.id for record in records]


class TestQuery:
    """query() filters tips by stage, kind, topic, phase and format."""

    def test_no_filter_returns_every_tip_in_lifecycle_order(self, mini) -> None:
        """Tips come by their first stage's order, then in data order."""
        assert ["read-the-website", "dont-arrive-late", "no", "send-a-note"] == ids(mini.query())

    def test_stage_and_kind_combine_with_and(self, mini) -> None:
        """Two filters keep the tips that match both."""
        assert ["no"] == ids(mini.query(stage="second-round", kind="dont"))

    @pytest.mark.parametrize(
        "name", ["second-round", "Second round", "SECOND ROUND", "second", "2nd round", "2nd-round"]
    )
    def test_stage_by_id_name_or_alias_in_any_case(self, mini, name: str) -> None:
        """Ids, display names and aliases name the same stage, in any case."""
        assert ["no", "send-a-note"] == ids(mini.query(stage=name))

    @pytest.mark.parametrize("name", ["dont", "don't", "do not", "DONT", "Don\u2019t", Kind.DONT])
    def test_kind_names(self, mini, name) -> None:
        """Every spelling of don't names Kind.DONT."""
        assert ["dont-arrive-late", "no"] == ids(mini.query(kind=name))

    def test_model_objects_work_as_filters(self, mini) -> None:
        """A Stage or Topic object filters like its id."""
        stage = mini.stage("second-round")
        topic = mini.topic("thanks")
        assert ["no", "send-a-note"] == ids(mini.query(stage=stage, topic=topic))

    def test_iterables_are_any_of(self, mini) -> None:
        """A list of names matches tips with any of them."""
        assert ["read-the-website", "send-a-note"] == ids(mini.query(phase=["before", Phase.AFTER]))

    def test_empty_iterable_matches_nothing(self, mini) -> None:
        """Any of no stages is no tip at all."""
        assert () == mini.query(stage=[])

    def test_format_filter(self, mini) -> None:
        """A format gives the tips for any of the formats named and those for every format."""
        found = ids(mini.query(format=[Format.IN_PERSON, "phone"]))
        assert ["read-the-website", "dont-arrive-late", "no", "send-a-note"] == found

    def test_only_the_formats_named(self, mini) -> None:
        """only() leaves out the tips for every format: those tagged with none."""
        only = interviewtips.only(Format.IN_PERSON, "phone")
        assert ["dont-arrive-late", "no"] == ids(mini.query(format=only))
        assert ["dont-arrive-late", "no"] == ids(
            mini.query(format=interviewtips.only([Format.IN_PERSON, "phone"]))
        )

    def test_only_needs_a_value(self) -> None:
        """only() with nothing to name is a TypeError, not a filter that matches nothing."""
        with pytest.raises(TypeError, match="at least one value"):
            interviewtips.only()

    def test_topic_alias(self, mini) -> None:
        """A topic's alias names it."""
        assert ["read-the-website", "dont-arrive-late", "no"] == ids(mini.query(topic="homework"))

    def test_unknown_name_raises_with_suggestions(self, mini) -> None:
        """A typo raises UnknownNameError naming the close match, never an empty result."""
        with pytest.raises(UnknownNameError) as caught:
            mini.query(stage="secnd-round")
        assert ("stage", "secnd-round", ("second-round", "first-round")) == (
            caught.value.what,
            caught.value.name,
            caught.value.suggestions,
        )
        assert "unknown stage 'secnd-round'; did you mean 'second-round' or 'first-round'?" == str(
            caught.value
        )

    def test_unknown_name_is_a_lookup_error(self, mini) -> None:
        """Callers can catch it as the builtin LookupError."""
        with pytest.raises(LookupError):
            mini.query(kind="maybe")

    def test_wrong_type_is_a_type_error(self, mini) -> None:
        """A number is no filter."""
        with pytest.raises(TypeError, match="a stage filter takes a name"):
            mini.query(stage=3)

    def test_nested_filters_are_a_type_error(self, mini) -> None:
        """A list in the list, or a list holding itself, is a TypeError, not a RecursionError."""
        looped: list[object] = ["first-round"]
        looped.append(looped)
        expected = (
            "a stage filter takes a name, a stage or a flat iterable of them, "
            "not an iterable inside the iterable (list)"
        )
        for value in (looped, [["first-round"]], [[[[["first-round"]]]]]):
            with pytest.raises(TypeError) as caught:
                mini.query(stage=value)
            assert expected == str(caught.value)
        with pytest.raises(TypeError, match=r"flat iterable of them, not int$"):
            mini.query(kind=["do", 3])

    def test_results_are_tuples(self, mini) -> None:
        """Results cannot be appended to or changed."""
        assert isinstance(mini.query(kind="do"), tuple)


class TestOtherRecords:
    """Questions, questions to ask, templates and checklists filter by the same rules."""

    def test_questions_by_type_alias(self, mini) -> None:
        """The US spelling names the behavioural type."""
        assert ["tell-me-about-a-time"] == ids(mini.questions(type="Behavioral"))

    def test_questions_by_stage_and_format(self, mini) -> None:
        """Stage and format combine."""
        assert ["what-would-you-do"] == ids(mini.questions(stage="second", format="video"))

    def test_questions_to_ask_by_audience_and_kind(self, mini) -> None:
        """Audiences match any of a question's audiences; kind dont lists ones to avoid."""
        assert ["ask-about-holidays-first"] == ids(mini.questions_to_ask(audience="team"))
        assert ["ask-about-success"] == ids(mini.questions_to_ask(kind="do"))

    def test_templates_and_checklists(self, mini) -> None:
        """Templates filter by stage, checklists by format and phase."""
        assert ["thanks-email"] == ids(mini.templates(stage="second-round"))
        assert ["the-day-before"] == ids(mini.checklists(format="in person", phase="before"))

    def test_unknown_audience(self, mini) -> None:
        """Audience names get suggestions too."""
        with pytest.raises(UnknownNameError, match="did you mean 'recruiter'"):
            mini.questions_to_ask(audience="recruter")


class TestLookups:
    """get() never raises; lookup() raises with close matches."""

    def test_get(self, mini) -> None:
        """get returns the tip, or the default."""
        assert "Send a thank-you note" == mini.get("send-a-note").title
        assert mini.get("nothing") is None
        assert "fallback" == mini.get("nothing", "fallback")

    def test_get_qualified_id(self, mini) -> None:
        """pack:id names a record of that pack only."""
        assert "send-a-note" == mini.get("mini:send-a-note").id
        assert mini.get("acme:send-a-note") is None

    def test_get_other_record_types(self, mini) -> None:
        """record= selects the record type."""
        assert "Thank-you email" == mini.get("thanks-email", record="templates").name
        assert "First round" == mini.get("first-round", record="stages").name

    def test_lookup_suggests(self, mini) -> None:
        """lookup names the close matches."""
        with pytest.raises(UnknownNameError, match="did you mean 'send-a-note'"):
            mini.lookup("send-a-not")

    def test_stage_and_topic_by_name(self, mini) -> None:
        """stage() and topic() resolve names and aliases."""
        assert "second-round" == mini.stage("2nd round").id
        assert "research" == mini.topic("HOMEWORK").id


class TestSearch:
    """search() ranks tips by the words they contain."""

    def test_title_words_rank_first(self, mini) -> None:
        """A title match outranks a match elsewhere."""
        assert ["send-a-note"] == ids(mini.search("thank-you note"))[:1]

    def test_plural_matches_singular(self, mini) -> None:
        """The plural "notes" finds "note"."""
        assert "send-a-note" in ids(mini.search("notes"))

    def test_filters_apply(self, mini) -> None:
        """Search results satisfy the filters given."""
        assert ["send-a-note"] == ids(mini.search("interviewer", stage="second-round"))
        assert [] == ids(mini.search("interviewer", stage="first-round", kind="do"))

    def test_limit(self, catalog) -> None:
        """limit caps the number of results."""
        assert 5 == len(catalog.search("thank you email", limit=5))

    def test_none_says_what_it_needs(self, mini) -> None:
        """search(None) is a TypeError that says to give the words to look for."""
        with pytest.raises(TypeError) as caught:
            mini.search(None)  # type: ignore[arg-type]
        expected = "search text must be a str, not NoneType (give the words to look for)"
        assert expected == str(caught.value)

    def test_no_match_is_empty(self, mini) -> None:
        """Words that appear nowhere find nothing."""
        assert () == mini.search("zeppelin")

    def test_builtin_thank_you_search(self, catalog) -> None:
        """On the real content, a thank-you search leads with a thank-you tip."""
        assert "thank" in catalog.search("thank you email", limit=1)[0].title.lower()


class TestCounts:
    """counts() gives facet counts, zeros included."""

    def test_by_stage(self, mini) -> None:
        """Each stage with the number of tips tagged with it."""
        assert {"first-round": 3, "second-round": 2} == mini.counts(by="stage")

    def test_by_kind_and_topic(self, mini) -> None:
        """Kinds and topics in vocabulary order."""
        assert {"do": 2, "dont": 2} == mini.counts(by="kind")
        assert {"research": 3, "thanks": 2} == mini.counts(by="topic")

    def test_other_record_types(self, mini) -> None:
        """of= counts another record type."""
        assert [("recruiter", 0), ("hiring-manager", 2), ("team", 1), ("executive", 0)] == list(
            mini.counts(by="audience", of="questions-to-ask").items()
        )
        assert {
            "tips": 4,
            "questions": 2,
            "questions-to-ask": 2,
            "templates": 1,
            "checklists": 1,
        } == mini.counts(by="record")

    def test_unknown_facet(self, mini) -> None:
        """A facet the record type lacks raises with suggestions."""
        with pytest.raises(UnknownNameError, match="did you mean 'stage'"):
            mini.counts(by="stages")

    def test_unknown_facet_error(self, mini) -> None:
        """counts(by=...) naming no facet is an UnknownNameError, a LookupError, with matches."""
        with pytest.raises(LookupError) as caught:
            mini.counts(by="knd", of="questions-to-ask")
        assert (UnknownNameError, "facet of questions-to-ask", "knd", ("kind",)) == (
            type(caught.value),
            caught.value.what,
            caught.value.name,
            caught.value.suggestions,
        )

    def test_record_is_among_the_suggestions(self, mini) -> None:
        """by="records" suggests by="record", the count of each record type."""
        with pytest.raises(UnknownNameError) as caught:
            mini.counts(by="records")
        assert ("record",) == caught.value.suggestions

    def test_counts_are_copies(self, mini) -> None:
        """Changing a returned dict changes nothing in the catalog."""
        mini.counts()["first-round"] = 99
        assert 3 == mini.counts()["first-round"]


class TestImmutability:
    """Nothing a caller does can change the shared catalog."""

    def test_models_are_frozen(self, mini) -> None:
        """Assigning to a tip's field raises."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            mini.tips[0].title = "changed"

    def test_catalog_attributes_are_read_only_collections(self, mini) -> None:
        """The catalog's collections are tuples."""
        assert (tuple, tuple, tuple) == (type(mini.tips), type(mini.stages), type(mini.topics))

    def test_catalog_attributes_cannot_be_replaced(self, mini) -> None:
        """Assigning or deleting a catalog attribute raises; the catalog stays as it was."""
        with pytest.raises(AttributeError, match="a Catalog is read-only; cannot set 'stages'"):
            mini.stages = ()
        with pytest.raises(AttributeError, match="a Catalog is read-only; cannot delete"):
            del mini.packs
        assert (2, "mini") == (len(mini.stages), mini.packs[0].id)

    def test_to_dict_is_a_copy(self, mini) -> None:
        """An exported dict can be changed without touching the catalog."""
        exported = mini.to_dict()
        exported["tips"][0]["title"] = "changed"
        assert "Read the website" == mini.to_dict()["tips"][0]["title"]


class TestBuiltin:
    """The contract's examples work on the built-in content."""

    def test_contract_example(self, catalog) -> None:
        """The second-interview don'ts about culture fit are don'ts of that stage."""
        for tip in catalog.query(stage="second-interview", kind="dont", topic="culture-fit"):
            assert (Kind.DONT, True, True) == (
                tip.kind,
                "second-interview" in tip.stages,
                "culture-fit" in tip.topics,
            )

    def test_stages_in_lifecycle_order(self, catalog) -> None:
        """The fourteen stages, preparation to rejection."""
        assert list(STAGES) == [stage.id for stage in catalog.stages]

    def test_reflect_on_the_first_round(self, catalog) -> None:
        """The contract's lookup example exists and is a second-interview do."""
        tip = catalog.lookup("reflect-on-the-first-round")
        assert (Kind.DO, "second-interview") == (tip.kind, tip.stages[0])

    def test_repr_is_short(self, catalog) -> None:
        """repr names the packs and sizes, not every record."""
        assert repr(catalog).startswith("<Catalog packs=[core]: 14 stages, ")
        assert isinstance(catalog, interviewtips.Catalog)


class TestBoundedMemory:
    """Whatever callers pass, the caches and the query memo keep a bounded amount."""

    def test_long_names_are_not_kept(self, catalog) -> None:
        """Failed lookups, queries and searches with 100 KB names keep almost nothing."""

        def ask(number: int) -> None:
            name = f"{number:05d}" + "x" * 100_000
            with pytest.raises(UnknownNameError):
                catalog.query(stage=name)
            with pytest.raises(UnknownNameError):
                catalog.lookup(name)
            with pytest.raises(UnknownNameError):
                catalog.get(name, record=name)
            assert () == catalog.search(name)

        ask(0)  # builds the name maps and the word index
        gc.collect()
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            for number in range(1, 11):  # 1 MB of names, as much again normalised
                ask(number)
            gc.collect()
            kept = tracemalloc.get_traced_memory()[0] - before
        finally:
            tracemalloc.stop()
        assert kept < 100_000

    def test_memo_keeps_small_queries_only(self, catalog, monkeypatch) -> None:
        """A query naming many ids, or matching many records, is answered but not kept."""
        monkeypatch.setattr(_index, "MEMO_IDS", 3)
        monkeypatch.setattr(_index, "MEMO_RECORDS", 10)
        monkeypatch.setattr(_index, "MEMO_QUERIES", 2)
        memo = catalog._indexes["tips"]._memo
        small = catalog.query(stage="second-interview", kind="dont", topic="culture-fit")
        assert 0 < len(small) <= 10
        assert small is catalog.query(stage="second-interview", kind="dont", topic="culture-fit")
        many_ids = ["preparation", "application", "screening", "closing"]
        assert catalog.query(stage=many_ids) is not catalog.query(stage=many_ids)
        assert catalog.query(kind="do") is not catalog.query(kind="do")  # over 10 records
        assert 1 == len(memo)
        for stage in ("closing", "follow-up", "rejection"):
            catalog.query(stage=stage, kind="dont", topic="culture-fit")
        assert 2 == len(memo)


@pytest.fixture(scope="module")
def many_tips(tmp_path_factory: pytest.TempPathFactory) -> interviewtips.Catalog:
    """A catalog of 3,000 tips with ids that differ by a digit or two."""
    folder = tmp_path_factory.mktemp("many") / "many"
    folder.mkdir()
    (folder / "pack.yaml").write_text(MANIFEST.replace("acme", "many"), encoding="utf-8")
    lines = ["tips:"] + [
        f"  - {{id: tip-{number}, kind: do, title: Do thing {number}, detail: D., why: W., "
        f"stages: [{STAGES[number % 14]}], topics: [company-research]}}"
        for number in range(3000)
    ]
    (folder / "tips.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return interviewtips.load(packs=[folder])


class TestCloseMatchesAreBounded:
    """A mistyped id among thousands is compared with a few hundred ids, not all of them."""

    TYPOS = ("tip-1234x", "tp-777", "tip-29999", "tip-12-34", "tip-0042", "reflect-on-the-frist")

    def test_lookup_compares_few_and_suggests_the_closest(self, many_tips, monkeypatch) -> None:
        """Each typo is compared with at most COMPARED ids; the closest of all is suggested."""
        ids = [tip.id for tip in many_tips.tips]
        best = {typo: difflib.get_close_matches(typo, ids, n=1)[:1] for typo in self.TYPOS}
        compared: list[int] = []
        real = difflib.get_close_matches

        def counting(word, possibilities, *args, **kwargs):
            compared.append(len(possibilities))
            return real(word, possibilities, *args, **kwargs)

        monkeypatch.setattr(difflib, "get_close_matches", counting)
        found = {}
        for typo in self.TYPOS:
            with pytest.raises(UnknownNameError) as caught:
                many_tips.lookup(typo)
            found[typo] = list(caught.value.suggestions[:1])
        assert best == found
        assert [True] * len(self.TYPOS) == [count <= _text.COMPARED for count in compared]

    def test_a_name_longer_than_any_is_not_compared(self, many_tips, monkeypatch) -> None:
        """A name too long to be close to any id is refused without comparing anything."""
        monkeypatch.setattr(difflib, "get_close_matches", None)
        with pytest.raises(UnknownNameError) as caught:
            many_tips.lookup("tip-" + "1" * 200)
        assert () == caught.value.suggestions
