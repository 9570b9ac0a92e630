"""Search of every record type, guides for a situation, seeded samples, and synonyms."""

from __future__ import annotations

import datetime as dt
import json
from unittest import mock

import attrs
import pytest

import interviewtips
from conftest import MANIFEST, MINIMAL
from interviewtips import Guide, Phase, _search, cli
from interviewtips._record_types import GUIDANCE
from interviewtips._search import Query, Thesaurus, WordIndex, rank


def ids(records) -> list[str]:
    return [record.id for record in records]


class TestSearchText:
    """search() reads what people type: forms, accents, stop words, typos and synonyms."""

    def test_word_forms_match(self, catalog) -> None:
        """A word's other forms match: "rejected" finds the rejection advice."""
        assert "after-a-rejection" in ids(catalog.search("rejected", record="checklists"))

    def test_accents_fold(self, catalog) -> None:
        """Case and accents fold: "RÉSUMÉ" and "resume" find the same records."""
        assert catalog.search("RÉSUMÉ", limit=5) == catalog.search("resume", limit=5)

    @pytest.mark.parametrize(
        ("text", "folded"),
        [
            ("Don't", "dont"),
            ("DON'T", "dont"),
            ("Don\u2019t", "dont"),
            ("don\u02bct", "dont"),
            ("Résumé's", "resumes"),
            ("Straße", "strasse"),
        ],
    )
    def test_fold(self, text, folded) -> None:
        """Case, accents and apostrophes (ASCII or typographic) fold away alike."""
        assert folded == _search.fold(text)

    def test_stop_words_alone_match_nothing(self, catalog) -> None:
        """A stop word alone ("the") finds nothing rather than every tip."""
        assert () == catalog.search("the")

    def test_a_misspelling_finds_the_word_meant(self, catalog) -> None:
        """A misspelling ("negociate my salery") finds the negotiation advice."""
        found = catalog.search("negociate my salery", limit=3)
        assert all({"negotiation", "compensation"} & set(tip.topics) for tip in found)

    def test_topic_names_are_searched(self, catalog) -> None:
        """A topic's id ("attire", in no tip's text) finds the tips on that topic."""
        found = catalog.search("attire", limit=5)
        assert 5 == len(found)
        assert all("attire" in tip.topics for tip in found)

    def test_record_all_ranks_every_type(self, catalog) -> None:
        """All types rank together: "greatest weakness" finds the question first."""
        found = catalog.search("greatest weakness", record="all", limit=1)
        assert ["what-is-your-greatest-weakness"] == ids(found)

    def test_record_all_filter_narrows_types_that_have_it(self, catalog) -> None:
        """kind narrows tips and questions to ask, and leaves out the types without it."""
        found = catalog.search("salary", record="all", kind="dont")
        assert {"Tip", "QuestionToAsk"} == {type(record).__name__ for record in found}
        assert all(record.kind is interviewtips.Kind.DONT for record in found)

    def test_record_all_format_keeps_types_without_it(self, catalog) -> None:
        """format applies to every format where a type has none: templates stay in."""
        found = catalog.search("thank you", record="all", format="panel")
        assert "thank-you-after-panel" in ids(found)

    @pytest.mark.parametrize(
        ("text", "audience"),
        [("what to ask the recruiter", "recruiter"), ("questions for the ceo", "executive")],
    )
    def test_whom_a_question_is_for_is_searched(self, catalog, text, audience) -> None:
        """Naming whom a question is for brings a question to ask that person to the top three."""
        found = catalog.search(text, record="all", limit=3)
        asked = [q for q in found if isinstance(q, interviewtips.QuestionToAsk)]
        assert asked
        assert [audience] == [str(a) for a in asked[0].audiences]

    def test_no_match_is_empty(self, catalog) -> None:
        """A word nothing holds, even corrected, finds nothing."""
        assert () == catalog.search("xylophone")

    @pytest.mark.parametrize("text", [None, 3, b"salary"])
    def test_text_must_be_a_str(self, catalog, text) -> None:
        """None and other non-text are a TypeError that says what search takes."""
        with pytest.raises(TypeError, match="search text must be a str"):
            catalog.search(text)

    @pytest.mark.parametrize("text", ["", "   ", "\n\t"])
    def test_blank_text_is_a_value_error(self, catalog, text) -> None:
        """Blank text is a ValueError that asks for words."""
        with pytest.raises(ValueError, match="search text is empty"):
            catalog.search(text)

    def test_suggest_names_close_words(self, catalog) -> None:
        """suggest() offers the content's words closest to a word it does not hold."""
        assert "referee" in catalog.suggest("refereeeeing")


