"""The one place that knows where the built-in content lives."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from importlib.abc import Traversable


def builtin_data() -> Traversable:
    """Return the folder of the built-in pack.

    An installed wheel carries it as the package resource ``interviewtips/data``.
    An editable install or a source checkout has no such resource: the package
    is ``src/interviewtips`` and the content is the repository's top-level ``data/``.
    """
    package = resources.files("interviewtips")
    packaged = package.joinpath("data")
    if packaged.is_dir():
        return packaged
    if isinstance(package, Path):
        checkout = package.parent.parent / "data"
        if (checkout / "pack.yaml").is_file():
            return checkout
    message = "the built-in content is missing from this installation; reinstall interviewtips"
    raise FileNotFoundError(message)
