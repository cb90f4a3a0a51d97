"""How well things are done varies by community and by month: one table of multiplicative factors
per kind of performance (late responses, late closings, unresolved tickets …), so that a rate is
not the same flat number everywhere and every month, yet stays in its realistic band on average.

A factor table has one row per community (in community-code order, 001 → 009) and one column per
month of the window; its mean is about 1. Activity rows find their factor by the community of
their grid and the month of their first timestamp.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from pipelines.demo.spec import MONTHS, Spec

N_COMMUNITIES = 9


def factors(spec: Spec, stream: str, community_sd: float, month_sd: float) -> np.ndarray:
    """(communities × months) lognormal factors: a lasting community effect times a month effect
    shared by the street, with a little community-month noise; normalised to mean 1."""
    rng = spec.rng(f"variation_{stream}")
    community = rng.lognormal(0, community_sd, (N_COMMUNITIES, 1))
    month = rng.lognormal(0, month_sd, (1, MONTHS))
    noise = rng.lognormal(0, month_sd / 2, (N_COMMUNITIES, MONTHS))
    table = community * month * noise
    return table / table.mean()


def lookup(table: np.ndarray, spec: Spec, grid_codes, stamps: np.ndarray) -> np.ndarray:
    """The factor of each row: its grid's community (grid code digits 10–12) and its stamp's month
    (clipped into the window)."""
    community = (
        pl.Series(np.asarray(grid_codes), dtype=pl.String).str.slice(9, 3).cast(pl.Int64).to_numpy() - 1
    )
    month = np.asarray(stamps, "datetime64[s]").astype("datetime64[M]")
    column = np.clip((month - np.datetime64(spec.start, "M")).astype(np.int64), 0, MONTHS - 1)
    return table[np.clip(community, 0, N_COMMUNITIES - 1), column]
