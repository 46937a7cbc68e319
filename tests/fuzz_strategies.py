"""Inputs for tests/test_fuzz.py: hypothesis strategies for whole bulletins, and seed mutations.

Generated bulletins only contain what the attachment format can express: an item's text never
starts a paragraph with numbering (一、), never holds ** (bold formatting, not text), and no
line of it is blank. Everything else is fair: registry names at every level, invented agencies
of rare characters, markup, emoji, template syntax and CJK punctuation in the text.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass

from hypothesis import strategies as st

from generator.model import Document, SourceLine
from generator.parse import _NUMERAL, _VERBS
from generator.registry import load_registry

REGISTRY = load_registry()
KNOWN_AGENCIES = sorted({name for family in REGISTRY.families for names in family.names.values() for name in names})

_DIGITS = "一二三四五六七八九"


def numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 100 -> 一百, 103 -> 一百零三, 110 -> 一百一十 (n < 1000)."""
    assert 1 <= n < 1000
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    if not hundreds:
        head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens - 1] + "十")
        return head + (_DIGITS[ones - 1] if ones else "")
    text = _DIGITS[hundreds - 1] + "百"
    if tens:
        text += _DIGITS[tens - 1] + "十"
    elif ones:
        text += "零"
    return text + (_DIGITS[ones - 1] if ones else "")


def doc(text: str, name: str = "fuzz.txt") -> Document:
    lines = tuple(SourceLine(n, line) for n, line in enumerate(text.split("\n"), start=1))
    return Document(path=name, lines=lines, encoding="utf-8", text=text)


# --- agencies ---------------------------------------------------------------------------------

RARE = "𠀀𠀁𠀂𪚥𫠝𬺰龘䲜鱻靐齉燚"  # U+20000 …, extension B–E and big BMP ones
# Characters of invented names: none of them appears in a verb, so where a name ends is clear.
NAME_CHARS = "体育档案气象林草邮政烟粮食统计审信访侨务地震人防机要保密编制" + RARE
LEVEL_WORDS = ["", "市", "省", "县", "区", "国家"]
KINDS = ["局", "委", "办"]
VERBS = ["组织开展", "开展", "举办", "举行", "召开", "发布", "实施"]
_NAME_ALPHABET = set(NAME_CHARS + "".join(LEVEL_WORDS) + "".join(KINDS))
assert not [v for v in _VERBS if set(v) <= _NAME_ALPHABET], "a verb can be spelt inside an invented name"


def _unknown(name: str) -> bool:
    return REGISTRY.match(name) is None and all(REGISTRY.prefix(name + verb) is None for verb in VERBS)


unknown_agency = st.builds(
    lambda level, core, kind: level + core + kind,
    st.sampled_from(LEVEL_WORDS),
    st.text(st.sampled_from(NAME_CHARS), min_size=2, max_size=6),
    st.sampled_from(KINDS),
).filter(_unknown)
agency = st.one_of(st.sampled_from(KNOWN_AGENCIES), unknown_agency)

# --- text -------------------------------------------------------------------------------------

MARKUP = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<iframe src=//evil.example></iframe>",
    "*em*",
    "_em_",
    "[x](javascript:alert(1))",
    "![p](x.png)",
    "<https://evil.example>",
    "{{ x }}",
    "{% y %}",
    "{#c#}",
    "${z}",
    "# h",
    "## h2",
    "`code`",
    "```",
    "|",
    "| a | b |",
    "---",
    "> q",
    "- li",
    "1. li",
    "\\",
    "&",
    "&amp;",
    "&#60;",
    "<!-- c -->",
    "</li></ol>",
    '"',
    "'",
    "~~s~~",
    "==m==",
    "[^1]",
    "{: .cls }",
    "{#id}",
    "\\*",
    "%",
]
EMOJI = ["😀", "🏭", "✅", "👩‍🔬", "🇨🇳", "1️⃣", "❤️", "🧪"]
CJK_PUNCT = ["，", "、", "；", "：", "“", "”", "《", "》", "（", "）", "——", "……", "·", "　"]
PHRASES = ["“电梯安全宣传周”", "“昆仑 2024”", "（一）", "2024", "QC ", "质量月", "“质量月”", '"双随机"', "3.15"]
cjk = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
# Any character but a line end (\n, \r), NUL (which marks a binary file) and *: the format keeps it as
# text, controls, separators, private use, unassigned and noncharacters (U+FFFE) included.
wild = st.characters(exclude_categories=("Cs",), exclude_characters="\n\r\x00*")

