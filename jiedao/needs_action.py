"""The shape every needs-action list shares, so the 问题清单 can stack them: ``item`` (short zh text),
``ref`` (org code / USCC / grid / compound …), ``community_code``, ``responsible``, ``due_at`` (when
it was or is due; null for gaps without a deadline) and ``days_overdue`` (whole days past ``due_at``;
null when not yet due or without a deadline), followed by each list's own columns."""

from __future__ import annotations

import polars as pl

COLUMNS = {
    "item": pl.String,
    "ref": pl.String,
    "community_code": pl.String,
    "responsible": pl.String,
    "due_at": pl.Datetime("us"),
    "days_overdue": pl.Int64,
}


def responsible(template: str, fallback: str, names: str = "community_name") -> pl.Expr:
    """The responsible unit from a template such as ``{community}社区党委``: the community's name put
    in, or ``fallback`` when the row has no community."""
    if "{community}" not in template:
        return pl.lit(template)
    before, after = template.split("{community}", 1)
    return (
        pl.when(pl.col(names).is_null())
        .then(pl.lit(fallback))
        .otherwise(pl.lit(before) + pl.col(names) + pl.lit(after))
    )


def finish(frame: pl.DataFrame) -> pl.DataFrame:
    """The standard columns first (missing ones null), cast to their types, then the rest."""
    standard = [
        (pl.col(name) if name in frame.columns else pl.lit(None)).cast(dtype).alias(name)
        for name, dtype in COLUMNS.items()
    ]
    rest = [c for c in frame.columns if c not in COLUMNS]
    return frame.select(*standard, *rest)
