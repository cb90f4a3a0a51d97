"""Scores of one company in one quarter (DOMAIN.md §7): dimension points and deductions, from the rating
inputs and config/rating.toml. Points are rounded to 2 decimals so a total is stable across runs."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

from jiedao.rating_inputs import Inputs


@dataclass
class CompanyRating:
    quarter: str
    company_uscc: str
    name: str
    dimensions: dict[str, float]  # dimension key → points
    notes: dict[str, str]  # dimension key → "未检查" / "未测评" when no record fed it
    complaints: list[dict]  # verified tickets with the points each costs (before the cap)
    findings: list[dict]  # findings not rectified by their deadline (each deducted)
    pending_findings: list[dict]  # unrectified findings whose deadline has not passed yet
    vetoes: list[str]
    complaint_deduction: float  # after the cap
    finding_deduction: float
    total: float
    tier: str = ""
    reasons: list[dict] = field(default_factory=list)  # {"rule", "zh", "en"}: decisive rule first
    rank: int = 0
    previous_tier: str | None = None
    previous_total: float | None = None
    advice: object = None  # rating_advice.Advice

    @property
    def verified_complaints(self) -> int:
        return len(self.complaints)

    @property
    def overdue_complaints(self) -> int:
        return sum(1 for c in self.complaints if c["overdue"])

    @property
    def major_complaints(self) -> int:
        return sum(1 for c in self.complaints if c["major"])

    @property
    def score_change(self) -> float | None:
        return None if self.previous_total is None else round(self.total - self.previous_total, 2)


def score(inputs: Inputs, quarter: str, company: str, rules: dict) -> CompanyRating:
    """Dimension points, deductions and total of ``company`` in ``quarter`` (no tier yet)."""
    roster = inputs.companies.filter(pl.col("company_uscc") == company).row(0, named=True)
    dimensions, notes = {}, {}
    for key, dim in rules["dimensions"].items():
        points, note = _dimension(key, dim, roster, inputs, quarter, rules)
        dimensions[key] = round(points, 2)
        if note:
            notes[key] = note
    complaints = _complaints(
        inputs.of("complaints", quarter).filter(pl.col("company_uscc") == company), rules
    )
    found = inputs.of("findings", quarter).filter(pl.col("company_uscc") == company, pl.col("unrectified"))
    deducted = found.filter(pl.col("judged")).drop("quarter", "company_uscc", "unrectified", "judged")
    pending = found.filter(~pl.col("judged")).drop("quarter", "company_uscc", "unrectified", "judged")
    cut = rules["deductions"]
    complaint_deduction = min(sum(c["points"] for c in complaints), cut["complaint_cap"])
    finding_deduction = deducted.height * cut["unrectified_finding"]
    vetoes = inputs.of("vetoes", quarter).filter(pl.col("company_uscc") == company)["veto_event"].to_list()
    total = round(sum(dimensions.values()) - complaint_deduction - finding_deduction, 2)
    return CompanyRating(
        quarter, company, roster["name"], dimensions, notes, complaints, deducted.to_dicts(),
        pending.to_dicts(), sorted(set(vetoes)), complaint_deduction, finding_deduction, total,
    )  # fmt: skip


def _dimension(key: str, dim: dict, roster: dict, inputs: Inputs, quarter: str, rules: dict):
    """(points, note) of one dimension, by the source its config names."""
    if "inspection_dimension" in dim:
        rows = inputs.of("inspections", quarter).filter(
            pl.col("company_uscc") == roster["company_uscc"],
            pl.col("dimension") == dim["inspection_dimension"],
        )
        scored, possible = rows["score"].sum(), rows["max_score"].sum()
        if not possible:
            return rules["inspection"]["missing_dimension_score"], "未检查"
        return dim["weight"] * scored / possible, None
    if "basically_satisfied_weight" in dim:
        return _satisfaction(dim, inputs.of("surveys", quarter), roster["company_uscc"])
    if "party_org_points" in dim:
        return organisation_points(dim, roster), None
    raise ValueError(f"rating.toml [dimensions.{key}]: 无法判断数据来源 / no known source for this dimension")


def _satisfaction(dim: dict, surveys: pl.DataFrame, company: str):
    rows = surveys.filter(pl.col("company_uscc") == company)
    respondents = rows["respondents"].sum()
    if not respondents:
        return dim["missing_score"], "未测评"
    weighted = rows["satisfied"].sum() + dim["basically_satisfied_weight"] * rows["basically_satisfied"].sum()
    return dim["weight"] * weighted / respondents, None


def organisation_points(dim: dict, roster: dict) -> float:
    """组织建设: a Party organisation (or, without one, an instructor), 交叉任职, Party members on staff."""
    points = (
        dim["party_org_points"]
        if roster["has_party_org"]
        else dim["instructor_points"] * roster["instructor"]
    )
    points += dim["cross_post_points"] if roster["cross_posts"] >= 1 else 0
    if roster["party_members"] >= dim["members_full"]:
        points += dim["members_points"]
    elif roster["party_members"] >= 1:
        points += dim["members_partial_points"]
    return min(points, dim["weight"])


def _complaints(rows: pl.DataFrame, rules: dict) -> list[dict]:
    cut = rules["deductions"]
    return [
        {
            "ticket_id": r["ticket_id"],
            "received_at": r["received_at"],
            "deadline_at": r["deadline_at"],
            "closed_at": r["closed_at"],
            "overdue": r["overdue"],
            "major": r["major"],
            "points": cut["complaint_overdue"] if r["overdue"] else cut["complaint"],
        }
        for r in rows.iter_rows(named=True)
    ]
