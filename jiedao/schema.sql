-- The warehouse: the single source of truth for every table.
-- Keys: real PRIMARY KEYs, except on hotline_ticket (below). Loads never lean on them to upsert:
-- accepted rows replace the rows with the same natural key by a DELETE of those keys and a plain
-- INSERT (pipelines/write.py), and a key repeated inside one file is quarantined. Foreign keys are NOT
-- declared as constraints: they are contract checks in pipelines/sources (a row whose community
-- does not exist is quarantined with a reason instead of failing the whole batch).
-- Every fact row carries street_code so one warehouse can hold a district's streets, and
-- batch_id + source_row so every number can be traced back to the file row it came from.
-- Coordinates are WGS-84 (converted at ingestion); polygons are GeoJSON geometry text in WGS-84.
-- Timestamps are Asia/Shanghai wall-clock time without a zone, as the source files give them.

-- Places ----------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS street (            -- one row per 街道
    street_code      VARCHAR PRIMARY KEY,      -- 9-digit 统计用区划代码, e.g. 430602001
    name             VARCHAR NOT NULL,
    district_code    VARCHAR,
    polygon          VARCHAR,                  -- GeoJSON geometry, WGS-84
    centroid_lon     DOUBLE,
    centroid_lat     DOUBLE,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS community (         -- one row per 社区
    community_code   VARCHAR PRIMARY KEY,      -- 12 digits: street code + 3
    street_code      VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    households       INTEGER,
    population       INTEGER,
    premises_m2      DOUBLE,                   -- 社区用房面积
    polygon          VARCHAR,
    centroid_lon     DOUBLE,
    centroid_lat     DOUBLE,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS grid (              -- one row per 网格
    grid_code        VARCHAR PRIMARY KEY,
    community_code   VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    name             VARCHAR NOT NULL,
    grid_type        VARCHAR NOT NULL,         -- 综合网格 / 专属网格
    households       INTEGER,
    population       INTEGER,
    polygon          VARCHAR,
    centroid_lon     DOUBLE,
    centroid_lat     DOUBLE,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS compound (          -- one row per 小区 / 楼栋群
    compound_code    VARCHAR PRIMARY KEY,
    name             VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    community_code   VARCHAR NOT NULL,
    grid_code        VARCHAR,
    households       INTEGER,
    buildings        INTEGER,
    company_uscc     VARCHAR,                  -- NULL = 无物业小区
    self_governed    BOOLEAN,                  -- 居民自治 pilot
    lon              DOUBLE,
    lat              DOUBLE,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS building (          -- one row per 楼栋
    building_code    VARCHAR PRIMARY KEY,
    compound_code    VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    grid_code        VARCHAR,
    households       INTEGER,
    party_group_code VARCHAR,                  -- 楼栋党小组, NULL if none
    batch_id         BIGINT, source_row INTEGER
);

-- Party organisation ----------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS party_org (         -- one row per 党组织 (党委 / 党总支 / 党支部 / 党小组)
    org_code         VARCHAR PRIMARY KEY,
    name             VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    org_type         VARCHAR NOT NULL,         -- 党工委 党委 党总支 党支部 联合党支部 党小组
    parent_code      VARCHAR,
    category         VARCHAR NOT NULL,         -- 社区 网格 机关 事业单位 国企 非公企业 社会组织 物业企业 联合
    community_code   VARCHAR,
    grid_code        VARCHAR,
    units_covered    INTEGER,                  -- 联合党支部: units it covers (<= 5)
    founded_on       DATE,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS party_member (      -- one row per 党员
    member_key       VARCHAR PRIMARY KEY,      -- keyed hash (HMAC-SHA256) of the ID number; raw ID never stored
    street_code      VARCHAR NOT NULL,
    name_masked      VARCHAR NOT NULL,         -- 张*华
    gender           VARCHAR,
    birth_year       INTEGER,
    education        VARCHAR,
    joined_on        DATE,
    member_status    VARCHAR NOT NULL,         -- 正式 / 预备
    org_code         VARCHAR NOT NULL,
    registry         VARCHAR NOT NULL,         -- 在册 / 流动
    is_employed      BOOLEAN,                  -- 在职党员 (must 双报到)
    employment       VARCHAR,                  -- 在职 / 离退休 / 学生 / 其他 (dues band)
    report_community_code VARCHAR,             -- 双报到 community
    reported_on      DATE,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS dues_payment (      -- one row per member per month
    member_key       VARCHAR NOT NULL,
    month            DATE NOT NULL,            -- first day of the month paid for
    street_code      VARCHAR NOT NULL,
    amount           DECIMAL(10, 2) NOT NULL,
    paid_on          DATE,
    batch_id         BIGINT, source_row INTEGER,
    PRIMARY KEY (member_key, month)
);

CREATE TABLE IF NOT EXISTS meeting (           -- one row per meeting held
    meeting_id       VARCHAR PRIMARY KEY,
    street_code      VARCHAR NOT NULL,
    org_code         VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,         -- 支部党员大会 支委会 党小组会 党课 主题党日 组织生活会 民主评议党员 ...
    held_on          DATE NOT NULL,
    attendees        INTEGER,
    expected         INTEGER,
    topic            VARCHAR,
    batch_id         BIGINT, source_row INTEGER
);

-- 两新组织 and property companies ---------------------------------------------------------------
CREATE TABLE IF NOT EXISTS organisation (      -- one row per 非公企业 / 社会组织
    uscc             VARCHAR PRIMARY KEY,      -- 统一社会信用代码, check character verified
    name             VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,         -- 非公企业 / 社会组织
    community_code   VARCHAR,
    employees        INTEGER,
    full_members     INTEGER,                  -- 正式党员 on staff
    party_org_code   VARCHAR,
    build_mode       VARCHAR,                  -- 单独组建 / 联合组建 / NULL
    instructor       BOOLEAN,                  -- 党建指导员 assigned
    operating        BOOLEAN NOT NULL,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS property_company (  -- one row per 物业服务企业
    uscc             VARCHAR PRIMARY KEY,
    name             VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    party_org_code   VARCHAR,
    instructor       BOOLEAN,
    cross_posts      INTEGER,                  -- 交叉任职 people
    party_members    INTEGER,                  -- Party members on staff
    batch_id         BIGINT, source_row INTEGER
);

-- People on the ground --------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS grid_worker (       -- one row per 网格员
    worker_id        VARCHAR PRIMARY KEY,
    street_code      VARCHAR NOT NULL,
    name_masked      VARCHAR NOT NULL,
    phone_masked     VARCHAR,
    grid_code        VARCHAR NOT NULL,
    full_time        BOOLEAN NOT NULL,
    started_on       DATE,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS volunteer (         -- one row per registered volunteer
    volunteer_id     VARCHAR PRIMARY KEY,
    street_code      VARCHAR NOT NULL,
    name_masked      VARCHAR NOT NULL,
    community_code   VARCHAR NOT NULL,
    registered_on    DATE,
    is_party_member  BOOLEAN,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS service_center (    -- one row per 党群服务中心 / 站点
    center_code      VARCHAR PRIMARY KEY,
    name             VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    kind             VARCHAR NOT NULL,         -- 街道中心 / 社区中心 / 小区站点 / 楼宇站点
    community_code   VARCHAR,
    area_m2          DOUBLE,
    lon              DOUBLE,
    lat              DOUBLE,
    batch_id         BIGINT, source_row INTEGER
);

-- Grid activity ---------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS grid_event (        -- one row per 网格事件
    event_code       VARCHAR PRIMARY KEY,
    street_code      VARCHAR NOT NULL,
    source_system    VARCHAR NOT NULL,
    grid_code        VARCHAR NOT NULL,
    category_code    VARCHAR NOT NULL,         -- 4-digit 大类+小类
    category_name    VARCHAR,
    source           VARCHAR,                  -- 网格员巡查 群众上报 12345转办 视频发现
    description      VARCHAR,
    reported_at      TIMESTAMP NOT NULL,       -- 上报
    registered_at    TIMESTAMP,                -- 立案
    dispatched_at    TIMESTAMP,                -- 派遣
    handled_at       TIMESTAMP,                -- 处置
    feedback_at      TIMESTAMP,                -- 反馈
    checked_at       TIMESTAMP,                -- 核查
    closed_at        TIMESTAMP,                -- 结案
    status           VARCHAR NOT NULL,
    deadline_class   VARCHAR,                  -- 即办 一般 复杂 延期
    deadline_at      TIMESTAMP,
    reopened_count   INTEGER,
    lon              DOUBLE,
    lat              DOUBLE,
    batch_id         BIGINT, source_row INTEGER
);

CREATE TABLE IF NOT EXISTS patrol (            -- one row per 巡查
    patrol_id        VARCHAR PRIMARY KEY,
    street_code      VARCHAR NOT NULL,
    source_system    VARCHAR NOT NULL,
    worker_id        VARCHAR NOT NULL,
    grid_code        VARCHAR NOT NULL,
    started_at       TIMESTAMP NOT NULL,
    ended_at         TIMESTAMP,
    distance_m       DOUBLE,
    batch_id         BIGINT, source_row INTEGER
);

-- 12345 hotline ---------------------------------------------------------------------------------
-- hotline_ticket, the one table of millions of rows, has no index on its key: DuckDB's ART index
-- cost 0.7 s per million tickets loaded (0.3 s to build, 0.4 s to write at COMMIT), about 15% of a
-- validated load, and no query looks a ticket up by id. ticket_id is unique by the load (see above;
-- tests/pipelines/test_loads.py checks it after a re-export).
CREATE TABLE IF NOT EXISTS hotline_ticket (    -- one row per 工单
    ticket_id        VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    source_system    VARCHAR NOT NULL,         -- 12345, nyc311, hunan_board ... (re-exports replace per source and month)
    channel          VARCHAR,                  -- 电话 网络 微信 APP 来信 ...
    appeal_type      VARCHAR,                  -- 咨询 求助 投诉 举报 建议 表扬
    category_l1      VARCHAR,
    category_l2      VARCHAR,
    category_l3      VARCHAR,
    category_code    VARCHAR,                  -- GB/T 39666-2020 6 digits where known
    title            VARCHAR,
    content          VARCHAR,
    reply_text       VARCHAR,
    community_code   VARCHAR,
    grid_code        VARCHAR,
    compound_code    VARCHAR,
    company_uscc     VARCHAR,                  -- property company of the compound, for 物业管理 tickets
    department       VARCHAR,                  -- 承办单位
    address          VARCHAR,
    lon              DOUBLE,
    lat              DOUBLE,
    urgency          VARCHAR,                  -- 一般 / 紧急
    citizen_masked   VARCHAR,
    phone_masked     VARCHAR,
    received_at      TIMESTAMP NOT NULL,       -- 受理
    dispatched_at    TIMESTAMP,                -- 派单
    signed_at        TIMESTAMP,                -- 签收
    contacted_at     TIMESTAMP,                -- 首次联系诉求人
    replied_at       TIMESTAMP,                -- 答复
    closed_at        TIMESTAMP,                -- 办结
    visited_at       TIMESTAMP,                -- 回访
    deadline_at      TIMESTAMP,                -- 办结时限
    status           VARCHAR,                  -- 待派单 办理中 已答复 已办结 已退回 ...
    returned_count   INTEGER,                  -- 退单
    reopened_count   INTEGER,                  -- 重办
    is_contacted     BOOLEAN,
    is_resolved      BOOLEAN,                  -- judged resolved at 回访
    satisfaction     VARCHAR,                  -- 满意 基本满意 不满意 未评价
    company_fault    BOOLEAN,                  -- verified as the property company's responsibility
    batch_id         BIGINT, source_row INTEGER
);

-- Property-company rating records --------------------------------------------------------------
CREATE TABLE IF NOT EXISTS property_inspection ( -- one row per inspected item per compound per quarter
    quarter          VARCHAR NOT NULL,         -- 2026Q3
    company_uscc     VARCHAR NOT NULL,
    compound_code    VARCHAR NOT NULL,
    dimension        VARCHAR NOT NULL,         -- 日常管理 服务质量 社会形象与重点任务
    item             VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    score            DOUBLE NOT NULL,
    max_score        DOUBLE NOT NULL,
    inspected_on     DATE,
    finding          VARCHAR,
    rectify_by       DATE,
    rectified_on     DATE,
    veto_event       VARCHAR,                  -- 一票否决 event, if any
    batch_id         BIGINT, source_row INTEGER,
    PRIMARY KEY (quarter, company_uscc, compound_code, dimension, item)
);

CREATE TABLE IF NOT EXISTS resident_survey (   -- one row per compound per quarter
    quarter          VARCHAR NOT NULL,
    company_uscc     VARCHAR NOT NULL,
    compound_code    VARCHAR NOT NULL,
    street_code      VARCHAR NOT NULL,
    respondents      INTEGER NOT NULL,
    satisfied        INTEGER NOT NULL,
    basically_satisfied INTEGER NOT NULL,
    dissatisfied     INTEGER NOT NULL,
    batch_id         BIGINT, source_row INTEGER,
    PRIMARY KEY (quarter, company_uscc, compound_code)
);

-- Loads -----------------------------------------------------------------------------------------
CREATE SEQUENCE IF NOT EXISTS batch_seq START 1;

CREATE TABLE IF NOT EXISTS load_log (          -- one row per file load attempt
    batch_id         BIGINT PRIMARY KEY,
    source_kind      VARCHAR,                  -- contract kind, e.g. hotline_ticket
    file_name        VARCHAR NOT NULL,
    file_sha256      VARCHAR,
    file_format      VARCHAR,                  -- csv xlsx parquet json geojson open311
    encoding         VARCHAR,
    mapping          VARCHAR,
    status           VARCHAR NOT NULL,         -- loaded / partial / rejected / failed / unchanged
    rows_read        BIGINT NOT NULL,
    rows_loaded      BIGINT NOT NULL,
    rows_rejected    BIGINT NOT NULL,
    rows_replaced    BIGINT NOT NULL,          -- rows of re-exported periods removed before the upsert
    message          VARCHAR,
    started_at       TIMESTAMP NOT NULL,
    finished_at      TIMESTAMP,
    read_seconds     DOUBLE,
    validate_seconds DOUBLE,
    write_seconds    DOUBLE
);

CREATE TABLE IF NOT EXISTS rejected_rows (     -- one row per quarantined source row, kept whole
    batch_id         BIGINT NOT NULL,
    source_row       INTEGER NOT NULL,         -- row number as a person sees it in the file (header = its own row)
    rules            VARCHAR[] NOT NULL,       -- rule ids, e.g. [closed_before_received]
    reasons          VARCHAR NOT NULL,         -- 中文 / English, every failed rule with column and value
    row_json         VARCHAR NOT NULL,         -- the raw row, every column as read
    PRIMARY KEY (batch_id, source_row)
);

-- Working-day calendar (statutory holidays and 调休), written by the pipelines from the maintained
-- chinese_calendar package so metric SQL can compute working-day deadlines. ``known`` is false for
-- years the package does not cover yet (Monday–Friday assumed).
CREATE TABLE IF NOT EXISTS work_calendar (     -- one row per day
    day              DATE PRIMARY KEY,
    is_workday       BOOLEAN NOT NULL,
    known            BOOLEAN NOT NULL,
    workday_index    BIGINT NOT NULL           -- running count of working days since the first day
);

-- Published property ratings (pipelines/rate.py) -------------------------------------------------
-- A quarter's ranking is frozen when published: later data changes make a new revision, never a silent
-- rewrite. Revision n + 1 is written only when the inputs or the results differ from revision n.
CREATE TABLE IF NOT EXISTS rating_revision (   -- one row per published revision of a quarter's ranking
    quarter             VARCHAR NOT NULL,      -- 2026Q3
    revision            INTEGER NOT NULL,      -- 1, 2, …
    published_at        TIMESTAMP NOT NULL,
    inputs_fingerprint  VARCHAR NOT NULL,      -- sha256 of every input the engine read for the quarter
    results_fingerprint VARCHAR NOT NULL,      -- sha256 of the frozen result rows
    companies           INTEGER NOT NULL,
    note                VARCHAR,               -- 中文 / English summary of what changed since the last revision
    changes             VARCHAR,               -- JSON list: one object per company that changed
    PRIMARY KEY (quarter, revision)
);

CREATE TABLE IF NOT EXISTS rating_result (     -- one row per company per quarter per revision
    quarter             VARCHAR NOT NULL,
    revision            INTEGER NOT NULL,
    company_uscc        VARCHAR NOT NULL,
    company_name        VARCHAR NOT NULL,
    rank                INTEGER NOT NULL,      -- 1 = best; equal keys share a rank
    total               DOUBLE NOT NULL,       -- points: dimensions minus deductions
    tier                VARCHAR NOT NULL,      -- gold / silver / yellow / red
    dimensions          VARCHAR NOT NULL,      -- JSON {dimension key: points}
    complaint_deduction DOUBLE NOT NULL,       -- points deducted for verified complaints, after the cap
    finding_deduction   DOUBLE NOT NULL,       -- points deducted for findings not rectified in time
    verified_complaints INTEGER NOT NULL,
    overdue_complaints  INTEGER NOT NULL,
    major_complaints    INTEGER NOT NULL,
    unrectified_findings INTEGER NOT NULL,
    veto_events         VARCHAR NOT NULL,      -- JSON list of veto events in the quarter
    previous_tier       VARCHAR,               -- last quarter's tier (published if it was, else computed)
    score_change        DOUBLE,                -- total minus last quarter's total
    reasons             VARCHAR NOT NULL,      -- JSON list: the tier rules that decided it, zh and en
    detail              VARCHAR NOT NULL,      -- JSON: dimension notes, the tickets and findings behind the
                                               -- deductions, and what it would take to reach the next tier
    PRIMARY KEY (quarter, revision, company_uscc)
);
