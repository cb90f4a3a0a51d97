"""Real third-party exports (../shared/realdata) through the shipped mappings: every row is loaded
or quarantined with a reason, counted against Python's csv module; foreign rows keep their own
street code and are never quarantined for lying outside our street."""

from __future__ import annotations

import csv
import datetime as dt
import json

import openpyxl
import pytest
import shapely

from jiedao import db, geo
from pipelines.load import load_file
from pipelines.mapping import load_mapping
from tests.pipelines.helpers import NOW, csv_records, load_street_kit, reconciled

NYC_FORMAT = "%m/%d/%Y %I:%M:%S %p"


def records(path):
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def load(con, path, mapping):
    result = load_file(con, path, mapping=load_mapping(mapping), now=NOW)
    reconciled(con, result)
    return result


@pytest.mark.parametrize(
    ("file", "mapping", "street"),
    [
        ("nyc311_2022-05-01.csv", "nyc311", "US-NYC"),
        ("nyc311_2018-01_legacy53col.csv", "nyc311", "US-NYC"),
        ("boston311_2022-01.csv", "boston311", "US-BOS"),
        ("hunan_messages_labeled.csv", "hunan_board", "430000"),
        ("hunan_messages_with_replies.csv", "hunan_board", "430000"),
    ],
)
def test_every_row_of_a_real_export_is_loaded_or_quarantined(con, realdata, file, mapping, street):
    load_street_kit(con)  # our street's polygon is loaded: foreign rows must still not be "outside"
    path = realdata / file
    result = load(con, path, mapping)
    assert result.rows_read == csv_records(path)
    assert result.status in ("loaded", "partial")
    assert (
        db.scalar(con, "SELECT count(*) FROM hotline_ticket WHERE street_code = ?", [street])
        == result.rows_loaded
    )
    rules = db.scalar(
        con, "SELECT flatten(list(rules)) FROM rejected_rows WHERE batch_id = ?", [result.batch_id]
    )
    assert "outside_street" not in (rules or [])
    assert db.scalar(con, "SELECT count(*) FROM rejected_rows WHERE reasons = ''") == 0


def test_nyc_legacy_rows_closed_before_created_are_quarantined(con, realdata):
    path = realdata / "nyc311_2018-01_legacy53col.csv"
    rows = records(path)
    stamp = lambda v: dt.datetime.strptime(v, NYC_FORMAT)  # noqa: E731
    early = {
        r["Unique Key"]
        for r in rows
        if r["Closed Date"] and stamp(r["Closed Date"]) < stamp(r["Created Date"])
    }
    assert len(early) == 16  # as SOURCES.md says
    load(con, path, "nyc311")
    quarantined = db.rows(
        con,
        "SELECT json_extract_string(row_json, '$.\"Unique Key\"') FROM rejected_rows "
        "WHERE list_contains(rules, 'closed_before_received')",
    )
    assert {key for (key,) in quarantined} == early
    loaded = {key for (key,) in db.rows(con, "SELECT ticket_id FROM hotline_ticket")}
    assert not loaded & {f"NYC-{k}" for k in early}
    assert db.scalar(con, "SELECT count(*) FROM hotline_ticket WHERE closed_at < received_at") == 0


def test_nyc_both_layouts_through_one_mapping(con, realdata):
    current = load(con, realdata / "nyc311_2022-05-01.csv", "nyc311")
    assert current.rows_loaded == 924  # SOURCES.md: 924 rows, none dirty
    first = records(realdata / "nyc311_2022-05-01.csv")[0]
    found = db.one(
        con,
        "SELECT received_at, status, channel, category_l1, lat, lon FROM hotline_ticket WHERE ticket_id = ?",
        [f"NYC-{first['Unique Key']}"],
    )
    assert found == (
        dt.datetime(2022, 5, 1, 0, 0, 3),  # 05/01/2022 12:00:03 AM
        "办理中",  # In Progress
        "网络",  # ONLINE
        "Noise - Residential",
        pytest.approx(40.83065331987539),
        pytest.approx(-73.92308231033165),
    )
    legacy = load(con, realdata / "nyc311_2018-01_legacy53col.csv", "nyc311")
    # the 2018 slice adds to the 2022 one (replace_period = "none"): nothing of either is lost
    assert db.scalar(con, "SELECT count(*) FROM hotline_ticket") == 924 + legacy.rows_loaded


