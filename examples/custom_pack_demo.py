"""Load a content pack of your own beside the built-in guidance, and validate it.

Shows what a content author does: write a pack folder (here ``custom_pack/``, a pack.yaml
manifest and a tips file in the same schema as the built-in content), check it with
interviewtips.validate, load it with interviewtips.load(packs=[...]) and query the
combined catalog, where every record says which pack it came from. It ends with the
located problem a small typo in the pack produces.

Run it::

    python examples/custom_pack_demo.py                  # the example pack
    python examples/custom_pack_demo.py ./our-guidance   # or a pack of your own
"""

from __future__ import annotations

import argparse
import re
import shutil
import tempfile
from pathlib import Path

import interviewtips

EXAMPLE_PACK = Path(__file__).resolve().parent / "custom_pack"
STAGE = "second-interview"


def plural(count: int, word: str) -> str:
    """Return "no problems", "1 problem", "2 problems"..."""
    return f"{count or 'no'} {word}{'' if count == 1 else 's'}"


def show_problems(pack: Path) -> bool:
    """Print what interviewtips.validate says about a pack; return whether it is valid."""
    problems = interviewtips.validate(pack)
    print(f"validate({pack.name!r}): {plural(len(problems), 'problem')}")
    for problem in problems:
        # Each problem is located, with a stable code and what to change.
        where = f"{Path(problem.path).name}:{problem.line}:{problem.column}"
        print(f"  {where}: {problem.code} {problem.message}")
    return not problems


def show_a_typo(pack: Path) -> None:
    """Validate a copy of the pack with one stage id misspelt, to show a located problem."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / pack.name
        shutil.copytree(pack, copy)
        tips_file = next(copy.glob("tips/*.yaml"), None)
        if tips_file is None:
            return
        # Drop the third letter of the first stage id: "second-interview" -> "seond-interview".
        text = tips_file.read_text(encoding="utf-8")
        text = re.sub(r"(stages:\s*\[\w\w)\w", r"\1", text, count=1)
        tips_file.write_text(text, encoding="utf-8")
        print(f"\nThe same pack with a typo in a stage id in {tips_file.name}:")
        show_problems(copy)


def main(argv: list[str] | None = None) -> int:
    """Validate the pack, then print the combined tips of one stage."""
    parser = argparse.ArgumentParser(description="Load a content pack beside the built-in one.")
    parser.add_argument("pack", nargs="?", type=Path, default=EXAMPLE_PACK, help="pack folder")
    args = parser.parse_args(argv)

    # 1. Validate first: it returns every problem, located, instead of raising ContentError.
    if not show_problems(args.pack):
        return 1

    # 2. Load the built-in content and the pack together: one catalog, one query API.
    catalog = interviewtips.load(packs=[args.pack])
    print("\nPacks loaded:")
    for pack in catalog.packs:
        sources = plural(len(pack.sources), "source")
        print(f"  {pack.id:<6} {pack.name} {pack.version}, {pack.license}, crediting {sources}")

    # 3. Query as usual; each tip's pack field says where it came from.
    tips = catalog.query(stage=STAGE)
    yours = catalog.packs[-1].id
    own = sum(tip.pack == yours for tip in tips)
    print(f"\n{catalog.stage(STAGE).name} tips: {len(tips)}, of which {own} from {yours}")
    for tip in tips:
        print(f"  [{tip.pack}] {tip.kind.label:<5} {tip.title}  ({tip.id})")

    show_a_typo(args.pack)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
