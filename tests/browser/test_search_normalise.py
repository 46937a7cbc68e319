"""The browser normalises as the build does: generator/search/match.js against generator/search/text.py,
over every seed's text and the suite's queries (a query matches only if both sides agree)."""

import json
import subprocess
from pathlib import Path

import yaml

from generator.search.pages import MATCH_SOURCE
from generator.search.text import normalise, table_for
from tests.search_suite import QUERIES

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
NODE = """
const fs = require("fs");
eval(fs.readFileSync(process.argv[1], "utf8") + "\\nglobalThis.searchNormaliser = searchNormaliser;");
const { table, texts } = JSON.parse(fs.readFileSync(0, "utf8"));
const normalise = searchNormaliser(table);
process.stdout.write(JSON.stringify(texts.map((text) => normalise(text).text)));
"""


def test_match_js_normalises_as_the_index_does():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir())]
    texts += [str(item["q"]) for item in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]]
    texts += ["ＡＢＣ　ｄｅｆ！", "質量強國、監管", "①②", "Ⅻ ﬁ", "\u200b\t\r\n"]
    table = "".join(t + s for t, s in table_for("".join(texts)).items())
    request = json.dumps({"table": table, "texts": texts})
    result = subprocess.run(
        ["node", "-e", NODE, str(MATCH_SOURCE)], input=request, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == [normalise(text) for text in texts]
