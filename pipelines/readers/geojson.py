"""GeoJSON (polygons and points, with a declared CRS) and Open311 GeoReport v2 request lists."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa

from pipelines.contract import CRS_NAMES
from pipelines.readers.base import ReadError, ReadInfo, cell_text, register
from pipelines.readers.text import detect_encoding


def _load_json(path: Path):
    try:
        with open(path, encoding=detect_encoding(path)) as fh:
            return json.load(fh)
    except json.JSONDecodeError as exc:
        raise ReadError(
            path,
            f"JSON 格式错误（第 {exc.lineno} 行）: {exc.msg}",
            f"invalid JSON (line {exc.lineno}): {exc.msg}",
        ) from exc


def declared_crs(doc: dict) -> str | None:
    """A GeoJSON file's declared CRS: the legacy ``crs`` member or a top-level ``coordinate_system``."""
    name = None
    crs = doc.get("crs")
    if isinstance(crs, dict):
        name = (crs.get("properties") or {}).get("name")
    name = name or doc.get("coordinate_system") or doc.get("coordinateSystem")
    if name is None:
        return None
    key = (
        str(name).upper().replace("URN:OGC:DEF:CRS:", "").replace("OGC:1.3:CRS84", "WGS84").replace("::", ":")
    )
    key = {"EPSG:4326": "WGS84", "CRS84": "WGS84"}.get(key, key)
    if key not in CRS_NAMES:
        raise ValueError(name)
    return CRS_NAMES[key]


def read_geojson(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    doc = _load_json(path)
    features = doc.get("features") if doc.get("type") == "FeatureCollection" else [doc]
    if not isinstance(features, list):
        raise ReadError(path, "GeoJSON 缺少 features 数组", "GeoJSON has no features array")
    try:
        crs = declared_crs(doc)
    except ValueError as exc:
        raise ReadError(
            path,
            f"不支持的坐标系 {exc}（支持 WGS-84、GCJ-02、BD-09）",
            f"unsupported CRS {exc} (supported: WGS-84, GCJ-02, BD-09)",
        ) from exc
    headers: list[str] = []
    for feature in features:
        for key in feature.get("properties") or {}:
            if key not in headers:
                headers.append(key)
    records = []
    for feature in features:
        props = feature.get("properties") or {}
        geometry = feature.get("geometry") or {}
        lon = lat = polygon = None
        if geometry.get("type") == "Point":
            lon, lat = (geometry.get("coordinates") or [None, None])[:2]
        elif geometry:
            polygon = json.dumps(geometry, ensure_ascii=False, separators=(",", ":"))
        records.append([cell_text(props.get(h)) for h in headers] + [polygon, cell_text(lon), cell_text(lat)])
    # Geometry columns only for what the file has: a polygon file has no _lon/_lat to flag as unknown.
    geometry_columns = {"_geometry": len(headers), "_lon": len(headers) + 1, "_lat": len(headers) + 2}
    if not any(r[-3] for r in records):
        del geometry_columns["_geometry"]
    if not any(r[-2] for r in records):
        del geometry_columns["_lon"], geometry_columns["_lat"]
    positions = list(range(len(headers))) + list(geometry_columns.values())
    headers = [*headers, *geometry_columns]
    columns = {"_row": pa.array(range(1, len(records) + 1), pa.int32())}
    for j, position in enumerate(positions):
        columns[f"c{j}"] = pa.array([r[position] for r in records], pa.string())
    register(con, table, pa.table(columns))
    return ReadInfo("geojson", headers, len(records), "utf-8", 0, crs=crs)


OPEN311_FIELDS = (
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
)


def read_open311(con, path: Path, table: str, *, known, sheet) -> ReadInfo:
    """Open311 GeoReport v2 ``requests.json``: a list of service requests (or ``{"service_requests": [...]}``).

    Datetimes are ISO 8601 with an offset; they are rewritten as Asia/Shanghai wall-clock time,
    the warehouse's convention. ``status`` open/closed stays as is for the mapping to translate.
    """
    doc = _load_json(path)
    items = doc.get("service_requests", doc.get("requests")) if isinstance(doc, dict) else doc
    if not isinstance(items, list):
        raise ReadError(
            path, "不是 Open311 GeoReport v2 请求列表", "not an Open311 GeoReport v2 request list"
        )
    extra = [k for item in items for k in item if k not in OPEN311_FIELDS]
    headers = list(OPEN311_FIELDS) + list(dict.fromkeys(extra))
    columns = {"_row": pa.array(range(1, len(items) + 1), pa.int32())}
    for j, name in enumerate(headers):
        values = [_open311_value(name, item.get(name)) for item in items]
        columns[f"c{j}"] = pa.array(values, pa.string())
    register(con, table, pa.table(columns))
    return ReadInfo("open311", headers, len(items), "utf-8", 0, crs="WGS84")


def _open311_value(name: str, value) -> str | None:
    if value is None or value == "":
        return None
    if name.endswith("_datetime") and isinstance(value, str):
        try:
            stamp = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value  # left for the contract's datetime rule to report with its row
        if stamp.tzinfo is not None:
            stamp = stamp.astimezone(dt.timezone(dt.timedelta(hours=8))).replace(tzinfo=None)
        return stamp.strftime("%Y-%m-%d %H:%M:%S")
    return cell_text(value) if not isinstance(value, (dict, list)) else json.dumps(value, ensure_ascii=False)
