"""Ranked full-text search: how text is analysed, each record type's word index, ranking.

Analysis, the same for records and for queries: Unicode case and accent folding
("Résumé" is "resume"), words split at anything that is not a letter or a digit
(apostrophes dropped: "don't" is "dont"), and English stemming with Snowball
("rejected", "rejection" and "rejecting" are one word). Queries also lose their stop
words ("what", "should", "the"), correct a longer word the content does not hold to the
closest one it does ("salery" is "salary"), and take the synonyms the packs declare
("zoom" also finds "video"). A phrase the synonyms name ("running late", "tell me
about yourself") is matched whole, small words included: a record must hold all of
its words.

A `WordIndex` holds one record type: for each word of its records, the records that
hold it and how strongly (BM25F: a field's weight, the word's count, the field's
length), and for each word of the names of the facet values records carry (topics,
stages, formats...), the records that carry them. A word's records are found the
first time a query asks for its stem, by scanning the records' folded texts, and
kept: splitting and counting every word of the content would cost a first search
more than all the rest, and a search needs a few words. Words are stemmed only when a
query asks for them, for the same reason.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import importlib.util
import itertools
import math
import re
import sys
import threading
import types
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

#: Words a query is made of that say nothing about what is wanted.
STOP_WORDS = frozenset(
    """
    a about am an and any anything are as at be been being but by can cant could couldnt
    did didnt do does doesnt doing done dont for from get gets getting got had has have
    having he her here hers him his how i id if im in into is isnt it its ive just
    let lets me might more most much must my myself need needs now of on once one or our
    ours ourselves out over please really say she should shouldnt so some someone something such
    than that thats the their theirs them themselves then there these they theyre thing
    things this those through to too us very want wants was wasnt way we were weve what
    whats when where which while who whom why will with without would wouldnt you youre
    your yours yourself
    advice help ideas tip tips use used using
    """.split()  # noqa: SIM905 - a word list reads best as text
)
#: Query words this short are taken as written: a typo in them has too many neighbours.
MIN_TYPO_LENGTH = 5
#: How much a synonym weighs beside the word the reader used.
SYNONYM_WEIGHT = 0.7
#: How much a corrected word weighs beside one the content holds as written.
CORRECTED_WEIGHT = 0.9
#: How many query words a catalog keeps as read against its content (`Query`): a
#: misspelt word costs a search most of its analysis, and people repeat misspellings.
MAX_CORRECTIONS = 10_000
#: BM25's saturation of a word's frequency and its length normalisation.
K1, B = 12.0, 0.85
#: How much fewer of the query's concepts cost a record: its score is multiplied by the
#: share of the concepts it matches, each concept counted by its rarest word, raised to
#: this power.
COORDINATION = 1.0
#: How much a heading that holds the query's own words, stop words included, adds: a
#: record's score is multiplied by one plus this times the share of them it holds.
HEADING_BONUS = 0.5
#: How many of the best records are looked at again for their headings.
RERANKED = 100
#: A query whose stems more records than this hold, counted over the indexes searched,
#: is ranked by top-k retrieval (`_topk`) when a limit is given; with fewer, scoring
#: every record that holds one costs less.
TOP_K_FROM = 3000

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile("['\u2018\u2019\u02bc]")


def fold(text: str) -> str:
    """Return text case- and accent-folded, apostrophes dropped: "Don't", "dont" are one."""
    folded = text.casefold()
    if folded.isascii():  # most text: "'" is the one ASCII apostrophe, and replace is quick
        return folded.replace("'", "")
    decomposed = unicodedata.normalize("NFKD", folded)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _APOSTROPHES.sub("", folded)


def tokens(text: str) -> list[str]:
    """Return the folded words of text, in order."""
    return _WORD.findall(fold(text))


# -- stemming -----------------------------------------------------------------------

_PRIVATE_PACKAGE = "interviewtips._snowball"
_stemming = threading.Lock()  # a Snowball stemmer keeps its word in itself: one at a time


@functools.lru_cache(maxsize=1)
def _stemmer() -> Callable[[str], str]:
    """Return Snowball's English stemmer, imported on the first search.

    ``import snowballstemmer`` imports the stemmers of all its thirty languages, which
    would cost a first search about as much again as building the index. Its English
    module is imported alone instead, as a module of a private package over the same
    folder, so a program that imports ``snowballstemmer`` itself (Sphinx does) gets the
    package untouched.
    """
    spec = importlib.util.find_spec("snowballstemmer")  # finds the package, runs nothing
    if spec is None or not spec.submodule_search_locations:
        import snowballstemmer  # type: ignore[import-untyped]  # noqa: PLC0415 - an unusual install

        return snowballstemmer.stemmer("english").stemWord  # type: ignore[no-any-return]
    package = types.ModuleType(_PRIVATE_PACKAGE)
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules.setdefault(_PRIVATE_PACKAGE, package)
    english = importlib.import_module(f"{_PRIVATE_PACKAGE}.english_stemmer")
    return english.EnglishStemmer().stemWord  # type: ignore[no-any-return]


#: Words up to this long are stemmed, and kept in the cache of stems; a longer one (no
#: real word is) is left as it is, so a query cannot fill the cache, or the stemmer's
#: memory of its last word, with text of any length.
_CACHED_WORD_CHARS = 64


def stem(word: str) -> str:
    """Return the stem of a folded word ("rejected" and "rejection" give "reject")."""
    if len(word) > _CACHED_WORD_CHARS:
        return word
    return _stem_cached(word)


def _stem(word: str) -> str:
    stem_word = _stemmer()
    with _stemming:
        return stem_word(word)


_stem_cached = functools.lru_cache(maxsize=65536)(_stem)


def _stem_prefix(stemmed: str) -> str:
    """Return the start every word with this stem shares: the stem less its last letter.

    Snowball removes endings and at most changes the last letter of what is left
    ("happy" is "happi", "hoping" is "hope"), so the words of a stem are found among the
    words that start like it, and only those need stemming.
    """
    return stemmed[:-1] if len(stemmed) > 2 else stemmed  # noqa: PLR2004 - "cv" is "cv"


# -- typo tolerance -----------------------------------------------------------------


def _distance(a: str, b: str, bound: int) -> int:
    """Return the edit distance of a and b (a swap of neighbours is one edit), or bound + 1.

    The cost is bounded: rows stop as soon as no cell is within ``bound``.
    """
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        if min(current) > bound:
            return bound + 1
        previous2, previous = previous, current
    return previous[-1]


_DOUBLED = re.compile(r"(.)\1+")


def _undoubled(word: str) -> str:
    """Return a word with each run of one letter made single ("leter" for "letter").

    A doubled letter missed or added is the commonest misspelling.
    """
    return _DOUBLED.sub(r"\1", word)


def typo_bound(word: str) -> int:
    """Return how many edits a query word may be from the content's word it stands for."""
    if len(word) < MIN_TYPO_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2  # noqa: PLR2004 - two edits for long words only


