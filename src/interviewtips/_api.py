"""The library's entry points: load a catalog, validate a pack."""

from __future__ import annotations

import collections
import contextlib
import gc
import os
import re
import threading
from typing import TYPE_CHECKING, Any, Union

from ._limits import Limits

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from pathlib import Path

    from ._catalog import Catalog
    from ._columns import ReadPack
    from ._plugins import PackInfo
    from ._problems import Problem

#: A pack as callers name it: the path of its folder, or the name of an installed pack.
PackPath = Union[str, "os.PathLike[str]"]
_PACK_NAME = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # compiled on first use: the default load needs none

_lock = threading.RLock()  # re-entrant: the default load reads the built-in pack
_default_catalog: Catalog | None = None
_builtin_pack: ReadPack | None = None

#: How many catalogs of packs `load` keeps, the least recently used dropped first.
PACK_CACHE_SIZE = 16
#: A stat fingerprint: the path, size and mtime_ns of every file and folder of the packs.
Stamp = tuple[tuple[str, int, int], ...]
_pack_lock = threading.Lock()  # held through a load, so that two threads read a pack once
_pack_catalogs: collections.OrderedDict[tuple[Any, ...], tuple[Catalog, Stamp]] = (
    collections.OrderedDict()
)


def load(
    packs: PackPath | Iterable[PackPath] = (),
    *,
    builtin: bool = True,
    limits: Limits | None = None,
) -> Catalog:
    """Return a catalog of the built-in guidance and of any packs given.

    The default catalog (no packs, the built-in content) is read once, on first
    use, and shared: later calls return the same object. A catalog of packs is
    kept too: a later call with the same packs, ``builtin`` and ``limits`` returns the
    same object while no file or folder of the packs has changed (by path, size and
    modification time), and reads them again when one has. The last
    16 catalogs of packs (``PACK_CACHE_SIZE``) are kept. A failed load changes nothing that
    was loaded before, and is not kept.

    Args:
        packs: Packs to add, in order: folders, or names of installed pack plugins
            (see `available_packs`). A name is tried only when no folder has it.
        builtin: Whether to include the built-in pack ``core``.
        limits: Bounds for reading the packs given (the built-in pack is trusted).

    Raises:
        ContentError: Some content is invalid; ``problems`` lists every problem.
    """
    global _default_catalog  # noqa: PLW0603 - the documented process-wide cache
    folders = folders_of(packs)
    if folders or not builtin:
        return _cached_packs(folders, builtin=builtin, limits=limits)
    catalog = _default_catalog
    if catalog is None:
        with _lock:
            if _default_catalog is None:
                _default_catalog = _assemble_packs([], builtin=True, limits=None)
            catalog = _default_catalog
    return catalog


def validate(
    packs: PackPath | Iterable[PackPath], *, builtin: bool = True, limits: Limits | None = None
) -> tuple[Problem, ...]:
    """Return every problem in the packs given; an empty tuple means they load.

    Each pack's YAML is read, never its compiled form: a form that matches the YAML
    holds only what the YAML gives once read, and the YAML may hold more to report.

    Args:
        packs: Folders of packs to check.
        builtin: Whether to check them beside the built-in pack, as `load` would load
            them. A pack whose id is ``core`` (a copy of the built-in content) is
            checked in place of the built-in pack rather than beside it.
        limits: Bounds for reading the packs.
    """
    from .exceptions import ContentError  # noqa: PLC0415 - keeps YAML off the import path

    try:
        _assemble_packs(
            folders_of(packs), builtin=builtin, limits=limits, replaceable=True, compiled=False
        )
    except ContentError as error:
        return error.problems
    return ()


def compile_pack(pack: PackPath, *, builtin: bool = True, limits: Limits | None = None) -> Path:
    """Check a pack as `validate` does, then write its compiled form, ``pack.compiled.json``.

    Later loads read the compiled form instead of the YAML, much faster, for as long
    as the YAML files are unchanged; any change makes them read the YAML again.
    ``builtin`` says whether to check the pack beside the built-in pack, as `validate`.

    Returns:
        The compiled file's path.

    Raises:
        ContentError: The pack has problems; nothing is written.
    """
    from ._pack import compile_pack as write  # noqa: PLC0415 - keeps YAML off the import path
    from .exceptions import ContentError  # noqa: PLC0415

    folder = _folder(pack)
    problems = validate(folder, builtin=builtin, limits=limits)
    if problems:
        raise ContentError(problems)
    return write(folder, default_limits(limits))


