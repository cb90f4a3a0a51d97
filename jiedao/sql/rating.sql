-- Property-company rating (DOMAIN.md §7, config/rating.toml): the inputs of jiedao/rating.py, read for
-- several quarters at once, and the published (frozen) rankings. $quarters is a list of
-- {quarter, q_start, q_end, judge_at} (timestamps; judge_at = the moment open items are judged, the
-- quarter's end unless an earlier as_of is given); $quarter_names the same quarters' names.
-- Every query is limited to the street being rated ($street_code).

-- name: companies
-- Grain: one row per property company on the street's roster (the 组织建设 inputs; rosters have no
-- history, so every quarter reads the current roster).
SELECT uscc AS company_uscc, name,
       party_org_code IS NOT NULL AS has_party_org,
       coalesce(instructor, false) AS instructor,
       coalesce(cross_posts, 0) AS cross_posts,
       coalesce(party_members, 0) AS party_members,
       uscc IN (SELECT company_uscc FROM compound WHERE company_uscc IS NOT NULL) AS serves_compounds
FROM property_company
WHERE street_code = $street_code
ORDER BY uscc;

-- name: inspection_scores
-- Grain: one row per quarter × company × inspection dimension: Σ score, Σ max_score over its items.
SELECT quarter, company_uscc, dimension, sum(score) AS score, sum(max_score) AS max_score, count(*) AS items
FROM property_inspection
WHERE street_code = $street_code AND list_contains($quarter_names, quarter)
GROUP BY ALL
ORDER BY ALL;

-- name: surveys
-- Grain: one row per quarter × company: survey answers summed over its compounds.
SELECT quarter, company_uscc, sum(respondents)::BIGINT AS respondents, sum(satisfied)::BIGINT AS satisfied,
       sum(basically_satisfied)::BIGINT AS basically_satisfied, sum(dissatisfied)::BIGINT AS dissatisfied
FROM resident_survey
WHERE street_code = $street_code AND list_contains($quarter_names, quarter)
GROUP BY ALL
ORDER BY ALL;

-- name: complaints
-- Grain: one row per 12345 ticket verified as the company's responsibility (company_fault), received in
-- one of the quarters. overdue = closed after deadline_at, or still open past it at judge_at. major =
-- urgency $major_urgency, or sent back for 重办 when $major_if_reopened. The outer range filter lets
-- DuckDB skip row groups of a large ticket table before the per-quarter join.
WITH q AS (
    SELECT unnest($quarters, recursive := true)
)
SELECT q.quarter, t.company_uscc, t.ticket_id, t.received_at, t.deadline_at, t.closed_at, t.urgency,
       coalesce(t.reopened_count, 0) AS reopened_count,
       coalesce(t.deadline_at IS NOT NULL
                AND (t.closed_at > t.deadline_at OR (t.closed_at IS NULL AND t.deadline_at < q.judge_at)),
                false) AS overdue,
       coalesce(t.urgency = $major_urgency, false)
           OR ($major_if_reopened AND coalesce(t.reopened_count, 0) > 0) AS major
FROM hotline_ticket AS t
JOIN q ON t.received_at >= q.q_start AND t.received_at < q.q_end
WHERE t.company_fault AND t.company_uscc IS NOT NULL AND t.street_code = $street_code
  AND t.received_at >= (SELECT min(q_start) FROM q) AND t.received_at < (SELECT max(q_end) FROM q)
ORDER BY q.quarter, t.company_uscc, t.received_at, t.ticket_id;

-- name: findings
-- Grain: one row per inspection finding whose rectification deadline falls in one of the quarters (a
-- finding counts in the quarter its deadline falls in; without rectify_by, the last day of the quarter it
-- was found in). unrectified = not rectified by the deadline; judged = the deadline day is over by
-- judge_at (only judged findings are deducted; the others are pending).
WITH q AS (
    SELECT unnest($quarters, recursive := true)
),
found AS (
    SELECT i.*,
           coalesce(i.rectify_by, last_day(make_date(CAST(left(i.quarter, 4) AS INTEGER),
                                                     CAST(right(i.quarter, 1) AS INTEGER) * 3, 1))) AS deadline
    FROM property_inspection AS i
    WHERE i.street_code = $street_code AND i.finding IS NOT NULL AND trim(i.finding) <> ''
)
SELECT q.quarter, f.company_uscc, f.compound_code, f.dimension, f.item, f.finding,
       f.quarter AS inspection_quarter, f.deadline, f.rectified_on,
       f.rectified_on IS NULL OR f.rectified_on > f.deadline AS unrectified,
       (f.deadline + 1)::TIMESTAMP <= q.judge_at AS judged