def term_score(rarity: float, strength: float) -> float:
    """Return a record's BM25 score for a stem: rarity times its saturated strength (`K1`).

    The one formula: scoring every record and top-k retrieval's bounds must work a score
    out with the same floating-point operations, or their ties would part.
    """
    return rarity * strength * (K1 + 1) / (strength + K1)


# -- the index ----------------------------------------------------------------------


class WordIndex:
    """The words of one record type's records, and the records that hold each.

    Building it folds each searched field's texts and joins them, one text a field;
    a word's records are found the first time a query asks for a word of its stem, by
    scanning those texts for the words that start like the stem (see `words_of`), and
    kept. A first search so reads only the words it needs, and a later one none.

    Args:
        size: How many records there are; positions run from 0.
        fields: For each searched field, its values in canonical order (a text, a list
            of texts, or None) and its weight.
        facets: For each value of a searched facet, its names (name and aliases) as one
            text, the facet's weight, and the positions of the records that carry it.
        headings: Each record's heading (title, question, name), in canonical order.
    """

    def __init__(
        self,
        size: int,
        fields: Iterable[tuple[Sequence[Any], float]],
        facets: Iterable[tuple[str, float, Sequence[int]]] = (),
        headings: Sequence[Any] = (),
    ) -> None:
        self.size = size
        self.headings = headings
        self._fields = [_Field(values, weight) for values, weight in fields]
        self._facets: dict[str, list[tuple[float, Sequence[int]]]] = {}
        for names, weight, positions in facets:
            for word in dict.fromkeys(tokens(names)):
                self._facets.setdefault(word, []).append((weight, positions))
        self._facet_words = sorted(self._facets)
        # Caches, each filled on first use; two threads may compute the same entry.
        self._postings: dict[str, dict[int, float]] = {}
        self._sorted: list[str] | None = None
        self._words_of: dict[str, tuple[str, ...]] = {}
        self._frequencies: dict[str, dict[int, float]] = {}
        self._scores: dict[str, tuple[float, dict[int, float]]] = {}
        self._impacts: dict[str, list[tuple[float, list[int]]]] = {}
        self._together: dict[tuple[str, ...], list[list[int]]] = {}
        self._heading_words: dict[int, frozenset[str]] = {}

    @property
    def vocabulary(self) -> list[str]:
        """Every word the records and their facet values hold, sorted.

        Only a word the content does not hold (a typo to correct) and `suggest` need
        it: it is made on first use.
        """
        found = self._sorted
        if found is None:
            words = {word for field in self._fields for word in _WORD.findall(field.text)}
            found = self._sorted = sorted(words.union(self._facets))
        return found

    def words_of(self, stemmed: str) -> tuple[str, ...]:
        """Return the words of the index that have this stem, in sorted order.

        They are among the words that start like the stem (`_stem_prefix`): the fields
        are scanned for those, and the records holding each word of the stem are kept.
        """
        found = self._words_of.get(stemmed)
        if found is None:
            prefix = _stem_prefix(stemmed)
            occurrences = self._occurrences(prefix)
            start = bisect.bisect_left(self._facet_words, prefix)
            end = bisect.bisect_left(self._facet_words, prefix + "\U0010ffff", start)
            candidates = {*occurrences, *self._facet_words[start:end]}
            found = tuple(sorted(w for w in candidates if stem(w) == stemmed))
            for word in found:
                if word in occurrences:
                    self._postings[word] = self._strengths(occurrences[word])
            if len(stemmed) <= _CACHED_WORD_CHARS:  # no caller fills the cache with long text
                self._words_of[stemmed] = found  # a cache: two threads compute the same
        return found

    def frequencies(self, stemmed: str) -> dict[int, float]:
        """Return, for each record holding a word of this stem, how strongly it holds it.

        The result is kept: it must not be changed.
        """
        found = self._frequencies.get(stemmed)
        if found is not None:
            return found
        found = {}
        for word in self.words_of(stemmed):
            postings = self._postings.get(word)
            if postings is not None:
                if not found:
                    found = dict(postings)
                else:
                    for position, strength in postings.items():
                        found[position] = found.get(position, 0.0) + strength
            for weight, positions in self._facets.get(word, ()):
                for position in positions:
                    found[position] = found.get(position, 0.0) + weight
        if found:  # a stem the content holds: the cache grows no larger than the index
            self._frequencies[stemmed] = found
        return found

    def scores(self, stemmed: str, rarity: float) -> dict[int, float]:
        """Return each record's BM25 score for a stem of this rarity.

        The last rarity's scores are kept (a rarity is that of the record types
        searched, the same from one search to the next): they must not be changed.
        """
        kept = self._scores.get(stemmed)
        if kept is not None and kept[0] == rarity:
            return kept[1]
        found = {p: term_score(rarity, f) for p, f in self.frequencies(stemmed).items()}
        if found:  # a stem the content holds: the cache grows no larger than the index
            self._scores[stemmed] = rarity, found
        return found

    def impacts(self, stemmed: str) -> list[tuple[float, list[int]]]:
        """Return the records holding a stem grouped by how strongly, strongest first.

        Each group is a strength and the positions holding the stem that strongly, in
        order. Kept: top-k retrieval (`_topk`) walks it from the start.
        """
        found = self._impacts.get(stemmed)
        if found is None:
            by_strength: dict[float, list[int]] = {}
            for position, strength in self.frequencies(stemmed).items():
                by_strength.setdefault(strength, []).append(position)
            found = sorted(by_strength.items(), reverse=True)  # the strengths are distinct
            for _, positions in found:
                positions.sort()
            if found:
                self._impacts[stemmed] = found
        return found

    def together(self, stems: tuple[str, ...]) -> list[list[int]]:
        """Return the records holding every stem, grouped by how strongly they hold each.

        The records of a group hold each stem alike, so they score alike for a phrase
        of those stems; each group's positions are in order. Kept: a phrase comes from
        the synonyms, so there are few.
        """
        found = self._together.get(stems)
        if found is None:
            held = [self.frequencies(stemmed) for stemmed in stems]
            common = held[0].keys() & held[1].keys()
            for more in held[2:]:
                common &= more.keys()
            by_strengths: dict[tuple[float, ...], list[int]] = {}
            for position in sorted(common):
                strengths = tuple(frequencies[position] for frequencies in held)
                by_strengths.setdefault(strengths, []).append(position)
            found = self._together[stems] = list(by_strengths.values())
        return found

    def heading_words(self, position: int) -> frozenset[str]:
        """Return the folded words of a record's heading (kept: the best records recur)."""
        found = self._heading_words.get(position)
        if found is None:
            heading = self.headings[position] if position < len(self.headings) else None
            found = frozenset(tokens(_joined(heading)))
            self._heading_words[position] = found  # a cache: two threads compute the same
        return found

    def document_frequency(self, word: str) -> int:
        """Return how many records hold the word as written."""
        postings = self._postings.get(word)
        if postings is None:
            occurrences = self._occurrences(word).get(word)
            postings = {} if occurrences is None else self._strengths(occurrences)
            if postings:
                self._postings[word] = postings
        return len(postings)

    def _occurrences(self, prefix: str) -> dict[str, list[list[int]]]:
        """Return each word of the fields that starts with ``prefix``, and where it is.

        Where: for each field, the position of the record of each occurrence. The
        fields' texts are searched for the prefix as a string (no pattern is compiled
        and kept for it), and an occurrence inside a word is skipped.
        """
        found: dict[str, list[list[int]]] = {}
        for number, field in enumerate(self._fields):
            text, starts = field.text, field.starts
            start = text.find(prefix)
            while start != -1:
                if start and text[start - 1].isalnum():  # inside a word: [^\W_] is isalnum()
                    start = text.find(prefix, start + 1)
                    continue
                word = _WORD.match(text, start).group()  # type: ignore[union-attr]  # it starts one
                at = found.get(word)
                if at is None:
                    at = found[word] = [[] for _ in self._fields]
                at[number].append(bisect.bisect_right(starts, start) - 1)
                start = text.find(prefix, start + len(word))
        return found

    def _strengths(self, occurrences: list[list[int]]) -> dict[int, float]:
        """Return, for each record holding a word, how strongly: BM25F over its fields."""
        postings: dict[int, float] = {}
        for field, positions in zip(self._fields, occurrences):
            strengths = field.strengths
            for position, count in Counter(positions).items():
                postings[position] = postings.get(position, 0.0) + count * strengths[position]
        return postings


