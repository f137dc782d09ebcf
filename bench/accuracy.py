"""Classifier accuracy on a labelled set, side by side with a keyword auto-reply baseline.

    .venv/bin/python bench/accuracy.py [PATH] [--half=a|b]

PATH defaults to ../shared/eval/intents-dev.jsonl (one JSON object a line: text, intent, region).
``--half`` scores only every other line (a: lines 1, 3, 5 …; b: lines 2, 4, 6 …), the split used to
check that rules written while looking at one half still work on the other.

The baseline is what a 公众号 backend's keyword auto-reply does: for each intent a short list of
the typical words from shared/intents.md; the first substring hit wins, else unknown.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.nlu.classifier import UNKNOWN  # noqa: E402
from bot.nlu.rules import load_classifier  # noqa: E402

DEFAULT_PATH = ROOT.parent / "shared" / "eval" / "intents-dev.jsonl"

# The "typical words" column of shared/intents.md, as an auto-reply keyword list would hold them.
BASELINE_KEYWORDS = {
    "unemployment_benefit": ["失业金", "失业保险", "一次性生活补助"],
    "legal_aid": ["法律援助", "找律师", "打官司", "仲裁", "12348"],
    "wage_arrears": ["欠薪", "拖欠工资", "不发工资", "讨薪", "包工头跑了"],
    "festival_activities": ["过年活动", "花市", "博物馆", "电影票", "流量", "春联"],
    "stay_subsidy": ["留岗红包", "就地过年补贴", "留下来有钱吗"],
    "job_services": ["找工作", "招聘", "岗位", "直播带岗", "返岗包车"],
    "skills_training": ["培训", "学技术", "以工代训", "培训补贴"],
    "holiday_pay": ["加班费", "三倍工资", "春节上班", "调休", "补休"],
    "social_assistance": ["临时救助", "生活困难", "没钱吃饭", "没地方住", "心理咨询"],
    "family_care": ["留守儿童", "家里老人", "孩子没人管"],
    "greeting": ["你好", "在吗", "菜单", "帮助", "能问什么"],
    "smalltalk": ["谢谢", "好的", "知道了", "再见"],
    "human_agent": ["人工", "客服", "打电话问", "热线电话"],
    "set_region": ["我在安庆", "我在大连", "切换到黄埔"],
    "subscribe": ["订阅", "接收通知"],
    "unsubscribe": ["退订", "别再发了", "取消订阅"],
    "complaint_status": ["投诉进度", "处理得怎么样", "查一下我的投诉"],
}


def baseline(text: str) -> str:
    for intent, words in BASELINE_KEYWORDS.items():
        if any(w in text for w in words):
            return intent
    return UNKNOWN


def load(path: Path, half: str | None = None) -> list[dict[str, str | None]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if half:
        rows = rows[0 if half == "a" else 1 :: 2]
    return rows


def per_intent(gold: Sequence[str], pred: Sequence[str]) -> dict[str, tuple[float, float, float, int]]:
    """intent → (precision, recall, F1, support) over every intent in gold or pred."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, pred, strict=True):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    table = {}
    for intent in sorted(set(gold) | set(pred)):
        p = tp[intent] / (tp[intent] + fp[intent]) if tp[intent] + fp[intent] else 0.0
        r = tp[intent] / (tp[intent] + fn[intent]) if tp[intent] + fn[intent] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        table[intent] = (p, r, f, tp[intent] + fn[intent])
    return table


def macro_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Mean F1 over the intents present in gold (an intent only ever predicted still costs precision)."""
    table = per_intent(gold, pred)
    labels = sorted(set(gold))
    return sum(table[i][2] for i in labels) / len(labels)


def _covered(region: str | None) -> str | None:
    return None if region == "national" else region


def evaluate(rows: list[dict[str, str | None]], predict: Callable[[str], tuple[str, str | None]]) -> dict:
    gold = [str(r["intent"]) for r in rows]
    preds = [predict(str(r["text"])) for r in rows]
    intents = [p[0] for p in preds]
    # A place outside every region is answered as `national`; some writers label it so, others null.
    region_ok = sum(_covered(p[1]) == _covered(r.get("region")) for p, r in zip(preds, rows, strict=True))
    return {
        "gold": gold,
        "pred": intents,
        "regions": [p[1] for p in preds],
        "macro_f1": macro_f1(gold, intents),
        "accuracy": sum(g == p for g, p in zip(gold, intents, strict=True)) / len(rows),
        "region_accuracy": region_ok / len(rows),
    }


def main(argv: list[str]) -> int:
    half = next((a.split("=", 1)[1] for a in argv if a.startswith("--half=")), None)
    paths = [a for a in argv if not a.startswith("--")]
    path = Path(paths[0]) if paths else DEFAULT_PATH
    rows = load(path, half)
    classifier = load_classifier()

    def ours(text: str) -> tuple[str, str | None]:
        result = classifier.classify(text)
        return result.intent, result.region

    mine = evaluate(rows, ours)
    base = evaluate(rows, lambda t: (baseline(t), None))

    print(f"{path.name}{f' (half {half})' if half else ''}: {len(rows)} messages\n")
    print(f"{'intent':22} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}   baseline F1")
    base_table = per_intent(base["gold"], base["pred"])
    for intent, (p, r, f, n) in per_intent(mine["gold"], mine["pred"]).items():
        print(
            f"{intent:22} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}   {base_table.get(intent, (0, 0, 0, 0))[2]:6.3f}"
        )
    print(f"\nmacro-F1        classifier {mine['macro_f1']:.3f}   baseline {base['macro_f1']:.3f}")
    print(f"accuracy        classifier {mine['accuracy']:.3f}   baseline {base['accuracy']:.3f}")
    print(f"region accuracy classifier {mine['region_accuracy']:.3f}")

    print("\nconfusions (gold → predicted):")
    wrong = [
        (row, pred, region)
        for row, pred, region in zip(rows, mine["pred"], mine["regions"], strict=True)
        if pred != row["intent"] or _covered(region) != _covered(row.get("region"))
    ]
    for row, pred, region in wrong:
        print(f"  {row['intent']} → {pred}  [{row.get('region')} → {region}]  {row['text']}")
    if not wrong:
        print("  (none)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
