"""Indexes across bulletins: each family's timeline, and the public JSON data."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

from generator import meta, urls
from generator.model import Archive, Bulletin, Entry


def timelines(archive: Archive) -> dict[str, list[Entry]]:
    """Family id -> its entries, newest year first (the archive's bulletin order)."""
    result: dict[str, list[Entry]] = defaultdict(list)
    for entry in archive.entries:
        result[entry.family.id].append(entry)
    for family_id, entries in archive.partners.items():
        result[family_id].extend(entries)
    order = {b.id: n for n, b in enumerate(archive.bulletins)}
    return {fid: sorted(es, key=lambda e: (order[e.bulletin.id], e.item.order)) for fid, es in result.items()}


Dated = TypeVar("Dated", Bulletin, Entry)


def by_year(things: Iterable[Dated]) -> dict[int, list[Dated]]:
    """Bulletins or entries grouped by year, in their given order (newest first)."""
    result: dict[int, list[Dated]] = defaultdict(list)
    for thing in things:
        result[thing.year].append(thing)
    return dict(result)


def entries_of(archive: Archive) -> dict[str, list[Entry]]:
    """Bulletin id -> its entries in item order."""
    result: dict[str, list[Entry]] = defaultdict(list)
    for entry in archive.entries:
        result[entry.bulletin.id].append(entry)
    return dict(result)


def api_pages(archive: Archive) -> list[dict]:
    return [page_row(entry) for entry in archive.entries]


def page_row(entry: Entry) -> dict:
    """An agency page as a row of api/pages.json."""
    return {
        "url": entry.url,
        "bulletin": entry.bulletin.id,
        "year": entry.bulletin.year,
        "region": entry.bulletin.region,
        "level": entry.bulletin.level,
        "agency": entry.item.agency,
        "agency_id": entry.family.id,
        "order": entry.item.order,
        "title": page_title(entry),
        "campaigns": list(entry.item.campaigns),
        "partners": list(entry.item.partners),
    }


def api_agencies(archive: Archive) -> list[dict]:
    lines = timelines(archive)
    result = []
    for family in archive.families:
        if family.id not in lines:
            continue
        own = [e.url for e in lines[family.id] if e.family.id == family.id]
        joined = [e.url for e in lines[family.id] if e.family.id != family.id]  # as a partner
        about = {"id": family.id, "name": family.name, "name_en": family.name_en}
        result.append(about | {"url": urls.url(urls.family(family.id)), "entries": own, "partner_entries": joined})
    return result


def api_bulletins(archive: Archive) -> list[dict]:
    counts = entries_of(archive)
    return [bulletin_row(bulletin, len(counts.get(bulletin.id, []))) for bulletin in archive.bulletins]


def bulletin_row(bulletin: Bulletin, agencies: int) -> dict:
    """A bulletin as a row of api/bulletins.json; `agencies`: how many agency pages it has."""
    return {
        "id": bulletin.id,
        "title": bulletin.title,
        "year": bulletin.year,
        "region": bulletin.region,
        "level": bulletin.level,
        "campaign": bulletin.campaign,
        "url": urls.url(urls.bulletin(bulletin.id)),
        "source": bulletin.source,
        "agencies": agencies,
        **meta.public(bulletin.meta),
    }


def page_title(entry: Entry) -> str:
    return f"{entry.item.agency} · {entry.bulletin.year} 年{entry.bulletin.region}"
