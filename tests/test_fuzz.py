"""Fuzzing: generated bulletins round-trip; mutated seeds build what they hold or are refused cleanly."""

from __future__ import annotations

import random
import re
import shutil
from html import unescape
from pathlib import Path

import frontmatter
import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check import check
from generator.errors import InputError, Warnings
from generator.match import build_archive
from generator.names import VERBS
from generator.parse import parse_bulletin
from generator.pipeline import generate
from generator.registry import REGISTRY_PATH, load_registry
from generator.render import render_site
from tests.helpers import SEEDS, SITE_NAME, doc, tree

REGISTRY = load_registry()
KNOWN = sorted({name for family in REGISTRY.families for names in family.names.values() for name in names})
RARE = "𠀀𠀁𪚥龘䲜鱻靐齉燚"
MARKUP = ["<script>alert(1)</script>", "*em*", "[x](javascript:alert(1))", "{{ x }}", "{% y %}", "`c`", "|", "\\", "&"]
EMOJI = ["😀", "🏭", "✅", "👩‍🔬"]
ACTIVITY = re.compile(r'<li id="a-\d+">(.*?)</li>')
NUMERALS = "一二三四五六七八九"


def numeral(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
# Invented agencies: characters that form no verb, so the name's end is unambiguous.
NAME_CHARS = "体育档案气象林草邮政烟粮食统计审信访侨务地震人防机要保密编制" + RARE
unknown_agency = st.builds(
    lambda level, core, kind: level + core + kind,
    st.sampled_from(["市", "省", "县", "国家"]),
    st.text(st.sampled_from(NAME_CHARS), min_size=2, max_size=5),
    st.sampled_from(["局", "委", "办"]),
).filter(lambda name: REGISTRY.match(name) is None and not any(verb in name for verb in VERBS))  # 编制 is one
piece = st.one_of(
    st.text(cjk, min_size=1, max_size=8),
    st.sampled_from(MARKUP + EMOJI + list(RARE) + ["“电梯安全宣传周”", "，", "、", "（一）", "2024", "QC "]),
)
sentence = st.builds(
    lambda parts, end: "".join(parts) + end, st.lists(piece, min_size=1, max_size=6), st.sampled_from("。；")
)
item = st.tuples(
    st.one_of(st.sampled_from(KNOWN), unknown_agency),
    st.sampled_from(["组织开展", "开展", "举办"]),
    st.lists(sentence, min_size=1, max_size=4).map("".join),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    year=st.integers(2000, 2099),
    region=st.sampled_from(["全国", "福建省", "莆田", "仙游县"]),
    items=st.lists(item, min_size=1, max_size=12),
)
def test_generated_bulletins_round_trip(year, region, items):
    lines = [f"{year} 年{region}“质量月”联合主办单位开展的主要活动", ""]
    for n, (agency, verb, text) in enumerate(items, start=1):
        lines += [f"{numeral(n)}、{agency}{verb}{text}", ""]
    bulletin = parse_bulletin(doc("\n".join(lines)), REGISTRY, Warnings())
    archive = build_archive([bulletin], REGISTRY, Warnings())
    files = dict(render_site(archive, {bulletin.id: "source"}, SITE_NAME))
    pages = [entry.path for entry in archive.entries]
    assert len(pages) == len(items)
    for path, (agency, verb, text) in zip(pages, items, strict=True):
        post = frontmatter.loads(files[path])
        assert post["agency"] == agency
        shown = "".join(unescape(a) for a in ACTIVITY.findall(post.content))
        source = (verb + text).replace("**", "")  # ** is bold formatting in attachments, never text
        assert "".join(shown.split()) == "".join(source.split())
        rendered = markdown.markdown(post.content, extensions=["attr_list", "tables", "toc"])
        for forbidden in ("<script", "<img", "<iframe", 'href="javascript:', "{{", "<em>"):
            assert forbidden not in rendered


def _mutants(text: str, rng: random.Random, kind: str) -> bytes:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "split":
        cut = rng.randrange(len(lines[i]) + 1)
        lines[i : i + 1] = [lines[i][:cut], "", lines[i][cut:]]
    elif kind == "join":
        lines[i : i + 2] = ["".join(lines[i : i + 2])]
    elif kind == "truncate":
        return text.encode()[: rng.randrange(len(text.encode()))]
    elif kind == "gb18030":
        return text.encode("gb18030")
    elif kind == "bom-crlf":
        return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    data = bytearray("\n".join(lines).encode())
    if kind == "bytes":
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


KINDS = ["delete", "duplicate", "split", "join", "bytes", "truncate", "gb18030", "bom-crlf"]
LOSSLESS = {"gb18030", "bom-crlf"}  # the same text in another encoding or with other line ends
RUNS_PER_KIND = 125
ONE_LINE_ERROR = re.compile(r"^[^\n]+:\d+: error: [^\n]+$")


@pytest.mark.parametrize("kind", KINDS)
def test_mutated_seeds_build_conserved_pages_or_are_refused_cleanly(tmp_path: Path, kind: str):
    rng = random.Random(f"fuzz-{kind}")
    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    originals = sorted(SEEDS.iterdir())
    outcomes = {"built": 0, "refused": 0}
    for run in range(RUNS_PER_KIND):
        target = originals[run % 2]
        for seed in seeds.iterdir():
            seed.unlink()
        if run % 3:  # mostly beside the other, unmutated seed
            shutil.copy(originals[(run + 1) % 2], seeds / originals[(run + 1) % 2].name)
        (seeds / target.name).write_bytes(_mutants(target.read_text(encoding="utf-8"), rng, kind))
        before = tree(docs) if docs.exists() else {}
        try:
            generate(seeds, docs, REGISTRY_PATH, run % 4 == 0, SITE_NAME)
            outcomes["built"] += 1
        except InputError as refusal:
            assert kind not in LOSSLESS, str(refusal)
            assert ONE_LINE_ERROR.match(str(refusal)), str(refusal)
            assert (tree(docs) if docs.exists() else {}) == before
            outcomes["refused"] += 1
            continue
        # What was built is the seeds' text: no character dropped, doubled or invented.
        problems = check(sorted(seeds.iterdir()), docs)
        assert problems == [], f"run {run}: {problems[0]}"
    assert sum(outcomes.values()) == RUNS_PER_KIND
    print(f"{kind}: {RUNS_PER_KIND} mutants, {outcomes}")
