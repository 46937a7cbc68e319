// Material for MkDocs' search worker for the one-file index (search/search_index.json, written by
// generator/search/pages.py): every page is matched in the browser by generator/search/match.js,
// which comes before this file in the installed worker. Material's messages: SETUP (0, the index)
// -> READY (1), QUERY (2, the typed text) -> RESULT (3, items).
"use strict";

let matcher = null;
let pages = [];

addEventListener("message", (event) => {
  const message = event.data;
  if (message.type === SEARCH_SETUP) {
    matcher = new SearchMatcher(message.data.config.table);
    pages = message.data.docs.map((page) => matcher.prepare(page));
    postMessage({ type: SEARCH_READY });
  } else if (message.type === SEARCH_QUERY) {
    const items = matcher.search(pages, message.data);
    postMessage({ type: SEARCH_RESULT, data: { items: items.map((item) => [item]) } });
  }
});