class TestRanking:
    """How a query's words weigh: phrases whole, rare words above common ones."""

    @staticmethod
    def ranked(texts: list[str], query: str, synonyms=()) -> list[int]:
        """Return the positions of the texts that match the query, best first."""
        index = WordIndex(len(texts), [(texts, 1.0)])
        analysed = Query(query, [index], Thesaurus(synonyms))
        return [position for _, position in rank(analysed, [index], [None])]

    def test_a_phrase_needs_all_its_words(self) -> None:
        """A synonym's phrase ("running late") is not found by one of its words ("run")."""
        texts = ["Run the meeting to time", "Tell the host if you are running late", "Arrive early"]
        found = self.ranked(texts, "running late", [(["running late"], ["arrive"])])
        assert [1, 2] == sorted(found)  # the phrase's record and the synonym's, not "Run..."

    def test_a_phrase_keeps_its_small_words(self) -> None:
        """A phrase keeps its small words: "tell me about yourself" needs all four."""
        texts = ["Tell me about yourself.", "Tell the panel about a project", "An introduction"]
        synonyms = [(["tell me about yourself"], ["introduction"])]
        assert [0, 2] == self.ranked(texts, "tell me about yourself", synonyms)

    def test_terms_spelt_two_ways_are_one(self) -> None:
        """Terms that fold alike ("work-life balance", "work life balance") give one alternative."""
        index = WordIndex(1, [(["long evenings"], 1.0)])
        synonyms = Thesaurus(
            [(["work life balance", "work-life balance"], ["evenings", "Evenings"])]
        )
        query = Query("work-life balance", [index], synonyms)
        assert [[(1.0, ("work", "life", "balanc")), (0.7, ("evening",))]] == query.concepts

    def test_missing_a_common_word_costs_less_than_a_rare_one(self) -> None:
        """A long text holding the rare word ("star") beats short ones holding the common one."""
        story = "a star story told in full from the situation through the task to the result"
        texts = ["answer"] * 5 + [story] + ["filler"] * 4
        assert [5, 0, 1, 2, 3, 4] == self.ranked(texts, "answer star")


class TestWhatASearchKeeps:
    """What one search keeps for the next (corrections, scores) changes no later result."""

    def test_a_kept_correction_reads_as_a_new_one(self) -> None:
        """A misspelt word read from the kept corrections gives the analysis a new reading does."""
        texts = ["Negotiate the salary", "Ask about the team", "Salary bands differ"]
        index = WordIndex(len(texts), [(texts, 1.0)])
        kept: dict[str, tuple[str, float]] = {}
        first = Query("negociate my salery", [index], Thesaurus(()), kept)
        assert ("negotiate", _search.CORRECTED_WEIGHT) == kept["negociate"]
        again = Query("negociate my salery", [index], Thesaurus(()), kept)
        fresh = Query("negociate my salery", [index], Thesaurus(()))
        assert first.concepts == again.concepts == fresh.concepts
        assert [(0.9, ("negoti",))] == first.concepts[0]

    def test_corrections_kept_are_bounded(self) -> None:
        """No more than `MAX_CORRECTIONS` words are kept, however many a reader sends."""
        index = WordIndex(1, [(["interview"], 1.0)])
        kept: dict[str, tuple[str, float]] = {}
        with mock.patch.object(_search, "MAX_CORRECTIONS", 2):
            Query("alphas bravos charlies deltas", [index], Thesaurus(()), kept)
        assert ["alphas", "bravos"] == list(kept)

    def test_scores_follow_the_rarity_asked_for(self) -> None:
        """A stem's scores are kept for one rarity: asked with another, they are worked out anew.

        The rarity is that of the record types searched: "all" and "tips" differ.
        """
        index = WordIndex(2, [(["salary talk", "salary"], 1.0)])
        once = dict(index.scores("salari", 1.0))
        assert 2 == len(once)
        twice = index.scores("salari", 2.0)
        assert {position: 2 * score for position, score in once.items()} == twice
        assert once == index.scores("salari", 1.0)

    def test_searches_of_other_scopes_between_change_nothing(self, catalog) -> None:
        """Tips, then every type, then tips again: the second tips search is the first."""
        first = catalog.search("salary offer", limit=10)
        every = catalog.search("salary offer", record="all", limit=10)
        assert ids(every) != ids(first)
        assert first == catalog.search("salary offer", limit=10)


