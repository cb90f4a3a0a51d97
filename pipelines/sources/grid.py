"""Grid family: the street / community / grid map (GeoJSON polygons), grid events and patrols."""

from __future__ import annotations

from pipelines.contract import Column, Contract, ForeignKey, Rule
from pipelines.sources._common import coordinates, count, grid, polygon, street

STREET = Contract(
    kind="street",
    table="street",
    zh="街道边界",
    en="street boundary",
    family="grid",
    order=1,
    columns=(
        Column(
            "street_code",
            "text",
            "街道代码",
            ("街道编码", "code", "乡镇代码", "乡代码"),
            required=True,
            pattern=r"[0-9]{9}",
        ),
        Column("name", "text", "街道名称", ("名称", "乡", "乡镇", "街道"), required=True),
        Column("district_code", "text", "区县代码", ("区代码", "areacode"), pattern=r"[0-9]{6}"),
        polygon(),
    ),
    key=("street_code",),
    crs="WGS84",
    file_hints=("街道边界", "street"),
)

COMMUNITY = Contract(
    kind="community",
    table="community",
    zh="社区",
    en="communities",
    family="grid",
    order=2,
    columns=(
        Column(
            "community_code",
            "text",
            "社区代码",
            ("社区编码", "code", "编码"),
            required=True,
            pattern=r"[0-9]{12}",
        ),
        street(),
        Column("name", "text", "社区名称", ("名称", "社区"), required=True),
        count("households", "户数", ("总户数",)),
        count("population", "人口", ("常住人口", "人口数")),
        Column("premises_m2", "float", "社区用房面积", ("用房面积", "办公用房面积"), min=0, max=100000),
        polygon(),
    ),
    key=("community_code",),
    file_hints=("社区边界", "社区"),
)

GRID = Contract(
    kind="grid",
    table="grid",
    zh="网格",
    en="grids",
    family="grid",
    order=3,
    columns=(
        Column(
            "grid_code",
            "text",
            "网格编码",
            ("网格代码", "网格编号", "code", "编码"),
            required=True,
            pattern=r"[0-9A-Za-z\-]{4,30}",
        ),
        Column(
            "community_code",
            "text",
            "所属社区",
            ("社区代码", "社区编码", "社区"),
            required=True,
            fk=ForeignKey("community", "community_code", "name"),
        ),
        street(),
        Column("name", "text", "网格名称", ("名称", "网格"), required=True),
        Column(
            "grid_type",
            "text",
            "网格类型",
            ("类型", "type"),
            required=True,
            allowed=("综合网格", "专属网格"),
            synonyms={"普通": "综合网格", "普通网格": "综合网格", "专属": "专属网格", "综合": "综合网格"},
        ),
        count("households", "户数", ("总户数",), max=5000),
        count("population", "人口", ("常住人口",), max=20000),
        polygon(),
    ),
    key=("grid_code",),
    file_hints=("网格边界", "网格划分"),
)

EVENT_STATUSES = ("上报", "立案", "派遣", "处置", "反馈", "核查", "结案", "退回")
GRID_EVENT = Contract(
    kind="grid_event",
    table="grid_event",
    zh="网格事件",
    en="grid events",
    family="grid",
    order=60,
    columns=(
        Column("event_code", "text", "事件编号", ("事件编码", "编号", "event_id"), required=True),
        street(),
        Column("source_system", "text", "来源系统", ("系统",), default="grid"),
        grid(required=True),
        Column(
            "category_code",
            "text",
            "事件类别编码",
            ("分类编码", "类别编码", "小类编码"),
            required=True,
            pattern=r"[0-9]{4}",
        ),
        Column("category_name", "text", "事件类别", ("分类名称", "小类名称", "类别")),
        Column(
            "source",
            "text",
            "事件来源",
            ("来源", "上报渠道"),
            allowed=("网格员巡查", "群众上报", "12345转办", "视频发现", "部门移交"),
        ),
        Column("description", "text", "事件描述", ("描述", "内容")),
        Column("reported_at", "timestamp", "上报时间", ("发现时间",), required=True, not_future=True),
        Column("registered_at", "timestamp", "立案时间", not_future=True),
        Column("dispatched_at", "timestamp", "派遣时间", not_future=True),
        Column("handled_at", "timestamp", "处置时间", not_future=True),
        Column("feedback_at", "timestamp", "反馈时间", not_future=True),
        Column("checked_at", "timestamp", "核查时间", not_future=True),
        Column("closed_at", "timestamp", "结案时间", not_future=True),
        Column(
            "status",
            "text",
            "状态",
            ("事件状态", "当前环节"),
            required=True,
            allowed=EVENT_STATUSES,
            synonyms={"已结案": "结案", "办结": "结案", "已办结": "结案", "处置中": "处置", "待核查": "核查"},
        ),
        Column(
            "deadline_class",
            "text",
            "时限类别",
            ("处置时限", "办理时限"),
            allowed=("即办", "一般", "复杂", "延期"),
        ),
        Column("deadline_at", "timestamp", "截止时间", ("处置期限",)),
        count("reopened_count", "返工次数", ("退回次数", "重办次数"), max=100),
        *coordinates(),
    ),
    key=("event_code",),
    period="reported_at",
    crs="WGS84",
    rules=(
        Rule(
            "closed_before_reported",
            "closed_at < reported_at",
            "结案时间早于上报时间",
            "closed before it was reported",
            "closed_at",
        ),
        Rule(
            "closed_without_time",
            "status = '结案' AND closed_at IS NULL",
            "状态为结案但无结案时间",
            "status is closed but no closing time",
            "closed_at",
        ),
    ),
    file_hints=("网格事件", "事件"),
)

PATROL = Contract(
    kind="patrol",
    table="patrol",
    zh="巡查记录",
    en="patrols",
    family="grid",
    order=61,
    columns=(
        Column("patrol_id", "text", "巡查编号", ("编号", "记录编号"), required=True),
        street(),
        Column("source_system", "text", "来源系统", ("系统",), default="grid"),
        Column(
            "worker_id",
            "text",
            "网格员编号",
            ("网格员工号", "工号"),
            required=True,
            fk=ForeignKey("grid_worker", "worker_id"),
        ),
        grid(required=True),
        Column("started_at", "timestamp", "开始时间", ("巡查开始时间",), required=True, not_future=True),
        Column("ended_at", "timestamp", "结束时间", ("巡查结束时间",), not_future=True),
        Column("distance_m", "float", "巡查里程(米)", ("里程", "巡查距离"), min=0, max=100000),
    ),
    key=("patrol_id",),
    period="started_at",
    rules=(
        Rule(
            "ended_before_started",
            "ended_at < started_at",
            "结束时间早于开始时间",
            "ended before it started",
            "ended_at",
        ),
    ),
    file_hints=("巡查",),
)

CONTRACTS = (STREET, COMMUNITY, GRID, GRID_EVENT, PATROL)
