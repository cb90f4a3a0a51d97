"""A hand-built street of property companies for the rating tests (config/rating.toml as shipped).

Each inspection dimension has one 'overall' item scored out of 100, so a dimension scores
weight × score / 100; surveys have 100 respondents, so satisfaction = 25 × (满意 + 0.8 × 基本满意) / 100.
Roster (组织建设, out of 20): Party organisation 10 (else instructor 6) + 交叉任职 5 + members ≥ 3: 5
(≥ 1: 2.5).

2026Q3, worked by hand (org + 日常管理 + 服务质量 + 社会形象 + 满意度 − complaints − findings = total):
  G  金辉   20 + 15 + 30 + 10 + 24.5 − 1            = 98.5  金牌
  M  明珠   20 + 15 + 30 + 10 + 25   − 1 (重办: major) = 99    银牌 (major complaint bars 金牌)
  S  银河  8.5 + 12 + 30 +  8 + 22                 = 80.5  银牌
  C  超限   20 + 15 + 30 + 10 + 25   − 20 (8 × 3 = 24, capped) = 80 银牌
  Y  黄鹤   15 + 15 + 30 + 10 + 24   − 6 (3 findings)  = 88    黄牌 (unrectified findings)
  T2 并列二 15 +  9 + 18 +  6 + 22                 = 70    黄牌
  T4 并列四 15 +  9 + 18 +  6 + 22                 = 70    黄牌 (identical to T2)
  T3 并列三 15 +  9 + 21 +  6 + 19                 = 70    黄牌 (lower satisfaction than T2)
  T1 并列一 15 +  9 + 18 +  7 + 22   − 1           = 70    黄牌 (one complaint)
  V  火险   20 + 15 + 30 + 10 + 25                 = 100   红牌 (veto: 火灾)
  L  滑坡   15 +  9 + 18 +  6 + 19   − 7 (3 + 3 + 1)  = 60    红牌 (third 黄牌 in a row: 2026Q1, Q2 were 67)
Earlier quarters: G 2026Q2 = 20 + 15 + 27 + 10 + 24.5 − 1 = 95.5 (金牌); L 2026Q1 = Q2 = 67 (黄牌);
Y 2026Q2 = 15 + 0 (未检查) + 30 + 0 (未检查) + 0 (未测评) = 45 (红牌).
"""

from __future__ import annotations

import datetime as dt

from tests.jiedao.fixture_rows import insert

D, T = dt.date, dt.datetime
ROSTER = {
    # uscc: (name, has Party organisation, instructor, cross posts, Party members)
    "G": ("金辉物业", True, False, 1, 3),
    "M": ("明珠物业", True, False, 1, 3),
    "S": ("银河物业", False, True, 0, 1),
    "C": ("超限物业", True, False, 1, 3),
    "Y": ("黄鹤物业", True, False, 1, 0),
    "T1": ("并列一物业", True, False, 1, 0),
    "T2": ("并列二物业", True, False, 1, 0),
    "T3": ("并列三物业", True, False, 1, 0),
    "T4": ("并列四物业", True, False, 1, 0),
    "V": ("火险物业", True, False, 1, 3),
    "L": ("滑坡物业", True, False, 0, 3),
}
# (quarter, uscc): (日常管理, 服务质量, 社会形象与重点任务 scores of 100; 满意, 基本满意, 不满意 of 100)
SCORES = {
    ("2026Q3", "G"): (100, 100, 100, 90, 10, 0),
    ("2026Q2", "G"): (100, 90, 100, 90, 10, 0),
    ("2026Q3", "M"): (100, 100, 100, 100, 0, 0),
    ("2026Q3", "S"): (80, 100, 80, 80, 10, 10),
    ("2026Q3", "C"): (100, 100, 100, 100, 0, 0),
    ("2026Q3", "Y"): (100, 100, 100, 80, 20, 0),
    ("2026Q3", "T1"): (60, 60, 70, 80, 10, 10),
    ("2026Q3", "T2"): (60, 60, 60, 80, 10, 10),
    ("2026Q3", "T3"): (60, 70, 60, 60, 20, 20),
    ("2026Q3", "T4"): (60, 60, 60, 80, 10, 10),
    ("2026Q3", "V"): (100, 100, 100, 100, 0, 0),
    **{(q, "L"): (60, 60, 60, 60, 20, 20) for q in ("2026Q1", "2026Q2", "2026Q3")},
}
DIMENSIONS = ("日常管理", "服务质量", "社会形象与重点任务")


