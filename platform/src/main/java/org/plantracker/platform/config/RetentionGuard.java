package org.plantracker.platform.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Logs and audit records are kept at least six months (网络安全法, article 21): a process configured
 * to keep its log files ({@code plan-tracker.retention.days}, default 186, and the log roller's
 * {@code logging.logback.rollingpolicy.max-history}, which follows it) for less refuses to start,
 * and so does one whose log roller caps the files' total size, which would drop days early. Events
 * and the audit chain are never deleted at all. Checked before anything is logged to a file.
 */
public class RetentionGuard implements EnvironmentPostProcessor, Ordered {

    /** Six months, counted generously: 31 + 30 × 5 days would be 181. */
    public static final int MINIMUM_DAYS = 183;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        int days = days(environment, "plan-tracker.retention.days");
        int history = days(environment, "logging.logback.rollingpolicy.max-history");
        if (days < MINIMUM_DAYS || history < MINIMUM_DAYS) {
            throw new IllegalStateException("Logs and audit records must be kept at least six months (" + MINIMUM_DAYS
                    + " days), and this process is configured to keep them " + Math.min(days, history) + " days "
                    + "(plan-tracker.retention.days, logging.logback.rollingpolicy.max-history). Keep them longer; "
                    + "archive old files elsewhere rather than deleting them.");
        }
        String cap = environment.getProperty("logging.logback.rollingpolicy.total-size-cap", "0B").trim();
        if (!cap.matches("0+\\s*[A-Za-z]*")) {
            throw new IllegalStateException("logging.logback.rollingpolicy.total-size-cap=" + cap + " would delete log files "
                    + "before they are six months old: leave it at 0B (no cap) and give the logs the disk they need.");
        }
    }

    private static int days(ConfigurableEnvironment environment, String property) {
        String value = environment.getProperty(property, "186").trim();
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(property + " must be a number of days, not '" + value + "'");
        }
    }

    @Override
    public int getOrder() {
        // after the platform's defaults are in place (they are added last, at the lowest precedence)
        return Ordered.LOWEST_PRECEDENCE;
    }
}
