"""Scores of one company in one quarter (DOMAIN.md §7): dimension points and deductions, from the rating
inputs and config/rating.toml. Points are rounded to 2 decimals so a total is stable across runs."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    roster: dict = field(
        default_factory=dict
    )  # the 组织建设 inputs: has_party_org, instructor, cross_posts, party_members

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
    roster = inputs.roster(company)
    dimensions, notes = {}, {}
    for key, dim in rules["dimensions"].items():
        points, note = _dimension(key, dim, roster, inputs, quarter, rules)
        dimensions[key] = round(points, 2)
        if note:
            notes[key] = note
    complaints = _complaints(inputs.rows("complaints", quarter, company), rules)
    unrectified = [_finding(f) for f in inputs.rows("findings", quarter, company) if f["unrectified"]]
    deducted = [f for f, judged in unrectified if judged]
    pending = [f for f, judged in unrectified if not judged]
    cut = rules["deductions"]
    complaint_deduction = min(sum(c["points"] for c in complaints), cut["complaint_cap"])
    finding_deduction = len(deducted) * cut["unrectified_finding"]
    vetoes = sorted({v["veto_event"] for v in inputs.rows("vetoes", quarter, company)})
    total = round(sum(dimensions.values()) - complaint_deduction - finding_deduction, 2)
    kept = {k: roster[k] for k in ("has_party_org", "instructor", "cross_posts", "party_members")}
    return CompanyRating(
        quarter, company, roster["name"], dimensions, notes, complaints, deducted, pending, vetoes,
        complaint_deduction, finding_deduction, total, roster=kept,
    )  # fmt: skip


def _finding(row: dict) -> tuple[dict, bool]:
    """(the finding as the breakdown shows it, whether its deadline has passed)."""
    keep = ("compound_code", "dimension", "item", "finding", "inspection_quarter", "deadline", "rectified_on")
    return {k: row[k] for k in keep}, row["judged"]


def _dimension(key: str, dim: dict, roster: dict, inputs: Inputs, quarter: str, rules: dict):
    """(points, note) of one dimension, by the source its config names."""
    company = roster["company_uscc"]
    if "inspection_dimension" in dim:
        rows = inputs.rows("inspections", quarter, company)
        found = [r for r in rows if r["dimension"] == dim["inspection_dimension"]]
        possible = sum(r["max_score"] for r in found)
        if not possible:
            return rules["inspection"]["missing_dimension_score"], "未检查"
        return dim["weight"] * sum(r["score"] for r in found) / possible, None
    if "basically_satisfied_weight" in dim:
        return _satisfaction(dim, inputs.rows("surveys", quarter, company))
    if "party_org_points" in dim:
        return organisation_points(dim, roster), None
    raise ValueError(f"rating.toml [dimensions.{key}]: 无法判断数据来源 / no known source for this dimension")


def _satisfaction(dim: dict, surveys: list[dict]):
    respondents = sum(r["respondents"] for r in surveys)
    if not respondents:
        return dim["missing_score"], "未测评"
    satisfied = sum(r["satisfied"] for r in surveys)
    basically = sum(r["basically_satisfied"] for r in surveys)
    return dim["weight"] * (satisfied + dim["basically_satisfied_weight"] * basically) / respondents, None


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


def _complaints(rows: list[dict], rules: dict) -> list[dict]:
    cut = rules["deductions"]
    keep = ("ticket_id", "received_at", "deadline_at", "closed_at", "overdue", "major")
    return [
        {**{k: r[k] for k in keep}, "points": cut["complaint_overdue"] if r["overdue"] else cut["complaint"]}
        for r in rows
    ]