def test_hunan_board_csv_and_original_xlsx_agree(con, realdata):
    xlsx = realdata / "hunan_messages_with_replies.xlsx"
    sheet = openpyxl.load_workbook(xlsx, read_only=True).worksheets[0]
    body = [r for r in sheet.iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]
    from_xlsx = load(con, xlsx, "hunan_board")
    assert from_xlsx.rows_read == len(body) == 120
    assert from_xlsx.rows_rejected == 0
    received = {f"HN-{int(r[0])}": r[3] for r in body if isinstance(r[3], dt.datetime)}
    assert received == {"HN-2759": dt.datetime(2019, 4, 8, 8, 37, 20)}  # the one real date cell
    # The CSV of the same workbook holds that cell as Excel's day number 43563.359259259261:
    # 43563 days after 1899-12-30 is 2019-04-08, and 0.359259259261 * 86400 s = 31040 s = 08:37:20.
    from_csv = load(con, realdata / "hunan_messages_with_replies.csv", "hunan_board")
    assert from_csv.rows_rejected == 0
    assert (
        db.scalar(con, "SELECT received_at FROM hotline_ticket WHERE ticket_id = 'HN-2759'")
        == received["HN-2759"]
    )
    assert db.scalar(con, "SELECT count(*) FROM hotline_ticket WHERE replied_at < received_at") == 0


def test_hunan_labeled_duplicate_message_is_quarantined(con, realdata):
    path = realdata / "hunan_messages_labeled.csv"
    ids = [r["留言编号"] for r in records(path)]
    repeats = len(ids) - len(set(ids))
    assert repeats == 1  # message 37042 appears twice, with two different 一级分类
    result = load(con, path, "hunan_board")
    assert result.rows_rejected == repeats
    assert db.scalar(con, "SELECT rules FROM rejected_rows") == ["duplicate_key"]
    # 留言用户 maps to the citizen: masked in quarantine too (A00034667 → A*******7)
    raw = db.scalar(con, "SELECT row_json FROM rejected_rows")
    assert "A00034667" not in raw and '"留言用户":"A*******7"' in raw
    assert (
        db.scalar(con, "SELECT citizen_masked FROM hotline_ticket WHERE ticket_id = 'HN-24'") == "A*******1"
    )


def test_real_street_outline_in_gcj02_through_a_user_mapping(con, realdata, tmp_path):
    # The five streets' polygons carry names (乡), not codes: a mapping gives each its 统计用区划代码
    # (yueyang_township_codes_2023.csv) and declares the file's GCJ-02.
    codes = {r["name"]: r["code"] for r in records(realdata / "yueyang_township_codes_2023.csv")}
    names = ("岳阳楼街道", "三眼桥街道", "吕仙亭街道", "金鹗山街道", "东茅岭街道")
    values = "\n".join(f'"{n}" = "{codes[n]}"' for n in names)
    mapping = tmp_path / "streets.toml"
    mapping.write_text(
        '[source]\nkind = "street"\ncrs = "GCJ02"\n[columns]\nstreet_code = "乡"\nname = "乡"\n'
        f'district_code = "县"\npolygon = "_geometry"\n[values.district_code]\n"岳阳楼区" = "430602"\n'
        f"[values.street_code]\n{values}\n",
        encoding="utf-8",
    )
    result = load(con, realdata / "yueyanglou_district_5_streets.geojson", str(mapping))
    assert (result.rows_loaded, result.rows_rejected) == (5, 0)
    # every vertex moved by the GCJ-02 offset, 50-700 m in China (DOMAIN.md §8)
    raw = json.loads((realdata / "yueyanglou_district_5_streets.geojson").read_text(encoding="utf-8"))
    raw_vertex = next(f for f in raw["features"] if f["properties"]["乡"] == "岳阳楼街道")["geometry"]
    raw_lon, raw_lat = raw_vertex["coordinates"][0][0]
    stored = json.loads(db.scalar(con, "SELECT polygon FROM street WHERE street_code = '430602001'"))
    lon, lat = stored["coordinates"][0][0]
    assert 50 < geo.haversine_m(raw_lon, raw_lat, lon, lat) < 700
    inside = shapely.from_geojson(json.dumps(stored)).representative_point()
    # a ticket inside loads; one in the lake at 113.070 E (the outline ends near 113.081 E) is outside
    tickets = tmp_path / "tickets.csv"
    tickets.write_text(
        f"工单编号,受理时间,诉求内容,经度,纬度\nT1,2025-03-01 09:00:00,游客拥挤,{inside.x},{inside.y}\n"
        "T2,2025-03-01 10:00:00,湖面漂浮物,113.070,29.378\n",
        encoding="utf-8",
    )
    outcome = load_file(con, tickets, now=NOW)
    assert (outcome.rows_loaded, outcome.rows_rejected) == (1, 1)
    assert db.scalar(con, "SELECT rules FROM rejected_rows WHERE source_row = 3") == ["outside_street"]
