-- One database per service: a service never reads another service's database.
CREATE DATABASE plan_tracker_task;
CREATE DATABASE plan_tracker_progress;
CREATE DATABASE plan_tracker_notification;