piece = st.one_of(
    st.text(cjk, min_size=1, max_size=10),
    st.sampled_from(MARKUP),
    st.sampled_from(EMOJI),
    st.sampled_from(list(RARE)),
    st.sampled_from(CJK_PUNCT),
    st.sampled_from(PHRASES),
    st.text(wild, min_size=1, max_size=4),
)
sentence = st.builds(
    lambda parts, end: "".join(parts) + end,
    st.lists(piece, min_size=1, max_size=6),
    st.sampled_from(["。", "；", "！", "？", ";", "。”", "）。"]),
)
tail = st.one_of(st.just(""), st.lists(piece, min_size=1, max_size=3).map("".join))  # an unfinished last sentence


def _expressible(text: str) -> bool:
    return "**" not in text and text.strip() != ""


body = st.builds(lambda ss, t: "".join(ss) + t, st.lists(sentence, min_size=1, max_size=4), tail).filter(_expressible)
# A further paragraph of an item starts with a character that cannot begin numbering.
lead = cjk.filter(lambda c: c not in _NUMERAL)
continuation = st.builds(lambda c, b: c + b, lead, body).filter(_expressible)


@dataclass(frozen=True)
class GeneratedItem:
    agency: str
    verb: str
    paragraphs: tuple[str, ...]  # the text after the verb, paragraph by paragraph
    cuts: tuple[int, ...] = ()  # line breaks inside the first paragraph (page breaks), as fractions of 1000
    bold: bool = False  # **一、agency**text, as in the Putian seed
    separator: str = "、"

    @property
    def text(self) -> str:
        """What the item says after its agency, as the bulletin has it (whitespace aside)."""
        return self.verb + "".join(self.paragraphs)

    def lines(self, number: int) -> list[str]:
        head = f"{numeral(number)}{self.separator}{self.agency}"
        if self.bold:
            head = f"**{head}**"
        first = head + self.verb + self.paragraphs[0]
        # line breaks only after the agency
        positions = sorted({len(head) + (len(first) - len(head)) * cut // 1000 for cut in self.cuts})
        parts = [first[a:b] for a, b in zip([0, *positions], [*positions, len(first)], strict=True)]
        lines = _no_blank_lines(parts)
        for paragraph in self.paragraphs[1:]:
            lines += ["", paragraph]
        return lines


def _no_blank_lines(parts: list[str]) -> list[str]:
    """Join any part that would read as a blank line (which ends a paragraph) onto the one before."""
    lines: list[str] = []
    for part in parts:
        if lines and (not part.strip() or not lines[-1].strip()):
            lines[-1] += part
        else:
            lines.append(part)
    return lines


def _family_id_is_not_index(name: str) -> bool:
    # An invented agency whose family id would be `index` overwrites the agencies overview:
    # a bug test_fuzz.py keeps as an xfail; left out here so that the other properties still run.
    return REGISTRY.match(name) is not None or REGISTRY.unknown_family(name, "").id != "index"


# Invented names in ASCII (WTO办): what the family id is made of when pinyin has nothing to say.
ascii_agency = st.builds(
    lambda core, kind: core + kind,
    st.text(st.sampled_from("ABCQWXZabcdeinoxz0123456789-_.&<>"), min_size=1, max_size=6),
    st.sampled_from(KINDS),
).filter(lambda name: _unknown(name) and _family_id_is_not_index(name))
# In bold type, a name can be anything the bold span holds: it ends where the bold ends.
bold_name = (
    st.text(wild, min_size=1, max_size=12)
    .map(str.strip)
    .filter(lambda name: name and not set(name) & set("，,。；;：:") and _family_id_is_not_index(name))
)
paragraphs = st.tuples(body).flatmap(
    lambda first: st.lists(continuation, max_size=2).map(lambda more: (first[0], *more))
)
cuts = st.lists(st.integers(1, 999), max_size=2).map(tuple)
SEPARATORS = ["、", "、", "、", "．", ".", "，", ",", " 、"]
item = st.one_of(
    st.builds(
        GeneratedItem,
        agency=st.one_of(agency, ascii_agency),
        verb=st.sampled_from(VERBS),
        paragraphs=paragraphs,
        cuts=cuts,
        bold=st.just(False),
        separator=st.sampled_from(SEPARATORS),
    ),
    st.builds(
        GeneratedItem,
        agency=st.one_of(agency, bold_name),
        verb=st.sampled_from(["", *VERBS]),
        paragraphs=paragraphs,
        cuts=cuts,
        bold=st.just(True),
        separator=st.sampled_from(SEPARATORS),
    ),
)
REGIONS = ["全国", "福建省", "莆田", "莆田市", "仙游县", "城厢区", "上海市", "新疆维吾尔自治区", "厦门", "内蒙古"]
ODD_REGIONS = ["", "𠀀𠀁", "龘县", "😀市", "<script>x</script>", "{{ x }}", "index", "A&B 区", "# h"]


@dataclass(frozen=True)
class GeneratedBulletin:
    year: int
    region: str
    label: bool
    preamble: str
    items: tuple[GeneratedItem, ...]

    @property
    def text(self) -> str:
        lines = ["附件 1", ""] if self.label else []
        lines += [f"{self.year} 年{self.region}“质量月”联合主办单位开展的主要活动", ""]
        if self.preamble:
            lines += [self.preamble, ""]
        for number, entry in enumerate(self.items, start=1):
            lines += [*entry.lines(number), ""]
        return "\n".join(lines)


bulletin = st.builds(
    GeneratedBulletin,
    year=st.integers(2000, 2099),
    region=st.one_of(st.sampled_from(REGIONS), st.sampled_from(ODD_REGIONS)),
    label=st.booleans(),
    preamble=st.one_of(st.just(""), continuation.filter(lambda p: not re.search(r"(?:19|20)\d\d\s*年", p))),
    items=st.lists(item, min_size=1, max_size=10).map(tuple),
)

# Front matter a maintainer may put on a seed: right, wrong and odd YAML.
_SCALARS = [
    "2024", "1899", "3000", "0", "-1", "0x7e8", "2_024", "2024.0", ".inf", ".nan", "null", "~", "true", "yes",
    '"2024"', "2024-08-30", "2024-08-30T09:00:00+08:00", "2024年8月", "[2024]", "{a: 1}", "[]", "{}", "''",
    "national", "province", "city", "county", "planet", "全国", "福建省", "莆田市", "𠀀", "<script>x</script>",
    "https://www.samr.gov.cn/a?b=1&c=2", "http://x.example/'onmouseover='alert(1)", "javascript:alert(1)",
    "'https://a b'", "ftp://x", "关于开展2024年全国“质量月”活动的通知", '"{{ x }} {% y %}"', "&a x", "*a",
    "!!str 2024", "!!binary aGk=", "|\n  two\n  lines", ">-\n  folded", "'it''s'", '"\\u2028"', "- a\n- b",
    "!!python/object:os.system x",
]  # fmt: skip
_KEYS = ["year", "region", "level", "published", "notice", "issuer", "source_url"]
front_matter_entry = st.builds(
    lambda key, value: f"{key}: {value}",
    st.one_of(st.sampled_from(_KEYS), st.sampled_from(["title", "Year", "1", "'year'", "? [a]"])),
    st.one_of(st.sampled_from(_SCALARS), st.text(wild, max_size=8).map(lambda t: json.dumps(t, ensure_ascii=False))),
)
front_matter = st.builds(
    lambda entries, opening, closing: "\n".join([opening, *entries, closing]) + "\n",
    st.lists(front_matter_entry, max_size=5),
    st.sampled_from(["---", "---", "--- ", "---\t"]),
    st.sampled_from(["---", "---", "--- ", "...", "--", "   ---"]),
)

# Lines of anything: titles, numbering, bold, front matter fences, markup, rubbish.
FRAGMENTS = [
    "2024 年全国“质量月”联合主办单位开展的主要活动",
    "2023 年莆田“质量月”",
    "1999 年",
    "附件 1",
    "附件",
    "一、",
    "二、",
    "九十九、",
    "一百零三、",
    "零、",
    "十十十、",
    "千、",
    "**",
    "**一、市市场监管局**",
    "---",
    "year: 2024",
    "region: [x]",
    "市市场监管局",
    "公安部开展",
    "组织开展",
    "。",
    "、",
    "：",
    "“",
    "”",
    "— 3 —",
    "第 2 页 共 9 页",
    "7",
    "#",
    " ",
    "\t",
    "\u3000",
    "\r",
    "\ufeff",
    "\u2028",
    "\x85",
    "\ufffe",
    "\x7f",
]
rubbish_line = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS + MARKUP + EMOJI + list(RARE)), st.text(wild, max_size=5)), max_size=5
).map("".join)
rubbish = st.lists(rubbish_line, min_size=0, max_size=14).map("\n".join)