class TestTopK:
    """Top-k retrieval gives the full ranking's first records, reading few of the rest."""

    QUERIES = (
        "interview",
        "thank you email",
        "what should I do after a panel interview?",
        "negociate my salery",
        "greatest weakness",
    )

    @staticmethod
    def top(index: WordIndex, text: str, limit: int, synonyms=(), reranked: int = 3) -> list[int]:
        """Return the positions top-k retrieval ranks first (the heading bonus's depth lowered)."""
        query = Query(text, [index], Thesaurus(synonyms))
        with (
            mock.patch.object(_search, "TOP_K_FROM", -1),
            mock.patch.object(_search, "RERANKED", reranked),
        ):
            return [position for _, position in rank(query, [index], [None], limit)]

    @pytest.mark.parametrize("text", QUERIES)
    def test_same_results_as_scoring_every_record(self, catalog, text) -> None:
        """On the built-in content, every type and a filter, it finds what full scoring finds."""
        for filters in ({"record": "all"}, {"record": "tips", "stage": "second-interview"}):
            every = catalog.search(text, limit=10, **filters)
            with mock.patch.object(_search, "TOP_K_FROM", -1):
                top = catalog.search(text, limit=10, **filters)
            assert every
            assert ids(every) == ids(top)

    def test_ties_go_to_canonical_order(self) -> None:
        """Of many records that score alike, the first in canonical order come first."""
        index = WordIndex(10, [(["interview!"] * 10, 1.0)])
        assert [0, 1, 2] == self.top(index, "interview", 3)

    def test_an_unread_tie_earlier_in_order_comes_first(self) -> None:
        """A record tying the k-th but earlier in order is read before the retrieval stops.

        "board" and "committee" both stand for "panel" and score alike here; the
        committee's records are read two at a time while the board's 7 is still unread.
        """
        texts = ["filler zzz", "board aaaa", "filler zzz", "filler zzz", "filler zzz"]
        texts += ["committee!", "filler zzz", "board aaaa", "filler zzz", "committee!"]
        index = WordIndex(len(texts), [(texts, 1.0)])
        synonyms = [(["panel", "board", "committee"], [])]
        assert [1, 5, 7] == self.top(index, "panel", 3, synonyms)

    def test_reads_only_the_records_it_needs(self) -> None:
        """For the best 100 of 1,000 records it scores 126: a record, then twice as many a turn."""
        texts = [f"interview {'x' * (i % 997)}" for i in range(1000)]
        index = WordIndex(len(texts), [(texts, 1.0)])
        scored = []
        score = _search._Concepts.score

        def counted(self, number: int, position: int) -> float:
            scored.append(position)
            return score(self, number, position)

        with mock.patch.object(_search._Concepts, "score", counted):
            found = self.top(index, "interview", 10, reranked=100)
        assert [0, 997, 1, 998, 2, 999, 3, 4, 5, 6] == found
        assert 126 == len(scored)


class TestSynonyms:
    """Synonyms are content: a pack adds its own, and search uses them."""

    SYNONYMS = """\
synonyms:
  - id: holidays
    terms: [vacation, time off]
    means: [holidays]
"""

    def test_builtin_synonyms_load(self, catalog) -> None:
        """The built-in pack declares synonyms, each a record with terms."""
        video = catalog.get("video-call", record="synonyms")
        assert ("video",) == video.means
        assert "zoom" in video.terms

    def test_a_pack_adds_synonyms(self, make_pack) -> None:
        """A pack's synonym makes "vacation" find the tip about holidays."""
        folder = make_pack({"synonyms.yaml": self.SYNONYMS}, MANIFEST)
        with_synonyms = interviewtips.load(packs=[MINIMAL, folder], builtin=False)
        without = interviewtips.load(packs=[MINIMAL], builtin=False)
        assert () == without.search("vacation", record="questions-to-ask")
        found = with_synonyms.search("vacation", record="questions-to-ask")
        assert ["ask-about-holidays-first"] == ids(found)

    def test_means_is_one_way(self, make_pack) -> None:
        """A term finds what it means; what it means does not find the term."""
        folder = make_pack({"synonyms.yaml": self.SYNONYMS}, MANIFEST)
        catalog = interviewtips.load(packs=[MINIMAL, folder], builtin=False)
        assert [] == [t for t in catalog.search("holidays", record="all") if "vacation" in str(t)]


