-- 组织生活 and 党费 (DOMAIN.md §3). Rules ($meeting_rules, $quorum_counts, $dues_* …) come from
-- [params] of config/meetings.toml. Organisations are filtered by their community / grid, a 党小组
-- taking its parent branch's when it has none of its own; a 党小组's meetings and members answer to its
-- parent branch (org_code), while the 党小组 itself (unit_code) is the one that must hold 党小组会.
-- Open items are judged on the period's last moment or today, whichever is earlier
-- ($as_of: Filter.judged_at(), the end of the period or now, whichever is earlier, unless pinned);
-- the lists in jiedao/meetings.py judge at the same moment.

-- name: org_places
-- Grain: one row per party organisation as a unit (unit_code) with the branch it answers to (org_code: a
-- 党小组's parent branch, otherwise itself) and its community / grid (a 党小组 without its own takes its
-- parent's). Shared by every query below.
SELECT u.org_code AS unit_code, u.name AS unit_name, u.org_type, u.founded_on, u.street_code,
       CASE WHEN u.org_type = '党小组' AND u.parent_code IS NOT NULL THEN u.parent_code
            ELSE u.org_code END AS org_code,
       coalesce(u.community_code, p.community_code) AS community_code,
       coalesce(u.grid_code, p.grid_code) AS grid_code
FROM party_org AS u
LEFT JOIN party_org AS p ON p.org_code = u.parent_code

-- name: member_places
-- Grain: one row per member: the branch they answer to (org_code, as org_places; a member of an
-- organisation missing from the roster keeps their own org_code), its community / grid, and full_from:
-- the day the member became full (a 正式 member one year after joining, or always when joined_on is
-- unknown; NULL for a 预备 member).
SELECT m.member_key, m.name_masked, m.street_code, m.joined_on,
       coalesce(o.org_code, m.org_code) AS org_code, o.community_code, o.grid_code,
       CASE WHEN m.member_status = '正式'
            THEN coalesce((m.joined_on + INTERVAL 1 YEAR)::DATE, DATE '1900-01-01') END AS full_from
FROM party_member AS m
LEFT JOIN ({{org_places}}) AS o ON o.unit_code = m.org_code

-- name: compliance_rate
-- Grain: one row per {by} over required meetings (obligations: organisation × rule × window) whose
-- window closes in [$start, $end) and that are already judged (window closed) or already fulfilled.
-- jiedao/meetings.py reuses every CTE of this query (everything before the final SELECT) for the
-- obligation lists, so the lists and the rate cannot disagree.
WITH rules AS (
    SELECT r.kind, r.org_types, r.every_months, r.min_full_members, r.quorum
    FROM (SELECT unnest($meeting_rules) AS r)
),
months AS (                 -- first days of months that can open a window closing in the period
    SELECT unnest(range((date_trunc('month', $start::DATE) - INTERVAL 11 MONTH)::DATE, $end::DATE,
                        INTERVAL 1 MONTH))::DATE AS month_start
),
due AS (                    -- windows aligned on the calendar whose last day lies in [$start, $end)
    SELECT r.*, m.month_start AS window_start,
           (m.month_start + to_months(r.every_months))::DATE AS window_end
    FROM rules AS r CROSS JOIN months AS m
    WHERE (month(m.month_start) - 1) % r.every_months = 0
      AND (m.month_start + to_months(r.every_months))::DATE > $start::DATE
      AND (m.month_start + to_months(r.every_months))::DATE <= $end::DATE
),
units AS ({{org_places}}),
members AS ({{member_places}}),
full_at AS (                -- full members of each organisation on each window's first day
    SELECT mb.org_code, s.window_start, count(*) AS full_members
    FROM members AS mb
    JOIN (SELECT DISTINCT window_start FROM due) AS s ON mb.full_from <= s.window_start
    GROUP BY ALL
),
owed AS (                   -- an organisation owes a window from its founding on, and only with enough full members
    SELECT u.org_code, u.unit_code, u.unit_name, u.street_code, u.community_code, u.grid_code,
           d.kind, d.quorum, d.window_start, d.window_end, d.window_end - 1 AS due_on,
           coalesce(f.full_members, 0) AS full_members
    FROM units AS u
    JOIN due AS d ON list_contains(d.org_types, u.org_type)
    LEFT JOIN full_at AS f ON f.org_code = u.org_code AND f.window_start = d.window_start
    WHERE (u.founded_on IS NULL OR u.founded_on <= d.window_start)
      AND coalesce(f.full_members, 0) >= d.min_full_members
      AND (len($communities) = 0 OR list_contains($communities, u.community_code))
      AND (len($grids) = 0 OR list_contains($grids, u.grid_code))
),
sessions AS (               -- the meetings held inside an owed window
    SELECT o.org_code, o.unit_code, o.kind, o.window_start, o.quorum,
           mt.meeting_id, mt.held_on, mt.attendees, mt.expected
    FROM owed AS o
    JOIN meeting AS mt
      ON mt.org_code = o.unit_code AND mt.kind = o.kind
     AND mt.held_on >= o.window_start AND mt.held_on < o.window_end
    WHERE mt.held_on >= (SELECT min(window_start) FROM due) AND mt.held_on < $end::DATE
),
voting AS (                 -- full (voting) members of the branch on the day of each meeting needing them
    SELECT s.meeting_id, count(*) AS voting_members
    FROM sessions AS s
    JOIN members AS mb ON mb.org_code = s.org_code AND mb.full_from <= s.held_on
    WHERE s.quorum = 'voting'
    GROUP BY s.meeting_id
),
judged AS (                 -- quorum per meeting (NULL = attendance not recorded: not held against it)
    SELECT s.*,
           CASE s.quorum
               WHEN 'voting' THEN s.attendees * 2 > coalesce(nullif(v.voting_members, 0), s.expected)
               WHEN 'committee' THEN s.attendees * 2 > s.expected
               ELSE true
           END AS quorate
    FROM sessions AS s
    LEFT JOIN voting AS v ON v.meeting_id = s.meeting_id
),
matched AS (
    SELECT o.org_code, o.unit_code, o.unit_name, o.street_code, o.community_code, o.grid_code, o.kind,
           o.window_start, o.window_end, o.due_on, o.full_members,
           count(j.meeting_id) AS meetings,
           min(j.held_on) AS first_held_on,
           bool_or(coalesce(j.quorate, true)) FILTER (WHERE j.meeting_id IS NOT NULL) AS quorate
    FROM owed AS o
    LEFT JOIN judged AS j ON j.unit_code = o.unit_code AND j.kind = o.kind AND j.window_start = o.window_start
    GROUP BY ALL
),
obligation AS (
    SELECT *, meetings > 0 AS held,
           meetings > 0 AND (NOT $quorum_counts OR coalesce(quorate, false)) AS compliant
    FROM matched
)
SELECT {by} AS key,
       count(*) FILTER (WHERE compliant) AS numerator,
       count(*) AS denominator
FROM obligation
WHERE compliant OR window_end <= $as_of::DATE
GROUP BY ALL;

-- name: obligation_state
-- Grain: one row per obligation; composed after the CTEs of compliance_rate (as CTE `state`).
-- state: done (held on time) · missed (window closed without it) · due_soon (due within $due_soon_days
-- of $as_of, not yet held) · open (later) · future (window not yet begun).
SELECT *,
       CASE WHEN compliant THEN 'done'
            WHEN window_end::TIMESTAMP <= $as_of THEN 'missed'
            WHEN window_start::TIMESTAMP > $as_of THEN 'future'
            WHEN due_on <= $as_of::DATE + $due_soon_days::INTEGER THEN 'due_soon'
            ELSE 'open' END AS state,
       CASE datediff('month', window_start, window_end)
            WHEN 1 THEN strftime(window_start, '%Y年%-m月')
            WHEN 3 THEN year(window_start) || '年第' || quarter(window_start) || '季度'
            WHEN 12 THEN year(window_start) || '年度'
            ELSE strftime(window_start, '%Y年%-m月') || '起' || datediff('month', window_start, window_end) || '个月'
       END AS period_label
FROM obligation

-- name: obligations
-- Grain: one row per obligation with its state, the responsible branch's name and category.
SELECT s.*, p.name AS org_name, p.category AS org_category
FROM state AS s
LEFT JOIN party_org AS p ON p.org_code = s.org_code
ORDER BY s.org_code, s.due_on, s.kind, s.unit_code

-- name: org_status
-- Grain: one row per responsible branch: required / held / on time, and the colour as of $as_of.
SELECT s.org_code, p.name AS org_name, p.category AS org_category,
       any_value(s.community_code) AS community_code,
       count(*) AS required,
       count(*) FILTER (WHERE s.held) AS held,
       count(*) FILTER (WHERE s.compliant) AS on_time,
       count(*) FILTER (WHERE s.state = 'missed') AS missed,
       count(*) FILTER (WHERE s.state = 'due_soon') AS due_soon,
       CASE WHEN count(*) FILTER (WHERE s.state = 'missed') > 0 THEN 'red'
            WHEN count(*) FILTER (WHERE s.state = 'due_soon') > 0 THEN 'yellow'
            WHEN count(*) FILTER (WHERE s.state <> 'future') = 0 THEN 'none'
            ELSE 'green' END AS status
FROM state AS s
LEFT JOIN party_org AS p ON p.org_code = s.org_code
GROUP BY s.org_code, p.name, p.category
ORDER BY s.org_code

-- name: org_month_status
-- Grain: one row per responsible branch × month in which obligations fall due (the page's matrix).
SELECT s.org_code, p.name AS org_name, p.category AS org_category,
       any_value(s.community_code) AS community_code,
       date_trunc('month', s.due_on)::DATE AS month,
       count(*) AS required,
       count(*) FILTER (WHERE s.compliant) AS on_time,
       CASE WHEN count(*) FILTER (WHERE s.state = 'missed') > 0 THEN 'red'
            WHEN count(*) FILTER (WHERE s.state = 'due_soon') > 0 THEN 'yellow'
            WHEN count(*) FILTER (WHERE s.state <> 'future') = 0 THEN 'none'
            ELSE 'green' END AS status
FROM state AS s
LEFT JOIN party_org AS p ON p.org_code = s.org_code
GROUP BY s.org_code, p.name, p.category, month
ORDER BY s.org_code, month

-- name: attendance_rate
-- Grain: one row per {by} over meetings held in [$start, $end) with both attendees and expected recorded:
-- attendees ÷ expected members. A 党小组's meetings count for its parent branch.
SELECT {by} AS key, sum(attendees) AS numerator, sum(expected) AS denominator
FROM (
    SELECT mt.street_code, mt.attendees, mt.expected, coalesce(u.org_code, mt.org_code) AS org_code,
           u.community_code, u.grid_code
    FROM meeting AS mt
    LEFT JOIN ({{org_places}}) AS u ON u.unit_code = mt.org_code
    WHERE mt.held_on >= $start::DATE AND mt.held_on < $end::DATE
      AND mt.attendees IS NOT NULL AND mt.expected > 0
)
WHERE (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR list_contains($grids, grid_code))
GROUP BY ALL;

-- name: quorum_rate
-- Grain: one row per {by} over meetings held in [$start, $end) of a kind with a quorum rule whose quorum
-- can be judged: quorate meetings ÷ judged meetings. Same quorum test as compliance_rate.
WITH rules AS (
    SELECT r.kind, r.quorum FROM (SELECT unnest($meeting_rules) AS r) WHERE r.quorum <> 'none'
),
held AS (                   -- by the meeting's own organisation (org_code), placed as org_places
    SELECT mt.meeting_id, mt.street_code, mt.org_code, mt.held_on, mt.attendees, mt.expected, r.quorum,
           u.community_code, u.grid_code
    FROM meeting AS mt
    JOIN rules AS r ON r.kind = mt.kind
    LEFT JOIN ({{org_places}}) AS u ON u.unit_code = mt.org_code
    WHERE mt.held_on >= $start::DATE AND mt.held_on < $end::DATE
),
members AS ({{member_places}}),
voting AS (
    SELECT h.meeting_id, count(*) AS voting_members
    FROM held AS h
    JOIN members AS mb ON mb.org_code = h.org_code AND mb.full_from <= h.held_on
    WHERE h.quorum = 'voting'
    GROUP BY h.meeting_id
),
judged AS (
    SELECT h.*,
           CASE h.quorum
               WHEN 'voting' THEN h.attendees * 2 > coalesce(nullif(v.voting_members, 0), h.expected)
               WHEN 'committee' THEN h.attendees * 2 > h.expected
           END AS quorate
    FROM held AS h
    LEFT JOIN voting AS v ON v.meeting_id = h.meeting_id
)
SELECT {by} AS key,
       count(*) FILTER (WHERE quorate) AS numerator,
       count(quorate) AS denominator
FROM judged
WHERE (len($communities) = 0 OR list_contains($communities, community_code))
  AND (len($grids) = 0 OR list_contains($grids, grid_code))
GROUP BY ALL;

-- name: dues_on_time_rate
-- Grain: one row per {by} over member-months: each member of the roster owes every month M in
-- [$start, $end) from the month they joined; on time = paid (paid_on) by day $dues_deadline_day of M
-- (capped at M's last day). Months whose deadline has not passed count only once paid on time.
WITH members AS (
    SELECT *, date_trunc('month', joined_on)::DATE AS first_month FROM ({{member_places}})
),
owed AS (
    SELECT mb.*, mo.month,
           least(mo.month + ($dues_deadline_day::INTEGER - 1), last_day(mo.month)) AS deadline
    FROM members AS mb
    CROSS JOIN (SELECT unnest(range($start::DATE, $end::DATE, INTERVAL 1 MONTH))::DATE AS month) AS mo
    WHERE (mb.first_month IS NULL OR mb.first_month <= mo.month)
      AND (len($communities) = 0 OR list_contains($communities, mb.community_code))
      AND (len($grids) = 0 OR list_contains($grids, mb.grid_code))
),
checked AS (
    SELECT o.*, coalesce(d.paid_on <= o.deadline, false) AS on_time
    FROM owed AS o
    LEFT JOIN dues_payment AS d
      ON d.member_key = o.member_key AND d.month = o.month
     AND d.month >= $start::DATE AND d.month < $end::DATE
)
SELECT {by} AS key,
       count(*) FILTER (WHERE on_time) AS numerator,
       count(*) AS denominator
FROM checked
WHERE on_time OR deadline < $as_of::DATE
GROUP BY ALL;

-- name: dues_behind_members
-- Grain: one row per {by}: members $dues_behind_months or more months behind, judged on
-- least($end, today). Months behind = months from the one after the last month paid for (paid before
-- the judging day) to the last month whose deadline has passed; a member who never paid counts from the
-- month they joined or the first month of dues records, whichever is later (no records: nobody flagged).
-- So a member is behind exactly when nothing was paid for the last $dues_behind_months due months (or
-- later) and dues were owed since before them — which needs only the recent payments.
-- jiedao/meetings.py reuses every CTE of this query for the list of members behind.
WITH judge AS (
    SELECT $as_of::DATE AS day
),
last_due AS (                -- the last month whose deadline lies before the judging day
    SELECT CASE WHEN least(this_month + ($dues_deadline_day::INTEGER - 1), last_day(this_month)) < day
                THEN this_month ELSE (this_month - INTERVAL 1 MONTH)::DATE END AS month, day
    FROM (SELECT date_trunc('month', day)::DATE AS this_month, day FROM judge)
),
records AS (
    SELECT min(month) AS first_month FROM dues_payment
),
members AS (
    SELECT member_key, name_masked, street_code, date_trunc('month', joined_on)::DATE AS joined_month, org_code,
           community_code, grid_code
    FROM ({{member_places}})
    WHERE (len($communities) = 0 OR list_contains($communities, community_code))
      AND (len($grids) = 0 OR list_contains($grids, grid_code))
),
recent AS (                  -- paid, before the judging day, for one of the last due months or later
    SELECT d.member_key
    FROM dues_payment AS d
    CROSS JOIN last_due AS ld
    WHERE d.month > (ld.month - to_months($dues_behind_months::INTEGER))::DATE AND d.paid_on < ld.day
),
behind AS (
    SELECT mb.*, ld.month AS last_due_month, ld.day AS judged_on, r.first_month AS records_from
    FROM members AS mb
    CROSS JOIN last_due AS ld
    CROSS JOIN records AS r
    WHERE greatest(mb.joined_month, r.first_month)
              <= (ld.month - to_months($dues_behind_months::INTEGER - 1))::DATE
      AND mb.member_key NOT IN (SELECT member_key FROM recent)
)
SELECT {by} AS key, count(*) AS numerator, NULL::BIGINT AS denominator
FROM behind
GROUP BY ALL;

-- name: members_behind
-- Grain: one row per member behind; composed after the CTEs of dues_behind_members. The last month paid
-- for is looked up for these members only.
SELECT *, datediff('month', first_unpaid_month, last_due_month) + 1 AS months_behind,
       least(first_unpaid_month + ($dues_deadline_day::INTEGER - 1), last_day(first_unpaid_month)) AS first_deadline
FROM (
    SELECT b.*, p.name AS org_name, p.category AS org_category, lp.last_paid_month,
           coalesce((lp.last_paid_month + INTERVAL 1 MONTH)::DATE,
                    greatest(b.joined_month, b.records_from)) AS first_unpaid_month
    FROM behind AS b
    LEFT JOIN (
        SELECT d.member_key, max(d.month) AS last_paid_month
        FROM dues_payment AS d
        WHERE d.paid_on < (SELECT day FROM last_due) AND d.member_key IN (SELECT member_key FROM behind)
        GROUP BY d.member_key
    ) AS lp ON lp.member_key = b.member_key
    LEFT JOIN party_org AS p ON p.org_code = b.org_code
)
ORDER BY months_behind DESC, org_code, member_key

-- name: months_with_meetings
-- Grain: one row per month in which a meeting was held, newest first.
SELECT DISTINCT date_trunc('month', held_on)::DATE AS month
FROM meeting
WHERE held_on IS NOT NULL
ORDER BY month DESC;

-- name: branches
-- Grain: one row per Party organisation that answers for meetings and dues (every type but 党小组,
-- whose meetings and members count for their parent branch): code, name, category, community.
SELECT o.org_code, o.name AS org_name, o.category AS org_category, o.community_code, c.name AS community_name
FROM party_org AS o
LEFT JOIN community AS c ON c.community_code = o.community_code
WHERE o.org_type <> '党小组'
ORDER BY o.org_code;
