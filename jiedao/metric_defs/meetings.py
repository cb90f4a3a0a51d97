"""组织生活 and 党费 metrics (DOMAIN.md §3). SQL in jiedao/sql/meetings.sql, the required-meeting rules
and thresholds in config/meetings.toml, obligation lists and colours in jiedao/meetings.py."""

from jiedao.metrics import Metric, register

GRAINS = ("street", "community", "org")


def _meetings(name: str, labels, unit: str, direction: str, numerator, denominator=("", ""), **kw) -> Metric:
    """A metric computed by the query of its own name."""
    return Metric.define(
        f"meetings.{name}", labels, unit, direction, name, numerator, denominator, grains=GRAINS, **kw
    )


register(
    _meetings(
        "compliance_rate",
        ("组织生活按期完成率", "Meeting compliance"),
        "%",
        "up",
        ("按期召开（且达到法定人数）的应开会议", "required meetings held on time (with quorum)"),
        ("应开会议（已到期或已召开）", "required meetings (due or already held)"),
    ),
    _meetings(
        "attendance_rate",
        ("组织生活到会率", "Meeting attendance"),
        "%",
        "up",
        ("实到人次", "attendees"),
        ("应到人次", "expected attendees"),
    ),
    _meetings(
        "quorum_rate",
        ("会议法定人数达标率", "Quorum rate"),
        "%",
        "up",
        ("到会人数过半的党员大会、支委会", "general meetings and committee meetings with quorum"),
        ("记录了到会人数的党员大会、支委会", "such meetings with attendance recorded"),
    ),
    _meetings(
        "dues_on_time_rate",
        ("党费按时缴纳率", "Dues paid on time"),
        "%",
        "up",
        ("按期缴纳的党员月份", "member-months paid by the deadline"),
        ("应缴党员月份（已到期或已缴）", "member-months due (deadline passed or paid)"),
    ),
    _meetings(
        "dues_behind_members",
        ("欠缴党费3个月以上党员", "Members 3+ months behind with dues"),
        "人",
        "down",
        ("连续欠缴达到规定月数的党员", "members behind by the configured number of months"),
        kind="count",
    ),
)
