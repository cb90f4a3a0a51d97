"""Grid events (网格事件) and patrol logs (巡查记录).

Events: about 15,000 a year (times the scale) in the GB/T 30428.2-style catalogue of
``text_grid``, through the closed loop 上报 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案, against
their time-limit class (config/grid.toml: 即办 by the end of the day of reporting, 一般 3, 复杂 7,
延期 15 working days). Each event is closed — 核查 and 结案 included — inside its own limit: a 即办
event in a few hours (the grid worker on the spot), the others at a Beta share of their window.
About 5 % close late, a share that varies by community and by month (``variation``), so 按时结案率
sits around 90–98 %; a failed 核查 (返工, about 3 %) costs time and is late more often.
Patrols: 一日双巡 — every grid worker patrols twice on each working day (a few missed). Planted:
in the as-of month the worker of ``short_patrol_grid`` completes only about half of them.
At a scale above 1 each patrol is logged as that many check-in segments.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo import timing, variation
from pipelines.demo.locate import Locator
from pipelines.demo.places import STREET_CODE, Places
from pipelines.demo.spec import Spec
from pipelines.demo.text_grid import ACTIONS, EVENTS
from pipelines.demo.timing import DAY_S, HOUR, MINUTE, office_before, office_hours, seconds, until
from pipelines.demo.workdays import WorkCalendar

PER_YEAR = 15_000
SOURCES = np.array(["网格员巡查", "群众上报", "12345转办", "视频发现"])
CLASSES = np.array(["即办", "一般", "复杂"])
CLASS_DAYS = {"即办": 0, "一般": 3, "复杂": 7, "延期": 15}
STAGES = ("registered_at", "dispatched_at", "handled_at", "feedback_at", "checked_at", "closed_at")
STAGE_STATUS = ("立案", "派遣", "处置", "反馈", "核查", "结案")
P_LATE, P_EXTENDED, P_REOPENED = 0.05, 0.03, 0.03
P_LATE_REOPENED = 0.3  # of reworked events, closed late (before the community × month factor)
P_MISSED_PATROL, P_MISSED_SHORT = (0.015, 0.045), 0.55  # missed patrols: a range over workers; planted


def events(spec: Spec, places: Places, cal: WorkCalendar) -> pl.DataFrame:
    rng = spec.rng("grid_events")
    locator = Locator(spec.rng("grid_event_points"), places)
    frame = _occurrences(rng, spec, cal)
    grid = locator.pick_grids(rng, frame.height)
    street_order = frame["category_code"].str.starts_with("05").to_numpy()  # 街面秩序 crowds the scenic area
    scenic = locator.grids.filter(pl.col("grid_type") == "专属网格")["grid_code"][0]
    grid[street_order] = locator.pick_grids(rng, int(street_order.sum()), {scenic: 4.0})
    lon, lat = locator.points(rng, grid)
    frame = frame.with_columns(
        pl.Series(
            "reported_at", timing.clock(rng, frame["day"].to_numpy(), "office").astype("datetime64[ms]")
        ),
        pl.Series("grid_code", grid),
        pl.Series("lon", lon),
        pl.Series("lat", lat),
        pl.Series("road", locator.roads(rng, grid)),
    )
    return _describe(rng, _close_loop(rng, spec, cal, frame))


def _occurrences(rng, spec: Spec, cal: WorkCalendar) -> pl.DataFrame:
    """One row per event: its day, category, source, time-limit class and what was seen."""
    day_array = timing.days(spec.start, spec.cutoff.date())
    total = sum(e[2] for e in EVENTS)
    parts = []
    for code, name, per_year, season, classes, sources, texts in EVENTS:
        weights = timing.day_weights(day_array, season, cal)
        when = timing.poisson_days(rng, day_array, weights, spec.activity(PER_YEAR * per_year / total))
        n = len(when)
        parts.append(
            pl.DataFrame(
                {
                    "day": when,
                    "category_code": [code] * n,
                    "category_name": [name] * n,
                    "source": rng.choice(SOURCES, size=n, p=sources),
                    "deadline_class": rng.choice(CLASSES, size=n, p=classes),
                    "text": rng.choice(np.array(texts), size=n),
                }
            )
        )
    return pl.concat(parts)


def _close_loop(rng, spec: Spec, cal: WorkCalendar, frame: pl.DataFrame) -> pl.DataFrame:
    """Stage times, deadline and status; whatever lies after the export cutoff is not known yet."""
    reported = frame["reported_at"].to_numpy().astype("datetime64[s]")
    klass = frame["deadline_class"].to_numpy().astype(object)
    klass = np.where((klass != "即办") & (rng.random(len(klass)) < P_EXTENDED), "延期", klass).astype(str)
    end_of_day = reported.astype("datetime64[D]").astype("datetime64[s]") + seconds(DAY_S - 1)
    deadline = np.where(
        klass == "即办", end_of_day, cal.add_workdays(reported, np.vectorize(CLASS_DAYS.get)(klass))
    )
    reopened = rng.random(len(klass)) < P_REOPENED
    table = variation.factors(spec, "grid_close", 0.5, 0.35)
    factor = variation.lookup(table, spec, frame["grid_code"].to_numpy(), reported)
    late = rng.random(len(klass)) < np.clip(np.where(reopened, P_LATE_REOPENED, P_LATE) * factor, 0, 0.6)
    times = _stage_times(rng, reported, klass, deadline, late, reopened)
    stages = {k: until(v, spec.cutoff) for k, v in zip(STAGES, times, strict=True)}
    reached = [~np.isnat(stages[k]) for k in reversed(STAGES)]
    return frame.with_columns(
        *[pl.Series(k, v.astype("datetime64[ms]")) for k, v in stages.items()],
        pl.Series("deadline_class", klass),
        pl.Series("deadline_at", deadline.astype("datetime64[ms]")),
        pl.Series("status", np.select(reached, STAGE_STATUS[::-1], "上报")),
        pl.Series("reopened_count", (reopened & ~np.isnat(stages["handled_at"])).astype(np.int64)),
    )


def _stage_times(rng, reported, klass, deadline, late, reopened) -> tuple[np.ndarray, ...]:
    """立案 and 派遣 within the hour (即办: minutes — the worker is there); 结案 chosen first: a 即办
    event an hour or two after dispatch, within the worker's shift (by 18:30; an evening report
    within the hour), the others a Beta share of their window in
    office hours (a reworked one later in it), always before the deadline unless ``late`` (then 2
    hours to 3 days after it). 处置, 反馈 and 核查 fall in order between dispatch and 结案, in office
    hours unless the event is 即办."""
    n = len(reported)
    on_spot = klass == "即办"
    registered = reported + seconds(
        np.where(on_spot, rng.integers(2, 15, n), rng.integers(5, 40, n)) * MINUTE
    )
    dispatched = registered + seconds(
        np.where(on_spot, rng.integers(2, 20, n), rng.integers(5, 60, n)) * MINUTE
    )
    window = np.maximum((deadline - dispatched).astype(np.int64), HOUR)
    day = dispatched.astype("datetime64[D]").astype("datetime64[s]")
    shift_left = np.maximum((day + seconds(18.5 * HOUR) - dispatched).astype(np.int64), HOUR)
    room = np.minimum(window, shift_left)
    quick = rng.lognormal(np.log(1.5 * HOUR), 0.6, n)
    quick = np.where(quick > 0.9 * room, room * rng.uniform(0.4, 0.9, n), quick)  # no pile-up at 18:30
    share = np.where(reopened, rng.beta(4, 2, n), rng.beta(2, 3, n))
    planned = np.where(
        on_spot, dispatched + seconds(quick), office_hours(rng, dispatched + seconds(share * window))
    )
    margin = seconds(np.minimum(rng.integers(10 * MINUTE, 3 * HOUR, n), window // 4))
    latest = np.where(on_spot, deadline - margin, office_before(rng, deadline - margin))
    closed = np.clip(planned, dispatched + seconds(40 * MINUTE), latest)
    overdue = office_hours(rng, deadline + seconds(rng.uniform(2 * HOUR, 3 * DAY_S, n)))
    closed = np.where(late, np.maximum(overdue, deadline + seconds(MINUTE)), closed)
    handled = _between(rng, on_spot, dispatched, closed, rng.uniform(0.45, 0.8, n))
    feedback = _between(rng, on_spot, handled, closed, rng.uniform(0.05, 0.3, n))
    checked = _between(rng, on_spot, feedback, closed, rng.uniform(0.5, 0.95, n))
    return registered, dispatched, handled, feedback, checked, closed


def _between(rng, on_spot, first, last, share) -> np.ndarray:
    """A moment ``share`` of the way from ``first`` to ``last``, in office hours (not for 即办), never
    outside [first, last]."""
    moment = first + seconds((last - first).astype(np.int64) * share)
    return np.clip(np.where(on_spot, moment, office_hours(rng, moment)), first, last)


def _describe(rng, frame: pl.DataFrame) -> pl.DataFrame:
    """Event codes SJ + date + daily number, and the description a grid worker writes."""
    day = pl.col("reported_at").dt.strftime("%Y%m%d")
    seen = pl.concat_str([pl.col("road"), pl.lit("附近"), pl.col("text")])
    done = pl.concat_str([seen, pl.lit("，"), pl.col("action")])
    frame = frame.with_columns(pl.Series("action", rng.choice(np.array(ACTIONS), size=frame.height)))
    return frame.sort("reported_at", "grid_code", "category_code", maintain_order=True).with_columns(
        (pl.lit("SJ") + day + pl.int_range(1, pl.len() + 1).over(day).cast(pl.String).str.zfill(4)).alias(
            "event_code"
        ),
        pl.lit(STREET_CODE).alias("street_code"),
        pl.when(pl.col("status") == "结案").then(done).otherwise(seen).alias("description"),
    )


def short_patrol_grid(places: Places, workers: pl.DataFrame) -> str:
    """The planted grid: the smallest 综合网格 served by exactly one worker."""
    single = workers.group_by("grid_code", maintain_order=True).len().filter(pl.col("len") == 1)["grid_code"]
    grids = places.grids.filter(
        pl.col("grid_code").is_in(single.implode()) & (pl.col("grid_type") == "综合网格")
    )
    return grids.sort("households", "grid_code")["grid_code"][0]


def patrols(spec: Spec, places: Places, workers: pl.DataFrame, cal: WorkCalendar) -> pl.DataFrame:
    rng = spec.rng("patrols")
    worker, day, slot = _rounds(rng, spec, places, workers, cal)
    start = day.astype("datetime64[s]") + seconds(
        np.where(slot == 0, 8.5 * HOUR, 14.5 * HOUR) + rng.integers(0, 90 * MINUTE, len(worker))
    )
    minutes = rng.integers(50, 150, len(worker))
    segments = max(1, int(round(spec.scale)))
    row, part = np.repeat(np.arange(len(worker)), segments), np.tile(np.arange(segments), len(worker))
    length = minutes[row] * MINUTE // segments
    started = start[row] + seconds(part * length)
    frame = pl.DataFrame(
        {
            "patrol_id": _patrol_ids(day[row], worker[row], slot[row], part),
            "street_code": STREET_CODE,
            "worker_id": workers["worker_id"].to_numpy()[worker[row]],
            "grid_code": workers["grid_code"].to_numpy()[worker[row]],
            "grid_name": workers["grid_name"].to_numpy()[worker[row]],
            "started_at": until(started, spec.cutoff).astype("datetime64[ms]"),
            "ended_at": until(started + seconds(length), spec.cutoff).astype("datetime64[ms]"),
            "distance_m": np.round(length / MINUTE * rng.uniform(35, 60, len(row)), 0),
        }
    )
    return frame.filter(pl.col("started_at").is_not_null()).sort("started_at", "worker_id", "patrol_id")


def _rounds(rng, spec, places, workers, cal) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(worker, day, morning/afternoon) of every patrol done: two per working day from the day the
    worker started; 1.5–4.5 % missed (by worker), 55 % in the planted grid during the as-of month."""
    workdays = cal.workdays_in(spec.start, spec.cutoff.date())
    w, d, slot = (a.ravel() for a in np.meshgrid(np.arange(workers.height), workdays, [0, 1], indexing="ij"))
    short = workers["grid_code"].to_numpy()[w] == short_patrol_grid(places, workers)
    habit = spec.rng("patrol_habits").uniform(*P_MISSED_PATROL, workers.height)  # some workers miss more
    missed = np.where(short & (d >= np.datetime64(spec.as_of, "D")), P_MISSED_SHORT, habit[w])
    keep = (d >= workers["started_on"].to_numpy().astype("datetime64[D]")[w]) & (rng.random(len(w)) >= missed)
    return w[keep], d[keep], slot[keep]


def _patrol_ids(day, worker, slot, part) -> np.ndarray:
    """XC + date + worker number + round (1 morning, 2 afternoon) + segment: XC202610010422000."""
    text = np.char.replace(np.datetime_as_string(day).astype("U10"), "-", "")
    ids = np.char.add(np.char.add("XC", text), np.char.zfill((worker + 1).astype(str), 3))
    return np.char.add(ids, np.char.add((slot + 1).astype(str), np.char.zfill(part.astype(str), 3)))
