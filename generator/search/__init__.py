"""The site's search, beside MkDocs: the hook (hook.py) takes what search needs of each page
(pages.py, with the normalisation in text.py) into one index file read by a browser worker
(match.js + index_worker.js), or into a Pagefind index (pagefind_index.py) read by another
(match.js + pagefind_worker.js). "Worker" here means only a browser Web Worker, as in Material's."""
