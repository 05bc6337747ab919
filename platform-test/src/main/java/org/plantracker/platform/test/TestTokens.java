package org.plantracker.platform.test;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.security.AccessTokens;
import org.plantracker.platform.security.Roles;

import java.time.Duration;
import java.util.Set;

/** Access tokens as the gateway would issue them, signed with the test secret. */
public final class TestTokens {

    private static final AccessTokens TOKENS = new AccessTokens(TestInfrastructure.JWT_SECRET);

    private TestTokens() {
    }

    public static String bearer(String unitCode, String... roles) {
        return "Bearer " + TOKENS.issue(new Actor(unitCode, unitCode, Set.of(roles)), unitCode, Duration.ofMinutes(30));
    }

    public static String supervisor(String unitCode) {
        return bearer(unitCode, Roles.SUPERVISOR);
    }

    public static String county(String unitCode) {
        return bearer(unitCode, Roles.COUNTY_COMMITTEE);
    }

    public static String unit(String unitCode) {
        return bearer(unitCode, Roles.UNIT);
    }

    public static String expired(String unitCode) {
        return "Bearer " + TOKENS.issue(new Actor(unitCode, unitCode, Set.of(Roles.UNIT)), unitCode, Duration.ofSeconds(-120));
    }
}
