"""A ticket's life: 受理 → 派单 (退单 and re-dispatch) → 签收 → 联系诉求人 → 答复 → 办结 → 回访,
with 重办 after an unsatisfied visit, against working-day deadlines (DOMAIN.md §5).

Deadline: 紧急 2 hours; otherwise 咨询/表扬 2, 求助 5, 投诉/举报/建议 7 working days, 15 for the
tickets granted an extension. About 3 % close late. Handlers work office hours (08:30–18:00, a
紧急 ticket at once). Whatever lies after the export cutoff has not happened yet, and the status
says how far the ticket got.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from pipelines.demo.arrays import column
from pipelines.demo.spec import Spec
from pipelines.demo.timing import DAY_S, HOUR, MINUTE, NAT, next_office_moment, office_hours, seconds, until
from pipelines.demo.workdays import WorkCalendar

LIMIT_DAYS = {"咨询": 2, "求助": 5, "投诉": 7, "举报": 7, "建议": 7, "表扬": 2}
EXTENSION_DAYS = 15
P_LATE, P_EXTENDED, P_RETURNED, P_REOPENED, P_VISITED, P_CONTACTED = 0.03, 0.025, 0.04, 0.03, 0.88, 0.96
P_FAULT = 0.15  # 物业管理 complaints verified as the company's responsibility (other companies)


@dataclass
class Tickets:
    """The arrays every stage reads. ``force``: "" (free), "overdue" or "ontime" (planted)."""

    rng: np.random.Generator
    cal: WorkCalendar
    received: np.ndarray
    appeal: np.ndarray
    urgent: np.ndarray
    force: np.ndarray
    planted_fault: np.ndarray  # True where the story fixes company_fault (the planted companies)

    @property
    def n(self) -> int:
        return len(self.received)

    def office(self, stamps: np.ndarray, after: np.ndarray) -> np.ndarray:
        """Moved into office hours (not for 紧急) and never before ``after``."""
        return np.maximum(np.where(self.urgent, stamps, office_hours(self.rng, stamps)), after)

    def draw(self, p: float) -> np.ndarray:
        return self.rng.random(self.n) < p


def _text(frame: pl.DataFrame, name: str) -> np.ndarray:
    if name not in frame.columns:
        return np.full(frame.height, "")
    return frame[name].cast(pl.String).fill_null("").to_numpy()


def run(
    rng, spec: Spec, cal: WorkCalendar, frame: pl.DataFrame, protected: tuple[str, ...] = ()
) -> pl.DataFrame:
    t = Tickets(
        rng,
        cal,
        frame["received_at"].to_numpy().astype("datetime64[s]"),
        frame["appeal_type"].to_numpy(),
        frame["urgency"].to_numpy() == "紧急",
        _text(frame, "force"),
        _text(frame, "fault") == "true",
    )
    deadline, extended = _deadlines(t)
    returned, dispatched = _dispatch(t)
    signed, contacted = _first_contact(t, dispatched)
    late = (t.force == "overdue") | (t.draw(P_LATE) & (t.force == ""))
    replied, closed = _handling(t, deadline, late, np.where(np.isnat(contacted), signed, contacted))
    reopened, closed, visited = _visits(t, closed)
    stages = {
        "dispatched_at": dispatched,
        "signed_at": signed,
        "contacted_at": contacted,
        "replied_at": replied,
        "closed_at": closed,
        "visited_at": visited,
    }
    stages = {k: until(v, spec.cutoff) for k, v in stages.items()}
    return frame.with_columns(
        *[pl.Series(k, v.astype("datetime64[ms]")) for k, v in stages.items()],
        pl.Series("deadline_at", deadline.astype("datetime64[ms]")),
        pl.Series("status", _status(stages, extended)),
        pl.Series("returned_count", returned),
        pl.Series("reopened_count", (reopened & ~np.isnat(stages["closed_at"])).astype(np.int64)),
        pl.Series("is_contacted", ~np.isnat(stages["contacted_at"])),
        *_verdicts(t, reopened, stages),
        _company_fault(t, frame, protected, stages["closed_at"]),
    )


def _deadlines(t: Tickets) -> tuple[np.ndarray, np.ndarray]:
    extended = ~t.urgent & t.draw(P_EXTENDED) & (t.force == "")
    limit = np.where(extended, EXTENSION_DAYS, np.vectorize(LIMIT_DAYS.get)(t.appeal))
    return np.where(t.urgent, t.received + seconds(2 * HOUR), t.cal.add_workdays(t.received, limit)), extended


def _dispatch(t: Tickets) -> tuple[np.ndarray, np.ndarray]:
    """派单 about 20 minutes after 受理 in office hours; a returned ticket (退单) is re-dispatched
    4–30 hours later."""
    returned = np.where(
        t.urgent | (t.force != ""), 0, t.draw(P_RETURNED).astype(int) + t.draw(0.1 * P_RETURNED)
    )
    first = t.received + seconds(
        np.where(
            t.urgent, t.rng.integers(3, 15, t.n) * MINUTE, t.rng.lognormal(np.log(20 * MINUTE), 0.6, t.n)
        )
    )
    again = first + seconds(returned * t.rng.uniform(4, 30, t.n) * HOUR)
    moved = np.where(t.urgent, again, next_office_moment(t.rng, again))  # first thing next morning
    return returned.astype(np.int64), np.maximum(moved, first)


def _first_contact(t: Tickets, dispatched: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """签收 within a working day as a rule, then the caller is phoned (4 % never reached)."""
    sign_delay = np.where(
        t.urgent,
        t.rng.integers(5, 30, t.n) * MINUTE,
        np.minimum(t.rng.lognormal(np.log(90 * MINUTE), 1.0, t.n), 3 * DAY_S),
    )
    signed = t.office(dispatched + seconds(sign_delay), dispatched + seconds(MINUTE))
    call_delay = np.where(
        t.urgent, t.rng.integers(5, 40, t.n) * MINUTE, t.rng.lognormal(np.log(2 * HOUR), 0.8, t.n)
    )
    contacted = t.office(signed + seconds(call_delay), signed + seconds(MINUTE))
    return signed, np.where(t.draw(P_CONTACTED), contacted, NAT)


def _handling(t: Tickets, deadline, late, last_touch) -> tuple[np.ndarray, np.ndarray]:
    """(答复, 办结): on time a Beta share of the allowed window, late past the deadline (a planted
    run by 3–12 working days, the rest by an hour to a week); the reply shortly before closing."""
    floor = last_touch + seconds(30 * MINUTE)
    window = (deadline - t.received).astype(np.int64)
    on_time = t.received + seconds(np.clip(t.rng.beta(2.0, 3.2, t.n), 0.04, 0.97) * window)
    slip = deadline + seconds(t.rng.uniform(HOUR, 7 * DAY_S, t.n))
    forced = t.cal.add_workdays(deadline, t.rng.integers(3, 13, t.n)) + seconds(
        t.rng.integers(0, 4 * HOUR, t.n)
    )
    closed = t.office(np.where(late, np.where(t.force == "overdue", forced, slip), on_time), floor)
    in_time = np.maximum(deadline - seconds(t.rng.integers(10 * MINUTE, 2 * HOUR, t.n)), floor)
    closed = np.where(~late & (closed > deadline), in_time, closed)
    replied = t.office(closed - seconds(t.rng.integers(5 * MINUTE, 4 * HOUR, t.n)), floor)
    return np.maximum(np.minimum(replied, closed), floor - seconds(20 * MINUTE)), closed


def _visits(t: Tickets, closed) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """回访 2 hours to 3 days after 办结 (12 % never visited); 3 % are sent back for 重办 first and
    closed again 2–6 working days later."""
    visited_ok = t.draw(P_VISITED)
    reopened = visited_ok & t.draw(P_REOPENED) & ~t.planted_fault & (t.appeal != "咨询")
    closed = np.where(reopened, t.cal.add_workdays(closed, t.rng.integers(2, 7, t.n)), closed)
    visited = np.maximum(
        office_hours(t.rng, closed + seconds(t.rng.uniform(2 * HOUR, 3 * DAY_S, t.n))),
        closed + seconds(10 * MINUTE),
    )
    return reopened, closed, np.where(visited_ok, visited, NAT)


def _verdicts(t: Tickets, reopened, stages: dict) -> list[pl.Series]:
    """Resolved at 回访 and the caller's verdict; a closed ticket nobody visited says 未回访."""
    resolved = t.rng.random(t.n) < np.where(t.appeal == "咨询", 0.97, np.where(reopened, 0.72, 0.87))
    draw = t.rng.random(t.n)
    verdict = np.where(
        np.where(resolved, draw < 0.88, draw < 0.2),
        "满意",
        np.where(np.where(resolved, draw < 0.985, draw < 0.6), "基本满意", "不满意"),
    )
    verdict = np.where(t.draw(0.03), "未评价", verdict)
    verdict = np.where(t.planted_fault, np.where(draw < 0.6, "不满意", "基本满意"), verdict)
    visited = ~np.isnat(stages["visited_at"])
    closed = ~np.isnat(stages["closed_at"])
    return [
        column("is_resolved", np.where(visited, resolved, None), pl.Boolean),
        column("satisfaction", np.where(visited, verdict, np.where(closed, "未回访", None)), pl.String),
    ]


def _company_fault(t: Tickets, frame: pl.DataFrame, protected, closed) -> pl.Series:
    """物业责任: verified for some closed 投诉 about a company (the planted companies' verdicts are
    fixed by their story); empty for tickets that concern no company."""
    company = frame["company_uscc"]
    has_company = company.is_not_null().to_numpy()
    random_fault = (
        (t.appeal == "投诉")
        & ~company.is_in(list(protected)).fill_null(False).to_numpy()
        & t.draw(P_FAULT)
        & ~np.isnat(closed)
    )
    fault = np.where(_text(frame, "fault") != "", t.planted_fault, random_fault)
    return column("company_fault", np.where(has_company, fault, None), pl.Boolean)


def _status(stages: dict, extended: np.ndarray) -> np.ndarray:
    reached = {k: ~np.isnat(v) for k, v in stages.items()}
    return np.select(
        [
            reached["closed_at"],
            reached["replied_at"],
            reached["signed_at"] & extended,
            reached["signed_at"],
            reached["dispatched_at"],
        ],
        ["已办结", "已答复", "延期中", "办理中", "待签收"],
        "待派单",
    )
