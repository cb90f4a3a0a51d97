"""Roster family: Party organisations and members, dues, meetings, 两新组织, property companies and
their compounds, grid workers, volunteers and 党群服务中心. Rosters arrive as XLSX with Chinese
headers and a title row; personal data is masked (names, phones) or hashed (ID numbers) on load."""

from __future__ import annotations

from pipelines.contract import Column, Contract, ForeignKey, Rule
from pipelines.sources._common import (
    COMPANY_FK,
    COMPOUND_FK,
    ORG_FK,
    USCC_PATTERN,
    community,
    coordinates,
    count,
    grid,
    street,
)

ORG_TYPES = ("党工委", "党委", "党总支", "党支部", "联合党支部", "党小组")
ORG_CATEGORIES = (
    "街道",
    "社区",
    "网格",
    "楼栋",
    "机关",
    "事业单位",
    "国企",
    "非公企业",
    "社会组织",
    "物业企业",
    "联合",
)

PROPERTY_COMPANY = Contract(
    kind="property_company",
    table="property_company",
    zh="物业企业台账",
    en="property companies",
    family="rosters",
    order=10,
    columns=(
        Column(
            "uscc",
            "text",
            "统一社会信用代码",
            ("信用代码", "社会信用代码", "企业信用代码"),
            required=True,
            pattern=USCC_PATTERN,
            check="uscc",
        ),
        Column(
            "name", "text", "企业名称", ("物业企业", "物业公司", "公司名称", "物业服务企业"), required=True
        ),
        street(),
        Column("party_org_code", "text", "党组织编码", ("党组织",)),
        Column("instructor", "bool", "是否派驻党建指导员", ("党建指导员", "指导员")),
        count("cross_posts", "交叉任职人数", ("交叉任职",), max=100),
        count("party_members", "党员职工人数", ("党员人数", "党员数"), max=10000),
    ),
    key=("uscc",),
    file_hints=("物业企业",),
)

COMPOUND = Contract(
    kind="compound",
    table="compound",
    zh="小区台账",
    en="compounds",
    family="rosters",
    order=11,
    columns=(
        Column("compound_code", "text", "小区编码", ("小区代码", "小区编号"), required=True),
        Column("name", "text", "小区名称", ("小区",), required=True),
        street(),
        community(required=True),
        grid(),
        count("households", "户数", ("总户数", "住户数"), max=20000),
        count("buildings", "楼栋数", ("栋数",), max=500),
        Column(
            "company_uscc",
            "text",
            "物业企业信用代码",
            ("物业企业代码", "物业企业", "物业公司"),
            fk=COMPANY_FK,
        ),
        Column("self_governed", "bool", "居民自治", ("是否自治", "自治管理")),
        *coordinates(),
    ),
    key=("compound_code",),
    crs="GCJ02",
    file_hints=("小区",),
)

BUILDING = Contract(
    kind="building",
    table="building",
    zh="楼栋台账",
    en="buildings",
    family="rosters",
    order=12,
    columns=(
        Column("building_code", "text", "楼栋编码", ("楼栋编号",), required=True),
        Column("compound_code", "text", "所属小区", ("小区编码", "小区"), required=True, fk=COMPOUND_FK),
        street(),
        grid(),
        count("households", "户数", max=2000),
        Column("party_group_code", "text", "楼栋党小组", ("党小组编码", "党小组"), fk=ORG_FK),
    ),
    key=("building_code",),
    file_hints=("楼栋",),
)

PARTY_ORG = Contract(
    kind="party_org",
    table="party_org",
    zh="党组织名册",
    en="Party organisations",
    family="rosters",
    order=5,
    columns=(
        Column("org_code", "text", "党组织编码", ("组织编码", "党组织代码", "编码"), required=True),
        Column("name", "text", "党组织名称", ("组织名称", "名称"), required=True),
        street(),
        Column(
            "org_type",
            "text",
            "组织类型",
            ("党组织类型", "类型"),
            required=True,
            allowed=ORG_TYPES,
            synonyms={"支部": "党支部", "总支": "党总支", "联合支部": "联合党支部"},
        ),
        Column("parent_code", "text", "上级党组织", ("上级组织编码", "上级党组织编码", "上级"), fk=ORG_FK),
        Column(
            "category",
            "text",
            "组织类别",
            ("类别", "所在单位类别", "单位类型"),
            required=True,
            allowed=ORG_CATEGORIES,
        ),
        community(),
        grid(),
        count("units_covered", "联建单位数", ("覆盖单位数",), max=50),
        Column("founded_on", "date", "成立日期", ("成立时间",), not_future=True),
    ),
    key=("org_code",),
    rules=(
        Rule(
            "joint_branch_too_wide",
            "org_type = '联合党支部' AND units_covered > 5",
            "联合党支部覆盖单位超过 5 个",
            "a joint branch covers more than 5 units",
            "units_covered",
        ),
        Rule(
            "parent_is_self",
            "parent_code = org_code",
            "上级党组织不能是自身",
            "an organisation cannot be its own parent",
            "parent_code",
        ),
    ),
    file_hints=("党组织",),
)

