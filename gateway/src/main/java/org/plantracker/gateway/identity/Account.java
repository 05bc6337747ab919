package org.plantracker.gateway.identity;

import java.util.Set;

/** Who logged in: the token's subject, the unit they act for and their roles. */
public record Account(String username, String unitCode, String unitName, Set<String> roles) {

    public Account {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
