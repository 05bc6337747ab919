package org.plantracker.platform.correlation;

import java.util.Set;

/**
 * The person (and the unit they act for) behind a change. Units are the unit codes of the
 * units registry; roles are {@link org.plantracker.platform.security.Roles}.
 */
public record Actor(String username, String unitCode, Set<String> roles) {

    public Actor {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** Work a service does by itself in reaction to an event (no person behind it). */
    public static Actor system(String serviceName) {
        return new Actor("system:" + serviceName, null, Set.of());
    }
}
