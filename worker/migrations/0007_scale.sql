-- The history import sets received_at in its own insert (one statement for
-- thousands of answers); the trigger now fills it only where a write left it
-- empty, so every other write path keeps getting it from the trigger, and an
-- imported row is no longer written twice.
DROP TRIGGER responses_received_insert;
CREATE TRIGGER responses_received_insert AFTER INSERT ON responses
WHEN NEW.received_at IS NULL
BEGIN
  UPDATE responses SET received_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE rowid = NEW.rowid;
END;
