// Material for MkDocs' search worker, answered from Pagefind's chunked index instead of one
// search_index.json. generator/pagefind.py puts this file in place of Material's worker
// (assets/javascripts/workers/search.<hash>.min.js), so the search box stays Material's own.
//
// Material's messages: SETUP (0) -> READY (1), QUERY (2, the typed text) -> RESULT (3, items).
// Pagefind's records are folders (a bulletin), their sections pages: a section's heading id is the
// page's URL. The best FOLDERS records are loaded (one fragment each) and every matching section
// becomes a result of its own, best first, at most LIMIT.
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
const FOLDERS = 10;
const LIMIT = 20;

// This file is assets/javascripts/workers/<name>.js: the site's root is three folders up.
const root = new URL("../../../", self.location.href);
let pagefind = null;

function escapeHTML(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

async function setup() {
  pagefind = await import(new URL("pagefind/pagefind.js", root).href);
  await pagefind.options({ excerptLength: 40 });
  await pagefind.init();
}

function relevance(section) {
  return (section.weighted_locations || []).reduce((sum, found) => sum + found.balanced_score, 0);
}

async function query(text) {
  const value = text.trim();
  if (!value) return { items: [] };
  const search = await pagefind.search(value);
  if (!search || !search.results) return { items: [] }; // a newer query superseded this one
  const folders = await Promise.all(search.results.slice(0, FOLDERS).map((result) => result.data()));
  const terms = Object.fromEntries(value.split(/\s+/).map((term) => [term, true]));
  const items = [];
  for (const folder of folders) {
    for (const section of folder.sub_results || []) {
      const hash = section.url.indexOf("#");
      if (hash < 0) continue; // text before the first page's heading: there is none
      items.push({
        location: decodeURIComponent(section.url.slice(hash + 1)), // the page's URL, from the site's root
        title: escapeHTML(section.title),
        text: section.excerpt, // Pagefind's excerpt: escaped text, matches in <mark>
        score: relevance(section),
        terms,
      });
    }
  }
  items.sort((a, b) => b.score - a.score);
  return { items: items.slice(0, LIMIT).map((item) => [item]) };
}

addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    await setup();
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    try {
      postMessage({ type: RESULT, data: await query(message.data) });
    } catch (error) {
      console.warn(`Search failed: ${message.data}`, error);
      postMessage({ type: RESULT, data: { items: [] } });
    }
  }
});
