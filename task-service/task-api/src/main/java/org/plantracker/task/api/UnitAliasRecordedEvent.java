package org.plantracker.task.api;

/** A plan spelled a registered unit another way; the spelling is now an alias of that unit. */
public record UnitAliasRecordedEvent(String registryId, String code, String alias) {
}
