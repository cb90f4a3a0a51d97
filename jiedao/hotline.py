"""12345 hotline lists and drill-downs (DOMAIN.md §5): the overdue list, hours-to-close distribution,
repeat complaints, TopN categories with 环比/同比, the 三率 ranking of communities (红黑榜) and the
tickets behind any hotline number. Aggregation happens in DuckDB (jiedao/sql/hotline.sql); the
frames returned are small. Personal data comes masked, as the warehouse stores it.

Needs-action lists (overdue, repeat complaints) start with the columns the 问题清单 unions:
``item`` (short zh text), ``ref`` (ticket id), ``community_code``, ``responsible`` (承办单位, else the
community), ``due_at``, ``days_overdue`` (whole days begun past the deadline, NULL when not overdue).
"""

from __future__ import annotations

import duckdb
import polars as pl

from jiedao import config, metrics
from jiedao.filters import Filter, Scope

ACTION_COLUMNS = ("item", "ref", "community_code", "responsible", "due_at", "days_overdue")
THREE_RATES = ("response_rate", "resolution_rate", "satisfaction_rate")


def overdue(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> pl.DataFrame:
    """Tickets open past their deadline at ``flt.as_of`` (whenever they fell due) and tickets due in
    the period that closed late; ``state`` says which. Most overdue first."""
    return metrics.run_query(con, "hotline", "overdue", flt, scope, by="community")


def close_hours_histogram(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None
) -> pl.DataFrame:
    """Tickets closed in the period per bin of hours to close (bins from config ``close_hours_bins``):
    bin, lower_h, upper_h (None = open-ended), tickets, share (None when nothing closed)."""
    return metrics.run_query(con, "hotline", "close_hours_histogram", flt, scope, by="community")


def repeat_complaints(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None
) -> pl.DataFrame:
    """Address + category pairs with a repeat in the period (same address and category again within
    ``repeat_window_days``): tickets, repeats, first_at, last_at, ticket_ids; most tickets first."""
    return metrics.run_query(con, "hotline", "repeat_complaints", flt, scope, by="community")


def top_categories(
    con: duckdb.DuckDBPyConnection,
    flt: Filter,
    scope: Scope | None = None,
    n: int = 10,
    level: str = "category",
) -> pl.DataFrame:
    """The ``n`` categories with most tickets received in the period (``level`` "category" = 一级,
    "subcategory" = 二级): key, tickets, previous (环比 period), year_ago (同比 period), share,
    change_mom, change_yoy (relative change; None where the earlier count is 0)."""
    if level not in ("category", "subcategory"):
        raise ValueError(f"level must be 'category' or 'subcategory', not {level!r}")
    before, year = flt.previous(), flt.year_ago()
    extra = {
        "top_n": n,
        "prev_start": before.start,
        "prev_end": before.end,
        "prev_as_of": before.judged_at(),
        "year_start": year.start,
        "year_end": year.end,
        "year_as_of": year.judged_at(),
    }
    return metrics.run_query(con, "hotline", "top_categories", flt, scope, by=level, **extra)


def categories(con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None) -> list[str]:
    """The 一级分类 of the tickets within the filter's communities (any month), most tickets first:
    the choices of a category filter (``Filter.categories``)."""
    return metrics.run_query(con, "hotline", "categories", flt, scope)["category"].to_list()


def tickets_behind(
    con: duckdb.DuckDBPyConnection,
    metric_id: str,
    flt: Filter,
    part: str = "denominator",
    scope: Scope | None = None,
    limit: int | None = None,
) -> pl.DataFrame:
    """The tickets counted in a hotline metric's numerator or denominator (see
    ``metrics.rows_behind``): one row per ticket with its deadlines, masked personal data."""
    if metrics.get(metric_id).family != "hotline":
        raise ValueError(f"{metric_id} is not a hotline metric")
    return metrics.rows_behind(con, metric_id, flt, part, scope, limit)


def three_rate_ranking(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None
) -> pl.DataFrame:
    """One row per community with tickets: the 三率 score (None when a rate has no denominator) and
    its three rates with their numbers, ranked best first (rank None for communities without a
    score). Weights from ``config/hotline.toml``."""
    raw = metrics.run_query(con, "hotline", "summary", flt, scope, by="community")
    names = metrics.run_query(con, "catalog", "community_names", flt, scope)
    # counts arrive as DuckDB HUGEINT (Polars Decimal(38, 0)): a Decimal quotient would round the
    # rate to 0 or 1, so the numbers become integers and the rates floats
    rates = [
        (pl.col(f"n_{r}").cast(pl.Float64) / pl.when(pl.col(f"d_{r}") > 0).then(pl.col(f"d_{r}"))).alias(r)
        for r in THREE_RATES
    ]
    numbers = [pl.col(f"{p}_{r}").cast(pl.Int64).alias(f"{p}_{r}") for r in THREE_RATES for p in ("n", "d")]
    ranked = (
        raw.select(
            pl.col("key").alias("community_code"),
            pl.col("n_three_rate_score").alias("score"),
            *rates,
            *numbers,
        )
        .join(names, on="community_code", how="left")
        .sort(["score", "community_code"], descending=[True, False], nulls_last=True)
    )
    rank = pl.when(pl.col("score").is_not_null()).then(pl.col("score").is_not_null().cum_sum())
    return ranked.with_columns(rank.cast(pl.Int64).alias("rank"))


def red_black_list(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None, n: int | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(红榜, 黑榜): the best and the worst ``n`` scored communities (default ``[ranking] top_n``);
    the worst list starts with the lowest score. With fewer than 2n scored communities the lists
    share members, as a published 红黑榜 of a small street would."""
    n = n if n is not None else int(config.load("hotline").get("ranking", {}).get("top_n", 5))
    scored = three_rate_ranking(con, flt, scope).filter(pl.col("score").is_not_null())
    return scored.head(n), scored.reverse().head(n)
