"""The seeds as every step reads them: the files of the folder, each read and cleaned.

pipeline.load_bulletins parses what this gives; the conservation check reads it without the parser.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.clean import remove_artefacts
from generator.errors import InputError, Warnings
from generator.model import Document
from generator.readers import read_document, seed_name


def seed_files(seeds: Path) -> list[Path]:
    if not seeds.is_dir():
        raise InputError(str(seeds), 1, "seeds folder does not exist")
    files = sorted(p for p in seeds.iterdir() if p.is_file() and not p.name.startswith("."))
    if not files:
        raise InputError(str(seeds), 1, "no attachments in the seeds folder")
    return files


def read_seed(path: Path, warnings: Warnings, named: Callable[[Path], str] = seed_name) -> Document:
    """The seed's Document, its conversion artefacts removed and each reported; `named` says how
    pages and messages name the file."""
    doc, removed = remove_artefacts(read_document(path, named(path), warnings))
    for line in removed:
        warnings.add(doc.path, line.number, f"removed {line.reason}: {line.text.strip()}", position=line.position)
    return doc
