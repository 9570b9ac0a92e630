"""A catalog written back out: as a pack that loads again, or as a CSV file a record type.

Both derive from the registry: every section of `SECTIONS` is written, each field in the
form its shape says an author writes it (placeholders as a mapping, ``hides`` by section).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._locate import MANIFEST
from ._plain_data import plain
from ._record_types import PACK, SCHEMA_VERSION, SECTIONS
from ._render import render

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path

    from ._catalog import Catalog
    from ._registry import RecordType

#: The most bytes one exported content file holds, well inside the reader's default
#: limit (`Limits.max_file_bytes`); a larger section is split over numbered files.
MAX_FILE_BYTES = 1_000_000


def export_pack(catalog: Catalog, folder: Path) -> list[Path]:
    """Write the catalog as one pack in ``folder`` (new, or empty); return the files written.

    The pack holds every record of the catalog, as merged: with one pack loaded, it is
    that pack's manifest and records, and it loads back equal (``to_dict`` is the same).
    With several, the manifest is the last pack's, crediting every pack's sources;
    records keep their content but belong to the new pack, and say no ``replaces``
    (what they replaced is not in the catalog). Files are ``pack.yaml`` and one file a
    section (``tips.yaml``...), split as ``tips-001.yaml``, ``tips-002.yaml``... past
    `MAX_FILE_BYTES`.

    Raises:
        FileExistsError: ``folder`` exists and is not empty.
    """
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FileExistsError(
            17, "exists and is not an empty folder; choose a new one", str(folder)
        )
    folder.mkdir(parents=True, exist_ok=True)
    single = len(catalog.packs) == 1
    written = [_write(folder / MANIFEST, _dump(_manifest(catalog)))]
    data: Mapping[str, Any] = catalog.to_dict()
    for section, record_type in SECTIONS.items():
        records = [_authored(record_type, record, keep_replaces=single) for record in data[section]]
        chunks = list(_chunks(section, records))
        for number, chunk in enumerate(chunks, start=1):
            name = f"{section}.yaml" if len(chunks) == 1 else f"{section}-{number:03d}.yaml"
            written.append(_write(folder / name, chunk))  # read back in the order of names
    return written


def export_csv(catalog: Catalog, folder: Path) -> list[Path]:
    """Write one CSV file a record type into ``folder``: ``tips.csv``, ``stages.csv``...

    Each is what ``render(records, "csv")`` gives for that record type's records, in the
    catalog's order; the manifests go to ``packs.csv``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = [_write(folder / "packs.csv", render(catalog, catalog.packs, "csv") + "\n")]
    for section, spec in SECTIONS.items():
        records = _records(catalog, spec)
        written.append(_write(folder / f"{section}.csv", render(catalog, records, "csv") + "\n"))
    return written


def _records(catalog: Catalog, spec: RecordType) -> tuple[Any, ...]:
    """Return a record type's records, in the catalog's order."""
    if spec.role == "vocabulary":
        return tuple(getattr(catalog, spec.section))
    return catalog.select(spec.name)


def _manifest(catalog: Catalog) -> dict[str, Any]:
    """Return the manifest of the exported pack, as an author writes it."""
    last = catalog.packs[-1]
    manifest = _authored(PACK, plain(last), keep_replaces=True)
    if len(catalog.packs) > 1:
        manifest.pop("hides", None)  # what it hid is already out of the catalog
        sources = {source.id: plain(source) for pack in catalog.packs for source in pack.sources}
        manifest["sources"] = [_without_empty(source) for source in sources.values()]
    manifest["schema_version"] = SCHEMA_VERSION
    return manifest


def _authored(
    record_type: RecordType, data: dict[str, Any], *, keep_replaces: bool
) -> dict[str, Any]:
    """Return a record's plain data as an author writes it: empty fields left out."""
    authored = {}
    for field in record_type.fields:
        value = data.get(field.name)
        if value is None or value == [] or (field.name == "replaces" and not keep_replaces):
            continue
        authored[field.name] = field.shape.authored(value)
    return authored


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, [])}


def _chunks(section: str, records: list[dict[str, Any]]) -> Iterator[str]:
    """Yield the YAML of a section's records, a file at a time, each under the size bound."""
    if not records:
        return
    parts: list[str] = []
    size = 0
    for record in records:
        text = _dump([record])
        if parts and size + len(text.encode()) > MAX_FILE_BYTES:
            yield f"{section}:\n" + "".join(parts)
            parts, size = [], 0
        parts.append(text)
        size += len(text.encode())
    yield f"{section}:\n" + "".join(parts)


def _dump(data: Any) -> str:
    """Return data as YAML the strict reader reads back as it was: no aliases, no tags."""
    import yaml  # noqa: PLC0415 - only an export writes YAML

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:  # noqa: ARG002 - PyYAML's signature
            return True

    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=88)


def _write(path: Path, text: str) -> Path:
    with open(path, "w", encoding="utf-8", newline="\n") as file:  # noqa: PTH123
        file.write(text)
    return path
