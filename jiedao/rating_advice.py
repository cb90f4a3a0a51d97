"""What it would take a company to reach the next tier (DOMAIN.md §7), computed from its own scores,
deductions and the rules of config/rating.toml — never canned text.

The target is the next better tier, or 银牌 when a 黄牌 would be the n-th in a row (it would become 红牌
anyway). Conditions come first (every unrectified finding rectified for 银牌 and 金牌; no major
complaint for 金牌), then the cheapest levers until the points gap is closed: findings rectified on
time (+``unrectified_finding`` each), overdue complaints closed on time (``complaint_overdue`` →
``complaint``), the 组织建设 roster items the company lacks (whole items: a Party organisation,
交叉任职, enough Party members on staff), the scored dimensions with the most points left, and fewer
verified complaints. Complaint
levers respect the deduction cap, so they are only offered where they actually add points.
"""

from __future__ import annotations

from dataclasses import dataclass

from jiedao.rating_scores import CompanyRating
from jiedao.rating_tiers import TIERS


@dataclass(frozen=True)
class Step:
    lever: (
        str  # rectify · on_time · organisation · dimension:<key> · fewer_complaints · no_major · consecutive
    )
    count: float  # findings / tickets, or points for a dimension
    points: float
    zh: str
    en: str


@dataclass(frozen=True)
class Advice:
    target: str | None  # tier to reach; None at the top or when the quarter cannot improve (veto)
    points_needed: float  # target line minus total (0 when only conditions are missing)
    steps: tuple[Step, ...]
    reachable: bool
    zh: str
    en: str


def advise(r: CompanyRating, prior: list[str | None], rules: dict) -> Advice:
    t = rules["tiers"]
    if r.tier == "gold":
        return Advice(None, 0.0, (), True, "已是最高等级（金牌）", "Already the top tier (Gold)")
    if r.vetoes:
        events = "、".join(r.vetoes)
        zh = f"本季度发生一票否决事件（{events}），只能评为{t['labels']['red'][0]}"
        return Advice(
            None, 0.0, (), False, zh, f"a veto event ({', '.join(r.vetoes)}) keeps this quarter Red"
        )
    target, steps = TIERS[TIERS.index(r.tier) - 1], []
    run = t["consecutive_yellow_to_red"]
    if target == "yellow" and len(prior) >= run - 1 and all(p == "yellow" for p in prior[: run - 1]):
        target = "silver"
        zh = f"已连续 {run - 1} 个季度黄牌，再评黄牌即为红牌，需达到银牌"
        steps.append(
            Step("consecutive", run - 1, 0.0, zh, f"{run - 1} yellow cards in a row: only Silver avoids Red")
        )
    needed = round(max(0.0, t[target] - r.total), 2)
    steps += _conditions(r, target, rules)
    remaining = round(needed - sum(s.points for s in steps), 2)
    for lever in (_rectify, _on_time, _organisation, _dimensions, _fewer_complaints):
        if remaining <= 0:
            break
        found = lever(r, target, rules, remaining)
        steps += found
        remaining = round(remaining - sum(s.points for s in found), 2)
    return _text(target, needed, tuple(steps), remaining <= 0, rules)


def _conditions(r: CompanyRating, target: str, rules: dict) -> list[Step]:
    steps = []
    if target in ("silver", "gold") and r.findings:
        steps += _rectify(r, target, rules, None)
    if target == "gold" and r.major_complaints:
        n = r.major_complaints
        steps.append(
            Step(
                "no_major",
                n,
                0.0,
                f"不得有重大投诉（本季度 {n} 件）",
                f"no major complaint (this quarter: {n})",
            )
        )
    return steps


