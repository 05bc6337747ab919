package org.plantracker.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Logs are kept at least six months by default, longer when configured, and never configured shorter. */
class RetentionGuardTest {

    @Test
    void byDefaultLogFilesAreKeptSixMonthsAndTheirTotalSizeIsNotCapped() {
        StandardEnvironment environment = prepared(Map.of());
        assertThat(environment.getProperty("logging.logback.rollingpolicy.max-history", Integer.class)).isGreaterThanOrEqualTo(183);
        assertThat(environment.getProperty("logging.logback.rollingpolicy.total-size-cap")).isEqualTo("0B");
    }

    @Test
    void aLongerRetentionIsConfiguredWithOneProperty() {
        StandardEnvironment environment = prepared(Map.of("plan-tracker.retention.days", "400"));
        assertThat(environment.getProperty("logging.logback.rollingpolicy.max-history")).isEqualTo("400");
    }

    @Test
    void aShorterRetentionOrASizeCapRefusesToStart() {
        assertThatThrownBy(() -> prepared(Map.of("plan-tracker.retention.days", "30")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("six months").hasMessageContaining("30 days");
        assertThatThrownBy(() -> prepared(Map.of("logging.logback.rollingpolicy.max-history", "7")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("7 days");
        assertThatThrownBy(() -> prepared(Map.of("logging.logback.rollingpolicy.total-size-cap", "1GB")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("total-size-cap");
        assertThatCode(() -> prepared(Map.of("logging.logback.rollingpolicy.total-size-cap", "0"))).doesNotThrowAnyException();
    }

    private static StandardEnvironment prepared(Map<String, Object> configured) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("configured", configured));
        new PlatformDefaults().postProcessEnvironment(environment, null);
        new RetentionGuard().postProcessEnvironment(environment, null);
        return environment;
    }
}
