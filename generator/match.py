"""Join each bulletin's agencies to families and give every entry its URL."""

from __future__ import annotations

from generator import urls
from generator.errors import InputError, Warnings
from generator.model import LEVELS, Archive, Bulletin, Entry, Family
from generator.regions import places
from generator.registry import Registry, core_key, spellings
from generator.text import fold


def build_archive(bulletins: list[Bulletin], registry: Registry, warnings: Warnings) -> Archive:
    _refuse_duplicates(bulletins)
    ordered = sorted(bulletins, key=lambda b: (-b.year, LEVELS.index(b.level), b.id))
    unknown: dict[str, Family] = {}
    entries: list[Entry] = []
    for bulletin in ordered:
        taken: set[str] = set()
        spelled = places(bulletin.region)
        for item in bulletin.items:
            family = registry.match(item.agency, bulletin.region)
            if family is None:
                family = unknown.setdefault(*_unknown(registry, item.agency, spelled))
                message = _unknown_message(item.agency, spelled, bulletin, family)
                warnings.add(bulletin.source, item.line, message, position=item.position)
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


def _unknown_message(agency: str, spelled: tuple[str, ...], bulletin: Bulletin, family: Family) -> str:
    """Which rules failed (name, spellings, key) and what to add."""
    forms = spellings(fold(agency), spelled)
    others = f" nor as {'/'.join(forms[1:])}" if len(forms) > 1 else ""
    return (
        f"agency {agency} is not in the registry: no family lists it{others}, and none has its key "
        f"{core_key(forms[-1], spelled)}; it gets a family of its own, {family.id} ({family.name}): add "
        f"{agency} to a family's {bulletin.level} names in generator/data/agencies.yml, or add a family"
    )


def _unknown(registry: Registry, agency: str, spelled: tuple[str, ...]) -> tuple[str, Family]:
    family = registry.unknown_family(agency, spelled)
    if any(f.id == family.id for f in registry.families):
        # A registry family owns this id, but not this name: keep them apart.
        family = Family(family.id + "-x", family.name, "", {}, known=False)
    return family.id, family


def _slug(family_id: str, taken: set[str]) -> str:
    """The family id; a family's second item in one bulletin gets -2, its third -3 …"""
    slug, n = family_id, 1
    while slug in taken or slug in urls.PAGE_SLUGS_TAKEN:
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


def join_report(bulletins: list[Bulletin], registry: Registry) -> list[str]:
    """For a maintainer: every agency and partner in the bulletins, tab-separated as
    FILE:LINE, name, family id, how it joined (exact, alias, key, unknown), then the counts."""
    lines, counts = [], dict.fromkeys(("exact", "alias", "key", "unknown"), 0)
    for bulletin in sorted(bulletins, key=lambda b: b.source):
        spelled = places(bulletin.region)
        for item in bulletin.items:
            for role, name in (("", item.agency), *(("partner ", p) for p in item.partners)):
                found = registry.join(name, spelled)
                family = found.family if found else registry.unknown_family(name, spelled)
                how = found.how if found else "unknown"
                counts[how] += 1
                lines.append(f"{bulletin.source}:{item.line}\t{role}{name}\t{family.id}\t{how}")
    total = sum(counts.values())
    lines.append(f"{total} agencies and partners: " + ", ".join(f"{n} {how}" for how, n in counts.items()))
    return lines
