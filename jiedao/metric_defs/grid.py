"""Grid metrics (DOMAIN.md §6): events, closure, reopen, patrols (一日双巡) and hotline tickets, per
street, community and grid. One ``summary`` query of jiedao/sql/grid.sql computes them all for the
grids in scope; ``event_facts`` is the row-level query behind the event measures. Definitions are
in the header of that file."""

from jiedao.metrics import Metric, register

GRAINS = ("street", "community", "grid")
REPORTED = ("本期上报事件", "events reported in the period")
CLOSED = ("本期结案事件", "events closed in the period")
HOUSEHOLDS = ("网格户数", "households of the grids")


def _grid(metric_id: str, labels, unit: str, direction: str, numerator, denominator=("", ""), **kw) -> Metric:
    return Metric.define(
        f"grid.{metric_id}", labels, unit, direction, "summary", numerator, denominator, grains=GRAINS, **kw
    )


register(
    _grid("events", ("网格事件数", "Grid events"), "件", "down", REPORTED, kind="count", rows="event_facts"),
    _grid(
        "events_per_1000_households",
        ("千户事件数", "Events per 1,000 households"),
        "件/千户",
        "down",
        REPORTED,
        HOUSEHOLDS,
        scale=1000.0,
        rows="event_facts",
    ),
    _grid(
        "on_time_close_rate",
        ("按时结案率", "On-time closure rate"),
        "%",
        "up",
        ("按时结案", "closed by the deadline"),
        ("本期到期事件（含超期未结案）", "events due in the period (overdue open included)"),
        rows="event_facts",
    ),
    _grid(
        "mean_hours_to_close",
        ("平均结案时长", "Mean hours to close"),
        "小时",
        "down",
        ("上报至结案小时数合计", "total hours from report to closing"),
        CLOSED,
        rows="event_facts",
    ),
    _grid(
        "reopen_rate",
        ("返工率", "Reopen rate"),
        "%",
        "down",
        ("核查退回重办的事件", "events sent back after a failed check"),
        CLOSED,
        rows="event_facts",
    ),
    _grid(
        "overdue_open",
        ("超期未结案事件", "Overdue open events"),
        "件",
        "down",
        ("截至统计时点超期未结案", "open past the deadline at the as-of time"),
        kind="count",
        rows="event_facts",
    ),
    _grid(
        "patrol_completion",
        ("巡查完成率", "Patrol completion"),
        "%",
        "up",
        ("完成巡查（每人每日计至多规定次数）", "patrols done (at most the required number a day)"),
        ("应巡查次数（一日双巡）", "patrols required (two a working day)"),
    ),
    _grid(
        "tickets_per_1000_households",
        ("千户工单数", "Tickets per 1,000 households"),
        "件/千户",
        "down",
        ("本期受理12345工单", "hotline tickets received in the period"),
        HOUSEHOLDS,
        scale=1000.0,
    ),
)
