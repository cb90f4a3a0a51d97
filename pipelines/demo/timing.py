"""Shared timing pieces for activity data: daily volumes with weekday and season profiles, times of
day, and helpers on numpy datetime64[s] arrays (NaT = did not happen / not yet)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from pipelines.demo.workdays import WorkCalendar

NAT = np.datetime64("NaT", "s")
MINUTE, HOUR, DAY_S = 60, 3600, 86400


def profile(text: str) -> np.ndarray:
    """Numbers written on one line (a profile reads better as a row than as a column)."""
    return np.array([float(v) for v in text.split()])


# Monday → Sunday: calls pile up after the weekend.
WEEKDAY = profile("1.25 1.1 1.05 1.0 0.95 0.72 0.66")
SEASONS = {  # January → December
    "flat": np.ones(12),
    "summer": profile("0.6 0.6 0.75 0.9 1.1 1.55 1.95 1.9 1.3 0.9 0.7 0.6"),
    "winter": profile("1.9 1.7 1.1 0.75 0.55 0.5 0.6 0.6 0.6 0.8 1.25 1.85"),
    "rainy": profile("0.55 0.65 1.0 1.45 1.7 1.85 1.45 0.95 0.75 0.65 0.55 0.5"),
}
HOURS = {  # relative volume by hour 0 → 23
    "day": profile(
        "0.2 0.1 0.05 0.05 0.05 0.2 0.8 2.5 6.5 9.5 9.8 8.0 5.0 5.5 8.0 8.5 7.8 6.0 3.8 3.0 2.6 2.0 1.2 0.6"
    ),
    "evening": profile(
        "3.5 2.2 1.0 0.5 0.3 0.5 1.5 2.5 3.5 4.0 3.5 3.0 3.5 3.5 3.0 3.0 3.0 3.5 4.5 6.5 8.5 10 10 7.0"
    ),
    "office": profile("0 0 0 0 0 0 0 0.8 9.0 12 12 8.0 2.0 4.0 10 12 11 8.0 3.0 1.0 0.5 0.2 0 0"),
}


def days(first: dt.date, end: dt.date) -> np.ndarray:
    return np.arange(np.datetime64(first, "D"), np.datetime64(end, "D"))


def day_weights(day_array: np.ndarray, season: str, cal: WorkCalendar) -> np.ndarray:
    """Relative volume of each day: weekday × season × (0.6 on statutory holidays that fall on weekdays)."""
    weekday = (day_array.astype("datetime64[D]").view("int64") - 4) % 7  # 1970-01-01 was a Thursday
    month = day_array.astype("datetime64[M]").astype(int) % 12
    holiday = (weekday < 5) & ~cal.is_workday(day_array)
    return WEEKDAY[weekday] * SEASONS[season][month] * np.where(holiday, 0.6, 1.0)


def poisson_days(rng, day_array: np.ndarray, weights: np.ndarray, per_year: float) -> np.ndarray:
    """Event days: Poisson counts with mean ∝ weights, scaled to ``per_year`` events a year."""
    mean = weights * per_year * (len(day_array) / 365.25) / weights.sum()
    return np.repeat(day_array, rng.poisson(mean))


def clock(rng, day_array: np.ndarray, hours: str) -> np.ndarray:
    """A time of day on each day, hour drawn from the profile, minute and second uniform."""
    profile = HOURS[hours] / HOURS[hours].sum()
    hour = rng.choice(24, size=len(day_array), p=profile)
    seconds = hour * HOUR + rng.integers(0, HOUR, len(day_array))
    return day_array.astype("datetime64[s]") + seconds.astype("timedelta64[s]")


def seconds(values) -> np.ndarray:
    return np.asarray(np.round(values), dtype=np.int64).astype("timedelta64[s]")


def next_office_moment(rng, stamps: np.ndarray) -> np.ndarray:
    """Office hours are 08:30–18:00 every day: outside them work starts next morning at 08:30–09:30."""
    day = stamps.astype("datetime64[D]").astype("datetime64[s]")
    since = (stamps - day).astype(np.int64)
    morning = day + seconds(8.5 * HOUR + rng.integers(0, HOUR, len(stamps)))
    return np.where(
        since < 8.5 * HOUR, morning, np.where(since >= 18 * HOUR, morning + np.timedelta64(1, "D"), stamps)
    )


def office_hours(rng, stamps: np.ndarray) -> np.ndarray:
    """Work done by handlers: a moment outside 08:30–18:00 moves to a random office time of the same
    day (before 08:30) or of the next day (after 18:00), so closings do not pile up at 08:30."""
    day = stamps.astype("datetime64[D]").astype("datetime64[s]")
    since = (stamps - day).astype(np.int64)
    clock = seconds(8.5 * HOUR + rng.random(len(stamps)) * 9.5 * HOUR)
    target = np.where(since >= 18 * HOUR, day + np.timedelta64(1, "D"), day) + clock
    return np.where((since < 8.5 * HOUR) | (since >= 18 * HOUR), target, stamps)


def office_before(rng, stamps: np.ndarray) -> np.ndarray:
    """Work that must be done by a moment: a moment outside 08:30–18:00 moves back to the last hour
    of office time before it (17:00–18:00 of the same day after 18:00, of the day before before
    08:30)."""
    day = stamps.astype("datetime64[D]").astype("datetime64[s]")
    since = (stamps - day).astype(np.int64)
    evening = seconds(17 * HOUR + rng.random(len(stamps)) * HOUR)
    target = np.where(since < 8.5 * HOUR, day - np.timedelta64(1, "D"), day) + evening
    return np.where((since < 8.5 * HOUR) | (since >= 18 * HOUR), target, stamps)


OPEN_S, CLOSE_S = 8.5 * HOUR, 18 * HOUR  # handlers' office hours, every day (duty staff at weekends)


def after_office_time(stamps: np.ndarray, work_s) -> np.ndarray:
    """The moment ``work_s`` seconds of office time (08:30–18:00, every day) after each stamp: a
    stamp outside office hours starts counting at the next opening. Vectorised; ``work_s`` ≥ 0."""
    stamps = np.asarray(stamps, "datetime64[s]")
    day = stamps.astype("datetime64[D]")
    since = (stamps - day.astype("datetime64[s]")).astype(np.int64)
    length = CLOSE_S - OPEN_S
    total = np.clip(since - OPEN_S, 0, length) + np.asarray(np.round(work_s), np.int64)
    whole_days, rest = np.divmod(total, int(length))
    at_close = (rest == 0) & (whole_days > 0)  # exactly the end of a day's office time
    whole_days, rest = np.where(at_close, whole_days - 1, whole_days), np.where(at_close, length, rest)
    return (day + whole_days.astype("timedelta64[D]")).astype("datetime64[s]") + seconds(OPEN_S + rest)


def until(stamps: np.ndarray, cutoff: dt.datetime) -> np.ndarray:
    """Moments after the export cutoff have not happened yet: NaT."""
    return np.where(stamps < np.datetime64(cutoff, "s"), stamps, NAT)