# --- mutations of the seeds -------------------------------------------------------------------


def mutate_lines(text: str, rng: random.Random, kind: str) -> str:
    """One structural change to the decoded text of a seed."""
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
        # with the next line, or across the blank line to the next paragraph (one item swallows the next)
        width = 3 if i + 2 < len(lines) and not lines[i + 1].strip() and rng.random() < 0.7 else 2
        lines[i : i + width] = ["".join(lines[i : i + width])]
    elif kind == "truncate":  # anywhere, perhaps inside a character's bytes
        data = text.encode("utf-8")
        return data[: rng.randrange(len(data))].decode("utf-8", errors="surrogateescape")
    else:
        raise ValueError(kind)
    return "\n".join(lines)


STRUCTURAL = ["delete", "duplicate", "split", "join", "truncate"]
ODD_CHARACTERS = [
    *"\x01\x08\t\x0b\x0c\x1c\x1d\x1e\x1f\x7f\x85\xa0\u2028\u2029\u3000\ufeff\ufffe\uffff\ue000\U0001fffe",
    *"\u200b\u200d\u202e\u0301、。；，**一二十百零#`<>{}[]()|\\&\"'-=~",
    *RARE,
    *EMOJI,
    "**",
    "---",
    "一、",
    "十一、",
    "附件 1",
    "2024 年全国“质量月”",
    *MARKUP,
]


