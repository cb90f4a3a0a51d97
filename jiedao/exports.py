"""Pure export helpers: DataFrame in, bytes out."""

from __future__ import annotations

import codecs
import io

import polars as pl


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """Prefix text cells that start like a spreadsheet formula with ' (CSV injection)."""
    return frame.with_columns(
        pl.when(pl.col(c).str.contains(r"^[=+\-@]"))
        .then(pl.lit("'") + pl.col(c))
        .otherwise(pl.col(c))
        .alias(c)
        for c, dtype in frame.schema.items()
        if dtype == pl.String
    )


def csv_bytes(frame: pl.DataFrame) -> bytes:
    """UTF-8 with BOM so Excel opens Chinese correctly; nested values written as text."""
    flat = frame.with_columns(
        pl.col(c).cast(pl.List(pl.String)).list.join(", ")
        for c, d in frame.schema.items()
        if isinstance(d, pl.List)
    )
    buffer = io.BytesIO()
    neutralise(flat).write_csv(buffer)
    return codecs.BOM_UTF8 + buffer.getvalue()
