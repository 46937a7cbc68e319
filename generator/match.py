"""Join each bulletin's agencies to families and give every entry its URL."""

from __future__ import annotations

from generator.errors import InputError, Warnings
from generator.model import LEVELS, Archive, Bulletin, Entry, Family
from generator.registry import Registry


def build_archive(bulletins: list[Bulletin], registry: Registry, warnings: Warnings) -> Archive:
    _refuse_duplicates(bulletins)
    ordered = sorted(bulletins, key=lambda b: (-b.year, LEVELS.index(b.level), b.id))
    unknown: dict[str, Family] = {}
    entries: list[Entry] = []
    for bulletin in ordered:
        taken: set[str] = set()
        for item in bulletin.items:
            family = registry.match(item.agency, bulletin.region)
            if family is None:
                family = unknown.setdefault(*_unknown(registry, item.agency, bulletin.region))
                warnings.add(
                    bulletin.source,
                    item.line,
                    f"agency {item.agency} is not in the registry; it gets a family of its own "
                    f"({family.id}): add it as an alias in generator/data/agencies.yml if it belongs to one",
                )
            entries.append(Entry(bulletin, item, family, _slug(family.id, taken)))
    partners = _partner_entries(entries, registry)
    # The registry's families that have a page: those with an entry or a partner entry.
    used = {entry.family.id for entry in entries} | set(partners)
    known = tuple(f for f in registry.families if f.id in used and f.id not in unknown)
    return Archive(
        bulletins=tuple(ordered),
        families=known + tuple(sorted(unknown.values(), key=lambda f: f.id)),
        entries=tuple(entries),
        partners=partners,
    )


def _partner_entries(entries: list[Entry], registry: Registry) -> dict[str, tuple[Entry, ...]]:
    """Family id -> the items it joins as a partner (only families the registry knows)."""
    result: dict[str, list[Entry]] = {}
    for entry in entries:
        for name in entry.item.partners:
            family = registry.match(name, entry.bulletin.region)
            if family and family.id != entry.family.id:
                result.setdefault(family.id, []).append(entry)
    return {family_id: tuple(found) for family_id, found in result.items()}


def _unknown(registry: Registry, agency: str, region: str) -> tuple[str, Family]:
    family = registry.unknown_family(agency, region)
    if any(f.id == family.id for f in registry.families):
        # A registry family owns this id, but not this name: keep them apart.
        family = Family(family.id + "-x", family.name, "", {}, known=False)
    return family.id, family


def _slug(family_id: str, taken: set[str]) -> str:
    """The family id; a family's second item in one bulletin gets -2, its third -3 …"""
    slug, n = family_id, 1
    while slug in taken or slug in ("index", "source"):
        n += 1
        slug = f"{family_id}-{n}"
    taken.add(slug)
    return slug


def _refuse_duplicates(bulletins: list[Bulletin]) -> None:
    seen: dict[str, Bulletin] = {}
    for bulletin in sorted(bulletins, key=lambda b: b.source):
        first = seen.setdefault(bulletin.id, bulletin)
        if first is bulletin:
            continue
        if first.region == bulletin.region:
            message = (
                f"same bulletin as {first.source} ({bulletin.year} {bulletin.region}): remove one of the two files"
            )
        else:
            message = (
                f"bulletin URL {bulletin.id} is also that of {first.source} ({first.region}): "
                "give one region its own slug in generator/data/regions.yml"
            )
        raise InputError(bulletin.source, 1, message)
