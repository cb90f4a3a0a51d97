"""A ticket's life: 受理 → 派单 (退单 and re-dispatch) → 签收 → 联系诉求人 → 答复 → 办结 → 回访,
with 重办 after an unsatisfied visit, against working-day deadlines (DOMAIN.md §5).

Deadline: 紧急 2 hours; otherwise 咨询/表扬 2, 求助 5, 投诉/举报/建议 7 working days, 15 for the
tickets granted an extension. Handlers work office hours (08:30–18:00, a 紧急 ticket at once):
签收 and the first call to the caller take a few office hours, so nearly every ticket is answered
within the 1-working-day response limit (config/hotline.toml); about 1.5 % close late. How often a
response or a closing slips, and how often a caller is left unresolved, varies by community and by
month (``variation``). Whatever lies after the export cutoff has not happened yet, and the status
says how far the ticket got.

Realistic bands (DOMAIN.md §5; Yueyang 2017 Q2: 按期办结率 99.08 %, 满意率 96.5 %): 响应率 ~93–98 %,
按期办结率 ~95–99 %, 解决率 ~90–95 %, 满意率 ~95–98 %, 回访率 ~90–96 %, 回退率 ~3–6 %, 重办率 ~1–3 %.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from pipelines.demo import variation
from pipelines.demo.arrays import column
from pipelines.demo.spec import Spec
from pipelines.demo.timing import (
    DAY_S,
    HOUR,
    MINUTE,
    NAT,
    after_office_time,
    next_office_moment,
    office_hours,
    seconds,
    until,
)
from pipelines.demo.workdays import WorkCalendar

LIMIT_DAYS = {"咨询": 2, "求助": 5, "投诉": 7, "举报": 7, "建议": 7, "表扬": 2}
EXTENSION_DAYS = 15
P_EXTENDED, P_RETURNED, P_REOPENED, P_VISITED, P_UNREACHED = 0.025, 0.04, 0.025, 0.955, 0.008
# Street-wide means of the varying shares (times a community × month factor of mean 1).
P_SLOW_RESPONSE, P_LATE, P_UNRESOLVED = 0.035, 0.015, 0.065
P_FAULT = {
    "gold": 0.02,
    "silver": 0.05,
    "weak": 0.07,
    "veto": 0.07,
}  # verified 物业责任 per 投诉, by standing
OFFICE_DAY_S = 9.5 * HOUR  # office time in a day: signing and the first call fit well inside it


@dataclass
class Tickets:
    """The arrays every stage reads. ``force``: "" (free), "overdue" or "ontime" (planted); the
    ``p_*`` arrays are each ticket's chance of a slow response, a late closing, staying unresolved."""

    rng: np.random.Generator
    cal: WorkCalendar
    received: np.ndarray
    appeal: np.ndarray
    urgent: np.ndarray
    force: np.ndarray
    planted_fault: np.ndarray  # True where the story fixes company_fault (the planted companies)
    p_slow: np.ndarray
    p_late: np.ndarray
    p_unresolved: np.ndarray

    @property
    def n(self) -> int:
        return len(self.received)

    def office(self, stamps: np.ndarray, after: np.ndarray) -> np.ndarray:
        """Moved into office hours (not for 紧急) and never before ``after``."""
        return np.maximum(np.where(self.urgent, stamps, office_hours(self.rng, stamps)), after)

    def draw(self, p) -> np.ndarray:
        return self.rng.random(self.n) < p


def _text(frame: pl.DataFrame, name: str) -> np.ndarray:
    if name not in frame.columns:
        return np.full(frame.height, "")
    return frame[name].cast(pl.String).fill_null("").to_numpy()


def _tickets(rng, spec: Spec, cal: WorkCalendar, frame: pl.DataFrame) -> Tickets:
    received = frame["received_at"].to_numpy().astype("datetime64[s]")
    grids = frame["grid_code"].to_numpy()

    def chance(stream: str, mean: float, community_sd: float, month_sd: float) -> np.ndarray:
        table = variation.factors(spec, stream, community_sd, month_sd)
        return np.clip(mean * variation.lookup(table, spec, grids, received), 0, 0.5)

    return Tickets(
        rng,
        cal,
        received,
        frame["appeal_type"].to_numpy(),
        frame["urgency"].to_numpy() == "紧急",
        _text(frame, "force"),
        _text(frame, "fault") == "true",
        chance("hotline_response", P_SLOW_RESPONSE, 0.45, 0.35),
        chance("hotline_close", P_LATE, 0.5, 0.4),
        chance("hotline_resolution", P_UNRESOLVED, 0.35, 0.2),
    )


