"""A file written by hand in every supported format and encoding, with Chinese headers, loads:
CSV in UTF-8 / UTF-8 with BOM / GB18030 (told from the bytes, not the name), XLSX (title row,
merged title cells, blank trailing rows, a named sheet), Parquet, JSON, GeoJSON with a declared
CRS converted to WGS-84 (checked against published coordinate pairs), Open311 GeoReport v2."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from jiedao import db
from pipelines.load import load_file
from pipelines.mapping import load_mapping
from tests.pipelines.helpers import NOW, csv_records, reconciled

TICKETS = (
    "工单编号,受理时间,诉求类型,一级分类,诉求内容,来电人,来电号码\n"
    "YY001,2025-10-02 09:15:00,投诉,城市管理,楼下烧烤油烟扰民，请处理,张建华,13812345678\n"
    "YY002,2025/10/03 10:20,咨询,公共服务,办理居住证需要什么材料？,李秀英,13987654321\n"
)
EXPECTED = [
    ("YY001", dt.datetime(2025, 10, 2, 9, 15), "投诉", "楼下烧烤油烟扰民，请处理", "张*华", "138****5678"),
    ("YY002", dt.datetime(2025, 10, 3, 10, 20), "咨询", "办理居住证需要什么材料？", "李*英", "139****4321"),
]


def tickets(con):
    return db.rows(
        con,
        "SELECT ticket_id, received_at, appeal_type, content, citizen_masked, phone_masked "
        "FROM hotline_ticket ORDER BY ticket_id",
    )


@pytest.mark.parametrize(
    ("name", "encoding", "logged"),
    [
        ("工单.csv", "utf-8", "utf-8"),
        ("工单_bom.csv", "utf-8-sig", "utf-8-sig"),
        ("工单_gbk.txt", "gb18030", "gb18030"),  # the extension says nothing about the encoding
    ],
)
def test_csv_in_every_encoding(con, tmp_path, name, encoding, logged):
    path = tmp_path / name
    path.write_bytes(TICKETS.encode(encoding))
    result = load_file(con, path, now=NOW)
    reconciled(con, result)
    assert (result.rows_read, result.rows_loaded) == (csv_records(path, encoding), 2)
    assert tickets(con) == EXPECTED
    assert db.one(con, "SELECT file_format, encoding FROM load_log") == ("csv", logged)


def write_workbook(path):
    """Sheet 1 (说明) is a note; sheet 2 (十月工单) has a merged title row, the header on row 2,
    the tickets on rows 3-4 and styled but empty trailing rows, as government exports do."""
    book = openpyxl.Workbook()
    note = book.active
    note.title = "说明"
    note["A1"] = "本表由12345热线平台导出"
    sheet = book.create_sheet("十月工单")
    sheet["A1"] = "岳阳楼街道12345工单明细（2025年10月）"
    sheet.merge_cells("A1:G1")
    lines = [line.split(",") for line in TICKETS.strip().split("\n")]
    for r, line in enumerate(lines, start=2):
        for c, value in enumerate(line, start=1):
            sheet.cell(r, c, value)
    sheet.cell(3, 2, dt.datetime(2025, 10, 2, 9, 15))  # a real date cell, not text
    for r in range(5, 9):  # blank trailing rows that still carry formatting
        sheet.cell(r, 1).number_format = "@"
        sheet.cell(r, 3, "")
    book.save(path)


def test_xlsx_named_sheet_with_title_row_merged_cells_and_blank_tail(con, tmp_path):
    path = tmp_path / "工单.xlsx"
    write_workbook(path)
    result = load_file(con, path, sheet="十月工单", now=NOW)
    reconciled(con, result)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (2, 2, 0)
    assert tickets(con) == EXPECTED
    assert db.rows(con, "SELECT source_row FROM hotline_ticket ORDER BY 1") == [(3,), (4,)]  # as Excel shows


def test_xlsx_first_sheet_by_default(con, tmp_path):
    path = tmp_path / "工单.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["12345工单"])  # a title row in one cell, no merge
    for line in TICKETS.strip().split("\n"):
        sheet.append(line.split(","))
    book.save(path)
    result = load_file(con, path, now=NOW)
    assert (result.rows_read, result.rows_loaded) == (2, 2)
    assert tickets(con) == EXPECTED


def test_xlsx_missing_sheet_is_refused_naming_the_sheets(con, tmp_path):
    path = tmp_path / "工单.xlsx"
    write_workbook(path)
    result = load_file(con, path, sheet="十一月", now=NOW)
    assert result.status == "failed"
    assert "工作表 '十一月' 不存在" in result.message and "sheet '十一月' not found" in result.message
    assert "十月工单" in result.message


def columns():
    lines = [line.split(",") for line in TICKETS.strip().split("\n")]
    return {h: [row[i] for row in lines[1:]] for i, h in enumerate(lines[0])}


def test_parquet(con, tmp_path):
    path = tmp_path / "工单.parquet"
    pq.write_table(pa.table(columns()), path)
    result = load_file(con, path, now=NOW)
    assert (result.rows_read, result.rows_loaded) == (2, 2)
    assert tickets(con) == EXPECTED


def test_json_records(con, tmp_path):
    data = columns()
    records = [{h: data[h][i] for h in data} for i in range(2)]
    path = tmp_path / "工单.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    result = load_file(con, path, now=NOW)
    assert (result.rows_read, result.rows_loaded) == (2, 2)
    assert tickets(con) == EXPECTED


def feature_collection(crs: str, features: list) -> str:
    return json.dumps(
        {
            "type": "FeatureCollection",
            "crs": {"type": "name", "properties": {"name": crs}},
            "features": features,
        },
        ensure_ascii=False,
    )


def test_geojson_polygon_declared_gcj02_is_stored_in_wgs84(con, tmp_path):
    # Published pair (wandergis/coordtransform): WGS-84 (116.404, 39.915) is GCJ-02
    # (116.41024449916938, 39.91640428150164). A GCJ-02 vertex there must come back to the WGS-84 one.
    ring = [
        [116.41024449916938, 39.91640428150164],
        [116.42, 39.9164],
        [116.42, 39.925],
        [116.41024449916938, 39.91640428150164],
    ]
    path = tmp_path / "社区边界.geojson"
    path.write_text(
        feature_collection(
            "GCJ-02",
            [
                {
                    "type": "Feature",
                    "properties": {"社区代码": "430602001001", "社区名称": "岳阳楼社区", "户数": 1537},
                    "geometry": {"type": "Polygon", "coordinates": [ring]},
                }
            ],
        ),
        encoding="utf-8",
    )
    result = load_file(con, path, now=NOW)
    assert (result.rows_loaded, result.rows_rejected) == (1, 0)
    polygon = json.loads(db.scalar(con, "SELECT polygon FROM community"))
    lon, lat = polygon["coordinates"][0][0]
    assert lon == pytest.approx(116.404, abs=1e-6) and lat == pytest.approx(39.915, abs=1e-6)


@pytest.mark.parametrize(
    ("crs", "point", "expected", "tolerance"),
    [
        # wandergis/coordtransform's pairs: BD-09 (116.41036949371029, 39.92133699351021) is GCJ-02
        # (116.404, 39.915), which is WGS-84 (116.39775550083061, 39.91359571849836) by its one-step
        # inverse (good to 1-2 m, hence the tolerance of about 1 m in degrees)
        ("BD-09", (116.41036949371029, 39.92133699351021), (116.39775550083061, 39.91359571849836), 1e-5),
        # eviltransform's Shanghai pair: WGS-84 (121.5272106, 31.1774276) is GCJ-02 (121.531541859215, 31.17530398364597)
        ("GCJ-02", (121.531541859215, 31.17530398364597), (121.5272106, 31.1774276), 1e-6),
        ("EPSG:4326", (113.095, 29.375), (113.095, 29.375), 0),
    ],
)
def test_geojson_points_with_declared_crs(con, tmp_path, crs, point, expected, tolerance):
    path = tmp_path / "工单点位.geojson"
    feature = {
        "type": "Feature",
        "properties": {"工单编号": "P001", "受理时间": "2025-10-02 09:15:00", "诉求内容": "井盖缺失"},
        "geometry": {"type": "Point", "coordinates": list(point)},
    }
    path.write_text(feature_collection(crs, [feature]), encoding="utf-8")
    result = load_file(con, path, now=NOW)
    assert (result.rows_loaded, result.rows_rejected) == (1, 0), result.message
    lon, lat = db.one(con, "SELECT lon, lat FROM hotline_ticket")
    assert lon == pytest.approx(expected[0], abs=tolerance) and lat == pytest.approx(
        expected[1], abs=tolerance
    )


def test_geojson_with_an_unsupported_crs_is_refused(con, tmp_path):
    path = tmp_path / "点位.geojson"
    path.write_text(feature_collection("EPSG:3857", []), encoding="utf-8")
    result = load_file(con, path, kind="hotline_ticket", now=NOW)
    assert result.status == "failed" and "不支持的坐标系 EPSG:3857" in result.message


def test_open311_georeport_v2(con, tmp_path):
    requests = [
        {
            "service_request_id": "638344",
            "status": "closed",
            "status_notes": "路灯已修复",
            "service_name": "路灯不亮",
            "service_code": "006",
            "description": "洞庭南路 12 号门口路灯不亮",
            "agency_responsible": "市政设施维护中心",
            "requested_datetime": "2025-10-02T09:15:00+08:00",
            "updated_datetime": "2025-10-03T01:30:00Z",
            "address": "洞庭南路12号",
            "lat": 29.375,
            "long": 113.095,
            "media_url": None,
        }
    ]
    path = tmp_path / "requests.json"
    path.write_text(json.dumps(requests, ensure_ascii=False), encoding="utf-8")
    result = load_file(con, path, mapping=load_mapping("open311"), now=NOW)
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (1, 1, 0), result.message
    found = db.one(
        con, "SELECT ticket_id, status, received_at, replied_at, lon, lat, source_system FROM hotline_ticket"
    )
    # 01:30 UTC is 09:30 in Asia/Shanghai (UTC+8)
    assert found == (
        "638344",
        "已办结",
        dt.datetime(2025, 10, 2, 9, 15),
        dt.datetime(2025, 10, 3, 9, 30),
        113.095,
        29.375,
        "open311",
    )
    assert db.scalar(con, "SELECT file_format FROM load_log") == "open311"


@pytest.fixture
def small_head(monkeypatch):
    """Pretend files over 64 bytes are large: only a 32-byte head is decoded in Python, the rest
    is left to DuckDB's own UTF-8 check (as for real files over 16 MB)."""
    from pipelines.readers import text

    monkeypatch.setattr(text, "FULL_CHECK", 64)
    monkeypatch.setattr(text, "CHUNK", 32)