def mutant(text: str, rng: random.Random, kind: str) -> bytes:
    """A mutated seed file. Encoding kinds also get one structural change, so no two runs repeat."""
    if kind in STRUCTURAL:
        return mutate_lines(text, rng, kind).encode("utf-8", errors="surrogateescape")
    changed = mutate_lines(text, rng, rng.choice(STRUCTURAL[:4]))
    if kind == "bytes":
        data = bytearray(changed.encode("utf-8"))
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.5:
                data[rng.randrange(len(data) + 1) : 0] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
            else:
                data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if kind == "chars":  # characters, not bytes: controls, separators, BOMs, noncharacters, markup
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(changed) + 1)
            changed = changed[:at] + rng.choice(ODD_CHARACTERS) + changed[at:]
        return changed.encode("utf-8")
    if kind == "gb18030":
        return changed.encode("gb18030")
    if kind == "bom":
        return b"\xef\xbb\xbf" + changed.encode("utf-8")
    if kind == "crlf":
        line_end = rng.choice(["\r\n", "\r"])
        return changed.replace("\n", line_end).encode(rng.choice(["utf-8", "gb18030"]))
    if kind == "stacked":  # several changes at once, then any of the encodings
        for _ in range(rng.randint(2, 6)):
            changed = mutate_lines(changed, rng, rng.choice(STRUCTURAL[:4]))
        encoded = changed.encode(rng.choice(["utf-8", "utf-8-sig", "gb18030", "utf-16"]))
        return encoded[: rng.randrange(1, len(encoded) + 1)] if rng.random() < 0.2 else encoded
    raise ValueError(kind)


MUTATIONS = [*STRUCTURAL, "bytes", "chars", "gb18030", "bom", "crlf", "stacked"]
