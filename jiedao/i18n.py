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
    # 物业评级 Property ranking page (pages/property.py).
    "rating_intro": (
        "物业服务企业季度评级（红色物业评价）：组织建设、日常管理、服务质量、社会形象与重点任务、居民满意度五项计分，"
        "扣除有责投诉和逾期未整改问题后定金牌、银牌、黄牌、红牌。已发布的季度结果即冻结，数据变化只会形成新的版本。",
        "Quarterly rating of property companies (红色物业): five scored dimensions minus verified complaints "
        "and findings not rectified in time give Gold, Silver, Yellow or Red. A published quarter is frozen; "
        "later data changes make a new, visible revision.",
    ),
    "rating_quarter_unpublished": ("{quarter}（未发布）", "{quarter} (not published)"),
    "rating_published": (
        "已发布 · 第 {revision} 版 · 发布于 {when}",
        "Published · revision {revision} · {when}",
    ),
    "rating_provisional_title": ("未发布 · 临时排名", "Not published · provisional ranking"),
    "rating_provisional_body": (
        "{quarter}的评级尚未发布。以下为按当前数据计算的临时结果（provisional），仅供参考，正式结果以发布版本为准"
        "（发布：`jiedao rate --quarter {token} --publish`）。",
        "The ranking of {quarter} has not been published. Below is the ranking computed from the current data "
        "(provisional), for reference only; the published revision is the official one (publish with "
        "`jiedao rate --quarter {token} --publish`).",
    ),
    "rating_no_quarters": (
        "还没有物业检查或居民满意度测评数据，无法评级。请先导入物业服务季度检查和满意度测评台账。",
        "There are no property inspections or resident surveys yet, so nothing can be rated. Load the "
        "quarterly inspection and survey ledgers first.",
    ),
    "rating_no_companies": (
        "该季度没有参评企业（没有检查或测评记录）。",
        "No company was rated this quarter (no inspection or survey records).",
    ),
    "rating_tiers": ("等级分布", "Tiers"),
    "rating_companies_n": ("{n} 家", "{n} companies"),
    "rating_board": ("排行榜", "Ranking"),
    "rating_chart": ("总分排名", "Totals"),
    "rating_rank": ("排名", "Rank"),
    "rating_company": ("企业", "Company"),
    "rating_companies": ("参评企业数", "Companies rated"),
    "rating_tier": ("等级", "Tier"),
    "rating_total": ("总分", "Total"),
    "rating_change": ("较上季度", "Since last quarter"),
    "rating_previous_tier": ("上季度等级", "Last quarter"),
    "rating_consequence": ("处理措施", "Consequence"),
    "rating_reason": ("评级依据", "Why"),
    "rating_next_tier": ("升级路径", "To reach the next tier"),
    "rating_move_up": ("升级", "up"),
    "rating_move_down": ("降级", "down"),
    "rating_move_same": ("持平", "same"),
    "rating_move_new": ("新参评", "new"),
    "rating_pick_company": ("企业明细", "Company breakdown"),
    "rating_choose_company": ("选择企业", "Company"),
    "rating_rank_of": ("第 {rank} 名 / 共 {n} 家", "rank {rank} of {n}"),
    "rating_full_marks": ("满分", "Full marks"),
    "rating_dimensions": ("分项得分", "Points by dimension"),
    "rating_dimension": ("评价项目", "Dimension"),
    "rating_points": ("得分", "Points"),
    "rating_weight": ("满分", "Weight"),
    "rating_share": ("得分率", "Share"),
    "rating_note": ("说明", "Note"),
    "rating_deductions": ("扣分明细", "Deductions"),
    "rating_complaint_cut": ("有责投诉扣分", "Complaints"),
    "rating_complaint_line": (
        "{n} 件有责投诉（其中超期 {overdue} 件、重大 {major} 件）",
        "{n} verified complaint(s) ({overdue} overdue, {major} major)",
    ),
    "rating_cap_hit": (
        "投诉扣分合计 {raw} 分，超过封顶 {cap} 分，按 {cap} 分扣除。",
        "Complaint points add up to {raw}, above the cap of {cap}: {cap} deducted.",
    ),
    "rating_finding_cut": ("逾期未整改扣分", "Unrectified findings"),
    "rating_finding_line": ("{n} 项检查问题未按期整改", "{n} finding(s) not rectified in time"),
    "rating_complaints": ("有责投诉工单", "Verified complaints"),
    "rating_findings": ("逾期未整改的检查问题", "Findings not rectified in time"),
    "rating_pending": (
        "未整改、整改期限未到（暂不扣分）",
        "Unrectified, deadline not passed yet (no deduction yet)",
    ),
    "rating_no_deductions": ("本季度无扣分。", "No deductions this quarter."),
    "rating_vetoes": ("一票否决事件", "Veto events"),
    "rating_history": ("历次评级（已发布）", "Published record"),
    "rating_no_history": ("该企业还没有已发布的评级。", "This company has no published rating yet."),
    "rating_revisions": ("发布记录", "Revision trail"),
    "rating_no_revisions": (
        "本季度尚未发布，没有发布记录。",
        "This quarter has not been published: no revisions yet.",
    ),
    "rating_revision": ("版本", "Revision"),
    "rating_published_at": ("发布时间", "Published at"),
    "rating_note_col": ("变更说明", "What changed"),
    "rating_steps": ("措施", "Steps"),
    "rating_at_top": ("已是最高等级。", "Already the top tier."),
    "rating_col_ticket_id": ("工单编号", "Ticket"),
    "rating_col_received_at": ("受理时间", "Received"),
    "rating_col_deadline_at": ("办结时限", "Deadline"),
    "rating_col_closed_at": ("办结时间", "Closed"),
    "rating_col_overdue": ("超期", "Overdue"),
    "rating_col_major": ("重大投诉", "Major"),
    "rating_col_points_cut": ("扣分", "Points"),
    "rating_col_appeal_type": ("诉求类型", "Appeal type"),
    "rating_col_category": ("类别", "Category"),
    "rating_col_title": ("标题", "Title"),
    "rating_col_compound": ("小区", "Compound"),
    "rating_col_item": ("检查项目", "Item"),
    "rating_col_finding": ("发现问题", "Finding"),
    "rating_col_inspection_quarter": ("检查季度", "Inspected in"),
    "rating_col_rectify_by": ("整改期限", "Rectify by"),
    "rating_col_rectified_on": ("整改完成", "Rectified on"),
    "rating_col_yes": ("是", "yes"),
    "rating_col_no": ("否", "no"),
    # 网格热力 Grid map page (pages/grid_map.py).
    "grid_map_intro": (
        "网格多边形即底图（不加载任何在线地图）。颜色表示所选指标，叠加层显示本月事件或工单的密度。点击网格查看其各项指标和最新事件。",
        "The grid polygons are the map (no online base map is loaded). Colours show the chosen measure; the overlay "
        "shows where this month's events or tickets are. Click a grid to see its numbers and latest events.",
    ),
    "grid_measure": ("着色指标", "Colour by"),
    "grid_overlay": ("叠加点位", "Overlay"),
    "grid_overlay_events": ("网格事件", "Grid events"),
    "grid_overlay_tickets": ("12345工单", "Hotline tickets"),
    "grid_overlay_none": ("不叠加", "None"),
    "grid_style": ("叠加样式", "Overlay style"),
    "grid_style_hexagon": ("六边形", "Hexagons"),
    "grid_style_heat": ("热力", "Heat"),
    "grid_overlay_hint_hexagon": (
        "本月{what}分布（共 {n} 件，六边形边长 {side} 米）",
        "This month's {what} ({n} in all; hexagons of {side} m)",
    ),
    "grid_overlay_hint_heat": (
        "蓝色热力：本月{what}分布（共 {n} 件），颜色越深越密集。",
        "Blue heat: where this month's {what} were ({n} in all); darker is denser.",
    ),
    "grid_tab_map": ("地图", "Map"),
    "grid_tab_table": ("表格", "Table"),
    "grid_households": ("户数", "Households"),
    "grid_click_hint": (
        "点击地图上的网格，或在上方选择网格，查看该网格的各项指标和最新事件。",
        "Click a grid on the map, or choose one above, to see its numbers and latest events.",
    ),
    "grid_card": ("{grid}（{community}）", "{grid} ({community})"),
    "grid_latest_events": ("最新事件", "Latest events"),
    "grid_no_events": ("该网格截至统计时点没有事件。", "This grid has no events up to the as-of time."),
    "grid_hotspots": ("事件激增网格", "Hotspots"),
    "grid_hotspots_hint": (
        "近 {recent} 周周均事件数比前 {baseline} 周基线高出 {margin}% 以上的网格。",
        "Grids whose weekly events in the last {recent} weeks exceed their {baseline}-week baseline by more "
        "than {margin}%.",
    ),
    "grid_no_hotspots": ("当前没有事件激增的网格。", "No grid is a hotspot right now."),
    "grid_shortfall": ("巡查不足网格", "Grids short of patrols"),
    "grid_no_shortfall": ("本月所有网格巡查完成率均达标。", "Every grid met the patrol rule this month."),
    "grid_col_grid": ("网格", "Grid"),
    "grid_col_community": ("社区", "Community"),
    "grid_col_value": ("数值", "Value"),
    "grid_col_status": ("状态", "Status"),
    "grid_col_event": ("事件编号", "Event"),
    "grid_col_reported": ("上报时间", "Reported"),
    "grid_col_category": ("事件类别", "Category"),
    "grid_col_source": ("来源", "Source"),
    "grid_col_description": ("描述", "Description"),
    "grid_col_event_status": ("处置状态", "Status"),
    "grid_col_deadline_class": ("时限类别", "Time limit"),
    "grid_col_closed": ("结案时间", "Closed"),
    "grid_col_recent": ("近期事件", "Recent events"),
    "grid_col_recent_weekly": ("近期周均", "Recent per week"),
    "grid_col_baseline_weekly": ("基线周均", "Baseline per week"),
    "grid_col_ratio": ("倍数", "Ratio"),
    "grid_col_top_category": ("主要类别", "Top category"),
    "grid_col_done": ("完成巡查", "Patrols done"),
    "grid_col_required": ("应巡查", "Patrols required"),
    "grid_col_completion": ("完成率", "Completion"),
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
    # 覆盖率 Coverage page.
    "coverage_intro": (
        "党建覆盖各项指标（分子/分母与达标状态），按社区对比，并列出拉低覆盖率的具体单位。名册类指标反映当前导入的名册；"
        "双报到、志愿者、网格员按所选月份月末统计。点击社区柱形可下钻到该社区。",
        "Every Party-building coverage rate (numerator/denominator and status), compared by community, with the "
        "units behind each gap. Roster rates describe the rosters as loaded; dual reporting, volunteers and grid "
        "workers are counted at the end of the chosen month. Click a community's bar to drill into it.",
    ),
    "cov_rates": ("各项覆盖率", "Coverage rates"),
    "cov_by_community": ("按社区对比", "By community"),
    "cov_view": ("对比方式", "View"),
    "cov_view_matrix": ("社区 × 各项覆盖率", "Communities × all rates"),
    "cov_view_rate": ("单项覆盖率（点击社区下钻）", "One rate (click to drill down)"),
    "cov_gap_pick": ("清单", "List"),
    "cov_matrix_hint": (
        "颜色为达标状态（阈值见 config/coverage.toml）；悬停查看分子/分母。",
        "Colours are the status (thresholds in config/coverage.toml); hover for numerator/denominator.",
    ),
    "cov_pick_rate": ("选择覆盖率", "Rate"),
    "cov_street_level": ("街道直属党组织", "Street-level organisations"),
    "cov_rate_empty": ("所选范围内该指标没有数据。", "This rate has no data for the chosen filter."),
    "cov_gaps": ("缺口清单", "Gaps: the units behind each rate"),
    "cov_short_org_coverage": ("两新组织覆盖", "Org coverage"),
    "cov_short_own_branch_rate": ("单独组建", "Own branch"),
    "cov_short_work_coverage": ("工作覆盖", "Work coverage"),
    "cov_short_property_party_coverage": ("物业党建", "Property cos."),
    "cov_short_grid_branch_coverage": ("网格支部", "Grid branches"),
    "cov_short_building_group_coverage": ("楼栋党小组", "Building groups"),
    "cov_short_dual_report_rate": ("双报到", "Dual reporting"),
    "cov_short_volunteer_rate": ("志愿者", "Volunteers"),
    "cov_short_premises_compliance": ("社区用房", "Premises"),
    "cov_short_grid_worker_rate": ("网格员", "Grid workers"),
    "cov_short_walking_coverage": ("步行覆盖", "Walking"),
    "community_unknown": ("（未归属社区）", "(no community)"),
    "selected_total": ("所选社区合计", "Chosen communities"),
    "gap_orgs": ("两新组织未建党组织（{n}）", "Orgs without a Party org ({n})"),
    "gap_property": ("物业企业未建党组织（{n}）", "Property cos. without one ({n})"),
    "gap_grids": ("网格缺支部或网格员（{n}）", "Grids lacking branch/worker ({n})"),
    "gap_premises": ("社区用房不达标（{n}）", "Premises below standard ({n})"),
    "gap_walking": ("步行半径外小区（{n}）", "Beyond walking radius ({n})"),
    "gap_orgs_hint": (
        "在营、尚未建立党组织（单独或联合组建）的非公企业和社会组织，按正式党员人数排序。",
        "Operating enterprises and social organisations with no Party organisation (own or joint), most full "
        "members first.",
    ),
    "gap_orgs_can_build": (
        "其中 **{n}** 家有 {min} 名以上正式党员，可单独组建党支部（“可单独组建”一列为“是”）。",
        "**{n}** of them have {min} or more full members and could build their own branch (“Can build own "
        "branch” = Yes).",
    ),
    "gap_property_hint": (
        "在辖区小区提供服务、尚未建立党组织的物业企业，每个服务社区一行。",
        "Property companies serving compounds here with no Party organisation, one row per community served.",
    ),
    "gap_grids_hint": (
        "未建立网格党支部的网格，以及未配备专职网格员的网格（两项都缺的网格列两行）。",
        "Grids without a grid Party branch and grids without a full-time grid worker (a grid lacking both "
        "is listed twice).",
    ),
    "gap_premises_hint": (
        "社区用房应不少于 {min_m2} 平方米且每百户不少于 {per100} 平方米；面积或户数不明的社区也列出。",
        "Community premises should be at least {min_m2} m² and {per100} m² per 100 households; communities "
        "with unknown area or households are listed too.",
    ),
    "gap_walking_hint": (
        "{radius} 米步行半径（直线距离）内没有党群服务中心的小区，附最近的中心及距离；无坐标的小区也列出。",
        "Compounds with no service centre within {radius} m (straight line), with the nearest centre and its "
        "distance; compounds without coordinates are listed too.",
    ),
    "gap_none": ("没有缺口。", "No gaps."),
    "gap_grid_branch": ("未建立网格党支部", "No grid Party branch"),
    "gap_grid_worker": ("未配备专职网格员", "No full-time grid worker"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "col_community": ("社区", "Community"),
    "col_rate": ("比率", "Rate"),
    "col_org_name": ("单位名称", "Organisation"),
    "col_org_kind": ("类型", "Kind"),
    "col_employees": ("从业人员", "Employees"),
    "col_full_members": ("正式党员", "Full members"),
    "col_can_build_own": ("可单独组建", "Can build own branch"),
    "col_instructor": ("已派党建指导员", "Instructor assigned"),
    "col_responsible": ("责任单位", "Responsible"),
    "col_uscc": ("统一社会信用代码", "USCC"),
    "col_company": ("物业企业", "Property company"),
    "col_compounds": ("服务小区数", "Compounds served"),
    "col_households": ("户数", "Households"),
    "col_gap": ("缺口", "Gap"),
    "col_grid": ("网格", "Grid"),
    "col_grid_code": ("网格编码", "Grid code"),
    "col_premises_m2": ("现有面积（㎡）", "Premises (m²)"),
    "col_required_m2": ("应达面积（㎡）", "Required (m²)"),
    "col_shortfall_m2": ("缺口面积（㎡）", "Shortfall (m²)"),
    "col_compound": ("小区", "Compound"),
    "col_nearest_centre": ("最近的党群服务中心", "Nearest service centre"),
    "col_distance_m": ("距离（米）", "Distance (m)"),
    # 组织生活 Meeting compliance page.
    "meetings_intro": (
        "各党支部“三会一课”等组织生活是否按期召开（按 config/meetings.toml 的规则），到会率与法定人数，党费按时缴纳"
        "与欠缴 {months} 个月以上的党员。绿色 = 应开会议均已按期召开；黄色 = 有会议 {days} 天内到期尚未召开；红色 = 期限已过仍有缺项。",
        "Whether each branch held its required meetings (三会一课, rules in config/meetings.toml) on time, "
        "attendance and quorum, dues paid on time and members {months}+ months behind. Green = every required "
        "meeting held on time; yellow = one due within {days} days, not yet held; red = a window closed with "
        "one missing.",
    ),
    "meet_span": ("统计期间", "Period"),
    "meet_span_months": ("连续月份", "Months"),
    "meet_span_quarter": ("季度", "Quarter"),
    "meet_from": ("起始月份", "From"),
    "meet_to": ("截止月份", "To"),
    "meet_types": ("支部类型", "Branch types"),
    "meet_all_types": ("全部类型", "All types"),
    "meet_problems_only": ("只看有缺项或将到期的支部", "Only branches with a missed or due meeting"),
    "meet_judged_at": (
        "判定时点：{when}（所选期间结束或当前时间，取较早者）",
        "Judged at {when} (the end of the period or now, whichever is earlier)",
    ),
    "meet_no_data": (
        "还没有党组织名册或三会一课台账。请在“数据导入”中导入党组织名册、党员名册和三会一课台账。",
        "No Party organisations or meeting records yet. Load the organisation and member rosters and the "
        "meeting ledger on the Data page.",
    ),
    "meet_rates": ("组织生活与党费", "Meetings and dues"),
    "meet_matrix": ("支部 × 月份 按期召开情况", "Branches × months: meetings held on time"),
    "meet_matrix_hint": (
        "每格为该月到期的应开会议（季度、年度会议计入期末月份）；悬停查看按期召开数/应开数。",
        "Each cell holds the meetings falling due that month (quarterly and yearly ones in their last month); "
        "hover for held on time / required.",
    ),
    "meet_cell_text": ("按期召开 {}/{}", "held on time {} of {}"),
    "meet_lists": ("待办与缺项", "Missed and due soon"),
    "meet_missed": ("未按期召开（{n}）", "Missed ({n})"),
    "meet_due_soon": ("即将到期（{n}）", "Due soon ({n})"),
    "meet_missed_none": ("所选期间没有缺项。", "Nothing missed in this period."),
    "meet_due_soon_none": (
        "没有 {days} 天内到期、尚未召开的会议（所选期间已结束时此表为空）。",
        "No required meeting due within {days} days and not yet held (empty once the period has ended).",
    ),
    "meet_dues": ("欠缴党费 {months} 个月以上的党员", "Members {months}+ months behind with dues"),
    "meet_dues_hint": (
        "连续 {months} 个月及以上未缴党费的党员（姓名已脱敏）；连续 6 个月不缴纳视为自行脱党，请及时谈心谈话、督促缴纳。",
        "Members who paid nothing for {months} months or more (names masked); six months unpaid without reason "
        "counts as leaving the Party, so talk to them now.",
    ),
    "meet_dues_none": ("没有欠缴 {months} 个月以上的党员。", "No member is {months}+ months behind."),
    "problem_not_held": ("未召开", "Not held"),
    "problem_no_quorum": ("到会人数未过半", "No quorum"),
    "problem_due_soon": ("尚未召开", "Not yet held"),
    "col_branch": ("支部", "Branch"),
    "col_unit": ("应召开单位", "Unit"),
    "col_branch_type": ("支部类型", "Branch type"),
    "col_meeting": ("会议", "Meeting"),
    "col_period": ("期间", "Period"),
    "col_problem": ("问题", "Problem"),
    "col_due_on": ("截止日期", "Due on"),
    "col_days_overdue": ("逾期天数", "Days overdue"),
    "col_days_left": ("剩余天数", "Days left"),
    "col_member": ("党员（脱敏）", "Member (masked)"),
    "col_months_behind": ("欠缴月数", "Months behind"),
    "col_last_paid": ("最后缴费月份", "Last month paid"),
    "col_first_deadline": ("首个欠缴月截止日", "First unpaid deadline"),
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
    "view_ranking": ("社区红黑榜", "Red and black lists"),
    "view_categories": ("分类与办结用时", "Categories and hours to close"),
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

# Kinds of meeting (config/meetings.toml) and categories of Party organisation (party_org.category).
MEETING_KINDS: dict[str, tuple[str, str]] = {
    "支部党员大会": ("支部党员大会", "Branch general meeting"),
    "支委会": ("支委会", "Branch committee meeting"),
    "党小组会": ("党小组会", "Party group meeting"),
    "党课": ("党课", "Party lecture"),
    "主题党日": ("主题党日", "Theme Party day"),
    "组织生活会": ("组织生活会", "Organisational life meeting"),
    "民主评议党员": ("民主评议党员", "Democratic appraisal of members"),
}
ORG_CATEGORIES: dict[str, tuple[str, str]] = {
    "街道": ("街道", "Street"),
    "社区": ("社区", "Community"),
    "网格": ("网格", "Grid"),
    "楼栋": ("楼栋", "Building"),
    "机关": ("机关", "Government office"),
    "事业单位": ("事业单位", "Public institution"),
    "国企": ("国企", "State-owned enterprise"),
    "非公企业": ("非公企业", "Private enterprise"),
    "社会组织": ("社会组织", "Social organisation"),
    "物业企业": ("物业企业", "Property company"),
    "联合": ("联合", "Joint"),
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

# 物业评级 Property ranking: the notes a dimension carries when no record fed it (rating_scores).
RATING_NOTES: dict[str, tuple[str, str]] = {
    "未检查": ("未检查", "not inspected"),
    "未测评": ("未测评", "no survey"),
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
    "件/千户": ("件/千户", " per 1,000 hh"),
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


def month_ticks(months, lang: str = "zh", line_break: str = "\n") -> list[str]:
    """Axis ticks of consecutive months, short enough to stand upright side by side: the month,
    and under it (after ``line_break``) the year on the first month and on each January only
    (11月 / 2025年, 12月, 1月 / 2026年, 2月 … ; Nov / 2025, Dec, Jan / 2026, Feb …)."""
    ticks = []
    for index, d in enumerate(months):
        month = d.strftime("%b") if lang == "en" else f"{d.month}月"
        year = str(d.year) if lang == "en" else f"{d.year}年"
        ticks.append(f"{month}{line_break}{year}" if index == 0 or d.month == 1 else month)
    return ticks


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
