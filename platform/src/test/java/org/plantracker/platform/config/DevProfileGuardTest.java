package org.plantracker.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The dev profile's demo accounts never start against a database or services on another machine. */
class DevProfileGuardTest {

    @Test
    void devWithARemoteDatabaseOrServiceRefusesToStart() {
        assertThatThrownBy(() -> start("--spring.profiles.active=dev",
                "--spring.datasource.url=jdbc:postgresql://db.jixi.gov.cn:5432/plan_tracker_task"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("spring.datasource.url=jdbc:postgresql://db.jixi.gov.cn:5432/plan_tracker_task");
        assertThatThrownBy(() -> start("--spring.profiles.active=prod,dev",
                "--plan-tracker.services.task-url=http://task-service:8081"))
                .hasMessageContaining("plan-tracker.services.task-url");
        assertThatThrownBy(() -> start("--spring.profiles.active=dev",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432,10.0.0.7:5432/db"))
                .hasMessageContaining("10.0.0.7");
        assertThatThrownBy(() -> start("--spring.profiles.active=dev",
                "--spring.datasource.url=jdbc:postgresql://user:secret@db.internal/db"))
                .message().doesNotContain("secret");
    }

    @Test
    void devOnThisMachineAndAnyRemoteSetupWithoutDevStart() {
        try (ConfigurableApplicationContext local = start("--spring.profiles.active=dev",
                "--spring.datasource.url=jdbc:postgresql://localhost:5432/plan_tracker_task",
                "--plan-tracker.services.task-url=http://127.0.0.1:8081",
                "--plan-tracker.services.progress-url=http://[::1]:8082")) {
            assertThat(local.getEnvironment().getActiveProfiles()).contains("dev");
        }
        try (ConfigurableApplicationContext production = start(
                "--spring.datasource.url=jdbc:postgresql://db.jixi.gov.cn:5432/plan_tracker_task")) {
            assertThat(production.getEnvironment().getActiveProfiles()).doesNotContain("dev");
        }
    }

    @Test
    void localHostsAreRecognised() {
        assertThat(DevProfileGuard.isLocal("jdbc:postgresql://localhost/db")).isTrue();
        assertThat(DevProfileGuard.isLocal("jdbc:postgresql:///db?socketFactory=x")).isTrue();
        assertThat(DevProfileGuard.isLocal("jdbc:postgresql://127.0.0.2:5433/db")).isTrue();
        assertThat(DevProfileGuard.isLocal("jdbc:postgresql://localhost.evil.com/db")).isFalse();
        assertThat(DevProfileGuard.isLocal("jdbc:postgresql://127.0.0.1.nip.io/db")).isFalse();
        assertThat(DevProfileGuard.isLocal("jdbc:postgresql:db")).isFalse();
    }

    private static ConfigurableApplicationContext start(String... args) {
        SpringApplication application = new SpringApplication(Empty.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        return application.run(args);
    }

    @org.springframework.context.annotation.Configuration
    static class Empty {
    }
}
