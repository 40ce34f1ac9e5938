-- Twoway's schema. Ids are random strings; times are ISO-8601 UTC text.

CREATE TABLE programmes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  k_anonymity INTEGER NOT NULL DEFAULT 5,
  weights TEXT,
  created_at TEXT NOT NULL
);

-- Only the SHA-256 of each bearer token is kept.
CREATE TABLE tokens (
  hash TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('coordinator', 'sponsor', 'participant')),
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  participant_id TEXT REFERENCES participants(id),
  created_at TEXT NOT NULL
);
CREATE INDEX tokens_participant ON tokens(participant_id);

-- invite_hash is the SHA-256 of the current invite code; the code itself is
-- derived with an HMAC when a coordinator lists invites, never stored.
CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  function TEXT NOT NULL DEFAULT '',
  region TEXT NOT NULL DEFAULT '',
  generation TEXT NOT NULL DEFAULT '',
  invite_version INTEGER NOT NULL DEFAULT 1,
  invite_hash TEXT NOT NULL UNIQUE,
  redeemed_at TEXT,
  -- Set on the tombstone that replaces an erased member in their pairs; such a
  -- row carries no name, email or attributes of the person.
  erased_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (programme_id, email)
);

CREATE TABLE pairs (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  a_id TEXT NOT NULL,
  b_id TEXT NOT NULL,
  mentor_id TEXT,
  cohort TEXT NOT NULL DEFAULT '',
  starts_on TEXT NOT NULL,
  ends_on TEXT,
  cadence_days INTEGER NOT NULL DEFAULT 14,
  created_at TEXT NOT NULL
);
CREATE INDEX pairs_programme ON pairs(programme_id);
CREATE INDEX pairs_a ON pairs(a_id);
CREATE INDEX pairs_b ON pairs(b_id);

-- One row per occurrence of a pair's meeting. The a_* and b_* columns hold each
-- member's answer for that session; they are rebuilt from responses in the
-- same batch as every response write, so analytics read one row per session.
-- topics are bit masks in the order of TOPICS in shared/schemas.ts.
CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  pair_id TEXT NOT NULL REFERENCES pairs(id),
  event_key TEXT NOT NULL,
  start_at TEXT NOT NULL,
  end_at TEXT NOT NULL,
  month TEXT NOT NULL,
  a_happened INTEGER,
  a_value INTEGER,
  a_learned INTEGER,
  a_openness INTEGER,
  a_autonomy REAL,
  a_topics INTEGER,
  b_happened INTEGER,
  b_value INTEGER,
  b_learned INTEGER,
  b_openness INTEGER,
  b_autonomy REAL,
  b_topics INTEGER,
  created_at TEXT NOT NULL,
  UNIQUE (pair_id, event_key)
);
CREATE INDEX sessions_programme_start ON sessions(programme_id, start_at);
CREATE INDEX sessions_pair_start ON sessions(pair_id, start_at);

-- One response per (session, participant); id is the client's UUID.
-- revision counts writes, so an upsert can tell a new answer from a replacement.
CREATE TABLE responses (
  id TEXT NOT NULL UNIQUE,
  session_id TEXT NOT NULL REFERENCES sessions(id),
  participant_id TEXT NOT NULL,
  happened INTEGER NOT NULL,
  value INTEGER,
  learned INTEGER,
  openness INTEGER,
  autonomy REAL,
  topics INTEGER,
  answered_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (session_id, participant_id)
);
CREATE INDEX responses_participant ON responses(participant_id);

-- Per pair per calendar month sums of the session rows: the sufficient
-- statistics of every pair metric, so multi-year reads never touch responses.
CREATE TABLE pair_months (
  programme_id TEXT NOT NULL,
  pair_id TEXT NOT NULL,
  month TEXT NOT NULL,
  sessions INTEGER NOT NULL,
  held INTEGER NOT NULL,
  missed INTEGER NOT NULL,
  responses INTEGER NOT NULL,
  a_value_sum REAL NOT NULL,
  a_value_n INTEGER NOT NULL,
  b_value_sum REAL NOT NULL,
  b_value_n INTEGER NOT NULL,
  a_learned_yes INTEGER NOT NULL,
  a_learned_n INTEGER NOT NULL,
  b_learned_yes INTEGER NOT NULL,
  b_learned_n INTEGER NOT NULL,
  mutual_yes INTEGER NOT NULL,
  mutual_n INTEGER NOT NULL,
  openness_yes INTEGER NOT NULL,
  openness_n INTEGER NOT NULL,
  autonomy_sum REAL NOT NULL,
  autonomy_n INTEGER NOT NULL,
  deep_sessions INTEGER NOT NULL,
  topic_sessions INTEGER NOT NULL,
  topic_tools INTEGER NOT NULL,
  topic_ways_of_working INTEGER NOT NULL,
  topic_strategy INTEGER NOT NULL,
  topic_customers_markets INTEGER NOT NULL,
  topic_culture_perspectives INTEGER NOT NULL,
  topic_career INTEGER NOT NULL,
  last_held_at TEXT,
  PRIMARY KEY (programme_id, month, pair_id)
);
CREATE INDEX pair_months_pair ON pair_months(pair_id, month);
