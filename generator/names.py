"""Agency names at the start of an item, and the partner agencies an item names.

A Chinese organisation name is a region or level prefix (浙江省, 市, 自治区), perhaps a party
or government layer (省委, 自治区党委, 中共…), a body (市场监管, 宣传) and a kind (局, 部, 委,
办, 支队 …), and may nest (国家税务总局福建省税务局, 厦门市市场监督管理局思明分局). The name
ends at a kind that is followed by what the agency does (a verb, a list, punctuation), not by
more of the name (another region, body and kind, as after 国家税务总局 above).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.registry import Registry
from generator.text import KINDS

# Verbs that start what an agency does. A verb followed by a kind is part of a name
# (宣传部, 组织部, 推进办), unless the kind starts another verb (组织部署).
VERBS = (
    "组织", "开展", "举办", "举行", "召开", "发布", "结合", "联合", "实施", "推进", "推动", "加强",
    "深入", "深化", "持续", "计划", "走访", "依法", "坚持", "提倡", "配合", "会同", "制作", "指导",
    "围绕", "积极", "进一步", "牵头", "负责", "做好", "完善", "印发", "部署", "落实", "聚焦", "针对",
    "面向", "按照", "根据", "通过", "启动", "建立", "强化", "大力", "广泛", "全面", "认真", "督促",
    "协调", "宣传", "参与", "协同", "共同", "严厉", "严格", "打击", "支持", "推出", "引导", "鼓励",
    "利用", "发挥", "开通", "邀请", "承办", "主办", "统筹", "着力", "继续", "不断", "主动", "扎实",
    "切实", "全力", "突出", "重点", "编制", "制定", "出台", "抓好", "举措", "提升", "提高", "优化",
    "规范", "普及", "研究", "探索", "推广", "评选", "表彰", "培育", "打造", "健全", "开放",
    "将", "在", "对", "向", "为", "以", "于",
)  # fmt: skip
_VERB = re.compile("|".join(sorted(VERBS, key=len, reverse=True)))
# Words that may follow a name and start a list of names; not verbs, so they may also sit
# inside a name (工业和信息化局).
_CONJUNCTIONS = ("、", "和", "及", "与", "同")
# Words that bring partners into an item: 市市场监管局、市教育局联合开展… / 甲联合乙开展… / 甲会同乙…
JOINT = ("联合", "会同", "配合", "协同", "共同")
_PUNCTUATION = '，,。；;：:、“”"‘’《》 \u3000\n'
_MAX_NAME = 30  # characters: a longer "name" is a sentence (国家税务总局新疆维吾尔自治区税务局 is 17)
# After a kind, more of the name: a region or body of at most this many characters, then a kind.
_MAX_PART = 12
# A name's second sign in brackets: 省烟草专卖局（公司）, 市市场监管局（市知识产权局）.
_BRACKETS = re.compile(r"[（(][^（()）\s，,。；;：:]{1,10}[）)]")


@dataclass(frozen=True)
class Found:
    """An agency name at the start of a text, and the rule that found it."""

    name: str
    rule: str  # grammar | registry | verb cut


def agency_at(body: str, registry: Registry) -> str | None:
    found = find_agency(body, registry)
    return found.name if found else None


def find_agency(body: str, registry: Registry) -> Found | None:
    """The agency name `body` starts with, as written: by its grammar (a kind followed by what
    the agency does), or the longest registry name if that is longer, else the text before the
    first verb or punctuation."""
    by_grammar = _grammar(body)
    listed = registry.prefix(body)
    if listed and _ends_name(body, len(listed)) and len(listed) > len(by_grammar or ""):
        return Found(listed, "registry")
    if by_grammar:
        return Found(by_grammar, "grammar")
    cut = _verb_cut(body)
    return Found(cut, "verb cut") if cut else None


def _grammar(body: str) -> str | None:
    """The shortest start of `body` that ends in a kind and is followed by no more of a name."""
    limit = min(len(body), _MAX_NAME, _hard_stop(body))
    for end in range(2, limit + 1):
        if body[end - 1] not in KINDS:
            continue
        bracket = _BRACKETS.match(body, end)
        if bracket and _ends_name(body, bracket.end()):
            return body[: bracket.end()]
        if _ends_name(body, end):
            return body[:end]
    return None


def _hard_stop(body: str) -> int:
    """Where the first verb that cannot be part of a name starts (a name never starts with one:
    会同县, 将乐县), or where punctuation starts."""
    for position in range(1, len(body)):
        if body[position] in _PUNCTUATION:
            return position
        if _verb_starts(body, position):
            return position
    return len(body)


def _verb_starts(text: str, position: int) -> bool:
    """A verb starts at `position`, and is not the body of a name: 宣传部组织…, 组织部、…
    (but 开展社会…, and 组织部署… where the kind starts another verb)."""
    verb = _VERB.match(text, position)
    if not verb:
        return False
    after = verb.end()
    kind = 2 if text.startswith("中心", after) else int(after < len(text) and text[after] in KINDS)
    if not kind or _VERB.match(text, after):
        return True
    rest = after + kind
    closed = rest >= len(text) or text[rest] in _PUNCTUATION + "（(" or text.startswith(_CONJUNCTIONS, rest)
    return not (closed or _VERB.match(text, rest))


def _ends_name(body: str, end: int) -> bool:
    """What follows `end` is not more of the name: the end, punctuation, a conjunction, a verb,
    or text that reaches no kind within a short part (严厉打击…)."""
    if end >= len(body) or body[end] in _PUNCTUATION or body.startswith(_CONJUNCTIONS, end):
        return True
    if _verb_starts(body, end):
        return True
    for stop in range(end, min(len(body), end + _MAX_PART + 1)):
        if body[stop] in _PUNCTUATION or (stop > end and _verb_starts(body, stop)):
            return True
        if body[stop] in KINDS and stop > end:
            return False  # 国家税务总局|福建省税务局; not 市市场监管局|行动
    return True


def _verb_cut(body: str) -> str | None:
    match = re.compile(f"、|{_VERB.pattern}").search(body, 2)
    if match and match.start() <= _MAX_NAME:
        return body[: match.start()]
    punct = re.search(r"[，,。；;：:（(]", body)
    if punct and 2 <= punct.start() <= _MAX_NAME:
        return body[: punct.start()]
    return None


def partners(rest: str, registry: Registry) -> tuple[str, ...]:
    """Agencies the item names as joining in: after 、 before 联合/共同, or after 联合/会同/配合."""
    listed = rest.startswith("、")
    if not listed and not rest.startswith(JOINT):
        return ()
    position, names = (1 if listed else 2), []
    while name := _partner_at(rest[position:], registry):
        names.append(name.strip())
        position += len(name)
        if not rest.startswith(("、", "和", "及", "与"), position):
            break
        position += 1
    if listed and not rest.startswith(JOINT, position):
        return ()  # a list that is not followed by 联合… names no partners
    return tuple(names)


def _partner_at(text: str, registry: Registry) -> str | None:
    if _VERB.match(text):
        return None
    name = agency_at(text, registry)
    return name if name and (registry.match(name) or name.rstrip().endswith(tuple(KINDS))) else None