FROM found AS f
JOIN q ON f.deadline >= q.q_start::DATE AND f.deadline < q.q_end::DATE
ORDER BY q.quarter, f.company_uscc, f.deadline, f.compound_code, f.dimension, f.item;

-- name: vetoes
-- Grain: one row per inspection record of a quarter carrying a veto event listed in $veto_events.
SELECT quarter, company_uscc, veto_event, compound_code, inspected_on
FROM property_inspection
WHERE street_code = $street_code AND list_contains($quarter_names, quarter)
  AND list_contains($veto_events, veto_event)
ORDER BY ALL;

-- name: data_quarters
-- Grain: one row per quarter with any inspection or survey record of the street, oldest first.
SELECT DISTINCT quarter FROM (
    SELECT quarter FROM property_inspection WHERE street_code = $street_code
    UNION ALL
    SELECT quarter FROM resident_survey WHERE street_code = $street_code
)
ORDER BY quarter;

-- Published rankings (written by pipelines/rate.py; frozen: a change is a new revision).

-- name: latest_revision
-- Grain: the latest published revision of $quarter (no row: never published).
SELECT quarter, revision, published_at, inputs_fingerprint, results_fingerprint, companies, note, changes
FROM rating_revision
WHERE quarter = $quarter
ORDER BY revision DESC
LIMIT 1;

-- name: published_results
-- Grain: one row per company in the latest published revision of each quarter of $quarter_names.
SELECT r.*
FROM rating_result AS r
JOIN (SELECT quarter, max(revision) AS revision FROM rating_revision GROUP BY quarter) AS latest
  USING (quarter, revision)
WHERE list_contains($quarter_names, r.quarter)
ORDER BY r.quarter, r.rank, r.company_uscc;

-- name: revision_results
-- Grain: one row per company in revision $revision of $quarter.
SELECT * FROM rating_result
WHERE quarter = $quarter AND revision = $revision
ORDER BY rank, company_uscc;

-- name: revisions
-- Grain: one row per published revision of $quarter, oldest first (the revision trail).
SELECT quarter, revision, published_at, companies, note, changes, inputs_fingerprint, results_fingerprint
FROM rating_revision
WHERE quarter = $quarter
ORDER BY revision;

-- name: published_quarters
-- Grain: one row per quarter with a published ranking, newest first, with its latest revision.
SELECT quarter, max(revision) AS revision, max(published_at) AS published_at
FROM rating_revision
GROUP BY quarter
ORDER BY quarter DESC;

-- For the 物业评级 page: a company's published record over the quarters, and the names behind the
-- codes of a breakdown (tickets, compounds).

-- name: company_history
-- Grain: one row per quarter with a published ranking holding company $company_uscc (latest revision
-- of each quarter), oldest first: its rank among how many, total, tier.
WITH latest AS (
    SELECT quarter, max(revision) AS revision FROM rating_revision GROUP BY quarter
),
published AS (
    SELECT r.* FROM rating_result AS r JOIN latest USING (quarter, revision)
)
SELECT quarter, revision, rank, (SELECT count(*) FROM published AS p WHERE p.quarter = c.quarter) AS companies,
       total, tier
FROM published AS c
WHERE company_uscc = $company_uscc
ORDER BY quarter;

-- name: complaint_tickets
-- Grain: one row per ticket of $ticket_ids received in [$received_from, $received_to) (the bounds let
-- DuckDB skip row groups of a large ticket table): what the complaint was about and where.
SELECT t.ticket_id, t.appeal_type, t.category_l2, t.title, t.compound_code, c.name AS compound_name
FROM hotline_ticket AS t
LEFT JOIN compound AS c USING (compound_code)
WHERE t.received_at >= $received_from AND t.received_at < $received_to
  AND list_contains($ticket_ids, t.ticket_id)
ORDER BY t.ticket_id;

-- name: compound_names
-- Grain: one row per compound of $compound_codes that is on the roster.
SELECT compound_code, name AS compound_name
FROM compound
WHERE list_contains($compound_codes, compound_code)
ORDER BY compound_code;
