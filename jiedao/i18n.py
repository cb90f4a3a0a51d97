"""Every visible string, in Simplified Chinese first and English second, and Chinese number/date formats."""

from __future__ import annotations

import datetime as dt

LANGS = ("zh", "en")

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("街道治理驾驶舱", "Jiedao street dashboard"),
    "street_name": ("岳阳楼街道", "Yueyanglou Subdistrict"),
    "page_status": ("数据概况", "Loaded data"),
    "status_intro": (
        "仓库中已导入的数据表、行数与最近的导入批次。数据由 `jiedao ingest` 或“数据导入”写入，发布为只读快照后在此显示。",
        "Tables in the warehouse, their row counts and the latest load batches. Data arrives through "
        "`jiedao ingest` and is shown here once published as a read-only snapshot.",
    ),
    "data_as_of": ("数据截至", "Data as of"),
    "snapshot": ("快照", "Snapshot"),
    "tables": ("数据表", "Tables"),
    "table": ("数据表", "Table"),
    "table_id": ("表名", "Table id"),
    "rows": ("行数", "Rows"),
    "recent_loads": ("最近导入", "Recent loads"),
    "quarantine": ("隔离行", "Quarantined rows"),
    "batch": ("批次", "Batch"),
    "file": ("文件", "File"),
    "kind": ("类型", "Kind"),
    "status": ("状态", "Status"),
    "read": ("读取", "Read"),
    "loaded": ("导入", "Loaded"),
    "rejected": ("隔离", "Rejected"),
    "replaced": ("替换", "Replaced"),
    "started_at": ("开始时间", "Started"),
    "message": ("说明", "Message"),
    "source_row": ("行号", "Row"),
    "rules": ("规则", "Rules"),
    "reasons": ("原因", "Reasons"),
    "raw_row": ("原始数据", "Raw row"),
    "download_csv": ("下载 CSV", "Download CSV"),
    "choose_batch": ("选择批次查看隔离行", "Choose a batch to see its quarantined rows"),
    "no_data_title": ("还没有数据", "No data yet"),
    "no_data_body": (
        "仓库尚未发布任何快照。运行 `make run`（自动生成演示街道）或 `jiedao ingest 文件或文件夹` 导入数据。",
        "No snapshot has been published yet. Run `make run` (builds the demo street) or "
        "`jiedao ingest FILE_OR_FOLDER` to load data.",
    ),
    "no_rejected": ("该批次没有隔离行。", "This batch has no quarantined rows."),
    "error_title": ("页面出错了", "Something went wrong"),
    "error_body": (
        "这一部分暂时无法显示，已记录错误。请稍后刷新；如持续出现请联系管理员。",
        "This part cannot be shown right now; the error was logged. Refresh later, and tell the "
        "administrator if it persists.",
    ),
    "language": ("语言", "Language"),
    "total_rows": ("总行数", "Total rows"),
    "batches": ("导入批次", "Load batches"),
    "quarantined_total": ("隔离行总数", "Quarantined rows"),
    # Navigation: one title per page, in the order of the sidebar.
    "page_overview": ("总览", "Overview"),
    "page_coverage": ("覆盖率", "Coverage"),
    "page_rating": ("物业评级", "Property ranking"),
    "page_meetings": ("组织生活", "Meeting compliance"),
    "page_grid_map": ("网格热力", "Grid map"),
    "page_hotline": ("12345热线", "Hotline"),
    "page_data": ("数据导入", "Data"),
    # Page frame, filters, empty states.
    "stale_title": ("数据可能已过时", "The data may be out of date"),
    "stale_body": (
        "最近一次成功导入在 {days} 天前（{when}），已超过 {limit} 天未更新。请导入最新数据。",
        "The last successful load was {days} days ago ({when}), more than {limit} days. Load newer data.",
    ),
    "no_match_title": ("没有符合筛选条件的数据", "Nothing matches this filter"),
    "no_match_body": (
        "当前筛选（月份、社区、网格等）下没有记录。请放宽筛选条件，或清除筛选查看全街道。",
        "There are no records for the current filter (month, community, grid…). Widen the filter, or "
        "clear it to see the whole street.",
    ),
    "clear_filters": ("清除筛选", "Clear filters"),
    "tab_chart": ("图表", "Chart"),
    "tab_table": ("表格", "Table"),
    "month": ("月份", "Month"),
    "quarter": ("季度", "Quarter"),
    "communities": ("社区", "Communities"),
    "whole_street": ("全街道", "Whole street"),
    "grid": ("网格", "Grid"),
    "all_grids": ("全部网格", "All grids"),
    "drill_hint": ("点击社区可下钻到该社区", "Click a community to drill into it"),
    # Charts and tiles.
    "mom": ("环比", "MoM"),
    "yoy": ("同比", "YoY"),
    "target": ("目标", "Target"),
    "median": ("中位数", "Median"),
    "p90": ("P90", "P90"),
    "hours_to_close": ("办结用时（小时）", "Hours to close"),
    "tickets": ("工单数", "Tickets"),
    "count": ("数量", "Count"),
    "value": ("数值", "Value"),
    "score": ("得分", "Score"),
    "new_item": ("新增", "new"),
    "numerator": ("分子", "Numerator"),
    "denominator": ("分母", "Denominator"),
    "status_green": ("达标", "On target"),
    "status_yellow": ("预警", "Warning"),
    "status_red": ("未达标", "Off target"),
    "status_none": ("无数据", "No data"),
    "cell_green": ("按期完成", "All held"),
    "cell_yellow": ("7天内到期", "Due within 7 days"),
    "cell_red": ("有缺项", "Missed"),
    "cell_none": ("无要求", "Not required"),
    "tier_gold": ("金牌", "Gold"),
    "tier_silver": ("银牌", "Silver"),
    "tier_yellow": ("黄牌", "Yellow card"),
    "tier_red": ("红牌", "Red card"),
    "no_geometry": (
        "尚未导入边界（社区或网格多边形），无法绘制地图。",
        "No boundaries (community or grid polygons) are loaded yet, so the map cannot be drawn.",
    ),
    # 数据导入 Data page.
    "data_intro": (
        "上传一个或多个文件：先**预检**（不写入任何数据），看清每个文件能导入多少行、哪些行会被隔离及原因，"
        "确认后再**导入**。导入与命令行 `jiedao ingest` 走同一条管道，完成后自动发布新快照。",
        "Upload one or more files: first a **check** (nothing is written) shows how many rows of each file "
        "would load and which would be quarantined and why; then **commit**. Loads go through the same "
        "pipeline as `jiedao ingest` and publish a new snapshot when done.",
    ),
    "upload_label": (
        "选择文件（CSV、XLSX、Parquet、JSON、GeoJSON）",
        "Choose files (CSV, XLSX, Parquet, JSON, GeoJSON)",
    ),
    "options": ("导入选项", "Options"),
    "source_kind": ("数据类型", "Kind of data"),
    "kind_auto": ("自动识别（按表头）", "Detect from the headers"),
    "mapping": ("列映射", "Column mapping"),
    "mapping_none": ("不使用映射", "No mapping"),
    "mapping_upload": ("或上传映射文件（TOML）", "Or upload a mapping file (TOML)"),
    "crs": ("坐标系", "Coordinate system"),
    "crs_auto": ("按文件声明或数据类型默认", "As the file declares, or the kind's default"),
    "sheet": ("Excel 工作表名", "Excel sheet name"),
    "sheet_help": ("留空表示第一个工作表", "Leave empty for the first sheet"),
    "ignore_unknown": ("忽略未知列", "Skip unknown columns"),
    "preview_title": ("预检结果（尚未写入）", "Check result (nothing written yet)"),
    "preview_multi": (
        "多个文件各自对照当前仓库预检。导入时按依赖顺序（先地点，再名册，后业务数据）逐个写入，"
        "所以引用同批另一个文件中社区或网格的行，预检时可能显示为隔离，导入时却能通过。",
        "Each file is checked on its own against the current warehouse. The commit loads them in "
        "dependency order (places, then rosters, then activity), so rows that point at a community or "
        "grid in another file of this upload may show as quarantined here and still load.",
    ),
    "format": ("格式", "Format"),
    "encoding": ("编码", "Encoding"),
    "rows_read": ("读取行数", "Rows read"),
    "accepted": ("可导入", "Accepted"),
    "check_ok": ("全部 {n} 行可导入。", "All {n} rows can be loaded."),
    "check_partial": (
        "{ok} 行可导入，{bad} 行将被隔离（原因见下表）。",
        "{ok} rows can be loaded, {bad} will be quarantined (reasons below).",
    ),
    "check_none": (
        "全部 {n} 行都将被隔离（原因见下表）。",
        "All {n} rows would be quarantined (reasons below).",
    ),
    "check_failed": (
        "文件无法读取，不会写入任何数据：",
        "The file cannot be read; nothing of it will be written:",
    ),
    "rejected_rows": ("隔离行及原因", "Quarantined rows and reasons"),
    "preview_truncated": (
        "仅显示前 {n} 行；导入后可在导入历史中查看并下载全部隔离行。",
        "Only the first {n} rows are shown; after the commit every quarantined row is in the load history.",
    ),
    "commit": ("确认导入", "Commit"),
    "commit_help": (
        "把上面预检过的文件写入仓库并发布快照",
        "Write the checked files into the warehouse and publish a snapshot",
    ),
    "committing": ("正在导入并发布快照…", "Loading and publishing a snapshot…"),
    "commit_done": ("导入完成。", "Load finished."),
    "commit_result": ("导入结果", "Load result"),
    "upload_more": ("继续导入其他文件", "Load more files"),
    "saved_to": ("上传的文件保存在", "Uploaded files are kept in"),
    "history": ("导入历史", "Load history"),
    "no_history": ("还没有导入记录。", "No loads yet."),
    "mapping_error": ("映射文件有误，未做任何导入", "The mapping file is wrong; nothing was loaded"),
    "checking": ("正在预检…", "Checking…"),
    # 总览 Overview page.
    "drilled_into": ("当前只看：{names}", "Showing only: {names}"),
    "back_to_street": ("返回全街道", "Back to the whole street"),
    "community_comparison": ("社区对比", "Communities compared"),
    "compare_metric": ("对比指标", "Metric compared"),
    "community": ("社区", "Community"),
    "community_code": ("社区代码", "Community code"),
    "action_list": ("问题清单", "Action list"),
    "actions_total": ("待办事项", "Items to act on"),
    "actions_red": ("红色：已逾期或红牌", "Red: overdue or red card"),
    "actions_yellow": ("黄色：临期或待补齐", "Yellow: due soon or a gap"),
    "actions_area": ("领域", "Area"),
    "all": ("全部", "All"),
    "severity": ("等级", "Level"),
    "severity_red": ("红", "Red"),
    "severity_yellow": ("黄", "Yellow"),
    "action_item": ("事项", "Item"),
    "responsible": ("责任单位", "Responsible unit"),
    "due_at": ("到期时间", "Due"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "reference": ("编号", "Reference"),
    "actions_none": ("当前筛选下没有待办事项。", "Nothing to act on under this filter."),
    "no_months_title": ("还没有可统计的月份", "No month to report on yet"),
    "no_months_body": (
        "月份取自已导入的12345工单。请在“数据导入”上传工单数据，或运行 `make run` 生成演示街道。",
        "Months come from the loaded 12345 tickets. Upload tickets on the Data page, or run `make run` "
        "for the demo street.",
    ),
    "table_truncated": (
        "表格显示前 {shown} 行，共 {total} 行；下载的 CSV 含全部行。",
        "The grid shows the first {shown} of {total} rows; the CSV download holds them all.",
    ),
    # 12345热线 Hotline page.
    "category": ("一级分类", "Category"),
    "all_categories": ("全部分类", "All categories"),
    "hotline_trends": ("近12个月趋势", "Last 12 months"),
    "red_black": ("社区红黑榜（三率综合得分）", "Community red and black lists (three-rate score)"),
    "red_list": ("红榜：得分最高", "Red list: highest scores"),
    "black_list": ("黑榜：得分最低", "Black list: lowest scores"),
    "rank": ("名次", "Rank"),
    "share": ("占比", "Share"),
    "previous_period": ("上期", "Previous period"),
    "year_ago_period": ("去年同期", "A year before"),
    "top_categories": ("诉求分类前十", "Top 10 categories"),
    "top_subcategories": ("二级分类前十", "Top 10 subcategories"),
    "no_tickets_in_period": ("本期没有受理工单。", "No tickets were received in this period."),
    "close_hours_distribution": ("办结用时分布", "Hours to close"),
    "close_hours_caption": (
        "本期办结 {closed} 件：中位数 {median}，90% 的工单在 {p90} 内办结（受理至办结）",
        "{closed} tickets closed in the period: median {median}, P90 {p90} (receipt to closing)",
    ),
    "overdue": ("超期工单", "Overdue tickets"),
    "repeats": ("重复诉求", "Repeat complaints"),
    "behind": ("数字背后的工单", "Tickets behind a number"),
    "repeat_caption": (
        "同一地址、同一分类在30天内再次诉求：{n} 处",
        "Same address and category asked about again within 30 days: {n} places",
    ),
    "behind_metric": ("指标", "Metric"),
    "behind_pick": ("选择一个指标查看其工单明细", "Pick a metric to see its tickets"),
    "behind_part": ("查看", "Show"),
    "behind_rows": ("明细行数", "Rows listed"),
    "masked_note": (
        "诉求人姓名与电话已脱敏显示（张*华、138****5678）。",
        "Citizens' names and phone numbers are masked (张*华, 138****5678).",
    ),
}

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "street": ("街道", "Streets"),
    "community": ("社区", "Communities"),
    "grid": ("网格", "Grids"),
    "compound": ("小区", "Compounds"),
    "building": ("楼栋", "Buildings"),
    "party_org": ("党组织", "Party organisations"),
    "party_member": ("党员", "Party members"),
    "dues_payment": ("党费缴纳", "Party dues"),
    "meeting": ("组织生活", "Meetings"),
    "organisation": ("两新组织", "Non-public organisations"),
    "property_company": ("物业企业", "Property companies"),
    "grid_worker": ("网格员", "Grid workers"),
    "volunteer": ("志愿者", "Volunteers"),
    "service_center": ("党群服务中心", "Service centres"),
    "grid_event": ("网格事件", "Grid events"),
    "patrol": ("巡查记录", "Patrols"),
    "hotline_ticket": ("12345工单", "Hotline tickets"),
    "property_inspection": ("物业检查", "Property inspections"),
    "resident_survey": ("满意度测评", "Resident surveys"),
    "load_log": ("导入日志", "Load log"),
    "rejected_rows": ("隔离行", "Quarantined rows"),
    "rating_revision": ("物业评级发布版本", "Published rating revisions"),
    "rating_result": ("物业评级结果", "Published property ratings"),
}

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "loaded": ("已导入", "loaded"),
    "partial": ("部分导入", "partly loaded"),
    "rejected": ("全部隔离", "all rejected"),
    "failed": ("无法读取", "unreadable"),
    "unchanged": ("未变化", "unchanged"),
    "checked": ("已预检", "checked"),
}

