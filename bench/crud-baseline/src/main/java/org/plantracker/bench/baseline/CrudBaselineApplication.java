package org.plantracker.bench.baseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * What a team might build instead of event sourcing: one JPA entity, one repository, one insert per
 * POST, in the same PostgreSQL server. The benchmark loads it exactly like progress-service.
 * It checks no token and publishes nothing: it is the cheapest honest way to store a report.
 */
@SpringBootApplication
public class CrudBaselineApplication {

    public static void main(String[] args) {
        SpringApplication.run(CrudBaselineApplication.class, args);
    }
}
