"""Activity exports: monthly CSVs of the grid platform and the 12345 platform, quarterly XLSX of
property inspections and resident surveys."""

from __future__ import annotations

import datetime as dt

import polars as pl

from pipelines.demo.files_rosters import _names, _select
from pipelines.demo.spec import add_months
from pipelines.demo.street import Street
from pipelines.demo.writers import fixed


def _in_month(column: str, month: dt.date) -> pl.Expr:
    return (pl.col(column) >= month) & (pl.col(column) < add_months(month, 1))


def events(street: Street, month: dt.date) -> pl.DataFrame:
    frame = street.events.filter(_in_month("reported_at", month))
    return _select(
        frame,
        {
            "事件编号": "event_code",
            "上报时间": "reported_at",
            "所属网格": _names(street, "grid_code", "grid"),
            "事件类别编码": "category_code",
            "事件类别": "category_name",
            "事件来源": "source",
            "事件描述": "description",
            "立案时间": "registered_at",
            "派遣时间": "dispatched_at",
            "处置时间": "handled_at",
            "反馈时间": "feedback_at",
            "核查时间": "checked_at",
            "结案时间": "closed_at",
            "状态": "status",
            "时限类别": "deadline_class",
            "截止时间": "deadline_at",
            "返工次数": "reopened_count",
            "经度": fixed(pl.col("lon"), 6),
            "纬度": fixed(pl.col("lat"), 6),
        },
    )


def patrols(street: Street, month: dt.date) -> pl.DataFrame:
    frame = street.patrols.filter(_in_month("started_at", month))
    return _select(
        frame,
        {
            "巡查编号": "patrol_id",
            "网格员编号": "worker_id",
            "所属网格": "grid_name",
            "开始时间": "started_at",
            "结束时间": "ended_at",
            "巡查里程(米)": pl.col("distance_m").cast(pl.Int64),
        },
    )


def tickets(street: Street, month: dt.date) -> pl.DataFrame:
    frame = street.tickets.filter(_in_month("received_at", month)).sort("ticket_id")
    return _select(
        frame,
        {
            "工单编号": "ticket_id",
            "受理时间": "received_at",
            "来电渠道": "channel",
            "诉求类型": "appeal_type",
            "紧急程度": "urgency",
            "一级分类": "category_l1",
            "二级分类": "category_l2",
            "三级分类": "category_l3",
            "诉求标题": "title",
            "诉求内容": "content",
            "诉求地址": "address",
            "经度": fixed(pl.col("lon"), 6),
            "纬度": fixed(pl.col("lat"), 6),
            "所属社区": "community",
            "所属网格": _names(street, "grid_code", "grid"),
            "小区": _names(street, "compound_code", "compound"),
            "物业企业": _names(street, "company_uscc", "company"),
            "承办单位": "department",
            "来电人": "citizen",
            "来电号码": "phone",
            "派单时间": "dispatched_at",
            "签收时间": "signed_at",
            "联系时间": "contacted_at",
            "答复时间": "replied_at",
            "办结时间": "closed_at",
            "回访时间": "visited_at",
            "办结时限": "deadline_at",
            "工单状态": "status",
            "退单次数": "returned_count",
            "重办次数": "reopened_count",
            "是否联系": "is_contacted",
            "是否解决": "is_resolved",
            "满意度": "satisfaction",
            "物业责任": "company_fault",
            "答复内容": "reply_text",
        },
    )


def _quarter_text(quarter: str) -> str:
    return f"{quarter[:4]}年第{'一二三四'[int(quarter[-1]) - 1]}季度"


def inspections(street: Street, quarter: str) -> pl.DataFrame:
    frame = street.inspections.filter(pl.col("quarter") == quarter).sort("company_uscc", "compound_code")
    return _select(
        frame,
        {
            "考核季度": pl.lit(_quarter_text(quarter)),
            "物业企业": _names(street, "company_uscc", "company"),
            "小区": _names(street, "compound_code", "compound"),
            "考核维度": "dimension",
            "检查项目": "item",
            "得分": "score",
            "满分": "max_score",
            "检查日期": "inspected_on",
            "发现问题": "finding",
            "整改期限": "rectify_by",
            "整改完成日期": "rectified_on",
            "一票否决事项": "veto_event",
        },
    )


def surveys(street: Street, quarter: str) -> pl.DataFrame:
    frame = street.surveys.filter(pl.col("quarter") == quarter).sort("company_uscc", "compound_code")
    return _select(
        frame,
        {
            "考核季度": pl.lit(_quarter_text(quarter)),
            "物业企业": _names(street, "company_uscc", "company"),
            "小区": _names(street, "compound_code", "compound"),
            "有效问卷数": "respondents",
            "满意": "satisfied",
            "基本满意": "basically_satisfied",
            "不满意": "dissatisfied",
        },
    )
