"""Reading one pack: its manifest and every content file in its folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from . import _schema
from ._convert import Converter, Draft
from ._problems import Problem
from ._yaml import Node, decode, parse

if TYPE_CHECKING:
    from importlib.abc import Traversable

    from ._limits import Limits
    from ._models import Pack

MANIFEST = "pack.yaml"
_CONTENT_SUFFIXES = (".yaml", ".yml")
_MAX_FOLDER_DEPTH = 8


@attrs.frozen
class PackDrafts:
    """A pack read and converted, not yet checked against other packs."""

    pack: Pack
    manifest_path: str
    drafts: tuple[Draft, ...]
    files: tuple[str, ...]


def read_pack(
    root: Traversable, limits: Limits, *, libyaml: bool | None = None
) -> tuple[PackDrafts | None, list[Problem]]:
    """Read the pack in ``root``: ``pack.yaml`` and every ``*.yaml`` file below it.

    Content files are read in sorted order of their paths; folders and files whose
    names start with a dot are skipped.

    Returns:
        The pack (None when it has any problem) and the problems found.
    """
    problems: list[Problem] = []
    if not root.is_dir():
        problems.append(Problem(str(root), 0, 0, "IT101", "no such folder; give a pack's folder"))
        return None, problems
    manifest_file = root.joinpath(MANIFEST)
    if not manifest_file.is_file():
        message = f"the folder has no {MANIFEST}; every pack starts with one"
        problems.append(Problem(str(root), 0, 0, "IT209", message))
        return None, problems
    files = _content_files(root, problems)
    total = 0
    manifest_node, read_problems = _read(manifest_file, limits, libyaml)
    problems += read_problems
    converter = Converter(str(manifest_file), problems)
    pack = None if manifest_node is None else converter.record(_schema.PACK, manifest_node)
    if pack is not None and not 1 <= pack.schema_version <= _schema.SCHEMA_VERSION:
        message = (
            f"the pack needs schema version {pack.schema_version}, and this interviewtips reads "
            f"versions 1 to {_schema.SCHEMA_VERSION}; upgrade interviewtips"
        )
        problems.append(Problem(str(manifest_file), *_position(manifest_node), "IT208", message))
        return None, problems
    drafts: list[Draft] = []
    for file in files:
        total += _size(file)
        if total > limits.max_pack_bytes:
            message = f"the pack holds more than {limits.max_pack_bytes:,} bytes; split it"
            problems.append(Problem(str(file), 0, 0, "IT116", message))
            break
        node, read_problems = _read(file, limits, libyaml)
        problems += read_problems
        if not read_problems:
            pack_id = pack.id if pack is not None else None
            drafts += Converter(str(file), problems, pack_id).content_file(node)
    if pack is None or problems:
        return None, problems
    paths = (str(manifest_file), *(str(file) for file in files))
    return PackDrafts(pack, str(manifest_file), tuple(drafts), paths), problems


def _read(
    file: Traversable, limits: Limits, libyaml: bool | None
) -> tuple[Node | None, list[Problem]]:
    path = str(file)
    if _size(file) > limits.max_file_bytes:
        message = f"the file is larger than the limit of {limits.max_file_bytes:,} bytes; split it"
        return None, [Problem(path, 0, 0, "IT104", message)]
    try:
        data = file.read_bytes()
    except OSError as error:
        return None, [Problem(path, 0, 0, "IT101", f"cannot read the file: {error.strerror}")]
    text, problems = decode(data, path, limits)
    if text is None:
        return None, problems
    return parse(text, path, limits, libyaml=libyaml)


def _content_files(root: Traversable, problems: list[Problem]) -> list[Traversable]:
    """Return the pack's content files in sorted path order, refusing links that leave it."""
    found: list[tuple[str, Traversable]] = []
    inside = Path(str(root)).resolve() if isinstance(root, Path) else None
    pending: list[tuple[str, Traversable, int]] = [("", root, 0)]
    while pending:
        prefix, folder, depth = pending.pop()
        for entry in folder.iterdir():
            if entry.name.startswith("."):
                continue
            relative = prefix + entry.name
            if inside is not None and not _stays_inside(entry, inside):
                message = "this link leads outside the pack's folder; copy the file in instead"
                problems.append(Problem(str(entry), 0, 0, "IT115", message))
            elif entry.is_dir() and depth < _MAX_FOLDER_DEPTH:
                pending.append((relative + "/", entry, depth + 1))
            elif (
                entry.is_file() and entry.name.endswith(_CONTENT_SUFFIXES) and relative != MANIFEST
            ):
                found.append((relative, entry))
    return [entry for _, entry in sorted(found, key=lambda pair: pair[0])]


def _stays_inside(entry: Traversable, inside: Path) -> bool:
    resolved = Path(str(entry)).resolve()
    return resolved == inside or inside in resolved.parents


def _size(file: Traversable) -> int:
    if isinstance(file, Path):
        try:
            return file.stat().st_size
        except OSError:
            return 0
    return 0


def _position(node: object) -> tuple[int, int]:
    return (getattr(node, "line", 0), getattr(node, "column", 0))
