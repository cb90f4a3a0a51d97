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
}


def lang_of(value: str | None) -> str:
    return value if value in LANGS else "zh"


def t(key: str, lang: str = "zh") -> str:
    zh, en = STRINGS[key]
    return en if lang == "en" else zh


def label(table: dict[str, tuple[str, str]], key: str, lang: str = "zh") -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def fmt_int(n: int | float | None, lang: str = "zh") -> str:
    """12,345 → 1.23万 in Chinese from 10,000 up (亿 from 1e8); thousands separators in English; None → —."""
    if n is None:
        return "—"
    if lang == "en":
        return f"{n:,.0f}"
    if abs(n) >= 1e8:
        return f"{n / 1e8:.2f}".rstrip("0").rstrip(".") + "亿"
    if abs(n) >= 1e4:
        return f"{n / 1e4:.2f}".rstrip("0").rstrip(".") + "万"
    return f"{n:,.0f}"


def fmt_month(d: dt.date, lang: str = "zh") -> str:
    return d.strftime("%b %Y") if lang == "en" else f"{d.year}年{d.month}月"


def fmt_datetime(d: dt.datetime | None, lang: str = "zh") -> str:
    if d is None:
        return "—"
    if lang == "en":
        return d.strftime("%Y-%m-%d %H:%M")
    return f"{d.year}年{d.month}月{d.day}日 {d:%H:%M}"
