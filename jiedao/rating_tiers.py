"""Tiers, ranks and the ranking table of the property rating (DOMAIN.md §7, config/rating.toml [tiers],
[ranking], [consequences]). A tier comes with the rule that decided it, in zh and en."""

from __future__ import annotations

import json

import polars as pl

from jiedao.rating_scores import CompanyRating

TIERS = ("gold", "silver", "yellow", "red")  # best first


def label(tier: str | None, rules: dict, lang: str = "zh") -> str:
    if tier is None:
        return "—"
    zh, en = rules["tiers"]["labels"][tier]
    return en if lang == "en" else zh


def _reason(rule: str, zh: str, en: str) -> dict:
    return {"rule": rule, "zh": zh, "en": en}


def decide(r: CompanyRating, prior: list[str | None], rules: dict) -> tuple[str, list[dict]]:
    """(tier, reasons) by the rules in order: veto → red; total below the yellow line → red; otherwise
    the tier of the points, held to 黄牌 by an unrectified finding and below 金牌 by a major complaint,
    and a 黄牌 that would be the n-th in a row (``prior``: earlier quarters, most recent first) → red."""
    t = rules["tiers"]
    if r.vetoes:
        events = "、".join(r.vetoes)
        return "red", [_reason("veto", f"一票否决：发生{events}", f"veto event: {', '.join(r.vetoes)}")]
    if r.total < t["yellow"]:
        return "red", [_reason("below_yellow", f"总分 {r.total:g} 低于 {t['yellow']} 分", f"total {r.total:g} below {t['yellow']}")]  # fmt: skip
    tier, reasons = _by_points(r, t)
    run = t["consecutive_yellow_to_red"]
    if tier == "yellow" and len(prior) >= run - 1 and all(p == "yellow" for p in prior[: run - 1]):
        rule = _reason("consecutive_yellow", f"连续第 {run} 个季度黄牌，评为红牌", f"yellow card {run} quarters in a row becomes red")  # fmt: skip
        return "red", [rule, *reasons]
    return tier, reasons


def _by_points(r: CompanyRating, t: dict) -> tuple[str, list[dict]]:
    total = f"{r.total:g}"
    if r.findings:
        n = len(r.findings)
        return "yellow", [_reason("unrectified", f"{n} 项检查问题未按期整改", f"{n} inspection finding(s) not rectified in time")]  # fmt: skip
    if r.total < t["silver"]:
        return "yellow", [_reason("points", f"总分 {total} 在 {t['yellow']}–{t['silver']} 分之间", f"total {total} between {t['yellow']} and {t['silver']}")]  # fmt: skip
    if r.total < t["gold"]:
        return "silver", [_reason("points", f"总分 {total} 在 {t['silver']}–{t['gold']} 分之间", f"total {total} between {t['silver']} and {t['gold']}")]  # fmt: skip
    if r.major_complaints:
        n = r.major_complaints
        return "silver", [_reason("major_complaint", f"总分 {total} 达到金牌线，但有 {n} 件重大投诉", f"total {total} reaches gold, but {n} major complaint(s)")]  # fmt: skip
    return "gold", [_reason("points", f"总分 {total} ≥ {t['gold']} 分且无重大投诉", f"total {total} ≥ {t['gold']} with no major complaint")]  # fmt: skip


TIE_BREAKERS = {
    "verified_complaints": lambda r: r.verified_complaints,  # fewer first
    "satisfaction": lambda r: -r.dimensions.get("satisfaction", 0.0),  # higher first
}


def _key(r: CompanyRating, rules: dict) -> tuple:
    ranking = rules["ranking"]
    tier = (TIERS.index(r.tier),) if ranking.get("tier_first", True) else ()
    unknown = [b for b in ranking["tie_breakers"] if b not in TIE_BREAKERS]
    if unknown:
        raise ValueError(
            f"rating.toml [ranking] 未知的并列规则 / unknown tie breaker(s): {', '.join(unknown)}"
        )
    return (*tier, -r.total, *(TIE_BREAKERS[b](r) for b in ranking["tie_breakers"]))


def rank(ratings: list[CompanyRating], rules: dict) -> None:
    """Sort best first and number them; companies equal on every key share a rank (1, 2, 2, 4)."""
    ratings.sort(key=lambda r: (_key(r, rules), r.company_uscc))
    for i, r in enumerate(ratings):
        same = i > 0 and _key(r, rules) == _key(ratings[i - 1], rules)
        r.rank = ratings[i - 1].rank if same else i + 1


def movement(r: CompanyRating) -> str:
    """up / down / same versus last quarter's tier; new when it was not rated then."""
    if r.previous_tier is None:
        return "new"
    before, now = TIERS.index(r.previous_tier), TIERS.index(r.tier)
    return "up" if now < before else "down" if now > before else "same"


def _schema(rules: dict) -> dict:
    text, number, count = pl.String, pl.Float64, pl.Int64
    return {
        "rank": count, "company_uscc": text, "company_name": text, "total": number, "tier": text,
        "tier_label": text, **dict.fromkeys(rules["dimensions"], number), "complaint_deduction": number,
        "finding_deduction": number, "verified_complaints": count, "unrectified_findings": count,
        "previous_tier": text, "score_change": number, "movement": text, "reason": text,
        "consequence": text, "next_tier": text, "reasons_json": text,
    }  # fmt: skip


def frame(ratings: list[CompanyRating], rules: dict, lang: str = "zh") -> pl.DataFrame:
    """The ranking table: one row per company, best first (the same columns when there is none)."""
    en = lang == "en"
    rows = [
        (
            r.rank,
            r.company_uscc,
            r.name,
            r.total,
            r.tier,
            label(r.tier, rules, lang),
            *(r.dimensions[key] for key in rules["dimensions"]),
            r.complaint_deduction,
            r.finding_deduction,
            r.verified_complaints,
            len(r.findings),
            r.previous_tier,
            r.score_change,
            movement(r),
            "；".join(x["en" if en else "zh"] for x in r.reasons),
            rules["consequences"][r.tier][1 if en else 0],
            r.advice.en if en else r.advice.zh,
            json.dumps(r.reasons, ensure_ascii=False),
        )  # fmt: skip
        for r in ratings
    ]
    return pl.DataFrame(rows, schema=_schema(rules), orient="row")
