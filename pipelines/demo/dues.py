"""Party dues (党费): one payment per member per month from the month they joined.

Rates (中组发〔2008〕3号): employed, monthly after-tax income ≤ 3000 → 0.5 %, ≤ 5000 → 1 %,
≤ 10000 → 1.5 %, above → 2 %; retired ≤ 5000 → 0.5 %, above → 1 %; students and low-income
members 0.2 CNY. About 1 % of member-months are missed and paid with the next month; five
members (``ARREARS``) have stopped paying 3–5 months before the cutoff.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo.places import STREET_CODE
from pipelines.demo.spec import Spec

ARREARS = (3, 3, 4, 4, 5)  # months unpaid at the cutoff, one member each


def monthly_amount(employment: np.ndarray, income: np.ndarray) -> np.ndarray:
    employed_rate = np.select([income <= 3000, income <= 5000, income <= 10000], [0.005, 0.01, 0.015], 0.02)
    retired_rate = np.where(income <= 5000, 0.005, 0.01)
    amount = np.select(
        [employment == "在职", employment == "离退休"], [income * employed_rate, income * retired_rate], 0.2
    )
    return np.round(amount, 2)


def arrears_members(members: pl.DataFrame) -> list[str]:
    """Five retired full members of grid branches, chosen by ID number order (stable for a seed)."""
    retired = members.filter(
        (pl.col("employment") == "离退休")
        & (pl.col("member_status") == "正式")
        & pl.col("org_code").str.len_chars().eq(16)
    )
    return retired.sort("id_number")["id_number"].head(len(ARREARS)).to_list()


def build(spec: Spec, members: pl.DataFrame) -> pl.DataFrame:
    rng = spec.rng("dues")
    months = pl.DataFrame({"month": spec.months})
    rows = (
        members.select("id_number", "joined_on", "employment", "income")
        .join(months, how="cross", maintain_order="left_right")
        .filter(pl.col("month") >= pl.col("joined_on").dt.truncate("1mo"))
    )
    month = rows["month"].to_numpy().astype("datetime64[D]")
    paid_on = month + rng.integers(2, 26, rows.height)
    missed = rng.random(rows.height) < 0.01
    owed = dict(zip(arrears_members(members), ARREARS, strict=True))
    stop = np.array([owed.get(i, 0) for i in rows["id_number"]])
    cutoff_month = np.datetime64(spec.cutoff.date(), "M")
    months_before = (cutoff_month - month.astype("datetime64[M]")).astype(int)
    unpaid = missed | (months_before <= stop)
    frame = rows.with_columns(
        pl.lit(STREET_CODE).alias("street_code"),
        pl.Series("amount", monthly_amount(rows["employment"].to_numpy(), rows["income"].to_numpy())),
        pl.Series("paid_on", paid_on.astype("datetime64[D]")),
    ).filter(pl.Series(~unpaid))
    return frame.select("id_number", "month", "street_code", "amount", "paid_on").sort("month", "id_number")
