"""Installed pack plugins: packages that declare a pack under an entry-point group.

A plugin's distribution declares, in its ``pyproject.toml``::

    [project.entry-points."interviewtips.packs"]
    acme = "acme_interviewtips"

where ``acme_interviewtips`` is a package whose folder is a pack (it holds
``pack.yaml``). Installing a plugin changes nothing by itself: its pack loads only
when a program names it, as in ``interviewtips.load(packs=["acme"])``.
"""

from __future__ import annotations

import importlib.util
import re
from importlib import metadata
from pathlib import Path

import attrs

from . import _codes as codes
from . import _text
from ._model_methods import record_eq, record_hash, record_repr
from ._problems import Problem
from .exceptions import ContentError, UnknownNameError

#: The entry-point group plugins declare their packs under.
GROUP = "interviewtips.packs"


@attrs.frozen
class PackInfo:
    """An installed pack, described without reading its content.

    Attributes:
        name: The name to load it by.
        location: Its folder, or None when it cannot be found.
        distribution: The installed distribution that provides it.
        version: That distribution's version.
        problem: Why it cannot be loaded, or None when it can.
    """

    __repr__, __eq__, __hash__ = record_repr, record_eq, record_hash

    name: str
    location: str | None
    distribution: str
    version: str
    problem: str | None = None


def installed_packs() -> tuple[PackInfo, ...]:
    """Return every installed pack plugin, sorted by name, broken ones included.

    Nothing a plugin holds or does stops the others from being listed: a package that
    raises on import, an entry point that cannot be parsed, metadata that cannot be
    read each give that plugin a ``problem``. Two distributions that claim one name
    each get a problem naming the other, so neither wins in silence.
    """
    found: list[PackInfo] = []
    listed: set[str] = set()  # a folder twice on sys.path lists its distributions twice
    for distribution in metadata.distributions():
        name, version = _identity(distribution)
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in listed:
            continue
        listed.add(key)
        found += _packs_of(distribution, name, version)
    return tuple(sorted(_clashes_named(found), key=lambda info: (info.name, info.distribution)))


def plugin_folder(name: str) -> Path:
    """Return the folder of the installed pack called ``name``.

    Raises:
        UnknownNameError: No installed plugin declares a pack of that name.
        ContentError: The plugin is broken, or two distributions claim the name; the
            problem names them.
    """
    installed = installed_packs()
    matches = [info for info in installed if info.name == name]
    if not matches:
        names = [info.name for info in installed]
        kind = "pack (no such folder, and no installed plugin)"
        raise UnknownNameError(kind, name, _text.close_matches(name, names))
    if len(matches) > 1:
        claims = " and ".join(f"{info.distribution} {info.version}" for info in matches)
        message = (
            f"{claims} each install a pack called {name!r}; uninstall all but one, "
            "or load the pack you want by its folder"
        )
        raise ContentError([Problem(f"plugin {name!r}", 0, 0, codes.PLUGIN_NAME_CLASH, message)])
    info = matches[0]
    if info.problem is not None or info.location is None:
        where = f"plugin {info.name!r} of {info.distribution} {info.version}"
        raise ContentError([Problem(where, 0, 0, codes.BROKEN_PLUGIN, info.problem or "no folder")])
    return Path(info.location)


def _identity(distribution: metadata.Distribution) -> tuple[str, str]:
    """Return a distribution's name and version, whatever its metadata holds."""
    try:
        return str(distribution.metadata["Name"]), str(distribution.version)
    except Exception:  # noqa: BLE001 - metadata another package wrote can break in any way
        return "(unreadable metadata)", "?"


def _packs_of(distribution: metadata.Distribution, name: str, version: str) -> list[PackInfo]:
    """Return the packs one distribution declares; a declaration that cannot be read is broken."""
    try:
        entry_points = [point for point in distribution.entry_points if point.group == GROUP]
    except Exception as error:  # noqa: BLE001 - entry_points.txt another package wrote
        text = _read_text(distribution, "entry_points.txt")
        if f"[{GROUP}]" not in text:
            return []  # not a plugin of ours: not ours to report
        problem = f"its entry_points.txt cannot be read ({_describe_error(error)}); reinstall it"
        return [PackInfo(name, None, name, version, problem)]
    return [_describe(entry_point, name, version) for entry_point in entry_points]


def _read_text(distribution: metadata.Distribution, file: str) -> str:
    try:
        return distribution.read_text(file) or ""
    except Exception:  # noqa: BLE001 - as in _packs_of
        return ""


def _clashes_named(found: list[PackInfo]) -> list[PackInfo]:
    """Return the packs, each whose name another distribution also claims given a problem."""
    claims: dict[str, list[PackInfo]] = {}
    for info in found:
        claims.setdefault(info.name, []).append(info)
    named = []
    for info in found:
        others = [other for other in claims[info.name] if other is not info]
        if others:
            rivals = " and ".join(f"{other.distribution} {other.version}" for other in others)
            problem = f"{rivals} also install a pack called {info.name!r}; uninstall all but one"
            info = attrs.evolve(info, problem=problem)  # noqa: PLW2901 - the same pack, flagged
        named.append(info)
    return named


def _describe(entry_point: metadata.EntryPoint, name: str, version: str) -> PackInfo:
    def broken(problem: str) -> PackInfo:
        return PackInfo(entry_point.name, None, name, version, problem)

    try:
        if entry_point.attr:
            return broken(
                f"the entry point {entry_point.value!r} must name a package, not an object"
            )
        module = entry_point.module
        # Finding a sub-package imports its parents, which may raise anything, or exit.
        spec = importlib.util.find_spec(module)
    except (Exception, SystemExit) as error:  # noqa: BLE001 - a plugin's own code ran
        return broken(
            f"its package {entry_point.value!r} cannot be found: {_describe_error(error)}"
        )
    locations = list(spec.submodule_search_locations or ()) if spec else []
    if not locations:
        return broken(f"{module!r} is not an installed package; reinstall {name}")
    folder = Path(locations[0])
    if not (folder / "pack.yaml").is_file():
        return broken(f"its package {module!r} has no pack.yaml")
    return PackInfo(entry_point.name, str(folder), name, version)


def _describe_error(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
