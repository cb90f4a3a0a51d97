"""12345 hotline metrics (DOMAIN.md §5). One pass over the tickets computes them all: the ``summary``
query of jiedao/sql/hotline.sql aggregates ``ticket_facts`` (one row per ticket with its deadlines
and a flag per numerator and denominator), which is also the row-level query behind every number.
Definitions of "due", "responded", "visited" are in the header of that file."""

from jiedao.metrics import Metric, register

GRAINS = ("street", "community", "grid", "category", "subcategory")


def _hotline(metric_id: str, zh: str, en: str, unit: str, direction: str, **kw) -> Metric:
    rows = kw.pop("rows", "ticket_facts")
    return Metric(f"hotline.{metric_id}", zh, en, unit, direction, "summary", grains=GRAINS, rows=rows, **kw)


def _rate(metric_id, zh, en, direction, num: tuple[str, str], den: tuple[str, str]) -> Metric:
    return _hotline(
        metric_id,
        zh,
        en,
        "%",
        direction,
        numerator_zh=num[0],
        numerator_en=num[1],
        denominator_zh=den[0],
        denominator_en=den[1],
    )


VISITED = ("回访工单", "tickets visited")
CLOSED = ("本期办结工单", "tickets closed in the period")
ANSWERS = ("有效回访评价", "valid visit answers")

register(
    _hotline(
        "tickets",
        "工单量",
        "Tickets",
        "件",
        "down",
        kind="count",
        numerator_zh="受理工单",
        numerator_en="tickets received",
    ),
    _rate(
        "response_rate",
        "响应率",
        "Response rate",
        "up",
        ("按时签收并联系诉求人", "signed and contacted in time"),
        ("应响应工单", "tickets due for response"),
    ),
    _rate(
        "resolution_rate",
        "解决率",
        "Resolution rate",
        "up",
        ("回访认定已解决", "judged resolved at the visit"),
        VISITED,
    ),
    _rate(
        "satisfaction_rate",
        "满意率",
        "Satisfaction rate",
        "up",
        ("满意 + 基本满意", "satisfied + fairly satisfied"),
        ANSWERS,
    ),
    _rate(
        "dissatisfaction_rate",
        "不满意率",
        "Dissatisfaction rate",
        "down",
        ("不满意", "dissatisfied"),
        ANSWERS,
    ),
    _rate(
        "on_time_close_rate",
        "按期办结率",
        "On-time closure rate",
        "up",
        ("按期办结", "closed by the deadline"),
        ("应办结工单（含超期未办结）", "tickets due to close (overdue open included)"),
    ),
    _rate(
        "return_rate",
        "回退率",
        "Return rate",
        "down",
        ("退单工单", "tickets returned"),
        ("派单工单", "tickets dispatched"),
    ),
    _rate("reopen_rate", "重办率", "Reopen rate", "down", ("重办工单", "tickets reopened"), CLOSED),
    _rate("visit_rate", "回访率", "Visit rate", "up", ("已回访", "visited"), CLOSED),
    _hotline(
        "backlog",
        "积压工单",
        "Backlog",
        "件",
        "down",
        kind="count",
        numerator_zh="截至统计时点未办结",
        numerator_en="open at the as-of time",
    ),
    _hotline(
        "overdue_open",
        "超期未办结",
        "Overdue open tickets",
        "件",
        "down",
        kind="count",
        numerator_zh="截至统计时点超期未办结",
        numerator_en="open past the deadline at the as-of time",
    ),
    _hotline(
        "close_hours_median",
        "办结时长中位数",
        "Median hours to close",
        "小时",
        "down",
        kind="value",
        numerator_zh="受理至办结小时数的中位数",
        numerator_en="median hours from receipt to closing",
        denominator_zh=CLOSED[0],
        denominator_en=CLOSED[1],
    ),
    _hotline(
        "close_hours_p90",
        "办结时长P90",
        "P90 hours to close",
        "小时",
        "down",
        kind="value",
        numerator_zh="受理至办结小时数的90分位",
        numerator_en="90th percentile of hours from receipt to closing",
        denominator_zh=CLOSED[0],
        denominator_en=CLOSED[1],
    ),
    _hotline(
        "three_rate_score",
        "三率综合得分",
        "Three-rate score",
        "分",
        "up",
        kind="value",
        rows="",
        numerator_zh="响应率×30% + 解决率×35% + 满意率×35%（权重见 config/hotline.toml）",
        numerator_en="response 30 % + resolution 35 % + satisfaction 35 % (weights in config/hotline.toml)",
    ),
)
