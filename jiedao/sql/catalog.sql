-- Catalog of the warehouse: what is loaded, and the recent loads.

-- name: table_counts
-- grain: one row per warehouse table
SELECT t.table_name, t.estimated_size AS approx_rows, c.column_count
FROM duckdb_tables() t
JOIN (SELECT table_name, count(*) AS column_count FROM duckdb_columns() GROUP BY table_name) c USING (table_name)
WHERE t.schema_name = 'main' AND NOT t.temporary
ORDER BY t.table_name;

-- name: recent_loads
-- grain: one row per load batch, newest first
SELECT batch_id, started_at, file_name, source_kind, status, rows_read, rows_loaded, rows_rejected,
       rows_replaced, message, file_format, encoding
FROM load_log
ORDER BY batch_id DESC
LIMIT $limit;

-- name: last_load
-- grain: one row: the newest successful load
SELECT max(finished_at) AS finished_at, count(*) AS batches
FROM load_log WHERE status IN ('loaded', 'partial');

-- name: rejected_for_batch
-- grain: one row per quarantined source row of a batch
SELECT source_row, rules, reasons, row_json FROM rejected_rows WHERE batch_id = $batch ORDER BY source_row;

-- name: communities
-- grain: one row per community
SELECT community_code AS code, name, households, population FROM community ORDER BY community_code;

-- name: months_with_tickets
-- grain: one row per month that has tickets, newest first
SELECT DISTINCT CAST(date_trunc('month', received_at) AS DATE) AS month FROM hotline_ticket ORDER BY month DESC;

-- name: community_names
-- grain: one row per community within $communities (empty = all), for lists that name communities
SELECT community_code, name AS community_name
FROM community
WHERE len($communities) = 0 OR list_contains($communities, community_code)
ORDER BY community_code;
