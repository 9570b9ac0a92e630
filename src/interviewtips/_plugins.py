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
    """Return every installed pack plugin, sorted by name, broken ones included."""
    found = [
        _describe(entry_point, distribution)
        for distribution in metadata.distributions()
        for entry_point in distribution.entry_points
        if entry_point.group == GROUP
    ]
    return tuple(sorted(found, key=lambda info: (info.name, info.distribution)))


def plugin_folder(name: str) -> Path:
    """Return the folder of the installed pack called ``name``.

    Raises:
        UnknownNameError: No installed plugin declares a pack of that name.
        ContentError: The plugin is broken; the problem names it.
    """
    installed = installed_packs()
    matches = [info for info in installed if info.name == name]
    if not matches:
        names = [info.name for info in installed]
        kind = "pack (no such folder, and no installed plugin)"
        raise UnknownNameError(kind, name, _text.close_matches(name, names))
    info = matches[0]
    if info.problem is not None or info.location is None:
        where = f"plugin {info.name!r} of {info.distribution} {info.version}"
        raise ContentError([Problem(where, 0, 0, codes.BROKEN_PLUGIN, info.problem or "no folder")])
    return Path(info.location)


def _describe(entry_point: metadata.EntryPoint, distribution: metadata.Distribution) -> PackInfo:
    name = str(distribution.metadata["Name"])
    version = distribution.version

    def broken(problem: str) -> PackInfo:
        return PackInfo(entry_point.name, None, name, version, problem)

    if entry_point.attr:
        return broken(f"the entry point {entry_point.value!r} must name a package, not an object")
    try:
        spec = importlib.util.find_spec(entry_point.module)
    except (ImportError, ValueError) as error:
        return broken(f"its package {entry_point.module!r} cannot be found: {error}")
    locations = list(spec.submodule_search_locations or ()) if spec else []
    if not locations:
        return broken(f"{entry_point.module!r} is not an installed package; reinstall {name}")
    folder = Path(locations[0])
    if not (folder / "pack.yaml").is_file():
        return broken(f"its package {entry_point.module!r} has no pack.yaml")
    return PackInfo(entry_point.name, str(folder), name, version)
