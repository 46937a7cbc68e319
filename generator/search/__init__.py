"""The site's search, beside MkDocs: the hook (hook.py) feeds Material's index to a process of its
own (indexer.py) or builds a Pagefind index (pagefind_index.py) searched by a browser worker
(pagefind_worker.js). "Worker" here means only a browser Web Worker, as in Material's."""
