#!/bin/bash
# Least privilege in PostgreSQL (run once, on the first start of an empty data volume): each service
# gets a role of its own that owns only its own database; no other role but the superuser may connect
# to it; the role is no superuser and can create neither databases nor roles. The event table and the
# audit chain are append-only for it (platform migration V0_9 revokes UPDATE, DELETE and TRUNCATE).
# plan_tracker_auditor reads every service's tables (the audit verifier CLI) and writes nothing.
# ComposeFileTest (module dev-stack) checks that each service's database and role are made here.
set -euo pipefail

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v task_password="$PLAN_TRACKER_TASK_DB_PASSWORD" \
  -v progress_password="$PLAN_TRACKER_PROGRESS_DB_PASSWORD" \
  -v notification_password="$PLAN_TRACKER_NOTIFICATION_DB_PASSWORD" \
  -v auditor_password="$PLAN_TRACKER_AUDITOR_DB_PASSWORD" <<'SQL'
CREATE ROLE task_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'task_password';
CREATE ROLE progress_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'progress_password';
CREATE ROLE notification_service LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'notification_password';
CREATE ROLE plan_tracker_auditor LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'auditor_password';

CREATE DATABASE plan_tracker_task OWNER task_service;
CREATE DATABASE plan_tracker_progress OWNER progress_service;
CREATE DATABASE plan_tracker_notification OWNER notification_service;

REVOKE ALL ON DATABASE plan_tracker_task FROM PUBLIC;
REVOKE ALL ON DATABASE plan_tracker_progress FROM PUBLIC;
REVOKE ALL ON DATABASE plan_tracker_notification FROM PUBLIC;
GRANT CONNECT ON DATABASE plan_tracker_task, plan_tracker_progress, plan_tracker_notification TO plan_tracker_auditor;
SQL

# the auditor reads what each service's role creates, from the first migration on
for service in task progress notification; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "plan_tracker_$service" <<SQL
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO plan_tracker_auditor;
ALTER DEFAULT PRIVILEGES FOR ROLE ${service}_service IN SCHEMA public GRANT SELECT ON TABLES TO plan_tracker_auditor;
SQL
done