class TestFormats:
    """A format gives what applies to it; only() gives what is specific to it."""

    def test_panel_holds_general_and_panel_tips(self, catalog) -> None:
        """format="panel" is the panel's tips and those for every format."""
        found = catalog.query(format="panel")
        assert {(), ("panel",)} <= {tuple(f.value for f in tip.formats) for tip in found}
        assert all(not tip.formats or "panel" in tip.formats for tip in found)

    def test_only_panel(self, catalog) -> None:
        """only("panel") is the panel's own tips, each tagged with it."""
        found = catalog.query(format=interviewtips.only("panel"))
        assert 10 == len(found)
        assert all("panel" in tip.formats for tip in found)


class TestGuide:
    """guide() gathers every type of guidance for one situation."""

    def test_second_interview_on_a_panel(self, catalog) -> None:
        """General and panel tips, questions, questions to ask and a checklist."""
        guide = catalog.guide(stage="second-interview", format="panel")
        assert isinstance(guide, Guide)
        assert "second-interview" == guide.stage.id
        assert interviewtips.Format.PANEL is guide.format
        formats = {tuple(f.value for f in tip.formats) for tip in guide.tips}
        assert () in formats
        assert any("panel" in found for found in formats)
        assert len(guide.questions) >= 3
        assert len([q for q in guide.questions_to_ask if q.kind.value == "do"]) >= 3
        assert "before-a-panel-interview" in ids(guide.checklists)
        assert all("second-interview" in record.stages for record in guide.tips)

    def test_guide_leaves_out_advice_for_particular_situations(self, catalog) -> None:
        """With no situation given, a guide holds only the advice for everyone."""
        guide = catalog.guide(stage="second-interview")
        assert [] == [tip.id for tip in guide.tips if tip.situations]
        graduate = catalog.guide(stage="application", situation="graduate")
        assert any(tip.situations == ("graduate",) for tip in graduate.tips)

    def test_order_is_phase_then_format_then_kind(self, mini) -> None:
        """Tips come by phase, the format's own before the general, dos before don'ts."""
        guide = mini.guide(stage="first-round", format="video")
        assert ["read-the-website", "no"] == ids(guide.tips)
        assert [Phase.BEFORE, None] == [tip.phase for tip in guide.tips]
        anywhere = mini.guide(stage="first-round", format=["video", "in-person"])
        assert ["read-the-website", "dont-arrive-late", "no"] == ids(anywhere.tips)

    def test_only_leaves_out_the_general_records(self, mini) -> None:
        """format=only("video") keeps the video tips alone; the guide still names video."""
        guide = mini.guide(stage="first-round", format=interviewtips.only("video"))
        assert ["no"] == ids(guide.tips)
        assert interviewtips.Format.VIDEO is guide.format

    def test_phase_keeps_tips_for_any_time(self, mini) -> None:
        """phase="after" keeps the tips for any time, and the types without a phase."""
        guide = mini.guide(stage="second-round", phase="after")
        assert ["send-a-note"] == ids(guide.tips)  # "no" is for video and phone alone
        assert ["send-a-note", "no"] == ids(mini.guide(stage="second", format="video").tips)
        assert ["thanks-email"] == ids(guide.templates)

    def test_to_dict(self, mini) -> None:
        """A guide goes through to_dict as plain data."""
        data = interviewtips.to_dict(mini.guide(stage="second", format="video"))
        assert "second-round" == data["stage"]["id"]
        assert "video" == data["format"]
        assert ["what-would-you-do"] == [q["id"] for q in data["questions"]]
        assert json.loads(json.dumps(data)) == data

    def test_guide_fields_follow_the_registry(self) -> None:
        """A Guide has one field per type of guidance, named after its section."""
        names = [field.name for field in attrs.fields(Guide)]
        assert [record_type.section for record_type in GUIDANCE] == names[4:]

    def test_unknown_facet_is_a_type_error(self, mini) -> None:
        """A facet no guidance has is a TypeError naming the close one."""
        with pytest.raises(TypeError, match="did you mean 'topic'"):
            mini.guide(stage="second", topik="research")


