"""numpy → Polars for arrays that may hold None (numpy object arrays cannot be cast directly)."""

from __future__ import annotations

import numpy as np
import polars as pl


def column(name: str, values: np.ndarray, dtype) -> pl.Series:
    """A Polars column from a numpy array; None entries of object arrays become nulls."""
    values = np.asarray(values)
    if values.dtype == object:
        return pl.Series(name, values.tolist(), dtype=dtype)
    return pl.Series(name, values, dtype=dtype)
