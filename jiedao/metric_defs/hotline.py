"""12345 hotline metrics (DOMAIN.md §5). One pass over the tickets computes them all: the ``summary``
query of jiedao/sql/hotline.sql aggregates ``ticket_facts`` (one row per ticket with its deadlines
and a flag per numerator and denominator), which is also the row-level query behind every number.
Definitions of "due", "responded", "visited" are in the header of that file."""

from jiedao.metrics import Metric, register

GRAINS = ("street", "community", "grid", "category", "subcategory")
VISITED = ("回访工单", "tickets visited")
CLOSED = ("本期办结工单", "tickets closed in the period")
ANSWERS = ("有效回访评价", "valid visit answers")


def _hotline(
    metric_id: str, labels, unit: str, direction: str, numerator, denominator=("", ""), **kw
) -> Metric:
    rows = kw.pop("rows", "ticket_facts")
    return Metric.define(
        f"hotline.{metric_id}", labels, unit, direction, "summary", numerator, denominator,
        grains=GRAINS, rows=rows, **kw,
    )  # fmt: skip


def _rate(metric_id: str, labels, direction: str, numerator, denominator) -> Metric:
    return _hotline(metric_id, labels, "%", direction, numerator, denominator)


def _hours(metric_id: str, labels, statistic: tuple[str, str]) -> Metric:
    """Hours from receipt to closing over the tickets closed in the period (a median, a percentile)."""
    numerator = (f"受理至办结小时数的{statistic[0]}", f"{statistic[1]} of hours from receipt to closing")
    return _hotline(metric_id, labels, "小时", "down", numerator, CLOSED, kind="value")


register(
    _hotline("tickets", ("工单量", "Tickets"), "件", "down", ("受理工单", "tickets received"), kind="count"),
    _rate(
        "response_rate",
        ("响应率", "Response rate"),
        "up",
        ("按时签收并联系诉求人", "signed and contacted in time"),
        ("应响应工单", "tickets due for response"),
    ),
    _rate(
        "resolution_rate",
        ("解决率", "Resolution rate"),
        "up",
        ("回访认定已解决", "judged resolved at the visit"),
        VISITED,
    ),
    _rate(
        "satisfaction_rate",
        ("满意率", "Satisfaction rate"),
        "up",
        ("满意 + 基本满意", "satisfied + fairly satisfied"),
        ANSWERS,
    ),
    _rate(
        "dissatisfaction_rate",
        ("不满意率", "Dissatisfaction rate"),
        "down",
        ("不满意", "dissatisfied"),
        ANSWERS,
    ),
    _rate(
        "on_time_close_rate",
        ("按期办结率", "On-time closure rate"),
        "up",
        ("按期办结", "closed by the deadline"),
        ("应办结工单（含超期未办结）", "tickets due to close (overdue open included)"),
    ),
    _rate(
        "return_rate",
        ("回退率", "Return rate"),
        "down",
        ("退单工单", "tickets returned"),
        ("派单工单", "tickets dispatched"),
    ),
    _rate("reopen_rate", ("重办率", "Reopen rate"), "down", ("重办工单", "tickets reopened"), CLOSED),
    _rate("visit_rate", ("回访率", "Visit rate"), "up", ("已回访", "visited"), CLOSED),
    _hotline(
        "backlog",
        ("积压工单", "Backlog"),
        "件",
        "down",
        ("截至统计时点未办结", "open at the as-of time"),
        kind="count",
    ),
    _hotline(
        "overdue_open",
        ("超期未办结", "Overdue open tickets"),
        "件",
        "down",
        ("截至统计时点超期未办结", "open past the deadline at the as-of time"),
        kind="count",
    ),
    _hours("close_hours_median", ("办结时长中位数", "Median hours to close"), ("中位数", "median")),
    _hours("close_hours_p90", ("办结时长P90", "P90 hours to close"), ("90分位", "90th percentile")),
    _hotline(
        "three_rate_score",
        ("三率综合得分", "Three-rate score"),
        "分",
        "up",
        (
            "响应率×30% + 解决率×35% + 满意率×35%（权重见 config/hotline.toml）",
            "response 30 % + resolution 35 % + satisfaction 35 % (weights in config/hotline.toml)",
        ),
        kind="value",
        rows="",
    ),
)
