"""Benchmark interviewtips against its floor and a peer, with every ratio measured in one run.

Run from the repository, with the project and the peers installed::

    pip install -U "pip>=25.1" . && pip install --group bench && python benchmarks/run.py

``--quick`` runs fewer repeats and smaller catalogs (a smoke test: the figures are
rough). Each figure is the median of repeated runs; cold figures start a new
Python process each time, so they include interpreter start-up.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING, Any

import interviewtips
from interviewtips import _api, _yaml
from interviewtips._limits import Limits
from interviewtips._locate import COMPILED, builtin_data
from interviewtips._record_types import RECORD_TYPES

if TYPE_CHECKING:
    from collections.abc import Callable

try:
    import pycountry
except ImportError:  # the peer is optional: its rows are then left out
    pycountry = None

sys.path.insert(0, str(Path(__file__).parent))
import relevance

try:
    import rank_bm25
except ImportError:  # the baseline is optional: its rows are then left out
    rank_bm25 = None

#: Queries of the kind people type, for the search timings at scale.
SCALE_QUERIES = (
    "thank you email",
    "what should I do after a panel interview?",
    "negociate my salery",
    "zoom interview",
    "they rejected me",
)

STAGE_IDS = [stage.id for stage in interviewtips.load().stages]
TOPIC_IDS = [topic.id for topic in interviewtips.load().topics]
#: The first query of a cold start, after ``import interviewtips``.
FIRST_QUERY = (
    "interviewtips.load().query(stage='second-interview', kind='dont', topic='culture-fit')"
)
#: The peer's cold start: pycountry's import and first lookup.
PEER_START = "import pycountry; pycountry.countries.get(alpha_2='DE')"
#: The catalog size the scale targets are set for.
LARGEST = 100_000
#: How many tips the lint target is set for.
LINTED = 10_000
#: Large synthetic packs need more room than the defaults give a hostile pack.
BIG = Limits(max_file_bytes=10_000_000, max_pack_bytes=500_000_000)


def floor(compiled: Path) -> str:
    """Return the floor's code: import attrs and json, read and parse the compiled content."""
    return f"import attrs, json; json.loads(open({str(compiled)!r}, 'rb').read())"


def cold(codes: dict[str, str], repeats: int) -> dict[str, float]:
    """Return, for each named snippet, the median wall time (ms) of a new Python running it.

    The snippets take turns, one run each per round, so that a machine growing busier
    or quieter during the run weighs on every figure alike and the ratios stay fair.
    """
    times: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(repeats):
        for name, code in codes.items():
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True)
            times[name].append((time.perf_counter() - start) * 1000)
    return {name: statistics.median(runs) for name, runs in times.items()}


def warm(function: Callable[[], object], repeats: int) -> float:
    """Return the median time of one call, in microseconds."""
    number = max(1, int(0.02 / max(_once(function), 1e-9)))
    runs = timeit.repeat(function, number=number, repeat=repeats)
    return statistics.median(runs) / number * 1e6


