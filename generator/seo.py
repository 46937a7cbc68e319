"""MkDocs hook (mkdocs.yml `hooks:`): Open Graph tags in every page's head, for link previews.

Material writes the description and the canonical URL itself; a theme override would be the
other way in, but generator/theme/ keeps only small partials.
"""

from __future__ import annotations

from html import escape, unescape


def on_post_page(output: str, page, config) -> str:
    """The page's HTML with og: tags before </head>. Title and description come from the front
    matter, which render.page stored HTML-escaped: unescaped once here, escaped again on output."""
    description = unescape(str(page.meta.get("description") or config.get("site_description") or ""))
    # Not og:type (`website` is what a reader assumes without it) nor og:url (the canonical link
    # already names the page): at 10^5 pages each would cost 5 to 8 MB of the site.
    tags = {
        "og:site_name": config["site_name"],
        "og:locale": "zh_CN",
        "og:title": unescape(page.title or config["site_name"]),
        "og:description": " ".join(description.split())[:200],
    }
    head = "".join(f'<meta property="{key}" content="{escape(value)}">' for key, value in tags.items() if value)
    return output.replace("</head>", head + "</head>", 1)
