"""组织生活 compliance behind the ``meetings.*`` metrics (DOMAIN.md §3): every required meeting
(obligation = organisation × rule × window, rules in config/meetings.toml) with its state as of a
moment, the green/yellow/red status of each branch, the branch × month matrix for the page, the
due-soon and missed lists, and the members behind with their dues. Every list names the responsible
branch's category (``org_category``: 社区, 网格, 机关, 非公企业 …), and ``rates`` gives the family's
metrics for branches of chosen categories, so the page can narrow everything to one type of branch.

The obligation lists run the very CTEs of the ``compliance_rate`` metric query (and the dues list those
of ``dues_behind_members``), so a list and its rate cannot disagree. Colours, as the party-building
platforms use them: red = a window closed with a required meeting missing; yellow = a required meeting
due within ``due_soon_days`` and not yet held; green = otherwise; none = nothing due yet.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from jiedao import config, metrics, needs_action
from jiedao.filters import Filter, Scope
from jiedao.metrics import Value, query_params
from jiedao.queries import family

FINAL = "\nSELECT {by} AS key"
RULE_KEYS = {"kind", "org_types", "every_months", "min_full_members", "quorum"}
QUORUMS = ("voting", "committee", "none")


def check_rules(rules: dict) -> None:
    """Refuse a meeting rule the SQL cannot apply, naming the rule and the problem (zh / en)."""
    for i, rule in enumerate(rules.get("params", {}).get("meeting_rules", []), start=1):
        where = f"config/meetings.toml 第 {i} 条会议规则 / meeting rule {i} ({rule.get('kind', '?')})"
        if set(rule) != RULE_KEYS:
            raise ValueError(f"{where}: 应有且只有 / needs exactly {', '.join(sorted(RULE_KEYS))}")
        if rule["every_months"] not in (1, 2, 3, 4, 6, 12):
            raise ValueError(f"{where}: every_months 须整除 12 / must divide 12, got {rule['every_months']}")
        if rule["quorum"] not in QUORUMS:
            raise ValueError(f"{where}: quorum 须为 / must be one of {', '.join(QUORUMS)}")


def params() -> dict:
    """``[params]`` of config/meetings.toml: ``due_soon_days``, ``dues_behind_months``, the rules …"""
    return dict(config.load("meetings").get("params", {}))


def judging_moment(flt: Filter, as_of: dt.datetime | None = None) -> dt.datetime:
    """When open items are judged: ``as_of``, else the filter's, else the end of the period or now
    (Asia/Shanghai wall-clock time), whichever is earlier."""
    return as_of or flt.judged_at()


def _ctes(metric_query: str) -> str:
    """Every CTE of a metric query: its text before the final ``SELECT {by} AS key``."""
    head, found, _ = family("meetings")[metric_query].rpartition(FINAL)
    if not found:
        raise ValueError(f"meetings.sql {metric_query}: 找不到结尾的 / no final 'SELECT {{by}} AS key'")
    return head


def _run(con, sql: str, flt: Filter, scope: Scope | None, as_of: dt.datetime) -> pl.DataFrame:
    rules = config.load("meetings")
    check_rules(rules)
    with_moment = {**rules, "params": {**rules.get("params", {}), "as_of": as_of}}
    params = query_params(sql, flt, scope, with_moment)
    if "as_of" in params:  # the moment chosen here, whatever the filter carries
        params["as_of"] = as_of
    return con.sql(sql, params=params).pl()


def _states(con, final: str, flt: Filter, scope: Scope | None, as_of: dt.datetime | None) -> pl.DataFrame:
    queries = family("meetings")
    sql = f"{_ctes('compliance_rate')},\nstate AS (\n{queries['obligation_state']}\n)\n{queries[final]}"
    return _run(con, sql, flt, scope, judging_moment(flt, as_of))


def obligations(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None, as_of: dt.datetime | None = None
) -> pl.DataFrame:
    """One row per required meeting falling due in the period: responsible branch (org_code), the unit
    that must hold it (unit_code: the branch or its 党小组), kind, window, due_on, full_members, meetings
    held in the window, quorate, held, compliant (held on time, with quorum) and state."""
    return _states(con, "obligations", flt, scope, as_of)


def org_status(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None, as_of: dt.datetime | None = None
) -> pl.DataFrame:
    """One row per responsible branch: required, held, on_time, missed, due_soon and status colour."""
    return _states(con, "org_status", flt, scope, as_of)


def month_matrix(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None, as_of: dt.datetime | None = None
) -> pl.DataFrame:
    """Branch × month (long): org_code, org_name, org_category, community_code, month, required,
    on_time, status.
    A month holds the obligations falling due in it (quarterly ones in the quarter's last month)."""
    return _states(con, "org_month_status", flt, scope, as_of)


def pivot_matrix(matrix: pl.DataFrame) -> pl.DataFrame:
    """The long matrix as the page shows it: one row per branch, one status column per month (YYYY-MM)."""
    if matrix.is_empty():
        return pl.DataFrame(schema={"org_code": pl.String, "org_name": pl.String})
    return (
        matrix.with_columns(pl.col("month").dt.strftime("%Y-%m"))
        .pivot("month", index=["org_code", "org_name"], values="status", sort_columns=True)
        .sort("org_code")
    )


def due_and_missed(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None, as_of: dt.datetime | None = None
) -> pl.DataFrame:
    """The needs-action list: required meetings missed (window closed; ``days_overdue`` since the due
    day) and those due within ``due_soon_days`` not yet held (``days_left``), missed first."""
    moment = judging_moment(flt, as_of)
    rows = obligations(con, flt, scope, moment).filter(pl.col("state").is_in(["missed", "due_soon"]))
    missed = pl.col("state") == "missed"
    item = (
        pl.when(missed & pl.col("held"))
        .then(pl.col("kind") + pl.lit("到会人数未过半（") + pl.col("period_label") + pl.lit("）"))
        .when(missed)
        .then(pl.col("kind") + pl.lit("未按期召开（") + pl.col("period_label") + pl.lit("）"))
        .otherwise(pl.col("kind") + pl.lit("即将到期，尚未召开（") + pl.col("period_label") + pl.lit("）"))
    )
    overdue = (pl.lit(moment.date()) - pl.col("due_on")).dt.total_days()
    return needs_action.finish(
        rows.with_columns(
            item.alias("item"),
            pl.col("unit_code").alias("ref"),
            pl.col("org_name").alias("responsible"),
            pl.col("due_on").cast(pl.Datetime("us")).alias("due_at"),
            pl.when(missed).then(overdue).alias("days_overdue"),
            pl.when(missed).then(None).otherwise(-overdue).alias("days_left"),
        ).sort(
            ["state", "due_on", "org_code", "unit_code", "kind"],
            descending=[True, False, False, False, False],
        )
    ).select(
        *needs_action.COLUMNS,
        "days_left",
        "state",
        "held",
        "org_code",
        "org_category",
        "unit_name",
        "kind",
        "period_label",
        "due_on",
    )


def members_behind(
    con: duckdb.DuckDBPyConnection, flt: Filter, scope: Scope | None = None, as_of: dt.datetime | None = None
) -> pl.DataFrame:
    """Members ``dues_behind_months`` or more months behind with their dues as of the start of the
    judging day: months_behind, last month paid for, and the deadline of the first unpaid month
    (``due_at``) with the days since (``days_overdue``). ``ref`` is the member's branch."""
    day = judging_moment(flt, as_of).date()
    at_day = Filter(day - dt.timedelta(days=1), day, flt.communities, flt.grids)
    sql = f"{_ctes('dues_behind_members')}\n{family('meetings')['members_behind']}"
    rows = _run(con, sql, at_day, scope, dt.datetime.combine(day, dt.time()))
    return needs_action.finish(
        rows.with_columns(
            (pl.lit("党费已连续") + pl.col("months_behind").cast(pl.String) + pl.lit("个月未缴")).alias(
                "item"
            ),
            pl.col("org_code").alias("ref"),
            pl.col("org_name").alias("responsible"),
            pl.col("first_deadline").cast(pl.Datetime("us")).alias("due_at"),
            (pl.lit(day) - pl.col("first_deadline")).dt.total_days().alias("days_overdue"),
        )
    ).select(
        *needs_action.COLUMNS, "org_category", "member_key", "name_masked", "months_behind", "last_paid_month"
    )


def months(con: duckdb.DuckDBPyConnection) -> list[dt.date]:
    """First days of the months in which meetings were held, newest first (empty: no meetings)."""
    return con.sql(family("meetings")["months_with_meetings"]).pl()["month"].to_list()


def branches(con: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """Every organisation that answers for meetings and dues (all but 党小组): org_code, org_name,
    org_category, community_code, community_name."""
    return con.sql(family("meetings")["branches"]).pl()


def of_categories(frame: pl.DataFrame, categories: tuple[str, ...]) -> pl.DataFrame:
    """The rows of a list or matrix whose branch is of one of ``categories`` (empty = every row)."""
    return frame.filter(pl.col("org_category").is_in(categories)) if categories else frame


def rates(
    con: duckdb.DuckDBPyConnection,
    flt: Filter,
    categories: tuple[str, ...] = (),
    scope: Scope | None = None,
    compare: bool = True,
) -> dict[str, Value]:
    """Every ``meetings.*`` metric (id → Value, with 环比 and 同比 unless ``compare`` is False) for the
    branches of ``categories``; empty = every branch, exactly ``metrics.evaluate_family``. With
    categories the metrics' per-branch numbers are summed over those branches: every numerator and
    denominator of the family is a count of rows belonging to one branch, so the sum is the rate the
    same query would give for those branches alone."""
    if not categories:
        return metrics.evaluate_family(con, "meetings", flt, scope, compare)
    chosen = set(of_categories(branches(con), categories)["org_code"])
    ids = [m.id for m in metrics.all_metrics("meetings")]
    periods = (flt, flt.previous(), flt.year_ago()) if compare else (flt,)
    frames = [metrics.frames_by(con, ids, period, "org", scope) for period in periods]
    return {mid: _summed_value(mid, [f[mid] for f in frames], chosen, compare) for mid in ids}


def _summed_value(metric_id: str, frames: list[pl.DataFrame], orgs: set[str], compare: bool) -> Value:
    """A Value from per-branch frames (current period, then 环比 and 同比 periods when ``compare``)."""
    metric = metrics.get(metric_id)
    values = []
    for frame in frames:
        rows = frame.filter(pl.col("key").is_in(orgs))
        numerator = float(rows["numerator"].fill_null(0).sum())
        denominator = float(rows["denominator"].sum()) if metric.kind == "rate" else None
        values.append((numerator, denominator, metric.value_of(numerator, denominator)))
    (numerator, denominator, value), *earlier = values
    result = Value(metric, numerator, denominator, value, metric.status(value))
    if compare:
        result.previous, result.year_ago = earlier[0][2], earlier[1][2]
    return result