# Column headers of the hotline page's lists (overdue, repeat complaints, tickets behind a number).
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "ref": ("工单编号", "Ticket"),
    "ticket_id": ("工单编号", "Ticket"),
    "latest_ticket": ("最近工单", "Latest ticket"),
    "state": ("超期情况", "Overdue state"),
    "community_name": ("社区", "Community"),
    "grid_code": ("网格代码", "Grid code"),
    "responsible": ("承办单位", "Handling unit"),
    "department": ("承办单位", "Handling unit"),
    "appeal_type": ("诉求类型", "Appeal type"),
    "urgency": ("紧急程度", "Urgency"),
    "category_l1": ("一级分类", "Category"),
    "category_l2": ("二级分类", "Subcategory"),
    "category": ("分类", "Category"),
    "title": ("标题", "Title"),
    "address": ("地址", "Address"),
    "status": ("工单状态", "Status"),
    "received_at": ("受理时间", "Received"),
    "dispatched_at": ("派单时间", "Dispatched"),
    "signed_at": ("签收时间", "Signed"),
    "contacted_at": ("联系时间", "Contacted"),
    "response_due_at": ("响应时限", "Response due"),
    "close_due_at": ("办结时限", "Close due"),
    "due_at": ("办结时限", "Close due"),
    "days_overdue": ("逾期天数", "Days overdue"),
    "closed_at": ("办结时间", "Closed"),
    "close_hours": ("办结用时（小时）", "Hours to close"),
    "visited_at": ("回访时间", "Visited"),
    "satisfaction": ("满意度", "Satisfaction"),
    "is_resolved": ("是否解决", "Resolved"),
    "returned_count": ("退单次数", "Times returned"),
    "reopened_count": ("重办次数", "Times reopened"),
    "citizen_masked": ("诉求人（脱敏）", "Citizen (masked)"),
    "phone_masked": ("联系电话（脱敏）", "Phone (masked)"),
    "tickets": ("工单数", "Tickets"),
    "repeats": ("本期重复", "Repeats in period"),
    "first_at": ("首次受理", "First received"),
    "last_at": ("最近受理", "Last received"),
    "ticket_ids": ("相关工单", "Related tickets"),
}

