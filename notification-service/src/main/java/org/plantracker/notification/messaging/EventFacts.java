package org.plantracker.notification.messaging;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an event is about, as subscriptions and the county topics match it: its plan, task and
 * section, and the units it concerns (the units that hear of it and the units that are party to
 * it), with the county committees among them.
 *
 * @param units unit code → whether the unit is a county committee
 */
public record EventFacts(String taskId, String planId, Integer taskNumber, String taskTitle, Integer sectionOrdinal,
                         Map<String, Boolean> units) {

    public EventFacts {
        units = Map.copyOf(units);
    }

    public boolean concerns(String unitCode) {
        return units.containsKey(unitCode);
    }

    /** The county committees the event concerns, in code order. */
    public Set<String> counties() {
        Set<String> counties = new TreeSet<>();
        units.forEach((code, county) -> {
            if (county) {
                counties.add(code);
            }
        });
        return counties;
    }

    public Set<String> unitCodes() {
        return new TreeSet<>(units.keySet());
    }
}
