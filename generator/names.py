"""Agency names at the start of an item, and the partner agencies an item names."""

from __future__ import annotations

import re

from generator.registry import Registry

# Where an agency's name ends and what it does begins, when neither bold type nor the
# registry says: the first of these verbs.
_VERBS = (
    "组织", "开展", "举办", "举行", "召开", "发布", "结合", "联合", "实施", "推进", "推动", "加强",
    "深入", "深化", "持续", "计划", "走访", "依法", "坚持", "提倡", "配合", "会同", "制作", "指导",
    "围绕", "积极", "进一步", "牵头", "负责", "做好", "完善", "印发", "部署", "落实", "聚焦", "针对",
    "面向", "按照", "根据", "通过", "启动", "建立", "强化", "大力", "广泛", "全面", "认真", "督促",
    "协调", "宣传", "参与", "将", "在", "对", "与", "向",
)  # fmt: skip
_VERB = re.compile("|".join(sorted(_VERBS, key=len, reverse=True)))
_NAME_END = re.compile(f"、|{_VERB.pattern}")
# Words that bring partners into an item: 市市场监管局、市教育局联合开展… / 甲联合乙开展… / 甲会同乙…
_JOINT = ("联合", "会同", "配合", "协同", "共同")
_ORG_ENDS = tuple("局委办部厅院署社会行司所队站心联关")
_MAX_NAME = 30  # characters: a longer "name" is a sentence with no verb we know


def agency_at(body: str, registry: Registry) -> str | None:
    """The agency name `body` starts with, as written: the longest registry name, else the text
    before the first verb (or 、), else before the first punctuation."""
    return registry.prefix(body) or _verb_cut(body)


def _verb_cut(body: str) -> str | None:
    match = _NAME_END.search(body, 2)
    if match and match.start() <= _MAX_NAME:
        return body[: match.start()]
    punct = re.search(r"[，,。；;：:（(]", body)
    if punct and 2 <= punct.start() <= _MAX_NAME:
        return body[: punct.start()]
    return None


def partners(rest: str, registry: Registry) -> tuple[str, ...]:
    """Agencies the item names as joining in: after 、 before 联合/共同, or after 联合/会同/配合."""
    listed = rest.startswith("、")
    if not listed and not rest.startswith(_JOINT):
        return ()
    position, names = (1 if listed else 2), []
    while name := _partner_at(rest[position:], registry):
        names.append(name.strip())
        position += len(name)
        if not rest.startswith(("、", "和", "及", "与"), position):
            break
        position += 1
    if listed and not rest.startswith(_JOINT, position):
        return ()  # a list that is not followed by 联合… names no partners
    return tuple(names)


def _partner_at(text: str, registry: Registry) -> str | None:
    if _VERB.match(text):
        return None
    name = agency_at(text, registry)
    return name if name and (registry.match(name) or name.rstrip().endswith(_ORG_ENDS)) else None