def inspection(quarter, uscc, dimension, item, score, max_score=100, **extra) -> dict:
    return {"quarter": quarter, "company_uscc": uscc, "compound_code": f"K-{uscc}", "dimension": dimension,
            "item": item, "score": score, "max_score": max_score, **extra}  # fmt: skip


def ticket(ticket_id, uscc, received, deadline, closed, **extra) -> dict:
    return {"ticket_id": ticket_id, "source_system": "12345", "company_uscc": uscc, "company_fault": True,
            "received_at": received, "deadline_at": deadline, "closed_at": closed, "urgency": "一般",
            "reopened_count": 0, **extra}  # fmt: skip


def build(con) -> None:
    insert(
        con,
        "property_company",
        *[
            {"uscc": u, "name": n, "party_org_code": f"P-{u}" if org else None, "instructor": ins,
             "cross_posts": cross, "party_members": members}
            for u, (n, org, ins, cross, members) in ROSTER.items()
        ],
    )  # fmt: skip
    rows = []
    for (quarter, uscc), (*scores, satisfied, basic, dissatisfied) in SCORES.items():
        rows += [inspection(quarter, uscc, d, "overall", s) for d, s in zip(DIMENSIONS, scores, strict=True)]
        insert(con, "resident_survey", {"quarter": quarter, "company_uscc": uscc, "compound_code": f"K-{uscc}",
               "respondents": 100, "satisfied": satisfied, "basically_satisfied": basic,
               "dissatisfied": dissatisfied})  # fmt: skip
    rows += [
        # Y: findings scored full marks (no effect on 服务质量), judged by their rectification deadline.
        inspection("2026Q3", "Y", "服务质量", "F1", 10, 10, finding="消防通道堆物", rectify_by=D(2026, 8, 15)),
        inspection("2026Q3", "Y", "服务质量", "F2", 10, 10, finding="电梯年检过期", rectify_by=D(2026, 9, 10),
                   rectified_on=D(2026, 9, 20)),  # rectified, but late
        inspection("2026Q3", "Y", "服务质量", "F3", 10, 10, finding="垃圾清运不及时", rectify_by=D(2026, 8, 1),
                   rectified_on=D(2026, 7, 30)),  # on time: no deduction
        # Found in Q2, due in Q3 (20 July), never rectified: counts in Q3. Y's only Q2 record.
        inspection("2026Q2", "Y", "服务质量", "F0", 10, 10, finding="绿化缺损", rectify_by=D(2026, 7, 20)),
        inspection("2026Q3", "V", "服务质量", "火情", 10, 10, veto_event="火灾"),
        inspection("2026Q3", "G", "服务质量", "停电", 10, 10, veto_event="停电"),  # not a veto event
    ]  # fmt: skip
    insert(con, "property_inspection", *rows)
    insert(con, "hotline_ticket", *tickets())


def tickets() -> list[dict]:
    day = dt.timedelta(days=1)
    overdue = [
        ticket(f"C{i}", "C", T(2026, 7, 1 + i), T(2026, 7, 8 + i), T(2026, 7, 11 + i)) for i in range(8)
    ]
    return [
        ticket("G1", "G", T(2026, 8, 1, 10), T(2026, 8, 10), T(2026, 8, 5)),
        ticket("G2", "G", T(2026, 8, 2), T(2026, 8, 9), T(2026, 8, 20), company_fault=False),  # not verified
        ticket("G0", "G", T(2026, 6, 30), T(2026, 7, 7), T(2026, 7, 1)),  # Q2
        ticket("M1", "M", T(2026, 8, 1), T(2026, 8, 10), T(2026, 8, 5), reopened_count=1),  # major: 重办
        ticket("T1a", "T1", T(2026, 8, 3), T(2026, 8, 10), T(2026, 8, 9)),
        ticket("L1", "L", T(2026, 7, 10), T(2026, 7, 17), T(2026, 7, 20)),  # closed late: 3
        ticket("L2", "L", T(2026, 9, 15), T(2026, 9, 20), None),  # open past its deadline at quarter end: 3
        ticket("L3", "L", T(2026, 9, 28), T(2026, 10, 8), None),  # open, due after quarter end: 1
        *overdue,
        ticket("X1", None, T(2026, 8, 1), T(2026, 8, 1) + day, None),  # no company: never counted
    ]
