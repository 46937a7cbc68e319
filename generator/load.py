"""The seeds as every step reads them: the files of the folder, each read and cleaned.

pipeline.load_bulletins parses what this gives; the conservation check reads it without the parser.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from pathlib import Path

from generator.clean import remove_artefacts
from generator.errors import InputError, Warnings
from generator.model import Document
from generator.readers import SIDECAR, read_document, seed_name

MAX_SEED_BYTES = 20 * 1024 * 1024  # a bulletin's text is tens of KB; a file this big is something else


def seed_files(seeds: Path, warnings: Warnings | None = None) -> list[Path]:
    """The seeds, in name order: every file directly in the folder, whatever its name (spaces and
    CJK are fine: names carry no meaning). What is not a seed is said (InputError, or a note
    in `warnings` when given):

    - a hidden file (.DS_Store, an editor's .x.swp) is skipped, silently: it is no one's seed;
    - a NAME.yml beside a seed is that seed's metadata (readers.SIDECAR), not a seed; one beside no
      seed is refused;
    - a folder is skipped, with a note: seeds are the files of the folder itself;
    - a link is read as the file it points to, if that is inside the folder; a link out of it
      or to nothing is refused: the archive's source is the folder, all of it in the repository;
    - a named pipe, socket or device is refused (reading one could wait for ever), as are a file
      over MAX_SEED_BYTES, one that cannot be read, and a name with a control character or bytes
      that are not UTF-8 (it could not be printed in a one-line message).
    """
    if not seeds.is_dir():
        raise InputError(str(seeds), 1, "seeds folder does not exist")
    inside = seeds.resolve()
    files = []
    for path in sorted(seeds.iterdir()):
        if path.name.startswith("."):
            continue
        shown = seed_name(path)
        if any(unicodedata.category(c) in ("Cc", "Cs") for c in path.name):
            raise InputError(f"{seeds.name}/{path.name!r}", 1, "the file name has a control character or is not UTF-8")
        if path.is_symlink():
            target = path.resolve()
            if not target.exists():
                raise InputError(shown, 1, f"a link to {os.readlink(path)}, which does not exist")
            if not target.is_relative_to(inside):
                raise InputError(shown, 1, f"a link to {target}, outside {seeds}: put the file itself in {seeds}")
        if path.is_dir():
            if warnings is not None:
                warnings.add(shown, 1, f"a folder: skipped (only the files directly in {seeds} are read)", "note")
            continue
        if not path.is_file():
            raise InputError(shown, 1, "not a regular file (a named pipe, socket or device)")
        if (size := path.stat().st_size) > MAX_SEED_BYTES:
            limit = MAX_SEED_BYTES // 2**20
            raise InputError(shown, 1, f"file is {size / 2**20:.1f} MB, over the {limit} MB a seed may have")
        try:
            with path.open("rb"):
                pass
        except OSError as exc:
            raise InputError(shown, 1, f"cannot be read: {exc.strerror}") from None
        files.append(path)
    seeds_found = [p for p in files if p.suffix.lower() != SIDECAR]
    described = {p.with_suffix(SIDECAR).name for p in seeds_found}
    for sidecar in (p for p in files if p.suffix.lower() == SIDECAR and p.name not in described):
        message = f"metadata file for no seed: no {sidecar.stem}.docx, .pdf, .txt … beside it"
        raise InputError(seed_name(sidecar), 1, message)
    files = seeds_found
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
