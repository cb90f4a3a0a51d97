"""组织生活 and 党费 metrics (DOMAIN.md §3). SQL in jiedao/sql/meetings.sql, the required-meeting rules
and thresholds in config/meetings.toml, obligation lists and colours in jiedao/meetings.py."""

from jiedao.metrics import Metric, register

GRAINS = ("street", "community", "org")

register(
    Metric(
        "meetings.compliance_rate",
        "组织生活按期完成率",
        "Meeting compliance",
        "%",
        "up",
        "compliance_rate",
        grains=GRAINS,
        numerator_zh="按期召开（且达到法定人数）的应开会议",
        numerator_en="required meetings held on time (with quorum)",
        denominator_zh="应开会议（已到期或已召开）",
        denominator_en="required meetings (due or already held)",
    ),
    Metric(
        "meetings.attendance_rate",
        "组织生活到会率",
        "Meeting attendance",
        "%",
        "up",
        "attendance_rate",
        grains=GRAINS,
        numerator_zh="实到人次",
        numerator_en="attendees",
        denominator_zh="应到人次",
        denominator_en="expected attendees",
    ),
    Metric(
        "meetings.quorum_rate",
        "会议法定人数达标率",
        "Quorum rate",
        "%",
        "up",
        "quorum_rate",
        grains=GRAINS,
        numerator_zh="到会人数过半的党员大会、支委会",
        numerator_en="general meetings and committee meetings with quorum",
        denominator_zh="记录了到会人数的党员大会、支委会",
        denominator_en="such meetings with attendance recorded",
    ),
    Metric(
        "meetings.dues_on_time_rate",
        "党费按时缴纳率",
        "Dues paid on time",
        "%",
        "up",
        "dues_on_time_rate",
        grains=GRAINS,
        numerator_zh="按期缴纳的党员月份",
        numerator_en="member-months paid by the deadline",
        denominator_zh="应缴党员月份（已到期或已缴）",
        denominator_en="member-months due (deadline passed or paid)",
    ),
    Metric(
        "meetings.dues_behind_members",
        "欠缴党费3个月以上党员",
        "Members 3+ months behind with dues",
        "人",
        "down",
        "dues_behind_members",
        kind="count",
        grains=GRAINS,
        numerator_zh="连续欠缴达到规定月数的党员",
        numerator_en="members behind by the configured number of months",
    ),
)
