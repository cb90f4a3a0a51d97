"""Property family: quarterly inspections of 物业服务企业 and resident satisfaction surveys,
the records behind the 金/银/黄/红 rating."""

from __future__ import annotations

from pipelines.contract import Column, Contract, Rule
from pipelines.sources._common import COMPANY_FK, COMPOUND_FK, count, street

QUARTER_PATTERN = r"20[0-9]{2}Q[1-4]"
_QUARTER_SYNONYMS = {
    f"{y}年第{n}季度": f"{y}Q{i}" for y in range(2015, 2041) for i, n in enumerate("一二三四", start=1)
}
INSPECTION_DIMENSIONS = ("日常管理", "服务质量", "社会形象与重点任务")


def _quarter() -> Column:
    return Column(
        "quarter",
        "text",
        "考核季度",
        ("季度", "评价季度"),
        required=True,
        pattern=QUARTER_PATTERN,
        synonyms=_QUARTER_SYNONYMS,
    )


def _company() -> Column:
    return Column(
        "company_uscc",
        "text",
        "物业企业",
        ("物业企业信用代码", "统一社会信用代码", "物业公司"),
        required=True,
        fk=COMPANY_FK,
    )


def _compound() -> Column:
    return Column("compound_code", "text", "小区", ("小区编码", "项目小区"), required=True, fk=COMPOUND_FK)


PROPERTY_INSPECTION = Contract(
    kind="property_inspection",
    table="property_inspection",
    zh="物业季度检查",
    en="property inspections",
    family="property",
    order=80,
    columns=(
        _quarter(),
        _company(),
        _compound(),
        Column(
            "dimension",
            "text",
            "考核维度",
            ("维度", "考核类别"),
            required=True,
            allowed=INSPECTION_DIMENSIONS,
            synonyms={"社会形象": "社会形象与重点任务", "重点任务": "社会形象与重点任务"},
        ),
        Column("item", "text", "检查项目", ("考核项目", "项目"), required=True),
        street(),
        Column("score", "float", "得分", ("实得分",), required=True, min=0, max=100),
        Column("max_score", "float", "满分", ("标准分", "分值"), required=True, min=0.01, max=100),
        Column("inspected_on", "date", "检查日期", ("检查时间",), not_future=True),
        Column("finding", "text", "发现问题", ("存在问题", "问题")),
        Column("rectify_by", "date", "整改期限", ("整改时限",)),
        Column("rectified_on", "date", "整改完成日期", ("整改日期", "整改完成时间"), not_future=True),
        Column("veto_event", "text", "一票否决事项", ("否决事项",)),
    ),
    key=("quarter", "company_uscc", "compound_code", "dimension", "item"),
    rules=(
        Rule("score_above_max", "score > max_score", "得分高于满分", "score above the maximum", "score"),
        Rule(
            "rectify_deadline_without_finding",
            "rectify_by IS NOT NULL AND finding IS NULL",
            "有整改期限但未填写问题",
            "a rectification deadline without a finding",
            "rectify_by",
        ),
    ),
    file_hints=("物业检查", "检查"),
)

RESIDENT_SURVEY = Contract(
    kind="resident_survey",
    table="resident_survey",
    zh="居民满意度测评",
    en="resident surveys",
    family="property",
    order=81,
    columns=(
        _quarter(),
        _company(),
        _compound(),
        street(),
        count("respondents", "有效问卷数", ("参评人数", "样本数"), required=True, max=100000),
        count("satisfied", "满意", ("满意数",), required=True, max=100000),
        count("basically_satisfied", "基本满意", ("基本满意数",), required=True, max=100000),
        count("dissatisfied", "不满意", ("不满意数",), required=True, max=100000),
    ),
    key=("quarter", "company_uscc", "compound_code"),
    rules=(
        Rule(
            "answers_exceed_respondents",
            "satisfied + basically_satisfied + dissatisfied > respondents",
            "满意、基本满意、不满意之和大于有效问卷数",
            "more answers than respondents",
            "respondents",
        ),
    ),
    file_hints=("满意度", "测评", "问卷"),
)

CONTRACTS = (PROPERTY_INSPECTION, RESIDENT_SURVEY)
