package org.plantracker.progress;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * progress-service: units report progress on their shares of the tasks; the county and municipal
 * views show where every task stands. It learns who is assigned to what from task-service's events.
 */
@SpringBootApplication
public class ProgressServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProgressServiceApplication.class, args);
    }
}
