// Matching and ranking for both search workers (generator/search/pages.py puts this file in front of
// each). A query finds the pages whose agency name or one of whose items (activities) contains it,
// both normalised as generator/search/text.py normalises them (the table comes with the index).
//
// A page: { location, title, name, items: [text], rank }, rank 0 for a bulletin's agency page, 1 for
// any other (the about page): those never come first. Then pages holding the whole query come above
// pages holding each of its space-separated words; then the agency's own name (equal to the query,
// then containing it, the shorter name first) above a mention; then the most occurrences. One
// result per page, with the item that holds the query most often, the query marked.
"use strict";

const SEARCH_SETUP = 0;
const SEARCH_READY = 1;
const SEARCH_QUERY = 2;
const SEARCH_RESULT = 3;
const EXCERPT = 40; // characters of context shown before a match (and twice that after)

// text -> { text: normalised, from, to }: the original UTF-16 range behind each normalised unit.
function searchNormaliser(table) {
  const simplified = new Map();
  const pairs = Array.from(table || "");
  for (let i = 0; i + 1 < pairs.length; i += 2) simplified.set(pairs[i], pairs[i + 1]);
  const dropped = /^[\p{P}\p{Z}\p{C}]$/u; // punctuation, spaces, controls: as Python's categories P, Z, C
  const cache = new Map();
  const normaliseChar = (char) => {
    let kept = cache.get(char);
    if (kept === undefined) {
      const nfkc = char.normalize("NFKC");
      const folded = Array.from(nfkc).length === 1 ? nfkc : char; // full width as half, where 1:1
      const lower = folded.toLowerCase();
      kept = dropped.test(folded) ? "" : simplified.get(lower) || lower;
      cache.set(char, kept);
    }
    return kept;
  };
  return (text) => {
    let normal = "";
    const from = [];
    const to = [];
    let at = 0;
    for (const char of text) {
      const kept = normaliseChar(char);
      for (let i = 0; i < kept.length; i++) {
        from.push(at);
        to.push(at + char.length);
      }
      normal += kept;
      at += char.length;
    }
    return { text: normal, from, to };
  };
}

function escapeHTML(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function occurrences(text, needle) {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

// The original ranges of every occurrence of the needles, in order, overlaps joined.
function spans(normal, needles) {
  const found = [];
  for (const needle of needles)
    for (let at = normal.text.indexOf(needle); at >= 0; at = normal.text.indexOf(needle, at + needle.length))
      found.push([normal.from[at], normal.to[at + needle.length - 1]]);
  found.sort((a, b) => a[0] - b[0]);
  const joined = [];
  for (const span of found) {
    const last = joined[joined.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else joined.push(span);
  }
  return joined;
}

// text[start:end] escaped, the spans in it marked.
function marked(text, ranges, start = 0, end = text.length) {
  let html = "";
  let at = start;
  for (const [from, to] of ranges) {
    if (to <= at || from >= end) continue;
    const a = Math.max(from, at);
    const b = Math.min(to, end);
    html += `${escapeHTML(text.slice(at, a))}<mark>${escapeHTML(text.slice(a, b))}</mark>`;
    at = b;
  }
  return html + escapeHTML(text.slice(at, end));
}

class SearchMatcher {
  constructor(table) {
    this.normalise = searchNormaliser(table);
  }

  prepare(page) {
    const normal = { title: this.normalise(page.title), name: this.normalise(page.name), items: page.items.map(this.normalise) };
    return { ...page, normal };
  }

  // The query as matched: the whole of it, and its space-separated words; null if nothing is left.
  parse(query) {
    const phrase = this.normalise(query).text;
    const words = [...new Set(query.split(/\s+/).map((word) => this.normalise(word).text).filter(Boolean))];
    return phrase ? { text: query.trim(), phrase, words } : null;
  }

  // How a page matches: null, or its sort key and the needles to mark.
  match(page, query) {
    const texts = [page.normal.name.text, ...page.normal.items.map((item) => item.text)];
    let needles = [query.phrase];
    let tier = 0;
    if (!texts.some((text) => text.includes(query.phrase))) {
      if (query.words.length < 2 || !query.words.every((word) => texts.some((text) => text.includes(word)))) return null;
      [needles, tier] = [query.words, 1];
    }
    const name = page.normal.name.text;
    const own = name === query.phrase ? 2 : needles.every((needle) => name.includes(needle)) ? 1 : 0;
    const count = needles.reduce((sum, needle) => sum + texts.reduce((n, text) => n + occurrences(text, needle), 0), 0);
    const closeness = own ? name.length : 0; // of two names holding the query, the one closer to it
    return { key: [page.rank, tier, -own, closeness, -count], needles };
  }

  // The item shown: the one holding the needles most often, around its first match.
  excerpt(page, needles) {
    let best = 0;
    let most = 0;
    page.normal.items.forEach((item, i) => {
      const count = needles.reduce((sum, needle) => sum + occurrences(item.text, needle), 0);
      if (count > most) [best, most] = [i, count];
    });
    const text = page.items[best];
    if (text === undefined) return "";
    const ranges = spans(page.normal.items[best], needles);
    const start = ranges.length ? Math.max(0, ranges[0][0] - EXCERPT) : 0;
    const end = Math.min(text.length, start + EXCERPT * 3);
    return `<p>${start > 0 ? "…" : ""}${marked(text, ranges, start, end)}${end < text.length ? "…" : ""}</p>`;
  }

  // Material's result items for the prepared pages: one per page, best first.
  search(pages, text) {
    const query = this.parse(text);
    if (!query) return [];
    const found = [];
    pages.forEach((page, order) => {
      const match = this.match(page, query);
      if (match) found.push({ page, order, ...match });
    });
    found.sort((a, b) => compareKeys(a.key, b.key) || a.order - b.order);
    return found.map(({ page, needles }, i) => ({
      location: page.location,
      title: marked(page.title, spans(page.normal.title, needles)),
      text: this.excerpt(page, needles),
      score: found.length - i,
      terms: Object.fromEntries((needles.length > 1 ? text.split(/\s+/).filter(Boolean) : [query.text]).map((t) => [t, true])),
    }));
  }
}

function compareKeys(a, b) {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