# The overdue list's ``state`` values (jiedao/sql/hotline.sql, query overdue).
OVERDUE_STATES: dict[str, tuple[str, str]] = {
    "超期未办结": ("超期未办结", "Open past the deadline"),
    "超期办结": ("超期办结", "Closed late"),
}


def lang_of(value: str | None) -> str:
    return value if value in LANGS else "zh"


def t(key: str, lang: str = "zh") -> str:
    zh, en = STRINGS[key]
    return en if lang == "en" else zh


def label(table: dict[str, tuple[str, str]], key: str, lang: str = "zh") -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


UNIT_LABELS: dict[str, tuple[str, str]] = {
    "件": ("件", ""),
    "个": ("个", ""),
    "人": ("人", ""),
    "次": ("次", ""),
    "小时": ("小时", " h"),
    "天": ("天", " days"),
    "分": ("分", " pts"),
    "元": ("元", " CNY"),
}

CN_DIGITS = "〇一二三四五六七八九"


def _trim(text: str) -> str:
    """1.50 → 1.5, 2.00 → 2 (only after a decimal point)."""
    return text.rstrip("0").rstrip(".") if "." in text else text


def labelled(label_text: str, value: str, lang: str = "zh") -> str:
    """ "数据截至：2026年10月3日" with a full-width colon in Chinese, "Data as of: …" in English."""
    return f"{label_text}：{value}" if lang == "zh" else f"{label_text}: {value}"


