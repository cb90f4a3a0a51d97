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
from pipelines.demo.timing import DAY_S, HOUR, MINUTE, next_office_moment, seconds, until
from pipelines.demo.workdays import WorkCalendar

PER_YEAR = 15_000
SOURCES = np.array(["网格员巡查", "群众上报", "12345转办", "视频发现"])
CLASSES = np.array(["即办", "一般", "复杂"])
CLASS_DAYS = {"即办": 0, "一般": 3, "复杂": 7, "延期": 15}
P_LATE, P_EXTENDED, P_REOPENED = 0.04, 0.03, 0.03
P_MISSED_PATROL, P_MISSED_SHORT = 0.03, 0.55


def events(spec: Spec, places: Places, cal: WorkCalendar) -> pl.DataFrame:
    rng = spec.rng("grid_events")
    locator = Locator(spec.rng("grid_event_points"), places)
    day_array = timing.days(spec.start, spec.cutoff.date())
    total = sum(e[2] for e in EVENTS)
    parts = []
    for code, name, per_year, season, classes, sources, texts in EVENTS:
        when = timing.poisson_days(
            rng,
            day_array,
            timing.day_weights(day_array, season, cal),
            spec.activity(PER_YEAR * per_year / total),
        )
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
    frame = pl.concat(parts)
    reported = timing.clock(rng, frame["day"].to_numpy(), "office")
    grid = locator.pick_grids(rng, frame.height)
    street_order = frame["category_code"].str.starts_with("05").to_numpy()
    scenic = locator.grids.filter(pl.col("grid_type") == "专属网格")["grid_code"][0]
    grid[street_order] = locator.pick_grids(rng, int(street_order.sum()), {scenic: 4.0})
    lon, lat = locator.points(rng, grid)
    frame = frame.with_columns(
        pl.Series("reported_at", reported.astype("datetime64[ms]")),
        pl.Series("grid_code", grid),
        pl.Series("lon", lon),
        pl.Series("lat", lat),
        pl.Series("road", locator.roads(rng, grid)),
    )
    return _close_loop(rng, spec, cal, frame)


