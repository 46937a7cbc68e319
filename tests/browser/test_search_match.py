"""generator/search/match.js, run by Node.js: it normalises as the build does (generator/search/text.py),
over every seed's text and the suite's queries (a query matches only if both sides agree), and it
ranks and marks as the README says."""

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
eval(fs.readFileSync(process.argv[1], "utf8") + "\\nObject.assign(globalThis, { searchNormaliser, SearchMatcher });");
const request = JSON.parse(fs.readFileSync(0, "utf8"));
let answer;
if (request.texts) {
  const normalise = searchNormaliser(request.table);
  answer = request.texts.map((text) => normalise(text).text);
} else {
  const matcher = new SearchMatcher(request.table);
  const pages = request.pages.map((page) => matcher.prepare(page));
  answer = matcher.search(pages, request.query);
}
process.stdout.write(JSON.stringify(answer));
"""


def node(request: dict):
    result = subprocess.run(
        ["node", "-e", NODE, str(MATCH_SOURCE)], input=json.dumps(request), capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout)


def test_match_js_normalises_as_the_index_does():
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.iterdir())]
    texts += [str(item["q"]) for item in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]]
    texts += ["ＡＢＣ　ｄｅｆ！", "質量強國、監管", "①②", "Ⅻ ﬁ", "\u200b\t\r\n"]
    table = "".join(t + s for t, s in table_for("".join(texts)).items())
    assert node({"table": table, "texts": texts}) == [normalise(text) for text in texts]


def page(location: str, name: str, *items: str, rank: int = 0) -> dict:
    return {
        "location": location,
        "title": f"{name or location} · 2024 年全国",
        "name": name,
        "items": list(items),
        "rank": rank,
    }


PAGES = [
    page("about/", "", "逐条列出市场监管、宣传等单位的活动", rank=1),
    page("a/", "生态环境部", "会同市场监管总局开展检查", "市场监管"),
    page("b/", "市市场监管局", "开展“电梯安全宣传周”活动"),
    page("c/", "市场监管总局", "组织“电梯安全宣传周”", "开展电梯检查"),
    page("d/", "公安部", "结合“昆仑 2024”专项行动"),
]


def search(query: str) -> list[dict]:
    return node({"table": "質质", "pages": PAGES, "query": query})


def test_the_agencys_own_name_comes_first_the_closest_name_first_and_other_pages_last():
    assert [item["location"] for item in search("市场监管")] == ["b/", "c/", "a/", "about/"]
    assert [item["location"] for item in search("市场监管总局")] == ["c/", "a/"]


def test_the_whole_query_comes_before_pages_holding_only_its_words():
    assert [item["location"] for item in search("电梯安全宣传周")] == ["b/", "c/"]  # in order only
    assert [item["location"] for item in search("电梯 检查")] == ["c/"]  # both words, not in order
    assert search("昆仑电梯") == []


def test_a_result_marks_the_query_in_its_title_and_best_activity():
    first, _ = search("电梯")
    assert first["location"] == "c/"  # two activities hold it
    assert first["text"] == "<p>组织“<mark>电梯</mark>安全宣传周”</p>"
    (only,) = search("昆仑2024")  # marked across the space it ignores
    assert only["text"] == "<p>结合“<mark>昆仑 2024</mark>”专项行动</p>"
    assert only["terms"] == {"昆仑2024": True}
    (named,) = search("公安")
    assert named["title"] == "<mark>公安</mark>部 · 2024 年全国"
