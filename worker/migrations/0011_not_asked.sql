-- Sessions not asked about (shared/metrics/README.md, "Not asked"). A member's
-- extension may choose not to prompt about a session (the programme's cap,
-- "every other session", quiet hours) and reports it with asked = false:
-- {a,b}_asked is then 0 for that member's slot (1, the default, when asked).
ALTER TABLE sessions ADD COLUMN a_asked INTEGER NOT NULL DEFAULT 1;
ALTER TABLE sessions ADD COLUMN b_asked INTEGER NOT NULL DEFAULT 1;

-- pair_months: `held` and `last_held_at` keep counting sessions held on an
-- answer; these add the sessions that are "held, not asked" (nobody answered,
-- at least one member was not asked), and the slots not asked about and not
-- answered, which the response rate leaves out of its denominator.
ALTER TABLE pair_months ADD COLUMN held_not_asked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pair_months ADD COLUMN not_asked_slots INTEGER NOT NULL DEFAULT 0;
ALTER TABLE pair_months ADD COLUMN last_held_not_asked_at TEXT;

-- The cohort a pair was created in, which the private cohort rates group by
-- (shared/metrics/README.md, "Cohorts"): a coordinator may move a pair to
-- another cohort later, and if the rates followed, moving one pair out and
-- back would give its members' answers away by subtraction (SECURITY.md,
-- "Cohort rates"). Set once, by the trigger, whatever code inserts the pair.
ALTER TABLE pairs ADD COLUMN first_cohort TEXT;
UPDATE pairs SET first_cohort = cohort;
CREATE TRIGGER pairs_first_cohort AFTER INSERT ON pairs WHEN NEW.first_cohort IS NULL
BEGIN
  UPDATE pairs SET first_cohort = NEW.cohort WHERE id = NEW.id;
END;
