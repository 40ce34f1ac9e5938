-- Served figures (README, "Performance"): each pair's dashboard figures for the
-- default window, the programme summary built from them, and computed culture
-- tables. All are derived from sessions and pair_months and can be rebuilt.

-- One row per pair shown in the default window (the 90 days before as_of) or
-- in a month of its series. listed_json is the pair's row of the pair list
-- (null when it shows only in the series); parts_json holds the shown tallies
-- and assessments the summary is summed from. The sort and search columns are
-- computed by shared/metrics/paging.ts when the row is written.
CREATE TABLE pair_snapshots (
  programme_id TEXT NOT NULL,
  pair_id TEXT NOT NULL,
  as_of TEXT NOT NULL,
  listed INTEGER NOT NULL,
  status TEXT,
  cohort TEXT NOT NULL,
  flags INTEGER NOT NULL,
  sort_health REAL NOT NULL,
  sort_name TEXT NOT NULL,
  search TEXT NOT NULL,
  listed_json TEXT,
  parts_json TEXT NOT NULL,
  PRIMARY KEY (programme_id, pair_id)
);
CREATE INDEX pair_snapshots_health ON pair_snapshots(programme_id, listed, sort_health, pair_id);
CREATE INDEX pair_snapshots_name ON pair_snapshots(programme_id, listed, sort_name, pair_id);
CREATE INDEX pair_snapshots_status ON pair_snapshots(programme_id, listed, status, sort_health, pair_id);

-- The summary and monthly series of the default window as of as_of, built from
-- pair_snapshots; body is NULL when a pair snapshot changed since.
CREATE TABLE dashboard_snapshots (
  programme_id TEXT PRIMARY KEY,
  as_of TEXT NOT NULL,
  body TEXT,
  computed_at TEXT NOT NULL
);

-- Pairs whose snapshot is out of date: written in the same batch as the answer,
-- import or erasure that touched them. seq grows with every write, so a refresh
-- removes only the entries it computed, never a newer one.
CREATE TABLE snapshot_queue (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  programme_id TEXT NOT NULL,
  pair_id TEXT NOT NULL UNIQUE
);
CREATE INDEX snapshot_queue_programme ON snapshot_queue(programme_id, seq);

-- Computed culture tables, one per request (period, segmentation, range, asOf).
-- A table reads the months up to last_month; a write that touches a month
-- deletes every table with last_month at or after it.
CREATE TABLE culture_cache (
  programme_id TEXT NOT NULL,
  request TEXT NOT NULL,
  last_month TEXT NOT NULL,
  body TEXT NOT NULL,
  computed_at TEXT NOT NULL,
  PRIMARY KEY (programme_id, request)
);
CREATE INDEX culture_cache_month ON culture_cache(programme_id, last_month);
