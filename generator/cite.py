"""A ready-made citation of a bulletin: notice, 发文字号, dates and the page's permanent URL.

The page shows it in a box; docs/javascripts/cite.js adds the page's canonical URL and makes the
copy button (hidden without JavaScript) put the whole citation on the clipboard.
"""

from __future__ import annotations

from generator import render
from generator.model import Bulletin


def citation(bulletin: Bulletin) -> str:
    """发布单位《通知》（发文字号），成文日期 成文，发布日期 发布。附件：标题。 — whichever parts the seed has."""
    meta = bulletin.meta
    notice = f"《{meta['notice']}》" if meta.get("notice") else ""
    number = f"（{meta['doc_number']}）" if meta.get("doc_number") else ""
    head = f"{meta.get('issuer', '')}{notice}{number}"
    dates = [f"{meta[key]} {word}" for key, word in (("written", "成文"), ("published", "发布")) if meta.get(key)]
    parts = [head, "，".join(dates)] if dates else [head]
    title = f"附件：{bulletin.title}" if notice else bulletin.title
    return "，".join(p for p in parts if p) + ("。" if head else "") + f"{title}。"


def box(bulletin: Bulletin) -> list[str]:
    """The citation box: a raw HTML block of the bulletin page."""
    text = render.html(citation(bulletin))
    return [
        f'<div class="citation" {render.NOT_SEARCHED}>',
        f'<p><strong>引用本公告</strong></p><p class="citation-text">{text}<span class="cite-url"></span></p>',
        '<button type="button" class="md-button copy-button" hidden>复制引用</button>',
        "</div>",
    ]
