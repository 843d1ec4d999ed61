-- Days the municipality's offices close outside the official calendar: a day off announced for air
-- pollution, heat or a power shortage, or a city's own closure. Deadlines count them as days off
-- (src/lib/server/calendar/closures.ts): recording one moves every open deadline on or after it by
-- one working day, in the same transaction, and says so in each case's timeline. One row per day;
-- the row is its own record of who recorded it, when, why, and how many deadlines it moved.
CREATE TABLE office_closures (
  day date PRIMARY KEY,
  reason_fa text NOT NULL CHECK (length(btrim(reason_fa)) BETWEEN 1 AND 200),
  reason_en text CHECK (reason_en IS NULL OR length(btrim(reason_en)) BETWEEN 1 AND 200),
  recorded_by bigint NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  -- open deadlines moved when it was recorded: cases, citizens' tasks, referrals, excavation works
  deadlines_moved integer NOT NULL DEFAULT 0 CHECK (deadlines_moved >= 0)
);