def _rectify(r: CompanyRating, target: str, rules: dict, remaining: float | None) -> list[Step]:
    """Findings rectified on time: all of them when a condition (``remaining`` None), else as few as close
    the gap. Already taken as a condition for 银牌/金牌, so only offered here for 黄牌."""
    each = rules["deductions"]["unrectified_finding"]
    if not r.findings or (remaining is not None and target != "yellow"):
        return []
    n = len(r.findings) if remaining is None else min(len(r.findings), -(-remaining // each))
    n, points = int(n), round(int(n) * each, 2)
    return [Step("rectify", n, points, f"按期整改 {n} 项检查问题（+{points:g} 分）", f"rectify {n} finding(s) on time (+{points:g})")]  # fmt: skip


def _complaint_gains(r: CompanyRating, rules: dict, cut_each: float, available: int, remaining: float):
    """How many complaint changes (each lowering the raw deduction by ``cut_each``) close the gap, and the
    points they add after the cap (changes that only bring a deduction above the cap down add 0 but are
    still needed): (count, points)."""
    cap = rules["deductions"]["complaint_cap"]
    raw = sum(c["points"] for c in r.complaints)
    count, points = 0, 0.0
    while count < available and points < remaining:
        points += min(cap, raw - cut_each * count) - min(cap, raw - cut_each * (count + 1))
        count += 1
    return count, round(points, 2)


def _on_time(r: CompanyRating, target: str, rules: dict, remaining: float) -> list[Step]:
    cut = rules["deductions"]
    k, points = _complaint_gains(
        r, rules, cut["complaint_overdue"] - cut["complaint"], r.overdue_complaints, remaining
    )
    if points <= 0:
        return []
    return [Step("on_time", k, points, f"{k} 件超期投诉按期办结（+{points:g} 分）", f"close {k} overdue complaint(s) on time (+{points:g})")]  # fmt: skip


def _organisation_items(r: CompanyRating, dim: dict) -> list[tuple[float, str, str]]:
    """The roster items the company lacks, as (points they add, zh, en)."""
    roster, items = r.roster, []
    if not roster["has_party_org"]:
        gain = dim["party_org_points"] - (dim["instructor_points"] if roster["instructor"] else 0)
        items.append((gain, "建立党组织", "set up a Party organisation"))
    if roster["cross_posts"] < 1:
        items.append((dim["cross_post_points"], "安排交叉任职", "appoint a cross-post (交叉任职)"))
    if roster["party_members"] < dim["members_full"]:
        gain = dim["members_points"] - (dim["members_partial_points"] if roster["party_members"] >= 1 else 0)
        full = dim["members_full"]
        items.append((gain, f"党员职工达到 {full} 人", f"reach {full} Party members on staff"))
    return items


def _organisation(r: CompanyRating, target: str, rules: dict, remaining: float) -> list[Step]:
    """组织建设 moves in whole roster items: the smallest item that closes the gap, else the largest
    and on with the rest."""
    dim = next((d for d in rules["dimensions"].values() if "party_org_points" in d), None)
    items = sorted(_organisation_items(r, dim), key=lambda i: i[0]) if dim and r.roster else []
    steps = []
    while items and remaining > 0:
        enough = [i for i in items if i[0] >= remaining]
        gain, zh, en = enough[0] if enough else items[-1]
        items.remove((gain, zh, en))
        steps.append(Step("organisation", 1, gain, f"{zh}（+{gain:g} 分）", f"{en} (+{gain:g})"))
        remaining = round(remaining - gain, 2)
    return steps


def _dimensions(r: CompanyRating, target: str, rules: dict, remaining: float) -> list[Step]:
    """Scored dimensions (inspections, surveys) with the most points left, as many points as needed."""
    steps = []
    dims = {k: d for k, d in rules["dimensions"].items() if "party_org_points" not in d}
    gaps = sorted(
        ((dims[k]["weight"] - v, k) for k, v in r.dimensions.items() if k in dims),
        key=lambda g: (-g[0], g[1]),
    )
    for gap, key in gaps:
        if remaining <= 0 or gap <= 0:
            break
        take = round(min(gap, remaining), 2)
        now, weight = r.dimensions[key], dims[key]["weight"]
        zh = f"{dims[key]['zh']}提高 {take:g} 分（现 {now:g}/{weight}）"
        steps.append(
            Step(
                f"dimension:{key}",
                take,
                take,
                zh,
                f"raise {dims[key]['en']} by {take:g} (now {now:g}/{weight})",
            )
        )
        remaining = round(remaining - take, 2)
    return steps


def _fewer_complaints(r: CompanyRating, target: str, rules: dict, remaining: float) -> list[Step]:
    k, points = _complaint_gains(r, rules, rules["deductions"]["complaint"], r.verified_complaints, remaining)
    if points <= 0:
        return []
    return [Step("fewer_complaints", k, points, f"减少 {k} 件有责投诉（+{points:g} 分）", f"{k} fewer verified complaint(s) (+{points:g})")]  # fmt: skip


def _text(target: str, needed: float, steps: tuple[Step, ...], reachable: bool, rules: dict) -> Advice:
    zh_label, en_label = rules["tiers"]["labels"][target]
    what_zh, what_en = "；".join(s.zh for s in steps), "; ".join(s.en for s in steps)
    if not reachable:
        zh = f"差 {needed:g} 分升{zh_label}，各项满分仍不足：{what_zh}"
        en = f"+{needed:g} points to {en_label}: out of reach even with full marks ({what_en})"
    elif needed > 0:
        zh, en = f"+{needed:g} 分可升{zh_label}：{what_zh}", f"+{needed:g} points to {en_label}: {what_en}"
    else:
        zh, en = f"升{zh_label}需：{what_zh}", f"To reach {en_label}: {what_en}"
    return Advice(target, needed, steps, reachable, zh, en)
