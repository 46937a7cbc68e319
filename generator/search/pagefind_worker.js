// Material for MkDocs' search worker, answered from Pagefind's chunked index instead of one
// search_index.json. generator/search/pagefind_index.py puts generator/search/match.js and this file in place of
// Material's worker (assets/javascripts/workers/search.<hash>.min.js), so the search box stays
// Material's own.
//
// Material's messages: SETUP (0, its search_index.json: the traditional -> simplified table) -> READY
// (1), QUERY (2, the typed text) -> RESULT (3, items). Pagefind's records are folders (a bulletin):
// their words are the character bigrams of their pages (generator/search/pages.py), their metadata
// the pages themselves. A query asks Pagefind for the records holding its bigrams, then matches
// their pages with match.js. The index comes in shards, newest bulletins first
// (pagefind/shards.json): the recent shard's results are shown as soon as they are found, the older
// ones are added below them.
"use strict";

const FOLDERS = [10, 5]; // records (bulletins) whose pages are shown: the first shard, the others
const FIRST = 2; // records whose pages are shown before the others are downloaded
const ASKED = 4; // bigrams of a query asked of Pagefind, at most (each costs an index chunk per shard)

// This file is assets/javascripts/workers/<name>.js: the site's root is three folders up.
const root = new URL("../../../", self.location.href);
let ready = null; // the set-up, once
let shards = [];
let latest = 0; // the newest query: answers to older ones are dropped
let matcher = null;
const prepared = new Map(); // a record's URL -> its pages, prepared for matching

// Files pagefind_index.py kept once, in the first shard (the WebAssembly, the same in every shard): each
// shard's request for one is answered from that single download.
let first = "pagefind/";
let shared = [];
let common = new Set(); // bigrams in a large share of the records (pagefind_index.py's COMMON_SHARE)
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

// Every shard that loads; one that does not is left out (and said so), the others still answer.
async function setup(config) {
  matcher = new SearchMatcher(config.table);
  let bundles = [first];
  try {
    const listed = await nativeFetch(new URL("pagefind/shards.json", root));
    if (listed.ok) {
      const listing = await listed.json();
      ({ bundles, shared } = listing);
      common = new Set(listing.common || []);
    }
  } catch (error) {
    console.warn("Search: pagefind/shards.json is unreadable; searching pagefind/ alone", error);
  }
  first = bundles[0];
  for (const bundle of bundles) {
    try {
      // Each shard its own module, so its own WebAssembly instance: two Pagefind instances of one
      // module share one, and their searches corrupt each other's memory.
      const pagefind = await import(new URL(`${bundle}pagefind.js`, root).href);
      await pagefind.init();
      // A shard's first search costs about 100 ms more than the next (WebAssembly warming up): paid
      // here, before the reader has typed, with a word no page has (code("\0"): controls are dropped).
      await pagefind.search(code("\0"));
      shards.push(pagefind);
    } catch (error) {
      console.warn(`Search: the shard ${bundle} did not load`, error);
    }
  }
}

// Each character as 4 letters, its code point in base 26 (as generator/search/pages.py's _code).
function code(char) {
  let number = char.codePointAt(0) % 26 ** 4;
  let letters = "";
  for (let i = 0; i < 4; i++) {
    letters = String.fromCharCode(97 + (number % 26)) + letters;
    number = Math.floor(number / 26);
  }
  return letters;
}

// The words asked of Pagefind: the bigrams of each word of the query, or a one-character word's
// code, which starts every bigram beginning with that character (Pagefind matches prefixes). Pagefind
// only finds the candidate records, match.js checks the whole query on their pages, so fewer words
// do: common bigrams (质量 in 质量强国) are left out when others remain, since nearly every record
// holds them and their index chunks are the largest; of the rest, at most ASKED, spread over the
// query (four bigrams of a long phrase still single out the records holding it).
function queryWords(text) {
  const words = new Set();
  for (const word of text.split(/\s+/)) {
    const codes = Array.from(matcher.normalise(word).text, code);
    if (codes.length === 1) words.add(codes[0]);
    for (let i = 0; i + 1 < codes.length; i++) words.add(codes[i] + codes[i + 1]);
  }
  const rare = [...words].filter((word) => !common.has(word));
  const asked = rare.length ? rare : [...words];
  if (asked.length <= ASKED) return asked;
  return Array.from({ length: ASKED }, (_, i) => asked[Math.round((i * (asked.length - 1)) / (ASKED - 1))]);
}

async function pagesOf(result) {
  const folder = await result.data();
  if (!prepared.has(folder.url))
    prepared.set(folder.url, JSON.parse(folder.meta.pages).map((page) => matcher.prepare(page)));
  return prepared.get(folder.url);
}

// One shard's matching pages, best first, from its best `records` records: the first FIRST of them,
// shown at once (`show`) if they hold any, then the others. Each record costs a download (and its
// text a parse): the first results wait for only a few.
async function search(pagefind, text, records, show) {
  const words = queryWords(text);
  if (!words.length) return [];
  const search = await pagefind.search(words.join(" "));
  if (!search || !search.results) return [];
  const results = search.results.slice(0, records);
  const first = (await Promise.all(results.slice(0, FIRST).map(pagesOf))).flat();
  if (results.length <= FIRST) return matcher.search(first, text);
  const shown = matcher.search(first, text);
  if (shown.length) show(shown);
  const rest = (await Promise.all(results.slice(FIRST).map(pagesOf))).flat();
  return matcher.search(first.concat(rest), text);
}

// Results are posted as soon as some are found, again as each shard adds some, and always after
// the last one; a shard that fails adds nothing, and an answer to a query the reader has typed past
// is not posted at all.
async function answer(text) {
  const id = ++latest;
  const value = text.trim();
  let items = [];
  const post = (list) => id === latest && postMessage({ type: SEARCH_RESULT, data: { items: list.map((i) => [i]) } });
  for (const [n, pagefind] of (value ? shards : []).entries()) {
    let found = [];
    try {
      found = await search(pagefind, value, FOLDERS[n === 0 ? 0 : 1], (some) => post(items.concat(some)));
    } catch (error) {
      console.warn(`Search failed in shard ${n}: ${value}`, error);
    }
    if (id !== latest) return;
    items = items.concat(found);
    if (found.length && n < shards.length - 1) post(items);
  }
  post(items);
}

addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === SEARCH_SETUP) {
    ready = ready || setup(message.data.config); // a second SETUP does not load the shards again
    await ready;
    postMessage({ type: SEARCH_READY });
  } else if (message.type === SEARCH_QUERY) {
    await ready;
    await answer(message.data);
  }
});