class _Field:
    """One searched field of every record: its texts folded and joined, and their weights.

    ``text`` joins the folded texts with NUL, which no word holds; ``starts`` is where
    each record's text starts in it; ``strengths`` how much one occurrence of a word
    weighs in each record (the field's weight over the text's length against the
    average, BM25F).
    """

    __slots__ = ("starts", "strengths", "text")

    def __init__(self, values: Sequence[Any], weight: float) -> None:
        texts = [_joined(value) for value in values]
        average = sum(map(len, texts)) / max(len(texts), 1) or 1.0
        self.strengths = [weight / (1 - B + B * len(text) / average) for text in texts]
        folded = [fold(text) for text in texts]
        self.starts = list(itertools.accumulate([len(text) + 1 for text in folded[:-1]], initial=0))
        self.text = "\0".join(folded)


def _joined(value: Any) -> str:
    """Return a column value as one text: a list's items joined."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return "\n".join(map(str, value))


# -- queries ------------------------------------------------------------------------


class Synonym:
    """A term a query may use, and the terms it also finds, each as its folded words."""

    __slots__ = ("_stems", "finds", "words")

    def __init__(self, words: tuple[str, ...], finds: tuple[tuple[str, ...], ...]) -> None:
        self.words = words
        self.finds = finds
        self._stems: tuple[str, ...] | None = None

    @property
    def stems(self) -> tuple[str, ...]:
        """The stems of its words, worked out when a query first reaches it, then kept."""
        if self._stems is None:
            self._stems = tuple(map(stem, self.words))
        return self._stems


class Thesaurus:
    """The synonyms of the loaded packs, matched against a query's words.

    Args:
        groups: For each record of synonyms, its terms and what they mean (empty: the
            terms stand for one another).
    """

    def __init__(self, groups: Iterable[tuple[Sequence[str], Sequence[str]]]) -> None:
        by_start: dict[str, list[Synonym]] = {}
        self.words: set[str] = set()
        for terms, means in groups:
            folded = list(dict.fromkeys(tuple(tokens(term)) for term in terms))  # "a-b", "a b"
            targets = list(dict.fromkeys(tuple(tokens(term)) for term in means))
            for words in folded:
                if not words:
                    continue
                finds = targets or [other for other in folded if other != words]
                synonym = Synonym(words, tuple(finds))
                by_start.setdefault(words[0][:2], []).append(synonym)
                self.words.update(words)
        self._by_start = by_start

    def at(self, stems: tuple[str, ...], start: int) -> tuple[int, list[Synonym]]:
        """Return the length of the longest synonym at ``start`` and every synonym that long."""
        best: list[Synonym] = []
        length = 0
        for synonym in self._by_start.get(stems[start][:2], ()):
            size = len(synonym.words)
            if size < length or start + size > len(stems):
                continue
            if synonym.stems == stems[start : start + size]:
                if size > length:
                    best, length = [], size
                best.append(synonym)
        return length, best


#: One alternative way a query's word is found: its weight and the stems it needs.
Alternative = tuple[float, tuple[str, ...]]


class Query:
    """A query analysed: its concepts, each a set of alternatives, any of which matches.

    Args:
        text: What the reader wrote.
        indexes: The word indexes searched, for typo correction.
        thesaurus: The synonyms.
        corrections: Words already read against these indexes, as `_corrected` read
            them: looked up here, and added to (up to `MAX_CORRECTIONS` words).
    """

    def __init__(
        self,
        text: str,
        indexes: Sequence[WordIndex],
        thesaurus: Thesaurus,
        corrections: dict[str, tuple[str, float]] | None = None,
    ) -> None:
        kept = {} if corrections is None else corrections
        words = []
        for word in tokens(text):
            if word.isalnum():
                corrected = kept.get(word)
                if corrected is None:
                    corrected = _corrected(word, indexes, thesaurus)
                    if len(kept) < MAX_CORRECTIONS and len(word) <= _CACHED_WORD_CHARS:
                        kept[word] = corrected
                words.append(corrected)
        #: The words as the content spells them, stop words included, for headings.
        self.words = {word for word, _ in words}
        stems = tuple(stem(word) for word, _ in words)
        self.concepts: list[list[Alternative]] = []
        self.unknown: list[str] = []
        start = 0
        while start < len(words):
            length, synonyms = thesaurus.at(stems, start)
            span = range(start, start + max(length, 1))
            own = _needed([words[i][0] for i in span])
            weight = min(words[i][1] for i in span)
            alternatives: list[Alternative] = [(weight, own)] if own else []
            for synonym in synonyms:
                for phrase in synonym.finds:
                    wanted = _needed(phrase)
                    if wanted:
                        alternatives.append((weight * SYNONYM_WEIGHT, wanted))
            if alternatives:
                self.concepts.append(alternatives)
            self.unknown += [words[i][0] for i in span if words[i][1] == 0.0]
            start = span.stop


def _needed(words: Sequence[str]) -> tuple[str, ...]:
    """Return the stems a record needs to match words: one word, or a phrase.

    A word alone is nothing when it is a stop word. A phrase ("tell me about yourself",
    "end of the interview") keeps its small words, which are much of its meaning, as
    long as it holds one word that is not a stop word; a record must hold every word
    of a phrase to match it (see `_Scores.of`).
    """
    kept = [w for w in words if w not in STOP_WORDS]
    if len(words) > 1 and kept:
        kept = list(words)
    return tuple(dict.fromkeys(map(stem, kept)))


def _corrected(word: str, indexes: Sequence[WordIndex], thesaurus: Thesaurus) -> tuple[str, float]:
    """Return the word as the content spells it, with the weight the correction leaves it.

    A word the content or the synonyms hold, a stop word, and a short word stay as they
    are (weight 1). A longer word the content does not hold becomes the closest word it
    does, within one edit (two for words of eight letters or more), sharing its first
    letter; ties go to the commoner word. A word with no such neighbour keeps weight 0.
    """
    if word in STOP_WORDS or word in thesaurus.words or not word.isalpha():
        return word, 1.0
    stemmed = stem(word)
    if any(index.words_of(stemmed) for index in indexes):
        return word, 1.0
    bound = typo_bound(word)
    if not bound:
        return word, 0.0
    return _closest(word, bound, indexes, thesaurus)


def _closest(
    word: str, bound: int, indexes: Sequence[WordIndex], thesaurus: Thesaurus
) -> tuple[str, float]:
    best: tuple[float, int, str] | None = None
    undoubled = _undoubled(word)
    for candidate in _neighbours(word, bound, indexes, thesaurus):
        distance: float = _distance(word, candidate, bound)
        if distance and _undoubled(candidate) == undoubled:
            distance = 0.5
        if distance <= bound:
            frequency = sum(index.document_frequency(candidate) for index in indexes)
            key = (distance, -frequency, candidate)
            if best is None or key < best:
                best = key
    if best is None:
        return word, 0.0
    return best[2], CORRECTED_WEIGHT


def _neighbours(
    word: str, bound: int, indexes: Sequence[WordIndex], thesaurus: Thesaurus
) -> set[str]:
    """Return the known words that could be within ``bound`` edits of ``word``.

    Those that start with the same letter, are about as long, and use about the same
    letters: an edit adds or drops at most two of the letters a word uses, so a
    cheap comparison of the sets of letters leaves out most words before `_distance`.
    """
    found = {w for w in thesaurus.words if w[:1] == word[:1]}
    for index in indexes:
        vocabulary = index.vocabulary
        start = bisect.bisect_left(vocabulary, word[0])
        end = bisect.bisect_left(vocabulary, word[0] + "\U0010ffff", start)
        found.update(vocabulary[start:end])
    letters = set(word)
    return {
        w
        for w in found
        if abs(len(w) - len(word)) <= bound
        and w.isalpha()
        and len(letters.symmetric_difference(w)) <= 2 * bound
    }


def rank(
    query: Query,
    indexes: Sequence[WordIndex],
    allowed: Sequence[set[int] | None],
    limit: int | None = None,
) -> list[tuple[int, int]]:
    """Return (index, position) of the records matching the query, best first.

    Each concept of the query scores a record by its best alternative: the BM25 scores
    of the stems the alternative needs, added, times the alternative's weight (a
    phrase's stems all or nothing); a word's rarity is counted over every index
    searched, so records of several types rank together. A record's score is the sum
    over concepts, times the share of the concepts it matches (`COORDINATION`), each
    concept counted by its rarest word: a record that misses "use" in "how do I use
    the STAR method" loses less than one that misses "STAR". The best `RERANKED` are
    then raised by how many of the query's own words their headings hold
    (`HEADING_BONUS`). Ties go to the order of the indexes, then canonical order.

    With a limit, only the best ``max(limit, RERANKED)`` before the headings' bonus
    are needed: when the query's words are common, they are found by top-k retrieval
    (`_topk`), which gives the same records, in the same order, as scoring every one.

    Args:
        query: The analysed query.
        indexes: The word indexes of the record types searched.
        allowed: For each index, the positions the filters allow (None: all of them).
        limit: At most this many results (None: every record that matches).
    """
    scores = _Scores(indexes, allowed)
    concepts = query.concepts
    depth = None if limit is None else max(limit, RERANKED)
    final: dict[tuple[int, int], float]
    if depth is not None and scores.reach(concepts) > TOP_K_FROM:
        from . import _topk  # noqa: PLC0415 - only a search of many records needs it

        ranked, final = _topk.best(_Concepts(concepts, scores), depth)
    else:
        final = _every(concepts, scores)
        ranked = _best_first(final, _leaders(final, depth))
    if query.words:
        for key in ranked[:RERANKED]:
            number, position = key
            held = query.words & indexes[number].heading_words(position)
            final[key] *= 1 + HEADING_BONUS * len(held) / len(query.words)
        ranked[:RERANKED] = _best_first(final, ranked[:RERANKED])
    return ranked if limit is None else ranked[: max(limit, 0)]


def _every(concepts: list[list[Alternative]], scores: _Scores) -> dict[tuple[int, int], float]:
    """Return the score of every record that matches a concept (see `rank`).

    Each index is scored apart, its records keyed by position alone; the keys become
    (index, position) only in the result.
    """
    importances = [scores.importance(concept) for concept in concepts]
    overall = 0.0
    for importance in importances:
        overall += importance
    final: dict[tuple[int, int], float] = {}
    for number in range(len(scores.allowed)):
        #: Each record's total score and the importance of the concepts it matches.
        sums: dict[int, list[float]] = {}
        for concept, importance in zip(concepts, importances):
            for position, score in _best_alternative(concept, scores, number).items():
                found = sums.get(position)
                if found is None:
                    sums[position] = [score, importance]
                else:
                    found[0] += score
                    found[1] += importance
        for position, (total, share) in sums.items():
            final[number, position] = total * (share / overall) ** COORDINATION
    return final


def _best_alternative(concept: list[Alternative], scores: _Scores, number: int) -> dict[int, float]:
    """Return each record's score for a concept in an index: its best alternative's.

    The result may be kept by `_Scores`: it must not be changed.
    """
    (weight, stems), *others = concept
    best = scores.of(weight, stems, number)
    if others:
        best = dict(best)
        for weight, stems in others:
            for position, score in scores.of(weight, stems, number).items():
                if score > best.get(position, 0.0):
                    best[position] = score
    return best


def _leaders(scores: dict[tuple[int, int], float], depth: int | None) -> Iterable[tuple[int, int]]:
    """Return the keys that may be among the best ``depth`` (None: every key).

    Those scoring at least the ``depth``-th best score, ties included: found by sorting
    the scores alone, so that only those keys need sorting, not every record's.
    """
    if depth is None or len(scores) <= depth:
        return scores
    least = sorted(scores.values(), reverse=True)[depth - 1]
    return [key for key, score in scores.items() if score >= least]


def _best_first(
    scores: dict[tuple[int, int], float], keys: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Return the keys by score, highest first, and keys of equal scores in order.

    Two sorts without a key function written in Python: by key, then (stably) by score.
    """
    return sorted(sorted(keys), key=scores.__getitem__, reverse=True)


