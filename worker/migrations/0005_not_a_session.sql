-- "This wasn't a mentoring session". A member's answer of that kind is stored
-- in responses with happened = 2; it is never copied into the session's
-- a_*/b_* answer columns. not_a_session is 1 when some member gave that answer
-- and no member answered that the session was held: such a session counts
-- nowhere (no metric, no pair_months row, no export). It is rebuilt with the
-- other rollups in the batch of every response write.
ALTER TABLE sessions ADD COLUMN not_a_session INTEGER NOT NULL DEFAULT 0;

-- Whole words or phrases that mark a programme's sessions in meeting titles,
-- as a JSON array of strings; NULL for none. Participants' extensions use them
-- only for meetings without other attendees (extension/README.md).
ALTER TABLE programmes ADD COLUMN meeting_keywords TEXT;
