-- Every report rewrites its share's row. At the default fillfactor (100) pages are full, so the new
-- row version lands on another page: all three indexes get an entry and the table grows by a row per
-- report until vacuum comes (a rebuild over a million events left 50,000 live rows in 375 MB, 10 %
-- of updates HOT). With room left on each page the new version stays on its page (a HOT update: no
-- index entry), and the next access to the page prunes the old one.
ALTER TABLE task_share_view SET (fillfactor = 50);
