-- 12345 hotline metrics. Grain of every query: one row per {by} key for the tickets received in
-- [$start, $end) within $communities / $grids (empty list = all).

-- name: tickets
SELECT {by} AS key, count(*) AS numerator, NULL::BIGINT AS denominator
FROM hotline_ticket
WHERE received_at >= $start AND received_at < $end
  AND (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR list_contains($grids, grid_code))
GROUP BY ALL;