def render(
    records: Iterable[Any],
    format: str = "text",  # noqa: A002 - the word the command line uses too
    *,
    catalog: Catalog | None = None,
    width: int = 88,
) -> str:
    """Return records (of any type, mixed as you like) rendered as the command line does.

    >>> import interviewtips
    >>> tip = interviewtips.load().lookup("reflect-on-the-first-round")
    >>> print(interviewtips.render([tip], "markdown").splitlines()[0])
    ### Do: Review your notes from the first round

    Args:
        records: The records: tips, questions, stages... in the order to show them.
        format: ``"text"`` (wrapped to ``width``, for a terminal or an email),
            ``"markdown"`` (escaped, for a page or a chat message), ``"json"`` (a list
            of `to_dict` objects) or ``"csv"`` (a row a record, a column a field).
        catalog: Where the display names of the stages and topics records name come
            from; by default the default catalog (`load`).
        width: The width text is wrapped to.

    Raises:
        ValueError: ``format`` is not one of those.
    """
    from ._render import render as rendered  # noqa: PLC0415 - keeps rendering off the import

    return rendered(catalog if catalog is not None else load(), records, format, width=width)


def available_packs() -> tuple[PackInfo, ...]:
    """Return the installed pack plugins, by name, without reading their content.

    A broken plugin is listed with its ``problem``; loading it by name raises a
    `ContentError` naming it, and leaves every other pack usable.
    """
    from ._plugins import installed_packs  # noqa: PLC0415 - importlib.metadata is slow

    return installed_packs()


def _cached_packs(folders: list[Path], *, builtin: bool, limits: Limits | None) -> Catalog:
    """Return the catalog of packs, from the cache while their files are unchanged."""
    key = (tuple(os.path.abspath(folder) for folder in folders), builtin, limits)  # noqa: PTH100
    with _pack_lock:
        stamp = _stamp(key[0])
        cached = _pack_catalogs.get(key)
        if cached is not None and cached[1] == stamp:
            _pack_catalogs.move_to_end(key)
            return cached[0]
        catalog = _assemble_packs(folders, builtin=builtin, limits=limits)
        _pack_catalogs[key] = (catalog, stamp)  # the stamp from before the read: a file
        _pack_catalogs.move_to_end(key)  # changed during it makes the next load read again
        while len(_pack_catalogs) > PACK_CACHE_SIZE:
            _pack_catalogs.popitem(last=False)
        return catalog


def _stamp(folders: Iterable[str]) -> Stamp:
    """Return the path, size and mtime_ns of every file and folder in the pack folders.

    Entries whose names start with a dot are left out, as the reader leaves them out;
    a folder's own time changes when a file is added to it, removed or renamed.
    """
    found = []
    pending = list(folders)
    while pending:
        folder = pending.pop()
        try:
            status = os.stat(folder)  # noqa: PTH116
            entries = list(os.scandir(folder)) if os.path.isdir(folder) else []  # noqa: PTH112
        except OSError:
            found.append((folder, -1, -1))  # missing or unreadable: the load says why
            continue
        found.append((folder, status.st_size, status.st_mtime_ns))
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):  # a linked folder is stamped, not walked:
                pending.append(entry.path)  # a link can lead back up the tree
            else:
                try:
                    status = entry.stat()
                except OSError:
                    found.append((entry.path, -1, -1))
                    continue
                found.append((entry.path, status.st_size, status.st_mtime_ns))
    return tuple(sorted(found))