def _close_loop(rng, spec: Spec, cal: WorkCalendar, frame: pl.DataFrame) -> pl.DataFrame:
    n = frame.height
    reported = frame["reported_at"].to_numpy().astype("datetime64[s]")
    klass = frame["deadline_class"].to_numpy().astype(object)
    klass = np.where((klass != "即办") & (rng.random(n) < P_EXTENDED), "延期", klass).astype(str)
    end_of_day = reported.astype("datetime64[D]").astype("datetime64[s]") + seconds(DAY_S - 1)
    deadline = np.where(
        klass == "即办", end_of_day, cal.add_workdays(reported, np.vectorize(CLASS_DAYS.get)(klass))
    )
    registered = reported + seconds(rng.integers(5 * MINUTE, 40 * MINUTE, n))
    dispatched = registered + seconds(rng.integers(5 * MINUTE, 60 * MINUTE, n))
    window = (deadline - dispatched).astype(np.int64)
    late = rng.random(n) < P_LATE
    handled = np.where(
        klass == "即办",
        dispatched + seconds(rng.uniform(20 * MINUTE, 5 * HOUR, n)),
        next_office_moment(rng, dispatched + seconds(np.clip(rng.beta(2, 3, n), 0.05, 0.9) * window)),
    )
    handled = np.where(
        late,
        deadline + seconds(rng.uniform(2 * HOUR, 5 * DAY_S, n)),
        np.minimum(handled, deadline - seconds(MINUTE)),
    )
    handled = np.maximum(handled, dispatched + seconds(10 * MINUTE))
    reopened = rng.random(n) < P_REOPENED
    handled = np.where(reopened, cal.add_workdays(handled, rng.integers(1, 4, n)), handled)
    feedback = handled + seconds(rng.integers(5 * MINUTE, 60 * MINUTE, n))
    checked = np.maximum(
        next_office_moment(rng, feedback + seconds(rng.uniform(0.5 * HOUR, 20 * HOUR, n))),
        feedback + seconds(MINUTE),
    )
    closed = checked + seconds(rng.integers(5 * MINUTE, 90 * MINUTE, n))
    stages = {
        "registered_at": registered,
        "dispatched_at": dispatched,
        "handled_at": handled,
        "feedback_at": feedback,
        "checked_at": checked,
        "closed_at": closed,
    }
    stages = {k: until(v, spec.cutoff) for k, v in stages.items()}
    status = np.select(
        [~np.isnat(stages[k]) for k in reversed(stages)],
        ["结案", "核查", "反馈", "处置", "派遣", "立案"],
        "上报",
    )
    action = rng.choice(np.array(ACTIONS), size=n)
    day = pl.col("reported_at").dt.strftime("%Y%m%d")
    return (
        frame.with_columns(
            *[pl.Series(k, v.astype("datetime64[ms]")) for k, v in stages.items()],
            pl.Series("deadline_class", klass),
            pl.Series("deadline_at", deadline.astype("datetime64[ms]")),
            pl.Series("status", status),
            pl.Series("reopened_count", (reopened & ~np.isnat(stages["handled_at"])).astype(np.int64)),
            pl.Series("action", action),
        )
        .sort("reported_at", "grid_code", "category_code", maintain_order=True)
        .with_columns(
            (pl.lit("SJ") + day + pl.int_range(1, pl.len() + 1).over(day).cast(pl.String).str.zfill(4)).alias(
                "event_code"
            ),
            pl.lit(STREET_CODE).alias("street_code"),
            pl.when(pl.col("status") == "结案")
            .then(
                pl.concat_str(
                    [pl.col("road"), pl.lit("附近"), pl.col("text"), pl.lit("，"), pl.col("action")]
                )
            )
            .otherwise(pl.concat_str([pl.col("road"), pl.lit("附近"), pl.col("text")]))
            .alias("description"),
        )
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
    workdays = cal.workdays_in(spec.start, spec.cutoff.date())
    w, d, slot = (a.ravel() for a in np.meshgrid(np.arange(workers.height), workdays, [0, 1], indexing="ij"))
    short = workers["grid_code"].to_numpy()[w] == short_patrol_grid(places, workers)
    in_as_of = d >= np.datetime64(spec.as_of, "D")
    started_on = workers["started_on"].to_numpy().astype("datetime64[D]")[w]
    keep = (d >= started_on) & (
        rng.random(len(w)) >= np.where(short & in_as_of, P_MISSED_SHORT, P_MISSED_PATROL)
    )
    w, d, slot = w[keep], d[keep], slot[keep]
    start = d.astype("datetime64[s]") + seconds(
        np.where(slot == 0, 8.5 * HOUR, 14.5 * HOUR) + rng.integers(0, 90 * MINUTE, len(w))
    )
    minutes = rng.integers(50, 150, len(w))
    segments = max(1, int(round(spec.scale)))
    rep = np.repeat(np.arange(len(w)), segments)
    k = np.tile(np.arange(segments), len(w))
    part = minutes[rep] * MINUTE // segments
    started = start[rep] + seconds(k * part)
    ended = started + seconds(part)
    distance = np.round(part / MINUTE * rng.uniform(35, 60, len(rep)), 0)
    day_text = np.char.replace(np.datetime_as_string(d[rep]).astype("U10"), "-", "")
    ids = np.char.add(
        np.char.add(np.char.add("XC", day_text), np.char.zfill((w[rep] + 1).astype(str), 3)),
        np.char.add((slot[rep] + 1).astype(str), np.char.zfill(k.astype(str), 3)),
    )
    frame = pl.DataFrame(
        {
            "patrol_id": ids,
            "street_code": STREET_CODE,
            "worker_id": workers["worker_id"].to_numpy()[w[rep]],
            "grid_code": workers["grid_code"].to_numpy()[w[rep]],
            "grid_name": workers["grid_name"].to_numpy()[w[rep]],
            "started_at": until(started, spec.cutoff).astype("datetime64[ms]"),
            "ended_at": until(ended, spec.cutoff).astype("datetime64[ms]"),
            "distance_m": distance,
        }
    )
    return frame.filter(pl.col("started_at").is_not_null()).sort("started_at", "worker_id", "patrol_id")