def bracketed(text: str, inner: str, lang: str = "zh") -> str:
    """ "12345工单（hotline_ticket）" with full-width brackets in Chinese, "… (…)" in English."""
    return f"{text}（{inner}）" if lang == "zh" else f"{text} ({inner})"


def fmt_int(n: int | float | None, lang: str = "zh") -> str:
    """12,345 → 1.23万 in Chinese from 10,000 up (亿 from 1e8); thousands separators in English; None → —.
    Any real number is taken (DuckDB's large counts arrive as Decimal)."""
    if n is None:
        return "—"
    n = float(n)
    if lang == "en":
        return f"{n:,.0f}"
    if abs(n) >= 1e8:
        return _trim(f"{n / 1e8:.2f}") + "亿"
    if abs(n) >= 1e4:
        return _trim(f"{n / 1e4:.2f}") + "万"
    return f"{n:,.0f}"


def fmt_number(x: float | None, lang: str = "zh", digits: int = 1) -> str:
    """A measured quantity: 36.5, 1,234.5; from 10,000 up as ``fmt_int`` (1.23万); trailing zeros dropped."""
    if x is None:
        return "—"
    if abs(x) >= 1e4:
        return fmt_int(x, lang)
    return _trim(f"{x:,.{digits}f}")


def fmt_pct(rate: float | None, lang: str = "zh", digits: int = 1) -> str:
    """A rate given as a fraction: 0.924 → 92.4%; None (zero denominator) → —."""
    if rate is None:
        return "—"
    return f"{rate * 100:.{digits}f}%"