def run(
    rng, spec: Spec, cal: WorkCalendar, frame: pl.DataFrame, fault_rates: dict[str, float] | None = None
) -> pl.DataFrame:
    """Every stage of every ticket. ``fault_rates``: company USCC → chance that a 投诉 about it is
    verified as its responsibility (companies not listed: none; planted tickets carry their own)."""
    t = _tickets(rng, spec, cal, frame)
    deadline, extended = _deadlines(t)
    returned, dispatched = _dispatch(t)
    signed, contacted = _first_contact(t, dispatched)
    late = (t.force == "overdue") | (t.draw(t.p_late) & (t.force == ""))
    replied, closed = _handling(t, deadline, late, np.where(np.isnat(contacted), signed, contacted))
    reopened, closed, visited = _visits(t, closed, deadline)
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
        _company_fault(t, frame, fault_rates or {}, stages["closed_at"]),
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
    """签收 within about an office hour, the caller phoned an hour or two later — both well inside the
    response limit (1 working day after dispatch, which always leaves 9.5 office hours; 紧急: 2
    hours). A slow handler (``p_slow``) answers after the limit; a few callers are never reached."""
    sign_work = np.minimum(t.rng.lognormal(np.log(40 * MINUTE), 0.9, t.n), 4 * HOUR)
    call_work = np.minimum(t.rng.lognormal(np.log(80 * MINUTE), 0.8, t.n), OFFICE_DAY_S - HOUR - sign_work)
    signed = after_office_time(dispatched, sign_work)
    contacted = after_office_time(signed, call_work)
    due = np.where(t.urgent, dispatched + seconds(2 * HOUR), t.cal.add_workdays(dispatched, 1))
    slow = t.draw(t.p_slow) & ~t.urgent
    late_sign = after_office_time(due, t.rng.uniform(10 * MINUTE, 3 * HOUR, t.n))
    signed = np.where(slow & t.draw(0.4), late_sign, signed)  # some sign late, the rest only call late
    late_call = after_office_time(np.maximum(due, signed), t.rng.uniform(20 * MINUTE, 6 * HOUR, t.n))
    contacted = np.where(slow, late_call, contacted)
    quick_sign = dispatched + seconds(t.rng.integers(5, 30, t.n) * MINUTE)
    signed = np.where(t.urgent, quick_sign, signed)
    contacted = np.where(t.urgent, quick_sign + seconds(t.rng.integers(5, 40, t.n) * MINUTE), contacted)
    return signed, np.where(t.draw(P_UNREACHED), NAT, contacted)


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


def _visits(t: Tickets, closed, deadline) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """回访 within about a working day of 办结 (4.5 % never visited); 2.5 % are sent back for 重办
    first and closed again 1–4 working days later — inside the deadline when the time left allows
    it (usually), after it otherwise."""
    visited_ok = t.draw(P_VISITED)
    reopened = (
        visited_ok & t.draw(P_REOPENED) & ~t.planted_fault & (t.appeal != "咨询") & (t.appeal != "表扬")
    )
    redo = t.cal.add_workdays(closed, t.rng.integers(1, 5, t.n))
    room = (deadline - closed).astype(np.int64)
    squeezed = closed + seconds(t.rng.uniform(0.4, 0.9, t.n) * np.maximum(room, 0))
    redo = np.where((redo > deadline) & (room > 6 * HOUR) & t.draw(0.6), squeezed, redo)
    closed = np.where(reopened, np.maximum(t.office(redo, closed + seconds(HOUR)), closed), closed)
    visited = after_office_time(closed, t.rng.lognormal(np.log(3 * HOUR), 0.7, t.n))
    return reopened, closed, np.where(visited_ok, np.maximum(visited, closed + seconds(10 * MINUTE)), NAT)


def _verdicts(t: Tickets, reopened, stages: dict) -> list[pl.Series]:
    """Resolved at 回访 and the caller's verdict; a closed ticket nobody visited says 未回访. Resolved
    callers are nearly all content; unresolved ones split. A 表扬 caller is 满意."""
    unresolved = np.where(t.appeal == "咨询", 0.3, np.where(reopened, 3.5, 1.0)) * t.p_unresolved
    resolved = t.rng.random(t.n) >= unresolved
    draw = t.rng.random(t.n)
    verdict = np.where(
        np.where(resolved, draw < 0.9, draw < 0.25),
        "满意",
        np.where(np.where(resolved, draw < 0.988, draw < 0.68), "基本满意", "不满意"),
    )
    verdict = np.where(t.draw(0.025), "未评价", verdict)
    verdict = np.where(t.appeal == "表扬", "满意", verdict)
    resolved = resolved | (t.appeal == "表扬")
    verdict = np.where(t.planted_fault, np.where(draw < 0.6, "不满意", "基本满意"), verdict)
    visited = ~np.isnat(stages["visited_at"])
    closed = ~np.isnat(stages["closed_at"])
    return [
        column("is_resolved", np.where(visited, resolved, None), pl.Boolean),
        column("satisfaction", np.where(visited, verdict, np.where(closed, "未回访", None)), pl.String),
    ]


def _company_fault(t: Tickets, frame: pl.DataFrame, fault_rates: dict[str, float], closed) -> pl.Series:
    """物业责任: verified for some closed 投诉 about a company, at the company's own rate; the planted
    companies' verdicts are fixed by their story; empty for tickets that concern no company."""
    company = frame["company_uscc"]
    has_company = company.is_not_null().to_numpy()
    rate = company.replace_strict(fault_rates, default=0.0, return_dtype=pl.Float64).fill_null(0).to_numpy()
    random_fault = (t.appeal == "投诉") & t.draw(rate) & ~np.isnat(closed)
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
