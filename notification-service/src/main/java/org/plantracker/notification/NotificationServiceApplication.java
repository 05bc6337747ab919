package org.plantracker.notification;

import org.plantracker.notification.config.NotificationProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The units' notifications: turns task and progress events from Kafka into notifications for the
 * units they concern, and delivers them in-app (inbox and live stream), by webhook, by email and on
 * the county committees' own Kafka topics.
 */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(NotificationProperties.class)
public class NotificationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
