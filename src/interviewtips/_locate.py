"""The one place that knows where content lives: the built-in pack, and a pack's own files."""

from __future__ import annotations

import os
import sys
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator
    from importlib.abc import Traversable

#: A pack's manifest, at the top of its folder.
MANIFEST = "pack.yaml"
#: A pack's compiled form, beside its manifest.
COMPILED = "pack.compiled.json"

_MISSING = "the built-in content is missing from this installation; reinstall interviewtips"


def builtin_data() -> Traversable:
    """Return the folder of the built-in pack (see `locate_builtin`)."""
    return locate_builtin()[0]


def locate_builtin() -> tuple[Traversable, bool]:
    """Return the folder of the built-in pack, and whether it was installed with the package.

    An installed wheel carries it as the package resource ``interviewtips/data``.
    An editable install or a source checkout has no such resource: the package
    is ``src/interviewtips`` and the content is the repository's top-level ``data/``.

    A package on disk is read through `DiskPath`, as ``importlib.resources`` would
    read it with pathlib, without the cost of importing either; a package in a zip
    or a frozen application is read through ``importlib.resources``.
    """
    package = sys.modules[__package__]
    folders = [folder for folder in getattr(package, "__path__", ()) if os.path.isdir(folder)]
    if not folders:
        from importlib import resources  # noqa: PLC0415 - only for a zip or a frozen app

        packaged = resources.files(__package__).joinpath("data")
        if packaged.is_dir():
            return packaged, True
        raise FileNotFoundError(_MISSING)
    packaged_data = os.path.join(folders[0], "data")
    checkout_data = os.path.join(os.path.dirname(os.path.dirname(folders[0])), "data")
    for data in (packaged_data, checkout_data):
        if os.path.isfile(os.path.join(data, "pack.yaml")):
            return DiskPath(data), data == packaged_data
    raise FileNotFoundError(_MISSING)


class DiskPath:
    """A file or folder on disk, with the `importlib.abc.Traversable` methods.

    It stands in for `pathlib.Path` where a cold start counts: importing pathlib
    costs milliseconds. ``os.fspath`` gives its path.
    """

    __slots__ = ("_path",)

    def __init__(self, path: str) -> None:
        self._path = path

    def __fspath__(self) -> str:
        """Return the path, for ``os`` and ``open``."""
        return self._path

    def __str__(self) -> str:
        """Return the path, as problems name it."""
        return self._path

    def __repr__(self) -> str:
        """Show the path."""
        return f"DiskPath({self._path!r})"

    def __truediv__(self, child: str) -> DiskPath:
        """Return the path of a child, as ``joinpath``."""
        return self.joinpath(child)

    @property
    def name(self) -> str:
        """The last part of the path."""
        return os.path.basename(self._path)

    def joinpath(self, *children: str) -> DiskPath:
        """Return the path of a file or folder below this one."""
        return DiskPath(os.path.join(self._path, *children))

    def is_dir(self) -> bool:
        """Whether this is a folder."""
        return os.path.isdir(self._path)

    def is_file(self) -> bool:
        """Whether this is a file."""
        return os.path.isfile(self._path)

    def iterdir(self) -> Iterator[DiskPath]:
        """Return the folder's entries, in no particular order."""
        return (DiskPath(os.path.join(self._path, name)) for name in os.listdir(self._path))

    def open(self, mode: str = "r", *args: Any, **kwargs: Any) -> IO[Any]:
        """Open the file, as the built-in ``open`` does."""
        return open(self._path, mode, *args, **kwargs)

    def read_bytes(self) -> bytes:
        """Return the file's bytes."""
        with open(self._path, "rb") as file:
            return file.read()

    def read_text(self, encoding: str | None = None) -> str:
        """Return the file's text."""
        with open(self._path, encoding=encoding) as file:
            return file.read()
