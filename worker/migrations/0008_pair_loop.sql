-- What the pair gets back (README, "What the pair gets back"): a member's
-- private answers about the pairing, their requests to the programme team,
-- their choice to share a joint summary, and the tips a pair was shown.

-- Fit, relationship checks and closing answers: one per (pair, member, kind,
-- milestone); id is the client's UUID of the latest write. They are read only
-- in aggregates under k (SECURITY.md). milestone is the check's day after the
-- pair's start, 0 for fit and closing. changed_mask holds CLOSING_CHANGES bits.
CREATE TABLE pair_checks (
  id TEXT NOT NULL UNIQUE,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  pair_id TEXT NOT NULL REFERENCES pairs(id),
  participant_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('fit', 'milestone', 'closing')),
  milestone INTEGER NOT NULL DEFAULT 0,
  fit TEXT,
  worthwhile TEXT,
  pace TEXT,
  again TEXT,
  changed_mask INTEGER,
  answered_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (pair_id, participant_id, kind, milestone)
);
CREATE INDEX pair_checks_programme ON pair_checks(programme_id, kind);
CREATE INDEX pair_checks_participant ON pair_checks(participant_id);

-- Rematch and contact requests, sent by choice and read only by the
-- programme's coordinators; id is the client's UUID.
CREATE TABLE support_requests (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id),
  participant_id TEXT NOT NULL,
  pair_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('rematch', 'contact')),
  urgency TEXT,
  message TEXT,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
  created_at TEXT NOT NULL,
  handled_at TEXT
);
CREATE INDEX support_requests_queue ON support_requests(programme_id, status, created_at);
CREATE INDEX support_requests_participant ON support_requests(participant_id);

-- Each member's choice to share the pair's joint summary; the latest change wins.
CREATE TABLE pair_sharing (
  pair_id TEXT NOT NULL REFERENCES pairs(id),
  participant_id TEXT NOT NULL,
  joint_summary INTEGER NOT NULL CHECK (joint_summary IN (0, 1)),
  changed_at TEXT NOT NULL,
  PRIMARY KEY (pair_id, participant_id)
);
CREATE INDEX pair_sharing_participant ON pair_sharing(participant_id);

-- The tips a pair's members were shown, one row per flag, so the coordinator
-- can see that the pair was nudged.
CREATE TABLE pair_tips_shown (
  pair_id TEXT NOT NULL REFERENCES pairs(id),
  flag TEXT NOT NULL,
  first_shown_on TEXT NOT NULL,
  last_shown_on TEXT NOT NULL,
  PRIMARY KEY (pair_id, flag)
);

-- The programme's prompt cap per pair and week (NULL: ask about every session).
ALTER TABLE programmes ADD COLUMN max_prompts_per_pair_week INTEGER;