class _Scores:
    """The BM25 scores of stems over the indexes searched, each stem's worked out once."""

    def __init__(self, indexes: Sequence[WordIndex], allowed: Sequence[set[int] | None]) -> None:
        self._indexes = indexes
        self.allowed = allowed
        self._total = sum(index.size for index in indexes)
        self._allowed_scores: dict[tuple[str, int], dict[int, float]] = {}
        self._rarity: dict[str, float] = {}
        self._held: dict[tuple[tuple[str, ...], int], list[tuple[dict[int, float], float]]] = {}

    def stem(self, stemmed: str, number: int) -> dict[int, float]:
        """Return the score of each allowed record of an index holding the stem.

        The result may be kept: it must not be changed.
        """
        scored = self._indexes[number].scores(stemmed, self.rarity(stemmed))
        keep = self.allowed[number]
        if keep is None:
            return scored
        key = stemmed, number
        found = self._allowed_scores.get(key)
        if found is None:
            found = {p: score for p, score in scored.items() if p in keep}
            self._allowed_scores[key] = found
        return found

    def rarity(self, stemmed: str) -> float:
        """Return how rare a stem is over the indexes searched (BM25's IDF)."""
        found = self._rarity.get(stemmed)
        if found is None:
            frequency = sum(len(index.frequencies(stemmed)) for index in self._indexes)
            found = math.log(1 + (self._total - frequency + 0.5) / (frequency + 0.5))
            self._rarity[stemmed] = found
        return found

    def importance(self, concept: list[Alternative]) -> float:
        """Return what matching a concept is worth: its best alternative's rarest stem."""
        return max(weight * max(map(self.rarity, stems)) for weight, stems in concept)

    def reach(self, concepts: list[list[Alternative]]) -> int:
        """Return how many records hold the stems of the concepts, each stem counted apart."""
        stems = {
            stemmed for concept in concepts for _, alternative in concept for stemmed in alternative
        }
        return sum(len(index.frequencies(s)) for s in stems for index in self._indexes)

    def of(self, weight: float, stems: tuple[str, ...], number: int) -> dict[int, float]:
        """Return the score of each record of an index for an alternative: its stems', added.

        An alternative of several stems is a phrase: only the records that hold all of
        them match it ("running late" is not found by "run" alone). The result may be
        kept: it must not be changed.
        """
        if len(stems) == 1:
            scored = self.stem(stems[0], number)
            return scored if weight == 1.0 else {p: weight * s for p, s in scored.items()}
        # The rarest stem first: a phrase's records are among those that hold it.
        rarest, *others = sorted((self.stem(stemmed, number) for stemmed in stems), key=len)
        found: dict[int, float] = {}
        for position, score in rarest.items():
            total = score
            for other in others:
                more = other.get(position)
                if more is None:
                    break
                total += more
            else:
                found[position] = weight * total
        return found

    # Top-k retrieval reads the same scores a record at a time (see `_Concepts`).

    def index(self, number: int) -> WordIndex:
        """Return the word index of the index numbered ``number``."""
        return self._indexes[number]

    def held(self, stems: tuple[str, ...], number: int) -> list[tuple[dict[int, float], float]]:
        """Return, for an alternative in an index, each stem's records and rarity.

        In the order `of` adds their scores: the stem fewest allowed records hold first.
        """
        key = stems, number
        found = self._held.get(key)
        if found is None:
            keep = self.allowed[number]
            index = self._indexes[number]

            def allowed(stemmed: str) -> int:
                held = index.frequencies(stemmed)
                if keep is None:
                    return len(held)
                if len(keep) < len(held):
                    return sum(p in held for p in keep)
                return sum(p in keep for p in held)

            ordered = sorted(stems, key=allowed)
            found = [(index.frequencies(s), self.rarity(s)) for s in ordered]
            self._held[key] = found
        return found

    def groups(
        self, weight: float, stems: tuple[str, ...], number: int
    ) -> Iterator[tuple[float, list[int]]]:
        """Yield an alternative's scores in an index, highest first, each with its records.

        The scores are distinct, and each one's records are in order. A stem's records
        come from the index's groups by strength, scored a group at a time as the walk
        reaches them; a phrase's are all scored, a group holding its stems alike at a
        time (`WordIndex.together`).
        """
        if len(stems) > 1:
            held = self.held(stems, number)
            keep = self.allowed[number]
            by_score: dict[float, list[int]] = {}
            for alike in self._indexes[number].together(stems):
                if keep is not None:
                    alike = [position for position in alike if position in keep]  # noqa: PLW2901
                if alike:  # they hold each stem alike: they score alike
                    by_score.setdefault(_scored(weight, held, alike[0]), []).extend(alike)
            for score in sorted(by_score, reverse=True):
                yield score, sorted(by_score[score])
            return
        rarity = self.rarity(stems[0])
        pending: tuple[float, list[int]] | None = None
        for f, positions in self._indexes[number].impacts(stems[0]):
            score = weight * term_score(rarity, f)
            if pending is None:
                pending = score, positions
            elif score == pending[0]:  # two strengths rounded to one score
                pending = score, sorted(pending[1] + positions)
            else:
                yield pending
                pending = score, positions
        if pending is not None:
            yield pending


