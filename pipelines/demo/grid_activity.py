"""Grid events (网格事件) and patrol logs (巡查记录).

Events: about 15,000 a year (times the scale) in the GB/T 30428.2-style catalogue of
``text_grid``, through the closed loop 上报 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案, against
their time-limit class (即办 same day, 一般 3, 复杂 7, 延期 15 working days).
Patrols: 一日双巡 — every grid worker patrols twice on each working day (a few missed). Planted:
in the as-of month the worker of ``short_patrol_grid`` completes only about half of them.
At a scale above 1 each patrol is logged as that many check-in segments.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo import timing
from pipelines.demo.locate import Locator
from pipelines.demo.places import STREET_CODE, Places
from pipelines.demo.spec import Spec
from pipelines.demo.text_grid import ACTIONS, EVENTS
from pipelines.demo.timing import DAY_S, HOUR, MINUTE, office_hours, seconds, until
from pipelines.demo.workdays import WorkCalendar

PER_YEAR = 15_000
SOURCES = np.array(["网格员巡查", "群众上报", "12345转办", "视频发现"])
CLASSES = np.array(["即办", "一般", "复杂"])
CLASS_DAYS = {"即办": 0, "一般": 3, "复杂": 7, "延期": 15}
STAGES = ("registered_at", "dispatched_at", "handled_at", "feedback_at", "checked_at", "closed_at")
STAGE_STATUS = ("立案", "派遣", "处置", "反馈", "核查", "结案")
P_LATE, P_EXTENDED, P_REOPENED = 0.04, 0.03, 0.03
P_MISSED_PATROL, P_MISSED_SHORT = 0.03, 0.55


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
    stages = {
        k: until(v, spec.cutoff)
        for k, v in zip(STAGES, _stage_times(rng, cal, reported, klass, deadline, reopened), strict=True)
    }
    reached = [~np.isnat(stages[k]) for k in reversed(STAGES)]
    return frame.with_columns(
        *[pl.Series(k, v.astype("datetime64[ms]")) for k, v in stages.items()],
        pl.Series("deadline_class", klass),
        pl.Series("deadline_at", deadline.astype("datetime64[ms]")),
        pl.Series("status", np.select(reached, STAGE_STATUS[::-1], "上报")),
        pl.Series("reopened_count", (reopened & ~np.isnat(stages["handled_at"])).astype(np.int64)),
    )


def _stage_times(rng, cal, reported, klass, deadline, reopened) -> tuple[np.ndarray, ...]:
    """立案 and 派遣 within the hour; 处置 within the class's window (即办 in hours, the others a
    Beta share of it, 4 % late); a failed 核查 (返工) sends it back for 1–3 working days."""
    n = len(reported)
    registered = reported + seconds(rng.integers(5 * MINUTE, 40 * MINUTE, n))
    dispatched = registered + seconds(rng.integers(5 * MINUTE, 60 * MINUTE, n))
    window = (deadline - dispatched).astype(np.int64)
    share = office_hours(rng, dispatched + seconds(np.clip(rng.beta(2, 3, n), 0.05, 0.9) * window))
    day = dispatched.astype("datetime64[D]").astype("datetime64[s]")
    before_evening = np.clip((day + seconds(19 * HOUR) - dispatched).astype(np.int64), 30 * MINUTE, 5 * HOUR)
    at_once = dispatched + seconds(
        20 * MINUTE + rng.random(n) * (before_evening - 20 * MINUTE)
    )  # 即办: by evening
    handled = np.where(klass == "即办", at_once, share)
    late = rng.random(n) < P_LATE
    handled = np.where(
        late,
        deadline + seconds(rng.uniform(2 * HOUR, 5 * DAY_S, n)),
        np.minimum(handled, deadline - seconds(MINUTE)),
    )
    handled = np.maximum(handled, dispatched + seconds(10 * MINUTE))
    handled = np.where(reopened, cal.add_workdays(handled, rng.integers(1, 4, n)), handled)
    feedback = handled + seconds(rng.integers(5 * MINUTE, 60 * MINUTE, n))
    checked = np.maximum(
        office_hours(rng, feedback + seconds(rng.uniform(0.5 * HOUR, 20 * HOUR, n))),
        feedback + seconds(MINUTE),
    )
    return (
        registered,
        dispatched,
        handled,
        feedback,
        checked,
        checked + seconds(rng.integers(5 * MINUTE, 90 * MINUTE, n)),
    )


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
    worker started; 3 % missed, 55 % in the planted grid during the as-of month."""
    workdays = cal.workdays_in(spec.start, spec.cutoff.date())
    w, d, slot = (a.ravel() for a in np.meshgrid(np.arange(workers.height), workdays, [0, 1], indexing="ij"))
    short = workers["grid_code"].to_numpy()[w] == short_patrol_grid(places, workers)
    missed = np.where(short & (d >= np.datetime64(spec.as_of, "D")), P_MISSED_SHORT, P_MISSED_PATROL)
    keep = (d >= workers["started_on"].to_numpy().astype("datetime64[D]")[w]) & (rng.random(len(w)) >= missed)
    return w[keep], d[keep], slot[keep]


def _patrol_ids(day, worker, slot, part) -> np.ndarray:
    """XC + date + worker number + round (1 morning, 2 afternoon) + segment: XC202610010422000."""
    text = np.char.replace(np.datetime_as_string(day).astype("U10"), "-", "")
    ids = np.char.add(np.char.add("XC", text), np.char.zfill((worker + 1).astype(str), 3))
    return np.char.add(ids, np.char.add((slot + 1).astype(str), np.char.zfill(part.astype(str), 3)))
