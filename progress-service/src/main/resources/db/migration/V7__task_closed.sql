-- The share's task was closed (办结, TaskShareClosedEvent): it owes no reports until it is reopened.
ALTER TABLE task_share_view ADD COLUMN task_closed BOOLEAN NOT NULL DEFAULT FALSE;
