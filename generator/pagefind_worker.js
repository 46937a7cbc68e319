// Material for MkDocs' search worker, answered from Pagefind's chunked index instead of one
// search_index.json. generator/pagefind.py puts this file in place of Material's worker
// (assets/javascripts/workers/search.<hash>.min.js), so the search box stays Material's own.
//
// Material's messages: SETUP (0) -> READY (1), QUERY (2, the typed text) -> RESULT (3, items).
// Pagefind's records are folders (a bulletin), their sections pages: a section's heading id is the
// page's URL. The index comes in shards, newest bulletins first (pagefind/shards.json): the recent
// shard's results are shown as soon as they are found, the older ones are added below them.
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;
const FOLDERS = [10, 5]; // records (bulletins) whose pages are shown: the first shard, the others
const LIMIT = 20; // results per shard

// This file is assets/javascripts/workers/<name>.js: the site's root is three folders up.
const root = new URL("../../../", self.location.href);
let shards = [];
let latest = 0; // the newest query: answers to older ones are dropped

// Every shard's Pagefind asks for the same WebAssembly; only the first shard's copy is in the site
// (pagefind.py removes the others), so each such request is answered from that one download.
let bundles = ["pagefind/"];
const wasm = new Map();
const fetchOnce = self.fetch.bind(self);
self.fetch = (resource, options) => {
  const name = String(resource instanceof Request ? resource.url : resource).match(/\/(wasm\.[^/]*\.pagefind)$/);
  if (!name) return fetchOnce(resource, options);
  if (!wasm.has(name[1])) wasm.set(name[1], fetchOnce(new URL(bundles[0] + name[1], root)));
  return wasm.get(name[1]).then((response) => response.clone());
};

function escapeHTML(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

async function setup() {
  const listed = await fetchOnce(new URL("pagefind/shards.json", root));
  if (listed.ok) bundles = await listed.json();
  for (const bundle of bundles) {
    // Each shard its own module, so its own WebAssembly instance: two Pagefind instances of one
    // module share one, and their searches corrupt each other's memory.
    const pagefind = await import(new URL(`${bundle}pagefind.js`, root).href);
    await pagefind.options({ excerptLength: 40 });
    await pagefind.init();
    shards.push(pagefind);
  }
}

function relevance(section) {
  return (section.weighted_locations || []).reduce((sum, found) => sum + found.balanced_score, 0);
}

// One shard's results: every matching page of its best records, best first, at most LIMIT. The older
// shards show fewer records: their results come below the recent ones, and each record costs a download.
async function search(pagefind, value, terms, first) {
  const search = await pagefind.search(value);
  if (!search || !search.results) return [];
  const best = search.results.slice(0, FOLDERS[first ? 0 : 1]);
  const folders = await Promise.all(best.map((result) => result.data()));
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
  return items.slice(0, LIMIT);
}

async function answer(text) {
  const id = ++latest;
  const value = text.trim();
  const terms = Object.fromEntries(value.split(/\s+/).map((term) => [term, true]));
  let items = [];
  for (const [n, pagefind] of shards.entries()) {
    if (value) items = items.concat(await search(pagefind, value, terms, n === 0));
    if (id !== latest) return; // the reader typed on: this answer is stale
    const last = n === shards.length - 1;
    if (items.length || last || !value) {
      postMessage({ type: RESULT, data: { items: items.map((item) => [item]) } });
      if (!value) return;
    }
  }
}

addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    await setup();
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    try {
      await answer(message.data);
    } catch (error) {
      console.warn(`Search failed: ${message.data}`, error);
      postMessage({ type: RESULT, data: { items: [] } });
    }
  }
});
