"""Reading one pack: its manifest and every content file in its folder."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, cast

from . import _codes as codes
from ._columns import ReadPack, tables_of
from ._compiled import compiled_form, load_compiled, load_installed, serialise
from ._locate import COMPILED, MANIFEST
from ._problems import Problem
from ._record_types import SCHEMA_VERSION
from .exceptions import ContentError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from importlib.abc import Traversable
    from pathlib import Path

    from ._columns import Converted
    from ._limits import Limits
    from ._models import Pack
    from ._nodes import Mapping, Node
    from ._yaml import Reparses

_CONTENT_SUFFIXES = (".yaml", ".yml")
#: Content files are read this many folders deep at most; a deeper folder is a problem.
MAX_FOLDER_DEPTH = 8


def read_pack(
    root: Traversable,
    limits: Limits,
    *,
    libyaml: bool | None = None,
    compiled: bool = True,
    installed: bool = False,
) -> tuple[ReadPack | None, list[Problem]]:
    """Read the pack in ``root``: ``pack.yaml`` and every ``*.yaml`` file below it.

    Content files are read in sorted order of their paths; folders and files whose
    names start with a dot are skipped. The pack's compiled form is used instead of
    its YAML when ``compiled`` is true and the form matches the sources. An
    ``installed`` pack (the built-in pack of a wheel) is read from its compiled form
    alone, when it has one: see `load_installed`.

    Returns:
        The pack and the problems found. With problems, the pack holds the records that
        could be read, for the merge to check in the same pass (see `ReadPack`); it is
        None when the folder or the manifest could not be read.
    """
    if compiled and installed:
        ready = load_installed(root, limits.max_pack_bytes)
        if ready is not None:
            return ready, []
    problems: list[Problem] = []
    sources = read_sources(root, limits, problems)
    if problems:
        return None, problems
    files = {name: str(file) for name, (file, _) in sources.items()}
    if compiled:
        contents = {name: data for name, (_, data) in sources.items()}
        ready = load_compiled(root, contents, files, limits.max_string_chars, limits.max_pack_bytes)
        if ready is not None:
            return ready, []
    return _read_yaml(sources, limits, libyaml, problems), problems


def _read_yaml(
    sources: dict[str, tuple[Traversable, bytes]],
    limits: Limits,
    libyaml: bool | None,
    problems: list[Problem],
) -> ReadPack | None:
    """Return the pack its YAML sources make, or None when they have problems (appended)."""
    from ._convert import Converter  # noqa: PLC0415 - a compiled pack needs no converter
    from ._yaml import Reparses  # noqa: PLC0415 - a compiled pack needs no YAML

    reparses = Reparses()  # shared by the pack's files
    manifest_file, manifest_bytes = sources[MANIFEST]
    pack, manifest, newer = _manifest(
        manifest_bytes, str(manifest_file), limits, libyaml, problems, reparses=reparses
    )
    if newer:
        return None
    converted: list[Converted] = []
    failed: dict[str, set[str]] = {}
    unparsed = False
    for name, (file, data) in sources.items():
        if name == MANIFEST:
            continue
        count = len(problems)
        node = _parse(data, str(file), limits, libyaml, problems, reparses=reparses)
        if len(problems) == count:
            pack_id = pack.id if pack is not None else None
            converter = Converter(str(file), problems, pack_id)
            converted += converter.content_file(node)
            for section, id_ in converter.failed:
                failed.setdefault(section, set()).add(id_)
        else:
            unparsed = True
    if pack is None:
        return None
    files = tuple(str(file) for file, _ in sources.values())
    return ReadPack(
        pack,
        str(manifest_file),
        tables_of(converted),
        files,
        manifest=manifest,
        failed=failed,
        unparsed=unparsed,
    )


def _manifest(
    data: bytes,
    path: str,
    limits: Limits,
    libyaml: bool | None,
    problems: list[Problem],
    *,
    reparses: Reparses,
) -> tuple[Pack | None, Mapping | None, bool]:
    """Read a manifest: return the pack (None on problems), its node, and whether it is too new."""
    from ._convert import Converter  # noqa: PLC0415 - a compiled pack needs no converter
    from ._nodes import Mapping  # noqa: PLC0415 - a compiled pack needs no nodes

    count = len(problems)
    node = _parse(data, path, limits, libyaml, problems, reparses=reparses)
    if node is None:
        if len(problems) == count:
            message = (
                f"{MANIFEST} is empty; start it with the pack's id: (see interviewtips new-pack)"
            )
            problems.append(Problem(path, 1, 1, codes.EMPTY_FILE, message))
        return None, None, False
    pack = Converter(path, problems).manifest(node)
    mapping = node if isinstance(node, Mapping) else None
    if pack is not None and not 1 <= pack.schema_version <= SCHEMA_VERSION:
        message = (
            f"the pack needs schema version {pack.schema_version}, and this interviewtips reads "
            f"versions 1 to {SCHEMA_VERSION}; upgrade interviewtips"
        )
        where = mapping.get("schema_version") if mapping is not None else None
        target = where or node
        problems.append(
            Problem(path, target.line, target.column, codes.UNSUPPORTED_SCHEMA, message)
        )
        return None, None, True
    return pack, mapping, False


def compile_pack(root: Path, limits: Limits, target: Path | None = None) -> Path:
    """Write the compiled form of the pack in ``root``; return its path.

    Args:
        root: The pack's folder.
        limits: Bounds for reading it.
        target: Where to write; by default ``pack.compiled.json`` beside the manifest.

    Raises:
        ContentError: The pack has problems; nothing is written.
    """
    pack, problems = read_pack(root, limits, compiled=False)
    sources = read_sources(root, limits, problems)
    if pack is None or problems:
        raise ContentError(problems)
    target = target or root / COMPILED
    form = compiled_form(pack, sources)
    _replace(target, serialise(form))
    return target


def _replace(target: Path, data: bytes) -> None:
    """Write ``data`` to a new file beside ``target``, then rename it to ``target``.

    The rename is atomic: a reader sees the old file or the new one, never half of
    one. It replaces whatever has the name (a link is replaced, not followed; a named
    pipe is replaced, never opened), and a failed write leaves the old file as it was.
    """
    temporary = target.with_name(f".{target.name}.{os.urandom(8).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o666)  # the umask applies, as to any new file
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        temporary.replace(target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def read_sources(
    root: Traversable, limits: Limits, problems: list[Problem]
) -> dict[str, tuple[Traversable, bytes]]:
    """Return the bytes of the manifest and of every content file, by relative path.

    The manifest comes first, then the content files in sorted order. Problems
    (a missing folder or manifest, unreadable or oversized files) are appended.
    """
    if not root.is_dir():
        what = "a file, not a folder" if root.is_file() else "no such folder"
        problems.append(Problem(str(root), 0, 0, codes.UNREADABLE, f"{what}; give a pack's folder"))
        return {}
    manifest_file = root.joinpath(MANIFEST)
    if not manifest_file.is_file():
        message = f"the folder has no {MANIFEST}; every pack starts with one"
        problems.append(Problem(str(root), 0, 0, codes.MISSING_MANIFEST, message))
        return {}
    sources = {}
    total = 0
    for name, file in [(MANIFEST, manifest_file), *_content_files(root, limits, problems)]:
        data = _bytes(file, limits, problems)
        if data is None:
            continue
        total += len(data)
        if total > limits.max_pack_bytes:
            message = f"the pack holds more than {limits.max_pack_bytes:,} bytes; split it"
            problems.append(Problem(str(file), 0, 0, codes.PACK_TOO_LARGE, message))
            break
        sources[name] = (file, data)
    return sources


def _bytes(file: Traversable, limits: Limits, problems: list[Problem]) -> bytes | None:
    path = str(file)
    if _size(file) > limits.max_file_bytes:
        message = f"the file is larger than the limit of {limits.max_file_bytes:,} bytes; split it"
        problems.append(Problem(path, 0, 0, codes.FILE_TOO_LARGE, message))
        return None
    try:
        return file.read_bytes()
    except OSError as error:
        problems.append(
            Problem(path, 0, 0, codes.UNREADABLE, f"cannot read the file: {error.strerror}")
        )
        return None


def _parse(
    data: bytes,
    path: str,
    limits: Limits,
    libyaml: bool | None,
    problems: list[Problem],
    *,
    reparses: Reparses,
) -> Node | None:
    from . import _yaml  # noqa: PLC0415 - a compiled pack needs no YAML

    try:
        text, found = _yaml.decode(data, path, limits)
        node = None
        if text is not None:
            node, found = _yaml.parse(text, path, limits, libyaml=libyaml, reparses=reparses)
    except MemoryError:
        problems.append(out_of_memory(path))
        return None
    problems += found
    return None if found else node


def out_of_memory(path: str) -> Problem:
    """Return the problem of a file or pack that the process had too little memory to read."""
    message = (
        "the process ran out of memory reading this; give it more memory, or lower the "
        "Limits so that such files are refused before they are read"
    )
    return Problem(path, 0, 0, codes.OUT_OF_MEMORY, message)


def _content_files(
    root: Traversable, limits: Limits, problems: list[Problem]
) -> list[tuple[str, Traversable]]:
    """Return the pack's content files in sorted path order.

    Links that lead outside the pack, or back into a folder already walked, are
    refused (a loop would be read forever, a second path to a folder read twice).
    Only links need resolving: anything else lies where its folder really is. A
    folder deeper than `MAX_FOLDER_DEPTH` is refused, not skipped, and the walk stops
    at ``limits.max_files`` entries (files and folders, hidden ones too).
    """
    found: list[tuple[str, Traversable]] = []
    inside = os.path.realpath(root) if isinstance(root, os.PathLike) else None
    walked = {inside}
    pending: list[tuple[str, Traversable, str | None, int]] = [("", root, inside, 0)]
    listed = 0
    while pending:
        prefix, folder, real_folder, depth = pending.pop()
        for entry in _entries(folder, problems):
            listed += 1
            if listed > limits.max_files:
                message = (
                    f"the pack's folders hold more than {limits.max_files:,} files and "
                    "folders; split it, or remove what is not content"
                )
                problems.append(Problem(str(root), 0, 0, codes.TOO_MANY_FILES, message))
                return []
            if entry.name.startswith("."):
                continue
            relative = prefix + entry.name
            real = _real_path(entry, real_folder)
            if real is not None and inside is not None and not _is_within(real, inside):
                message = "this link leads outside the pack's folder; copy the file in instead"
                problems.append(Problem(str(entry), 0, 0, codes.OUTSIDE_PACK, message))
            elif entry.is_dir():
                if depth >= MAX_FOLDER_DEPTH:
                    message = (
                        f"this folder is more than {MAX_FOLDER_DEPTH} folders deep in the pack, "
                        "deeper than content is read; move what it holds up"
                    )
                    problems.append(Problem(str(entry), 0, 0, codes.FOLDER_TOO_DEEP, message))
                    continue
                if real in walked and real is not None:
                    message = "this link leads back into the pack's own folders; remove it"
                    problems.append(Problem(str(entry), 0, 0, codes.OUTSIDE_PACK, message))
                    continue
                walked.add(real)
                pending.append((relative + "/", entry, real, depth + 1))
            elif (
                entry.is_file() and entry.name.endswith(_CONTENT_SUFFIXES) and relative != MANIFEST
            ):
                found.append((relative, entry))
    return sorted(found, key=lambda pair: pair[0])


def _entries(folder: Traversable, problems: list[Problem]) -> Iterator[Traversable]:
    """Yield a folder's entries, hidden ones too; a problem when it cannot be listed."""
    try:
        yield from folder.iterdir()
    except OSError as error:
        problems.append(
            Problem(
                str(folder),
                0,
                0,
                codes.UNREADABLE,
                f"cannot list the folder: {error.strerror or error}",
            )
        )


def _real_path(entry: Traversable, real_folder: str | None) -> str | None:
    """Return where an entry of a folder on disk really is (None for other folders)."""
    if real_folder is None:
        return None
    path = os.fspath(cast("os.PathLike[str]", entry))  # a folder on disk lists paths
    if os.path.islink(path):  # noqa: PTH114 - os.path needs no pathlib import
        return os.path.realpath(path)
    return os.path.join(real_folder, entry.name)  # noqa: PTH118


def _is_within(real: str, inside: str) -> bool:
    return real == inside or real.startswith(inside.rstrip(os.sep) + os.sep)


def _size(file: Traversable) -> int:
    if isinstance(file, os.PathLike):
        try:
            return os.stat(file).st_size  # noqa: PTH116 - os needs no pathlib import
        except OSError:
            return 0
    return 0
