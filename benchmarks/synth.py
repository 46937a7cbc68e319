"""Write a realistic synthetic archive: N bulletins recombining the real items of seeds/.

    .venv/bin/python benchmarks/synth.py N [--out DIR]

Bulletins go national, every province, then cities, year after year (newest first), each with
20–30 items drawn from the 47 real ones, the agency named as it is at that level (市场监管总局,
省市场监管局, 市市场监管局 …), so the generator reads, parses and matches for real.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.errors import Warnings  # noqa: E402
from generator.load import seed_files  # noqa: E402
from generator.pipeline import load_bulletins  # noqa: E402
from generator.registry import load_registry  # noqa: E402

CITIES = [
    "莆田", "厦门", "福州", "泉州", "漳州", "宁波", "温州", "苏州", "无锡", "青岛", "大连", "深圳", "珠海",
    "佛山", "东莞", "合肥", "芜湖", "洛阳", "襄阳", "株洲", "桂林", "绵阳", "遵义", "曲靖", "宝鸡", "天水",
    "银川", "西宁", "拉萨", "喀什", "包头", "鞍山", "长春", "齐齐哈尔", "扬州", "嘉兴", "赣州", "烟台",
    "开封", "宜昌", "岳阳", "柳州", "三亚", "乐山", "六盘水", "大理", "延安", "酒泉", "固原", "克拉玛依",
]  # fmt: skip
PROVINCES = [
    "北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省", "黑龙江省", "上海市", "江苏省",
    "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区",
    "海南省", "重庆市", "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
    "宁夏回族自治区", "新疆维吾尔自治区",
]  # fmt: skip
REGIONS = [("全国", "national")] + [(p, "province") for p in PROVINCES] + [(c + "市", "city") for c in CITIES]
NUMERALS = "一二三四五六七八九"


def numeral(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else NUMERALS[tens - 1] + "十")
    return head + (NUMERALS[ones - 1] if ones else "")


def real_items() -> list[tuple[str, str]]:
    """(family id, item text after the agency) for every item of the seeds."""
    registry = load_registry()
    items = []
    for _, bulletin in load_bulletins(seed_files(ROOT / "seeds"), registry, Warnings()):
        for item in bulletin.items:
            family = registry.match(item.agency, bulletin.region)
            items.append((family.id if family else "", item.agency, item.text))
    return items


# Province-level cities name their departments as cities do (市市场监管局); autonomous regions say
# 自治区 where provinces say 省 — except 省委…: the parser cuts 自治区委宣传部 at the verb 宣传.
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


def agency_at(registry, family_id: str, original: str, region: str, level: str) -> str:
    if not family_id:
        return original
    names = registry.family(family_id).names
    wanted = "city" if region in MUNICIPALITIES else level
    choices = names.get(wanted) or names.get("city") or names.get("national") or (original,)
    name = next((name for name in choices if "莆田" not in name), choices[0])  # no Putian outside Putian
    if level == "province" and region.endswith("自治区") and name.startswith("省") and not name.startswith("省委"):
        name = "自治区" + name[1:]
    return name


def write_archive(count: int, out: Path, seed: int = 2024) -> list[Path]:
    registry = load_registry()
    pool = real_items()
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(count):
        year = 2024 - n // len(REGIONS)
        region, level = REGIONS[n % len(REGIONS)]
        picked = rng.sample(pool, rng.randint(20, 30))
        lines = ["附件 1", "", f"{year} 年{region}“质量月”联合主办单位开展的主要活动", ""]
        for i, (family_id, original, text) in enumerate(picked, start=1):
            if level == "city":
                text = text.replace("莆田", region.removesuffix("市"))  # the city's own name in its items
            lines += [f"{numeral(i)}、{agency_at(registry, family_id, original, region, level)}{text}", ""]
        path = out / f"{n:06d}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", type=int, help="number of bulletins")
    parser.add_argument("--out", type=Path, default=Path("/tmp/zly-synth/seeds"), help="folder to write them to")
    args = parser.parse_args()
    files = write_archive(args.count, args.out)
    print(f"{len(files)} bulletins in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