PARTY_MEMBER = Contract(
    kind="party_member",
    table="party_member",
    zh="党员名册",
    en="Party members",
    family="rosters",
    order=21,
    columns=(
        Column(
            "id_number",
            "text",
            "身份证号",
            ("身份证号码", "公民身份号码", "证件号码"),
            required=True,
            pattern=r"[0-9]{17}[0-9Xx]",
            check="id_card",
            personal="id",
            target="member_key",
        ),
        street(),
        Column("name", "text", "姓名", ("党员姓名",), required=True, personal="name", target="name_masked"),
        Column("gender", "text", "性别", allowed=("男", "女"), synonyms={"M": "男", "F": "女"}),
        Column("birth_year", "int", "出生年份", ("出生年",), min=1900, max=2015),
        Column("education", "text", "学历", ("文化程度",)),
        Column("joined_on", "date", "入党时间", ("入党日期",), not_future=True),
        Column(
            "member_status",
            "text",
            "党员类别",
            ("党籍状态", "人员类别", "正式/预备"),
            required=True,
            allowed=("正式", "预备"),
            synonyms={"正式党员": "正式", "预备党员": "预备"},
        ),
        Column(
            "org_code", "text", "所在党组织", ("党组织编码", "所在支部", "党支部"), required=True, fk=ORG_FK
        ),
        Column(
            "registry",
            "text",
            "党员状态",
            ("在册状态", "管理类型"),
            required=True,
            allowed=("在册", "流动"),
            synonyms={"流动党员": "流动", "在册党员": "在册"},
        ),
        Column("is_employed", "bool", "是否在职党员", ("在职党员",)),
        Column(
            "employment",
            "text",
            "工作状况",
            ("就业状况",),
            allowed=("在职", "离退休", "学生", "其他"),
            synonyms={"退休": "离退休", "离休": "离退休"},
        ),
        Column(
            "report_community_code",
            "text",
            "双报到社区",
            ("报到社区",),
            fk=ForeignKey("community", "community_code", "name"),
        ),
        Column("reported_on", "date", "报到日期", ("报到时间",), not_future=True),
    ),
    key=("id_number",),
    file_hints=("党员名册", "党员"),
)

DUES = Contract(
    kind="dues_payment",
    table="dues_payment",
    zh="党费缴纳",
    en="Party dues",
    family="rosters",
    order=22,
    columns=(
        Column(
            "id_number",
            "text",
            "身份证号",
            ("身份证号码", "证件号码"),
            required=True,
            pattern=r"[0-9]{17}[0-9Xx]",
            check="id_card",
            personal="id",
            target="member_key",
            fk=ForeignKey("party_member", "member_key"),
        ),
        Column("month", "date", "所属月份", ("缴费月份", "月份"), required=True, not_future=True),
        street(),
        Column(
            "amount", "float", "缴纳金额", ("金额", "党费金额", "缴费金额"), required=True, min=0, max=100000
        ),
        Column("paid_on", "date", "缴纳日期", ("缴费日期", "缴费时间"), not_future=True),
    ),
    key=("id_number", "month"),
    period="month",
    file_hints=("党费",),
)

MEETING_KINDS = (
    "支部党员大会",
    "支委会",
    "党小组会",
    "党课",
    "主题党日",
    "组织生活会",
    "民主评议党员",
    "谈心谈话",
    "大工委联席会",
    "社区党委会",
    "书记联席会",
)
MEETING = Contract(
    kind="meeting",
    table="meeting",
    zh="组织生活记录",
    en="meetings",
    family="rosters",
    order=23,
    columns=(
        Column("meeting_id", "text", "会议编号", ("记录编号", "编号"), required=True),
        street(),
        Column("org_code", "text", "党组织", ("党组织编码", "支部"), required=True, fk=ORG_FK),
        Column(
            "kind",
            "text",
            "会议类型",
            ("类型", "组织生活类型"),
            required=True,
            allowed=MEETING_KINDS,
            synonyms={"党员大会": "支部党员大会", "支部委员会": "支委会", "支部委员会会议": "支委会"},
        ),
        Column(
            "held_on", "date", "召开日期", ("日期", "会议日期", "召开时间"), required=True, not_future=True
        ),
        count("attendees", "实到人数", ("参会人数", "出席人数"), max=10000),
        count("expected", "应到人数", ("应参会人数",), max=10000),
        Column("topic", "text", "会议主题", ("主题", "内容")),
    ),
    key=("meeting_id",),
    period="held_on",
    rules=(
        Rule(
            "attendees_exceed_expected",
            "attendees > expected",
            "实到人数多于应到人数",
            "more attendees than expected members",
            "attendees",
        ),
    ),
    file_hints=("三会一课", "组织生活", "会议"),
)

