package org.plantracker.task.api;

/** A unit as events and APIs name it: its stable code (also its login name) and its display name. */
public record UnitRef(String code, String name, UnitKind kind) {
}