def fmt_unit(unit: str, lang: str = "zh") -> str:
    """The unit as written after a number: 件 in Chinese, nothing for counts in English, " h" for hours."""
    return label(UNIT_LABELS, unit, lang) if unit in UNIT_LABELS else unit


def fmt_value(value: float | None, unit: str, lang: str = "zh") -> str:
    """A metric value with its unit: rates as percentages, counts the Chinese way (1.2万件)."""
    if value is None:
        return "—"
    if unit == "%":
        return fmt_pct(value, lang)
    number = fmt_int(value, lang) if float(value).is_integer() else fmt_number(value, lang)
    return number + fmt_unit(unit, lang)


def fmt_ratio(numerator: float | None, denominator: float | None, lang: str = "zh") -> str:
    """Both numbers of a rate, exact (never abbreviated to 万): 1,203/1,302."""
    num = "—" if numerator is None else f"{numerator:,.0f}"
    den = "—" if denominator is None else f"{denominator:,.0f}"
    return f"{num}/{den}"


def fmt_rate(rate: float | None, numerator: float | None, denominator: float | None, lang: str = "zh") -> str:
    """A rate beside its numbers, as every page shows it: 92.4% · 1,203/1,302."""
    return f"{fmt_pct(rate, lang)} · {fmt_ratio(numerator, denominator, lang)}"