def _once(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def write_pack(
    folder: Path, pack_id: str, name: str, tips: int, tip: Callable[[int], list[str]]
) -> Path:
    """Write a pack of ``tips`` tips, 2,000 to a file; ``tip`` gives tip number N's YAML lines."""
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(
        f"id: {pack_id}\nname: {name}\nversion: '1'\nschema_version: 1\nlanguage: en\n"
        "license: CC0-1.0\n"
    )
    for start in range(0, tips, 2000):
        lines = ["tips:"]
        for number in range(start, min(start + 2000, tips)):
            lines += tip(number)
        (folder / f"tips-{start:07d}.yaml").write_text("\n".join(lines) + "\n")
    return folder


def synthetic_pack(folder: Path, tips: int) -> Path:
    """Write a pack of ``tips`` tips on the built-in stages and topics, 2,000 to a file."""

    def tip(number: int) -> list[str]:
        return [
            f"  - id: tip-{number}",
            f"    kind: {'do' if number % 3 else 'dont'}",
            f"    title: {'Do' if number % 3 else 'Avoid'} thing number {number}",
            f"    detail: Detail of tip {number}, a sentence or two long about the interview.",
            f"    why: Interviewers look for evidence number {number % 97}.",
            f"    stages: [{STAGE_IDS[number % 14]}]",
            f"    topics: [{TOPIC_IDS[number % 30]}, {TOPIC_IDS[(number * 7) % 30]}]",
        ]

    return write_pack(folder, "bench", "Benchmark", tips, tip)


def lint_pack(folder: Path, tips: int) -> Path:
    """Write a pack of ``tips`` tips whose titles read like real ones, 2,000 to a file.

    Each title is four to eight words drawn (seeded) from the built-in titles' words,
    a do's starting with a verb of theirs and a don't's with "Don't": titles as varied
    as real content, so near duplicates are as rare as in real content.
    """
    import random  # noqa: PLC0415 - only this benchmark needs it

    catalog = interviewtips.load()
    words = sorted({w for tip in catalog.tips for w in tip.title.lower().split()[1:]})
    verbs = sorted({tip.title.split()[0] for tip in catalog.tips if tip.kind == "do"})
    draw = random.Random(2026)  # noqa: S311 - seeded sample data, not a secret

    def tip(number: int) -> list[str]:
        do = number % 3 != 0
        first = draw.choice(verbs) if do else "Don't " + draw.choice(words)
        title = " ".join([first, *draw.sample(words, draw.randint(3, 7))])
        return [
            f"  - id: tip-{number}",
            f"    kind: {'do' if do else 'dont'}",
            f"    title: {json.dumps(title)}",
            "    detail: A sentence or two of detail about what to do, and how to do it.",
            "    why: Interviewers look for this.",
            f"    stages: [{STAGE_IDS[number % 14]}]",
            f"    topics: [{TOPIC_IDS[number % 30]}]",
        ]

    return write_pack(folder, "lint", "Lint benchmark", tips, tip)


def lint_time(tips: int) -> float:
    """Return the time (s) interviewtips.lint takes on a pack of ``tips`` varied tips."""
    folder = lint_pack(Path(tempfile.mkdtemp()) / "lint", tips)
    try:
        start = time.perf_counter()
        interviewtips.lint(folder, limits=BIG)
        return time.perf_counter() - start
    finally:
        shutil.rmtree(folder.parent)


def load_time(
    folder: Path,
    *,
    libyaml: bool,
    compiled: bool,
    repeats: int,
    every_record: bool = False,
    builtin: bool = True,
) -> float:
    """Return the median time (ms) of a load of a pack, from YAML or from its compiled form.

    With ``every_record``, every record is also built, as a store of one object per record
    would at load: the cost the column store defers to the first query that needs each.
    """
    original = _yaml.HAS_LIBYAML
    _yaml.HAS_LIBYAML = libyaml
    (folder / COMPILED).unlink(missing_ok=True)
    if compiled:
        interviewtips.compile_pack(folder, limits=BIG)
    runs = []
    try:
        for _ in range(repeats):
            gc.collect()
            start = time.perf_counter()
            forget_loaded_packs()  # each load reads the pack, as a new process would
            catalog = interviewtips.load(packs=[folder], limits=BIG, builtin=builtin)
            if every_record:
                build_every_record(catalog)
            runs.append((time.perf_counter() - start) * 1000)
    finally:
        _yaml.HAS_LIBYAML = original
    return statistics.median(runs)


def forget_loaded_packs() -> None:
    """Forget the catalogs of packs load() keeps, so that the next load reads its pack."""
    _api._pack_catalogs.clear()  # noqa: SLF001 - the benchmark measures a read, not the cache


def build_every_record(catalog: interviewtips.Catalog) -> None:
    """Build every record of a catalog (the column store builds each on first use)."""
    for name in RECORD_TYPES:
        catalog.select(name)


def peak_memory(
    folder: Path, *, every_record: bool = False, builtin: bool = True
) -> tuple[float, interviewtips.Catalog]:
    """Return the peak memory (MB) of loading a compiled pack, and the catalog."""
    gc.collect()
    tracemalloc.start()
    try:
        forget_loaded_packs()
        catalog = interviewtips.load(packs=[folder], limits=BIG, builtin=builtin)
        if every_record:
            build_every_record(catalog)
        return tracemalloc.get_traced_memory()[1] / 1e6, catalog
    finally:
        tracemalloc.stop()


#: Content files too big to store, each refused at one of the reader's limits (see the
#: threat model): the text of each, by what it is.
HOSTILE_INPUTS: dict[str, Callable[[], str]] = {
    "49,000 unknown fields": lambda: (
        "tips:\n  - {" + ", ".join(f"x{i}: a" for i in range(49_000)) + "}\n"
    ),
    "150,000-item list": lambda: "tips: [" + "a, " * 150_000 + "]\n",
    "nesting 1,900,000 deep": lambda: "tips: " + "[" * 1_900_000,
    "30,000 aliases": lambda: "a: &a x\nb: [" + ", ".join(["*a"] * 30_000) + "]\n",
    "1.9 MB string": lambda: "tips:\n  - id: x\n    title: " + "x" * 1_900_000 + "\n",
    "syntax error after 90,000 lines": lambda: "- a\n" * 90_000 + "a: b: c\n",
    "1,200 unknown references": lambda: (
        "tips:\n"
        + "".join(
            f"  - {{id: flood-{i}, kind: do, title: T, detail: D., why: W., "
            f"stages: [{STAGE_IDS[0]}], topics: [{TOPIC_IDS[0]}], related: [nowhere-{i}]}}\n"
            for i in range(1_200)
        )
    ),
}


def hostile(repeats: int) -> dict[str, float]:
    """Return, for each hostile input, the median time (ms) a load takes to refuse it."""
    times = {}
    for name, text in HOSTILE_INPUTS.items():
        folder = synthetic_pack(Path(tempfile.mkdtemp()) / "hostile", 10)
        (folder / "zz-hostile.yaml").write_text(text(), encoding="utf-8")
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            try:
                interviewtips.load(packs=[folder])
            except interviewtips.ContentError:
                runs.append((time.perf_counter() - start) * 1000)
            else:
                message = f"the hostile input {name!r} loaded"
                raise AssertionError(message)
        times[name] = statistics.median(runs)
        shutil.rmtree(folder.parent)
    return times


def measure(quick: bool) -> dict[str, Any]:
    """Run every benchmark and return the figures by name."""
    repeats = 3 if quick else 21
    results: dict[str, Any] = {"quick": quick}
    compiled = Path(str(builtin_data())) / COMPILED
    floor_file = compiled if compiled.is_file() else None
    if floor_file is None:  # a checkout: measure the floor against a compiled copy
        folder = Path(tempfile.mkdtemp()) / "core"
        shutil.copytree(str(builtin_data()), folder)
        floor_file = interviewtips.compile_pack(folder)
    codes = {
        "python -c pass": "pass",
        "import attrs": "import attrs",
        "import attrs, json": "import attrs, json",
        "import interviewtips": "import interviewtips",
        "import + load + first query": f"import interviewtips; {FIRST_QUERY}",
        "floor: import attrs, json; read + parse compiled": floor(floor_file),
    }
    if pycountry is not None:
        codes["import pycountry"] = "import pycountry"
        codes["pycountry import + get(alpha_2='DE')"] = PEER_START
    results.update(cold(codes, repeats))
    catalog = interviewtips.load()
    tips = catalog.tips
    results["warm query (us)"] = warm(
        lambda: catalog.query(stage="second-interview", kind="dont", topic="culture-fit"), repeats
    )
    results["warm list comprehension (us)"] = warm(
        lambda: [
            t
            for t in tips
            if "second-interview" in t.stages and t.kind == "dont" and "culture-fit" in t.topics
        ],
        repeats,
    )
    catalog.search("thank you email")
    results["warm search (us)"] = warm(lambda: catalog.search("thank you email"), repeats)
    queries = [judged["query"] for judged in relevance.judgements()]
    for query in queries:  # a warm index: every type built, every query's words seen
        catalog.search(query, record="all", limit=10)
    results["warm search, judged queries, all types (us)"] = warm(
        lambda: [catalog.search(q, record="all", limit=10) for q in queries], repeats
    ) / len(queries)
    first = (
        "import time, interviewtips; c = interviewtips.load(); s = time.perf_counter(); "
        "c.search('what should I do after a panel interview?'); "
        "print((time.perf_counter() - s) * 1000)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", first], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(max(3, repeats // 2))
    ]
    results["first search in a process, index built (ms)"] = statistics.median(runs)
    results["relevance"] = {}
    for suffix, path in (("", relevance.JUDGEMENTS), (", held out", relevance.HELD_OUT)):
        judged = relevance.judgements(path)
        results["relevance"]["library" + suffix] = relevance.score(
            relevance.library_search(catalog), judged
        )
        if rank_bm25 is not None:
            results["relevance"]["BM25" + suffix] = relevance.score(
                relevance.bm25_search(catalog), judged
            )
    if pycountry is not None:
        pycountry.countries.search_fuzzy("germany")
        results["pycountry search_fuzzy (us)"] = warm(
            lambda: pycountry.countries.search_fuzzy("germany"), max(3, repeats // 5)
        )
    folder = Path(tempfile.mkdtemp())
    try:
        pack = synthetic_pack(folder / "pack", 1_000)
        interviewtips.load(packs=[pack])
        results["load of an unchanged 1,000-tip pack, kept (us)"] = warm(
            lambda: interviewtips.load(packs=[pack]), repeats
        )
    finally:
        shutil.rmtree(folder)
    results["scale"] = scale(quick)
    results["hostile"] = hostile(1 if quick else 5)
    size = 1_000 if quick else LINTED
    results["lint"] = {"tips": size, "seconds": lint_time(size)}
    return results


def scale(quick: bool) -> list[dict[str, Any]]:
    """Load the built-in pack and synthetic packs of growing size from YAML and compiled.

    Each is queried, and loaded once more with every record built, to weigh the column
    store (records built on first use) against a store of one object per record.
    """
    sizes = (0, 1_000, 5_000) if quick else (0, 1_000, 10_000, 100_000)
    rows = []
    for size in sizes:
        if size:
            folder = synthetic_pack(Path(tempfile.mkdtemp()) / "bench", size)
        else:  # the built-in pack, copied so that it can be compiled
            folder = Path(tempfile.mkdtemp()) / "bench"
            shutil.copytree(str(builtin_data()), folder, ignore=shutil.ignore_patterns(COMPILED))
        row: dict[str, Any] = {"tips": size or "built-in"}
        kept = {"builtin": bool(size)}  # the built-in pack is measured alone
        # A YAML load of 100,000 tips takes seconds: it is timed once.
        yaml_repeats = 1 if quick or size >= LARGEST else 3
        row["libyaml (ms)"] = load_time(
            folder, libyaml=True, compiled=False, repeats=yaml_repeats, **kept
        )
        if size < LARGEST:  # the pure-Python parser takes minutes at 100,000
            row["pure Python (ms)"] = load_time(
                folder, libyaml=False, compiled=False, repeats=yaml_repeats, **kept
            )
        row["compiled (ms)"] = load_time(folder, libyaml=True, compiled=True, repeats=5, **kept)
        row["compiled, every record built (ms)"] = load_time(
            folder, libyaml=True, compiled=True, repeats=5, every_record=True, **kept
        )
        peak, catalog = peak_memory(folder, **kept)
        row["peak memory (MB)"] = peak
        row["peak, every record built (MB)"] = peak_memory(folder, every_record=True, **kept)[0]
        row["memory per tip (KB)"] = peak * 1000 / len(catalog.tips)
        tips = catalog.tips
        for query in SCALE_QUERIES:
            catalog.search(query, limit=10)
        row["search (us)"] = warm(
            lambda c=catalog: [c.search(q, limit=10) for q in SCALE_QUERIES], 3
        ) / len(SCALE_QUERIES)
        row["query (us)"] = warm(
            lambda c=catalog: c.query(stage="second-interview", kind="dont", topic="culture-fit"),
            5,
        )
        row["list comprehension (us)"] = warm(
            lambda tips=tips: [
                t
                for t in tips
                if "second-interview" in t.stages and t.kind == "dont" and "culture-fit" in t.topics
            ],
            3,
        )
        shutil.rmtree(folder.parent)
        rows.append(row)
    return rows


def targets(results: dict[str, Any]) -> list[tuple[str, float, float, bool]]:
    """Return each target: what, measured ratio or figure, the bound, whether it is met."""
    r = results
    checks = [
        (
            "import interviewtips / import attrs",
            r["import interviewtips"] / r["import attrs"],
            1.15,
        ),
        (
            "import + load + first query / floor",
            r["import + load + first query"]
            / r["floor: import attrs, json; read + parse compiled"],
            1.3,
        ),
        ("warm query (us)", r["warm query (us)"], 10.0),
        ("warm search (us)", r["warm search (us)"], 1000.0),
        (
            "load of an unchanged 1,000-tip pack, kept (us)",
            r["load of an unchanged 1,000-tip pack, kept (us)"],
            1000.0,
        ),
    ]
    if "warm search, judged queries, all types (us)" in r:
        checks += [
            (
                "warm search, judged queries (us)",
                r["warm search, judged queries, all types (us)"],
                1000.0,
            ),
            (
                "first search in a process (ms)",
                r["first search in a process, index built (ms)"],
                30.0,
            ),
        ]
    scored = r.get("relevance", {})
    if "library" in scored:
        mine = scored["library"]
        checks += [
            ("1 - success@3", 1 - mine["success@3"], 0.05),
            ("1 - MRR@10", 1 - mine["MRR@10"], 0.15),
        ]
        if "BM25" in scored:
            for name in ("success@3", "MRR@10"):
                checks.append((f"BM25 / library {name}", scored["BM25"][name] / mine[name], 1.0))
    if "pycountry search_fuzzy (us)" in r:
        checks += [
            (
                "import + load + first query / pycountry import + get",
                r["import + load + first query"] / r["pycountry import + get(alpha_2='DE')"],
                1.0,
            ),
            (
                "search / pycountry search_fuzzy",
                r["warm search (us)"] / r["pycountry search_fuzzy (us)"],
                0.1,
            ),
        ]
    checks += [(f"refuse {name} (ms)", ms, 1000.0) for name, ms in r.get("hostile", {}).items()]
    if "lint" in r:
        checks.append((f"lint {r['lint']['tips']:,} tips (s)", r["lint"]["seconds"], 10.0))
    for row in r["scale"]:
        size = row["tips"] if isinstance(row["tips"], str) else f"{row['tips']:,} tips"
        checks.append((f"query at {size} (us)", row["query (us)"], 10.0))
        largest = row["tips"] != "built-in" and row["tips"] >= LARGEST
        if "search (us)" in row and largest:
            checks.append(("search at 100,000 tips (us)", row["search (us)"], 20_000.0))
        if largest:
            checks += [
                (
                    "query / list comprehension at 100,000",
                    row["query (us)"] / row["list comprehension (us)"],
                    1 / 20,
                ),
                (
                    "compiled / libyaml load at 100,000",
                    row["compiled (ms)"] / row["libyaml (ms)"],
                    1 / 20,
                ),
            ]
    return [(name, value, bound, value <= bound) for name, value, bound in checks]


def report(results: dict[str, Any]) -> str:
    """Return the results as tables."""
    lines = ["Cold process (median ms)" + (" [quick run]" if results["quick"] else ""), ""]
    cold_names = [
        k
        for k, v in results.items()
        if isinstance(v, float) and "(us)" not in k and "first search" not in k
    ]
    width = max(map(len, results)) + 2
    lines += [f"  {name:<{width}} {results[name]:9.1f}" for name in cold_names]
    if "first search in a process, index built (ms)" in results:
        name = "first search in a process, index built (ms)"
        lines += ["", f"  {name:<{width}} {results[name]:9.1f}"]
    lines += ["", "Warm (median us per call)", ""]
    lines += [f"  {k:<{width}} {v:9.2f}" for k, v in results.items() if "(us)" in k]
    if "relevance" in results:
        lines += ["", "Relevance (tests/data/relevance*.yaml, record='all')", ""]
        for name, scored in results["relevance"].items():
            lines.append(
                f"  {name:<20} queries {scored['queries']:>3}  success@3 {scored['success@3']:.3f}"
                f"  MRR@10 {scored['MRR@10']:.3f}  misses {len(scored['misses'])}"
            )
        for name in ("library", "library, held out"):
            missed = results["relevance"][name]["misses"]
            lines += [f"  {name}: none relevant in the first three: {q!r}" for q in missed]
    lines += ["", "Scale (the built-in pack, then synthetic packs)", ""]
    columns = list(results["scale"][0])
    lines.append("  " + " | ".join(f"{c:>16}" for c in columns))
    for row in results["scale"]:
        size = row["tips"]
        cells = [f"{size:>16}" if isinstance(size, str) else f"{size:>16,}"]
        cells += [f"{row.get(c, float('nan')):>16,.1f}" for c in columns[1:]]
        lines.append("  " + " | ".join(cells))
    if "hostile" in results:
        lines += ["", "Hostile input (median ms to refuse, built-in pack loaded beside)", ""]
        lines += [f"  {name:<{width}} {ms:9.1f}" for name, ms in results["hostile"].items()]
    if "lint" in results:
        lines += ["", "Lint (varied titles, all checks)", ""]
        lines.append(f"  {results['lint']['tips']:,} tips: {results['lint']['seconds']:.2f} s")
    lines += ["", "Targets (ratios from this run)", ""]
    for name, value, bound, met in targets(results):
        verdict = "met" if met else f"MISSED by {value / bound:.2f}x"
        lines.append(f"  {name:<55} {value:10.3f}  target <= {bound:.3f}  {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the tables (and JSON with --json)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short smoke run")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "")
    results = measure(args.quick)
    print(report(results))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
