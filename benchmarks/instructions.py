"""Count the processor instructions of a cold start, step by step, beside its floor and a peer.

Wall-clock cold starts vary by a few per cent from run to run on a shared machine, about
as much as the cold-start targets miss by; instruction counts from valgrind's callgrind
are the same in every run. Run from the repository, with valgrind and the project and the
peers installed (about a minute)::

    pip install -U "pip>=25.1" . && pip install --group bench
    python benchmarks/instructions.py

Each step's snippet runs in a new Python; those ending with ``os._exit(0)`` skip the
interpreter's shutdown, so the difference to the whole run is what leaving costs.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from interviewtips._locate import COMPILED, builtin_data

sys.path.insert(0, str(Path(__file__).parent))
from run import FIRST_QUERY, PEER_START, floor

#: The models' module (16 attrs classes, 5 enums), then every module the first query imports.
MODELS = "import attrs, json, interviewtips._models"
MODULES = f"{MODELS}, interviewtips._api, interviewtips._merge, interviewtips._pack"
EXIT = "; import os; os._exit(0)"


def snippets(compiled: Path) -> dict[str, str]:
    """Return each measured snippet by its name; the first five are cumulative steps."""
    measured = {
        "import attrs, json": "import attrs, json" + EXIT,
        "+ import the models": MODELS + EXIT,
        "+ import the library's other modules": MODULES + EXIT,
        "+ load": f"{MODULES}; interviewtips.load()" + EXIT,
        "+ first query": f"{MODULES}; {FIRST_QUERY}" + EXIT,
        "import + load + first query": f"import interviewtips; {FIRST_QUERY}",
        "floor: import attrs, json; read + parse compiled": floor(compiled),
    }
    if importlib.util.find_spec("pycountry") is not None:  # the peer is optional
        measured["pycountry import + get(alpha_2='DE')"] = PEER_START
    return measured


def instructions(code: str) -> int:
    """Return how many instructions a new Python running ``code`` executes.

    It runs in an empty folder: ``python -c`` looks for modules in the current one first,
    and the more files that holds, the more instructions every import takes.
    """
    valgrind = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(
            [*valgrind, sys.executable, "-c", code],
            cwd=empty,
            env={**os.environ, "PYTHONHASHSEED": "0"},
            capture_output=True,
            text=True,
            check=True,
        )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind printed no count:\n{done.stderr}")
    return int(found.group(1))


def report(counts: dict[str, int]) -> str:
    """Return the counts in millions, each step's own share, and the targets' ratios."""
    steps = list(counts)[:5]
    whole = counts["import + load + first query"]
    lines = ["Cold start (millions of instructions)", ""]
    for name, count in counts.items():
        own = ""
        if name in steps[1:]:
            own = f"  (this step {(count - counts[steps[steps.index(name) - 1]]) / 1e6:.1f})"
        lines.append(f"  {name:<50} {count / 1e6:8.1f}{own}")
    lines += [
        f"  {'leaving the process':<50} {(whole - counts[steps[-1]]) / 1e6:8.1f}",
        "",
        "Ratios (the targets bound the wall-clock ones in run.py)",
        "",
    ]
    for peer in list(counts)[6:]:
        lines.append(f"  import + load + first query / {peer:<52} {whole / counts[peer]:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Count each snippet's instructions and print the report."""
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args(argv)
    compiled = Path(str(builtin_data())) / COMPILED
    if not compiled.is_file():
        raise SystemExit("run this against an installed wheel: a checkout has no compiled form")
    print(report({name: instructions(code) for name, code in snippets(compiled).items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
