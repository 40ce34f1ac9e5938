-- Pair privacy and credentials (SECURITY.md, "Privacy").

-- How many answers each member of a pair must have in a window before a
-- pair-level number over that window is shown.
ALTER TABLE programmes ADD COLUMN min_answers_per_member INTEGER NOT NULL DEFAULT 3;

-- A participant token from a re-issued invite reads only the answers the
-- Worker received from the moment it was issued on (server time); NULL
-- means the person's first sign-in, which may read everything of theirs.
ALTER TABLE tokens ADD COLUMN reads_from TEXT;

-- Set when the programme reset a joined person's access (re-issued their
-- invite or revoked their devices); the next redemption then reads from its own time.
ALTER TABLE participants ADD COLUMN access_reset_at TEXT;

-- When the Worker stored each answer, by its own clock (answered_at is the client's).
-- Kept by triggers, so every write path (live answers, history import) sets it.
ALTER TABLE responses ADD COLUMN received_at TEXT;
UPDATE responses SET received_at = answered_at WHERE received_at IS NULL;

CREATE TRIGGER responses_received_insert AFTER INSERT ON responses
BEGIN
  UPDATE responses SET received_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

CREATE TRIGGER responses_received_update AFTER UPDATE OF happened, value, learned, openness, autonomy, topics, answered_at ON responses
BEGIN
  UPDATE responses SET received_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;

-- Tokens that no longer work: only their SHA-256, never the token, and why,
-- so that the 401 can say "your access was reset" rather than "bad token".
CREATE TABLE revoked_tokens (
  hash TEXT PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('coordinator', 'sponsor', 'participant')),
  programme_id TEXT NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('access_reset', 'token_revoked', 'token_rotated')),
  revoked_at TEXT NOT NULL
);
