"""Atom feeds, made with feedgen: feed.xml (bulletins, newest first) and one per family.

Links are relative to the feed's own URL (RFC 4287 allows it), so a feed needs no site address;
ids are tag: URIs, which never change when the site moves.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from generator import urls
from generator.indexes import page_title
from generator.model import Archive, Bulletin, Entry, Family
from generator.urls import link

# Newest entries a feed carries: a reader polls it for what is new, the archive has the rest.
FEED_LIMIT = 100
_CHINA = timezone(timedelta(hours=8))
_TAG = "tag:zhiliangyue-archive,2026:"
# Characters XML 1.0 cannot carry (a form feed from a PDF conversion): shown as U+FFFD in a feed;
# the page it links has the text as it is.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_DATE = re.compile(r"(\d{4})\D{1,3}(\d{1,2})(?:\D{1,3}(\d{1,2}))?")


def published(bulletin: Bulletin) -> datetime:
    """The date of the seed's `published` (2024-08-30, 2024年8月30日, 2024年8月), else 1 January of the year."""
    found = _DATE.search(str(bulletin.meta.get("published", "")))
    if found:
        try:
            return datetime(int(found[1]), int(found[2]), int(found[3] or 1), tzinfo=_CHINA)
        except ValueError:
            pass  # not a calendar date (2024-13-40): the year still places it
    return datetime(bulletin.year, 1, 1, tzinfo=_CHINA)


def feed_files(archive: Archive, site_name: str, families: dict[str, list[Entry]]) -> dict[str, str]:
    """feed.xml and feeds/<family id>.xml; `families`: family id -> its own entries, newest first."""
    files = {urls.FEED: bulletins_feed(archive, site_name)}
    for family in archive.families:
        if families.get(family.id):
            files[urls.family_feed(family.id)] = family_feed(family, families[family.id], site_name)
    return files


def bulletins_feed(archive: Archive, site_name: str) -> str:
    here = urls.FEED
    newest = sorted(archive.bulletins, key=published, reverse=True)[:FEED_LIMIT]
    feed = _feed(here, f"{site_name}：最新公告", urls.HOME, "bulletins", site_name)
    for bulletin in newest:
        notice = str(bulletin.meta.get("notice", ""))
        summary = f"{bulletin.region} · {bulletin.year} 年 · {len(bulletin.items)} 个联合主办单位" + (
            f" · {notice}" if notice else ""
        )
        _entry(feed, here, urls.bulletin(bulletin.id), bulletin.title, published(bulletin), summary)
    return _atom(feed, newest and published(newest[0]))


def family_feed(family: Family, entries: list[Entry], site_name: str) -> str:
    here = urls.family_feed(family.id)
    newest = sorted(entries, key=lambda e: published(e.bulletin), reverse=True)[:FEED_LIMIT]
    feed = _feed(here, f"{family.name} · {site_name}", urls.family(family.id), f"agencies/{family.id}", site_name)
    for entry in newest:
        text = "\n".join(a.text for a in entry.item.activities) or entry.item.text
        _entry(feed, here, entry.path, page_title(entry), published(entry.bulletin), text)
    return _atom(feed, newest and published(newest[0].bulletin))


def _feed(here: str, title: str, page: str, key: str, site_name: str):
    from feedgen.feed import FeedGenerator  # only when feeds are written: it loads lxml

    feed = FeedGenerator()
    feed.id(_TAG + key)
    feed.title(_NOT_XML.sub("\ufffd", title))
    feed.author({"name": site_name})
    feed.language("zh-CN")
    feed.link(href=urls.url(link(here, page)) or "./", rel="alternate", type="text/html")
    feed.link(href=here.rsplit("/", 1)[-1], rel="self", type="application/atom+xml")
    return feed


def _entry(feed, here: str, page: str, title: str, when: datetime, summary: str) -> None:
    item = feed.add_entry(order="append")
    item.id(_TAG + urls.url(page))
    item.title(_NOT_XML.sub("\ufffd", title))
    item.link(href=urls.url(link(here, page)), rel="alternate", type="text/html")
    item.updated(when)
    item.published(when)
    item.summary(_NOT_XML.sub("\ufffd", summary))


def _atom(feed, updated: datetime | None) -> str:
    feed.updated(updated or datetime(2000, 1, 1, tzinfo=_CHINA))  # fixed, not now: builds are reproducible
    return feed.atom_str(pretty=True).decode("utf-8")