ORGANISATION = Contract(
    kind="organisation",
    table="organisation",
    zh="两新组织台账",
    en="non-public organisations",
    family="rosters",
    order=24,
    columns=(
        Column(
            "uscc",
            "text",
            "统一社会信用代码",
            ("信用代码", "社会信用代码"),
            required=True,
            pattern=USCC_PATTERN,
            check="uscc",
        ),
        Column("name", "text", "组织名称", ("单位名称", "企业名称", "名称"), required=True),
        street(),
        Column(
            "kind",
            "text",
            "组织类型",
            ("类型", "单位类型"),
            required=True,
            allowed=("非公企业", "社会组织"),
            synonyms={"企业": "非公企业", "非公有制企业": "非公企业"},
        ),
        community(),
        count("employees", "从业人员数", ("职工人数", "员工人数"), max=1_000_000),
        count("full_members", "正式党员数", ("党员人数", "正式党员人数"), max=100_000),
        Column("party_org_code", "text", "党组织编码", ("所属党组织", "党组织"), fk=ORG_FK),
        Column(
            "build_mode",
            "text",
            "组建方式",
            ("党组织组建方式",),
            allowed=("单独组建", "联合组建"),
            synonyms={"单建": "单独组建", "联建": "联合组建"},
        ),
        Column("instructor", "bool", "是否派驻党建指导员", ("党建指导员", "指导员")),
        Column("operating", "bool", "是否在营", ("经营状态", "是否正常经营"), required=True),
    ),
    key=("uscc",),
    rules=(
        Rule(
            "members_exceed_staff",
            "full_members > employees",
            "正式党员数多于从业人员数",
            "more Party members than staff",
            "full_members",
        ),
        Rule(
            "build_mode_without_org",
            "build_mode IS NOT NULL AND party_org_code IS NULL",
            "填写了组建方式但没有党组织",
            "a build mode without a Party organisation",
            "build_mode",
        ),
    ),
    file_hints=("两新",),
)

GRID_WORKER = Contract(
    kind="grid_worker",
    table="grid_worker",
    zh="网格员名册",
    en="grid workers",
    family="rosters",
    order=30,
    columns=(
        Column("worker_id", "text", "网格员编号", ("工号", "编号"), required=True),
        street(),
        Column("name", "text", "姓名", ("网格员姓名",), required=True, personal="name", target="name_masked"),
        Column(
            "phone",
            "text",
            "联系电话",
            ("手机号", "电话", "手机"),
            pattern=r"1[3-9][0-9]{9}",
            personal="phone",
            target="phone_masked",
        ),
        grid(required=True),
        Column(
            "full_time",
            "bool",
            "是否专职",
            ("专职", "专兼职"),
            required=True,
            synonyms={"专职": "是", "兼职": "否"},  # the 专兼职 column of a roster holds these words
        ),
        Column("started_on", "date", "上岗日期", ("入职日期",), not_future=True),
    ),
    key=("worker_id",),
    file_hints=("网格员",),
)

VOLUNTEER = Contract(
    kind="volunteer",
    table="volunteer",
    zh="志愿者名册",
    en="volunteers",
    family="rosters",
    order=31,
    columns=(
        Column("volunteer_id", "text", "志愿者编号", ("编号", "注册编号"), required=True),
        street(),
        Column("name", "text", "姓名", ("志愿者姓名",), required=True, personal="name", target="name_masked"),
        community(required=True),
        Column("registered_on", "date", "注册日期", ("注册时间",), not_future=True),
        Column("is_party_member", "bool", "是否党员", ("党员",)),
    ),
    key=("volunteer_id",),
    file_hints=("志愿者",),
)

SERVICE_CENTER = Contract(
    kind="service_center",
    table="service_center",
    zh="党群服务中心",
    en="service centres",
    family="rosters",
    order=32,
    columns=(
        Column("center_code", "text", "阵地编码", ("编码", "中心编码"), required=True),
        Column("name", "text", "阵地名称", ("名称", "中心名称"), required=True),
        street(),
        Column(
            "kind",
            "text",
            "阵地类型",
            ("类型", "级别"),
            required=True,
            allowed=("街道中心", "社区中心", "小区站点", "楼宇站点"),
        ),
        community(),
        Column("area_m2", "float", "面积(平方米)", ("面积", "使用面积"), min=0, max=100000),
        *coordinates(required=True),
    ),
    key=("center_code",),
    crs="GCJ02",
    file_hints=("党群服务", "阵地"),
)

CONTRACTS = (
    PROPERTY_COMPANY,
    COMPOUND,
    BUILDING,
    PARTY_ORG,
    PARTY_MEMBER,
    DUES,
    MEETING,
    ORGANISATION,
    GRID_WORKER,
    VOLUNTEER,
    SERVICE_CENTER,
)
