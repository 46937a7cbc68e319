"""The seeds as every step reads them: the files of the folder, each read and cleaned.

pipeline.load_bulletins parses what this gives; the conservation check reads it without the parser.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.clean import remove_artefacts
from generator.errors import InputError, Warnings
from generator.model import Document
from generator.readers import SIDECAR, read_document, seed_name


def seed_files(seeds: Path) -> list[Path]:
    """The seeds in name order; a NAME.yml beside a seed is its metadata, not a seed."""
    if not seeds.is_dir():
        raise InputError(str(seeds), 1, "seeds folder does not exist")
    found = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    files = [p for p in found if p.suffix.lower() != SIDECAR]
    described = {p.with_suffix(SIDECAR).name for p in files}
    for sidecar in (p for p in found if p.suffix.lower() == SIDECAR and p.name not in described):
        message = f"metadata file for no seed: no {sidecar.stem}.docx, .pdf, .txt … beside it"
        raise InputError(seed_name(sidecar), 1, message)
    if not files:
        raise InputError(str(seeds), 1, "no attachments in the seeds folder")
    return files


def read_seed(path: Path, warnings: Warnings, named: Callable[[Path], str] = seed_name) -> Document:
    """The seed's Document, its conversion artefacts removed and each reported; `named` says how
    pages and messages name the file."""
    doc, removed = remove_artefacts(read_document(path, named(path), warnings))
    for line in removed:
        # A PDF has pages: its page numbers and running headers are expected, a note. In a text file
        # they are left over from a conversion, a warning.
        severity = "note" if line.position.page else "warning"
        warnings.add(doc.path, line.number, f"removed {line.reason}: {line.text.strip()}", severity, line.position)
    return doc
