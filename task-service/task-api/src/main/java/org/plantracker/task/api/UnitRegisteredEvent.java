package org.plantracker.task.api;

import java.util.List;

/**
 * A unit joined a region's units registry.
 *
 * @param registryId the registry (one per region, e.g. {@code jixi})
 * @param aliases    other spellings the plans use for this unit
 * @param members    codes of the member units when {@code kind} is GROUP, otherwise empty
 */
public record UnitRegisteredEvent(String registryId, String code, String name, UnitKind kind,
                                  List<String> aliases, List<String> members) {
}