def _scored(weight: float, held: list[tuple[dict[int, float], float]], position: int) -> float:
    """Return a record's score for an alternative, added as `_Scores.of` adds it (0: none)."""
    total = 0.0
    for frequencies, rarity in held:
        f = frequencies.get(position)
        if f is None:
            return 0.0
        total += term_score(rarity, f)  # 0.0 + score is the score
    return weight * total


def _beside(concepts: list[list[Alternative]], concept: int) -> list[str]:
    """Return the stems of the concepts other than the one numbered ``concept``, once each."""
    stems = (
        stemmed
        for other, alternatives in enumerate(concepts)
        if other != concept
        for _, alternative in alternatives
        for stemmed in alternative
    )
    return list(dict.fromkeys(stems))


class _Concepts:
    """A query's concepts over the indexes searched, as top-k retrieval reads them.

    See `_topk.Ranking`: a record's score is worked out as `_every` works it out.
    """

    def __init__(self, concepts: list[list[Alternative]], scores: _Scores) -> None:
        self.allowed = scores.allowed
        self._concepts = concepts
        self._scores = scores
        self._importances = [scores.importance(concept) for concept in concepts]
        self._overall = 0.0
        for importance in self._importances:
            self._overall += importance
        numbers = range(len(scores.allowed))
        #: For each index, each concept's alternatives: weight and stems' records, rarity.
        self._held = [
            [
                [(weight, scores.held(stems, number)) for weight, stems in concept]
                for concept in concepts
            ]
            for number in numbers
        ]
        #: For each index and concept, the records holding each stem of the other concepts.
        self._others = [
            [
                [scores.index(number).frequencies(stemmed) for stemmed in _beside(concepts, i)]
                for i in range(len(concepts))
            ]
            for number in numbers
        ]

    def lists(self) -> list[list[tuple[int, Iterator[tuple[float, list[int]]]]]]:
        """Return, for each concept, each alternative's records in each index, best first."""
        numbers = range(len(self.allowed))
        return [
            [
                (number, self._scores.groups(weight, stems, number))
                for weight, stems in concept
                for number in numbers
            ]
            for concept in self._concepts
        ]

    def score(self, number: int, position: int) -> float:
        """Return a record's score."""
        levels = []
        for concept in self._held[number]:
            best = 0.0
            for weight, held in concept:
                best = max(best, _scored(weight, held, position))
            levels.append(best)
        return self.combined(levels)

    def combined(self, levels: list[float]) -> float:
        """Return the score of a record whose concepts score ``levels`` (0: unmatched)."""
        total = matched = 0.0
        for level, importance in zip(levels, self._importances):
            if level:
                total += level
                matched += importance
        return float(total * (matched / self._overall) ** COORDINATION)

    def others(self, number: int, concept: int) -> list[dict[int, float]]:
        """Return the strengths of the stems of the concepts other than ``concept``."""
        return self._others[number][concept]
