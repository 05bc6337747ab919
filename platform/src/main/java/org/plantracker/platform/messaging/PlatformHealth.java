package org.plantracker.platform.messaging;

import org.springframework.boot.actuate.health.Status;

/** Health statuses of the platform beyond Spring Boot's own. */
public final class PlatformHealth {

    /**
     * The service works and answers, but something needs an operator: events waiting to be
     * published, a consumer retrying, records parked as dead letters. Answered with HTTP 200
     * (PlatformDefaults maps it) so that no orchestrator restarts a service a restart cannot mend.
     */
    public static final Status DEGRADED = new Status("DEGRADED");

    private PlatformHealth() {
    }
}
