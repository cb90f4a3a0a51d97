"""Hotline family: 12345 tickets. Native exports use the Chinese headers below; foreign exports
(NYC 311, the Hunan message board, Open311 GeoReport v2) arrive through a TOML column mapping."""

from __future__ import annotations

from pipelines.contract import Column, Contract, Rule
from pipelines.sources._common import COMPANY_FK, COMPOUND_FK, community, coordinates, grid, street

APPEAL_TYPES = ("咨询", "求助", "投诉", "举报", "建议", "表扬")
STATUSES = ("待派单", "待签收", "办理中", "已答复", "已办结", "已退回", "已回访", "延期中")
SATISFACTION = ("满意", "基本满意", "不满意", "未评价")

_TS = "timestamp"
HOTLINE_TICKET = Contract(
    kind="hotline_ticket", table="hotline_ticket", zh="12345工单", en="hotline tickets", family="hotline",
    order=70,
    columns=(
        Column("ticket_id", "text", "工单编号", ("工单号", "编号", "service_request_id", "ticket_id"),
               required=True, pattern=r"[0-9A-Za-z_\-]{1,40}"),
        street(fk=False),
        Column("source_system", "text", "来源系统", ("数据来源",), default="12345"),
        Column("channel", "text", "来电渠道", ("受理渠道", "渠道", "来源")),
        Column("appeal_type", "text", "诉求类型", ("工单类型", "诉求性质", "类型"), allowed=APPEAL_TYPES,
               synonyms={"咨询类": "咨询", "求助类": "求助", "投诉类": "投诉", "举报类": "举报",
                         "建议类": "建议", "表扬类": "表扬", "意见建议": "建议"}),
        Column("category_l1", "text", "一级分类", ("问题分类", "业务分类", "service_name")),
        Column("category_l2", "text", "二级分类"),
        Column("category_l3", "text", "三级分类"),
        Column("category_code", "text", "分类编码", ("service_code",)),
        Column("title", "text", "诉求标题", ("标题", "主题")),
        Column("content", "text", "诉求内容", ("工单内容", "内容", "description", "问题描述")),
        Column("reply_text", "text", "答复内容", ("办理结果", "答复意见", "status_notes")),
        community(), grid(),
        Column("compound_code", "text", "小区", ("小区编码", "所属小区"), fk=COMPOUND_FK),
        Column("company_uscc", "text", "物业企业", ("物业企业信用代码", "物业公司"), fk=COMPANY_FK),
        Column("department", "text", "承办单位", ("承办部门", "责任单位", "agency_responsible")),
        Column("address", "text", "诉求地址", ("地址", "事发地址", "address")),
        *coordinates(),
        Column("urgency", "text", "紧急程度", ("缓急程度",), allowed=("一般", "紧急"),
               synonyms={"普通": "一般", "特急": "紧急", "加急": "紧急"}),
        Column("citizen", "text", "来电人", ("诉求人", "来电人姓名", "联系人"), personal="name",
               target="citizen_masked"),
        Column("phone", "text", "来电号码", ("联系电话", "联系方式", "手机号"), personal="phone",
               target="phone_masked"),
        Column("received_at", _TS, "受理时间", ("来电时间", "登记时间", "requested_datetime"), required=True,
               not_future=True),
        Column("dispatched_at", _TS, "派单时间", ("派发时间",), not_future=True),
        Column("signed_at", _TS, "签收时间", not_future=True),
        Column("contacted_at", _TS, "联系时间", ("首次联系时间",), not_future=True),
        Column("replied_at", _TS, "答复时间", ("回复时间", "updated_datetime"), not_future=True),
        Column("closed_at", _TS, "办结时间", ("结案时间",), not_future=True),
        Column("visited_at", _TS, "回访时间", not_future=True),
        Column("deadline_at", _TS, "办结时限", ("办理时限", "截止时间", "expected_datetime")),
        Column("status", "text", "工单状态", ("状态", "办理状态", "status"), allowed=STATUSES,
               synonyms={"办结": "已办结", "已结案": "已办结", "结案": "已办结", "处理中": "办理中",
                         "退回": "已退回", "待处理": "待派单", "已回复": "已答复"}),
        Column("returned_count", "int", "退单次数", ("退回次数",), min=0, max=100),
        Column("reopened_count", "int", "重办次数", ("重新办理次数",), min=0, max=100),
        Column("is_contacted", "bool", "是否联系", ("是否联系诉求人",)),
        Column("is_resolved", "bool", "是否解决", ("问题是否解决", "解决情况")),
        Column("satisfaction", "text", "满意度", ("回访满意度", "评价结果"), allowed=SATISFACTION,
               synonyms={"非常满意": "满意", "比较满意": "基本满意", "一般": "基本满意", "不满意的": "不满意",
                         "未回访": "未评价", "无": "未评价"}),
        Column("company_fault", "bool", "物业责任", ("是否物业责任", "核实为物业责任")),
    ),
    key=("ticket_id",), period="received_at", crs="WGS84",
    rules=(
        Rule("closed_before_received", "closed_at < received_at", "办结时间早于受理时间",
             "closed before it was received", "closed_at"),
        Rule("replied_before_received", "replied_at < received_at", "答复时间早于受理时间",
             "replied before it was received", "replied_at"),
        Rule("signed_before_dispatched", "signed_at < dispatched_at", "签收时间早于派单时间",
             "signed before it was dispatched", "signed_at"),
        Rule("deadline_before_received", "deadline_at < received_at", "办结时限早于受理时间",
             "deadline before it was received", "deadline_at"),
        Rule("visited_before_closed", "visited_at < closed_at", "回访时间早于办结时间",
             "visited before it was closed", "visited_at"),
    ),
    file_hints=("12345", "工单", "热线"),
)

CONTRACTS = (HOTLINE_TICKET,)