def test_large_file_not_utf8_after_its_head_is_refused_naming_the_line(con, tmp_path, small_head):
    path = tmp_path / "latin1.csv"
    lines = ["service_request_id,requested_datetime,description"] + [
        f"R{i},2025-03-01 09:00:00,street light out" for i in range(16)
    ]
    # line 18: past the decoded head and the 12 rows sniffed for the header, so DuckDB finds it
    lines.append("R16,2025-03-01 10:00:00,caf\xe9 terrace noise")
    path.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    result = load_file(con, path, now=NOW)
    assert result.status == "failed" and "第 18 行" in result.message and "line 18" in result.message
    assert db.scalar(con, "SELECT count(*) FROM hotline_ticket") == 0


def test_large_gb18030_file_with_an_ascii_head_is_transcoded(con, tmp_path, small_head):
    path = tmp_path / "工单.txt"
    body = "ticket_id,received_at,content\n" + "".join(f"A{i},2025-03-01 09:00:00,lamp\n" for i in range(14))
    body += "A14,2025-03-01 10:00:00,楼下烧烤油烟扰民\n"  # line 16: found by DuckDB, not the sniffing
    path.write_bytes(body.encode("gb18030"))
    result = load_file(con, path, kind="hotline_ticket", now=NOW)
    assert (result.rows_read, result.rows_loaded) == (15, 15), result.message
    assert db.scalar(con, "SELECT content FROM hotline_ticket WHERE ticket_id = 'A14'") == "楼下烧烤油烟扰民"
    assert db.scalar(con, "SELECT encoding FROM load_log") == "gb18030"
