package org.plantracker.gateway.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;

/**
 * Where the services behind the gateway answer. The defaults fit a developer machine; the dev
 * stack and docker-compose set them (PLAN_TRACKER_SERVICES_TASK_URL, ...).
 */
@ConfigurationProperties("plan-tracker.services")
public record ServiceUrls(
        @DefaultValue("http://localhost:8081") URI taskUrl,
        @DefaultValue("http://localhost:8082") URI progressUrl,
        @DefaultValue("http://localhost:8083") URI notificationUrl) {

    public static final String TASK_SERVICE = "task-service";
    public static final String PROGRESS_SERVICE = "progress-service";
    public static final String NOTIFICATION_SERVICE = "notification-service";
}
