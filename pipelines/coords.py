"""Coordinates and polygons of the staging table converted to WGS-84 in place (numpy + shapely,
vectorised for points), and points of our street checked against its boundary."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from jiedao import geo
from jiedao.db import rows as fetch_rows
from jiedao.db import run
from pipelines.sqltext import lit


def convert_points(con, table: str, crs: str, opt, check_boundary: bool) -> None:
    """lon/lat → WGS-84 in place; ``_outside`` set for rows of our street beyond its boundary."""
    frame = con.sql(
        f"SELECT _row, lon, lat, coalesce(street_code = {lit(opt.street_code)}, FALSE) "
        f"AS ours FROM {table} WHERE lon IS NOT NULL AND lat IS NOT NULL"
    ).to_arrow_table()
    if frame.num_rows == 0:
        return
    lon = frame["lon"].to_numpy(zero_copy_only=False)
    lat = frame["lat"].to_numpy(zero_copy_only=False)
    in_range = (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
    w_lon, w_lat = geo.to_wgs84(np.where(in_range, lon, np.nan), np.where(in_range, lat, np.nan), crs)
    outside = np.zeros(len(lon), bool)
    if opt.street_polygon and check_boundary:
        inside = geo.contains(opt.street_polygon, w_lon, w_lat, opt.boundary_tolerance_m)
        outside = in_range & ~inside & frame["ours"].to_numpy(zero_copy_only=False)
    if crs == "WGS84":  # nothing moves: flag the (few) rows outside instead of rewriting every row
        keep = outside
        update = pa.table({"_row": frame["_row"].filter(pa.array(keep)), "w_out": outside[keep]})
        sql = f"UPDATE {table} t SET _outside = p.w_out FROM jd_points p WHERE t._row = p._row"
    else:
        update = pa.table(
            {
                "_row": frame["_row"],
                "w_lon": np.where(in_range, w_lon, lon),
                "w_lat": np.where(in_range, w_lat, lat),
                "w_out": outside,
            }
        )
        sql = f"UPDATE {table} t SET lon = p.w_lon, lat = p.w_lat, _outside = p.w_out FROM jd_points p WHERE t._row = p._row"
    if update.num_rows:
        con.register("jd_points", update)
        run(con, sql)
        con.unregister("jd_points")


def convert_polygons(con, table: str, crs: str) -> None:
    """Polygons → WGS-84 in place, with centroids; ``_geom_error`` for anything not a valid polygon."""
    found = fetch_rows(con, f"SELECT _row, polygon FROM {table} WHERE polygon IS NOT NULL")
    if not found:
        return
    out = {"_row": [], "poly": [], "err": [], "clon": [], "clat": []}
    for row, text in found:
        poly = err = clon = clat = None
        try:
            poly = geo.geometry_to_wgs84(text, crs)
            shape = geo.parse_geometry(poly)
            if shape.geom_type not in ("Polygon", "MultiPolygon"):
                err = f"{shape.geom_type}"
            elif not shape.is_valid:
                err = "invalid polygon (self-intersecting)"
            else:
                clon, clat = geo.centroid(poly)
        except Exception as exc:  # any malformed geometry is this row's problem, not the batch's
            err = str(exc)[:120]
        for key, value in zip(out, (row, poly, err, clon, clat), strict=True):
            out[key].append(value)
    con.register(
        "jd_polys",
        pa.table(
            {
                "_row": pa.array(out["_row"], pa.int32()),
                "poly": pa.array(out["poly"], pa.string()),
                "err": pa.array(out["err"], pa.string()),
                "clon": pa.array(out["clon"], pa.float64()),
                "clat": pa.array(out["clat"], pa.float64()),
            }
        ),
    )
    run(
        con,
        f"UPDATE {table} t SET polygon = p.poly, _geom_error = p.err, centroid_lon = p.clon, "
        f"centroid_lat = p.clat FROM jd_polys p WHERE t._row = p._row",
    )
    con.unregister("jd_polys")
