// Material for MkDocs' search worker, answered from Pagefind's chunked index instead of one
// search_index.json. generator/search/pagefind_index.py puts this file in place of Material's worker
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
let ready = null; // the set-up, once
let shards = [];
let latest = 0; // the newest query: answers to older ones are dropped

// Files pagefind.py kept once, in the first shard (the WebAssembly, the same in every shard): each
// shard's request for one is answered from that single download.
let first = "pagefind/";
let shared = [];
const downloads = new Map();
const nativeFetch = self.fetch.bind(self);
self.fetch = (resource, options) => {
  const name = String(resource instanceof Request ? resource.url : resource).split("/").pop();
  if (!shared.includes(name)) return nativeFetch(resource, options);
  if (!downloads.has(name)) {
    const download = nativeFetch(new URL(first + name, root));
    download.then((response) => response.ok || downloads.delete(name)).catch(() => downloads.delete(name));
    downloads.set(name, download);
  }
  return downloads.get(name).then((response) => response.clone());
};

function escapeHTML(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

// Every shard that loads; one that does not is left out (and said so), the others still answer.
async function setup() {
  let bundles = [first];
  try {
    const listed = await nativeFetch(new URL("pagefind/shards.json", root));
    if (listed.ok) ({ bundles, shared } = await listed.json());
  } catch (error) {
    console.warn("Search: pagefind/shards.json is unreadable; searching pagefind/ alone", error);
  }
  first = bundles[0];
  for (const bundle of bundles) {
    try {
      // Each shard its own module, so its own WebAssembly instance: two Pagefind instances of one
      // module share one, and their searches corrupt each other's memory.
      const pagefind = await import(new URL(`${bundle}pagefind.js`, root).href);
      await pagefind.options({ excerptLength: 40 });
      await pagefind.init();
      shards.push(pagefind);
    } catch (error) {
      console.warn(`Search: the shard ${bundle} did not load`, error);
    }
  }
}

function relevance(section) {
  return (section.weighted_locations || []).reduce((sum, found) => sum + found.balanced_score, 0);
}

// One shard's results: every matching page of its best records, best first, at most LIMIT. The older
// shards show fewer records: their results come below the recent ones, and each record costs a download.
async function search(pagefind, value, terms, records) {
  const search = await pagefind.search(value);
  if (!search || !search.results) return [];
  const folders = await Promise.all(search.results.slice(0, records).map((result) => result.data()));
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

// Results are posted after each shard that adds some, and always after the last one; a shard that
// fails adds nothing, and an answer to a query the reader has typed past is not posted at all.
async function answer(text) {
  const id = ++latest;
  const value = text.trim();
  const terms = Object.fromEntries(value.split(/\s+/).map((term) => [term, true]));
  let items = [];
  for (const [n, pagefind] of (value ? shards : []).entries()) {
    let found = [];
    try {
      found = await search(pagefind, value, terms, FOLDERS[n === 0 ? 0 : 1]);
    } catch (error) {
      console.warn(`Search failed in shard ${n}: ${value}`, error);
    }
    if (id !== latest) return;
    items = items.concat(found);
    if (found.length && n < shards.length - 1) postMessage({ type: RESULT, data: { items: items.map((i) => [i]) } });
  }
  postMessage({ type: RESULT, data: { items: items.map((item) => [item]) } });
}

addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === SETUP) {
    ready = ready || setup(); // a second SETUP does not load the shards again
    await ready;
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    await ready;
    await answer(message.data);
  }
});