def fmt_change(change: float | None, unit: str, lang: str = "zh") -> str | None:
    """A difference between two values: rates in percentage points (+1.2个百分点 / +1.2 pp), others signed;
    a difference that rounds to nothing unsigned (0.0个百分点). None when there is nothing to compare with."""
    if change is None:
        return None
    shown = change * 100 if unit == "%" else change
    if unit == "%":
        text, suffix = f"{shown:+.1f}", "个百分点" if lang == "zh" else " pp"
    else:
        text, suffix = _trim(f"{shown:+,.1f}"), fmt_unit(unit, lang)
    if round(shown, 1) == 0:  # a change that rounds away is no change: "0.0", never "-0.0" or "+0"
        text = text[1:]
    return text + suffix


def fmt_growth(current: float | None, previous: float | None, lang: str = "zh") -> str:
    """Relative change of a count (环比/同比 of a TopN): +12.5%; 新增 / new when the previous was 0."""
    if current is None or previous is None:
        return "—"
    if previous == 0:
        return "—" if current == 0 else t("new_item", lang)
    return f"{(current - previous) / previous * 100:+.1f}%"


def fmt_hours(hours: float | None, lang: str = "zh") -> str:
    return "—" if hours is None else fmt_number(hours, lang) + fmt_unit("小时", lang)


def fmt_date(d: dt.date | None, lang: str = "zh") -> str:
    if d is None:
        return "—"
    return d.strftime("%Y-%m-%d") if lang == "en" else f"{d.year}年{d.month}月{d.day}日"


def fmt_month(d: dt.date, lang: str = "zh") -> str:
    return d.strftime("%b %Y") if lang == "en" else f"{d.year}年{d.month}月"


def fmt_quarter(quarter: str, lang: str = "zh") -> str:
    """ "2026Q4" → 2026年第四季度 / Q4 2026."""
    year, q = quarter[:4], int(quarter[-1])
    return f"Q{q} {year}" if lang == "en" else f"{year}年第{CN_DIGITS[q]}季度"


def fmt_datetime(d: dt.datetime | None, lang: str = "zh") -> str:
    if d is None:
        return "—"
    if lang == "en":
        return d.strftime("%Y-%m-%d %H:%M")
    return f"{d.year}年{d.month}月{d.day}日 {d:%H:%M}"