def _assemble_packs(
    folders: list[Path],
    *,
    builtin: bool,
    limits: Limits | None,
    replaceable: bool = False,
    compiled: bool = True,
) -> Catalog:
    """Read the packs in ``folders`` and build their catalog, with the built-in pack first."""
    with _collector_paused():
        given, problems = read_packs(folders, limits, compiled=compiled)
        return combine(given, builtin=builtin, replaceable=replaceable, problems=problems)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a load builds its objects.

    Reading YAML makes a node and a record for every value and record, and almost no
    reference cycles, yet the collector, woken by every few hundred new objects, keeps
    walking all those made so far: without the pause it takes a sixth of a YAML load
    and finds nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_packs(
    folders: list[Path], limits: Limits | None, *, compiled: bool = True
) -> tuple[list[ReadPack], list[Problem]]:
    """Read every pack; return what could be read of each, and every problem found.

    A pack with problems is returned too, with the records that could be read, so that
    the merge checks them in the same pass (see `ReadPack`). With ``compiled`` false,
    the YAML is read even where a compiled form matches it, as the authoring commands
    (validate, lint) need.
    """
    from ._pack import out_of_memory, read_pack  # noqa: PLC0415 - keeps YAML off the import path

    given = []
    problems: list[Problem] = []
    for folder in folders:
        try:
            pack, found = read_pack(folder, default_limits(limits), compiled=compiled)
        except MemoryError:  # a file's own is a problem at that file; this is a last resort
            pack, found = None, [out_of_memory(str(folder))]
        problems += found
        if pack is not None:
            given.append(pack)
    return given, problems


def stack(given: list[ReadPack], *, builtin: bool, replaceable: bool = False) -> list[ReadPack]:
    """Return the packs to merge: the built-in pack first, unless left out.

    With ``replaceable``, a pack whose id is ``core`` stands in for the built-in pack.
    """
    if replaceable and any(pack.pack.id == "core" for pack in given):
        builtin = False
    return [_builtin(), *given] if builtin else given


def combine(
    given: list[ReadPack],
    *,
    builtin: bool,
    replaceable: bool = False,
    problems: Sequence[Problem] = (),
) -> Catalog:
    """Build the catalog of packs already read, with the built-in pack first.

    Raises:
        ContentError: ``problems`` were found reading the packs, or merging them finds
            some; the error names all of them.
    """
    from ._merge import assemble  # noqa: PLC0415 - keeps YAML off the import path

    return assemble(stack(given, builtin=builtin, replaceable=replaceable), problems)


def _builtin() -> ReadPack:
    """Return the built-in pack, read once and kept."""
    global _builtin_pack  # noqa: PLW0603 - the documented process-wide cache
    from ._locate import locate_builtin  # noqa: PLC0415
    from ._pack import read_pack  # noqa: PLC0415
    from .exceptions import ContentError  # noqa: PLC0415

    with _lock:
        if _builtin_pack is None:
            folder, installed = locate_builtin()
            pack, problems = read_pack(folder, default_limits(None), installed=installed)
            if pack is None or problems:
                raise ContentError(problems)
            _builtin_pack = pack.without_nodes()  # kept for the process: no YAML nodes
        return _builtin_pack


def folders_of(packs: PackPath | Iterable[PackPath]) -> list[Path]:
    """Return the folder of each pack given as a path or as the name of an installed pack."""
    if isinstance(packs, (str, os.PathLike)):
        packs = [packs]
    return [_folder(pack) for pack in packs]


def _folder(pack: PackPath) -> Path:
    from pathlib import Path  # noqa: PLC0415 - slow to import; the default load needs none

    path = Path(pack)
    if not isinstance(pack, str) or path.exists() or not re.fullmatch(_PACK_NAME, pack):
        return path
    return named_pack(pack)


def named_pack(name: str) -> Path:
    """Return the folder of the installed pack called ``name``: ``core``, or a plugin's.

    Never a folder of that name: for callers whose folders are relative to somewhere
    other than the working folder (the Sphinx extension's, to the docs).

    Raises:
        UnknownNameError: No installed pack has that name; the error lists close ones.
        ContentError: The plugin is broken, or two claim the name.
    """
    from pathlib import Path  # noqa: PLC0415 - slow to import; the default load needs none

    if name == "core":
        from ._locate import builtin_data  # noqa: PLC0415 - only when asked for by name

        return Path(str(builtin_data()))
    from ._plugins import plugin_folder  # noqa: PLC0415 - importlib.metadata is slow to import

    return plugin_folder(name)


def default_limits(limits: Limits | None) -> Limits:
    return limits if limits is not None else Limits()


def _reset_for_tests(*, keep_builtin_pack: bool = False) -> None:
    """Forget every cached catalog and pack, as at a cold start.

    With ``keep_builtin_pack``, the built-in pack as read (immutable, and the same for
    every test) is kept, so that a test does not pay for reading it again.
    """
    global _default_catalog, _builtin_pack  # noqa: PLW0603
    with _lock:
        _default_catalog = None
        if not keep_builtin_pack:
            _builtin_pack = None
    with _pack_lock:
        _pack_catalogs.clear()