class TestSample:
    """sample() picks at random, or by seed the same way everywhere."""

    def test_pinned_sample(self, mini) -> None:
        """A fixed seed picks fixed tips, on every run and platform."""
        assert ["send-a-note", "no"] == ids(mini.sample(2, seed="2026-11-29"))
        assert ["dont-arrive-late", "no"] == ids(mini.sample(2, seed="a"))
        assert ["send-a-note", "no", "what-would-you-do"] == ids(
            mini.sample(3, seed="2026-11-29", record="all")
        )

    def test_a_date_is_a_seed(self, mini) -> None:
        """A date seeds as its text: a tip of the day."""
        day = dt.date(2026, 11, 29)
        assert mini.sample(seed=day) == mini.sample(seed="2026-11-29")

    def test_seeds_repeat_and_differ(self, catalog) -> None:
        """The same seed gives the same sample; different seeds give different ones."""
        assert catalog.sample(5, seed=7) == catalog.sample(5, seed=7)
        samples = {ids(catalog.sample(5, seed=day)).__str__() for day in range(10)}
        assert 10 == len(samples)

    def test_filters_and_size(self, catalog) -> None:
        """Filters narrow the pool; k larger than the pool gives the whole pool."""
        found = catalog.sample(3, seed="x", stage="rejection", kind="dont")
        assert 3 == len(found)
        assert all("rejection" in tip.stages and tip.kind.value == "dont" for tip in found)
        pool = catalog.query(stage="rejection", kind="dont")
        assert set(pool) == set(catalog.sample(1000, seed="x", stage="rejection", kind="dont"))

    def test_unseeded_sample(self, mini) -> None:
        """Without a seed, k records of the pool come back."""
        assert 2 == len(set(mini.sample(2)))

    def test_bad_k(self, mini) -> None:
        """k must be a whole number, not negative."""
        with pytest.raises(TypeError, match="an int"):
            mini.sample(1.5)
        with pytest.raises(ValueError, match="cannot be negative"):
            mini.sample(-1)


MINI = ("--pack", str(MINIMAL), "--no-builtin")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


class TestCommandLine:
    """search --record all, guide and sample on the command line."""

    def test_search_all(self, capsys) -> None:
        """search --record all ranks every type together."""
        code, out, _ = run(capsys, "search", "greatest weakness", "--record", "all", "--limit", "1")
        assert 0 == code
        assert "(what-is-your-greatest-weakness)" in out

    def test_search_nothing_suggests_words(self, capsys) -> None:
        """A search that finds nothing says so, suggests close words, and exits 1."""
        code, _, err = run(capsys, "search", "hank", *MINI)
        assert 1 == code
        assert "nothing matches 'hank'; did you mean 'thank'" in err

    def test_search_blank_is_a_usage_error(self, capsys) -> None:
        """Blank text is exit 2 with the message."""
        code, _, err = run(capsys, "search", " ")
        assert (2, True) == (code, "search text is empty" in err)

    def test_guide_markdown(self, capsys) -> None:
        """guide prints each type under a heading."""
        code, out, _ = run(
            capsys,
            "guide",
            "--stage",
            "second",
            "--interview-format",
            "video",
            *MINI,
            "--format",
            "markdown",
        )
        assert 0 == code
        assert out.startswith("# Second round · Video\n")
        assert "## Questions\n" in out
        assert "## Templates\n" in out

    def test_guide_only_format(self, capsys) -> None:
        """guide --only-interview-format keeps what is tagged with the format alone."""
        argv = ("guide", "--stage", "first", "--only-interview-format", "video", *MINI)
        code, out, _ = run(capsys, *argv, "--format", "json")
        assert (0, ["no"]) == (code, [tip["id"] for tip in json.loads(out)["tips"]])

    def test_guide_json(self, capsys) -> None:
        """guide --format json prints the guide's plain data."""
        code, out, _ = run(capsys, "guide", "--stage", "second", *MINI, "--format", "json")
        assert (0, "second-round") == (code, json.loads(out)["stage"]["id"])

    def test_guide_unknown_name(self, capsys) -> None:
        """A name that matches nothing is exit 2 with close matches."""
        code, _, err = run(capsys, "guide", "--stage", "second", "--interview-format", "panle")
        assert 2 == code
        assert "did you mean 'panel'" in err

    def test_sample_seeded(self, capsys) -> None:
        """sample --seed prints the same records as the API."""
        code, out, _ = run(capsys, "sample", "--seed", "a", "-k", "2", *MINI, "--format", "json")
        assert (0, ["dont-arrive-late", "no"]) == (code, [r["id"] for r in json.loads(out)])
