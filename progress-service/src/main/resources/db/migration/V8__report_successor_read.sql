-- Whether a version was superseded is read from the next version of its period (ReportQueries), so the
-- views no longer rewrite the earlier version when a new one arrives.
ALTER TABLE progress_report DROP COLUMN superseded_by;
