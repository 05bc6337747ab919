package org.plantracker.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Idempotency-Key on every POST of a servlet service with a database.
 *
 * <ul>
 *   <li>{@code plan-tracker.idempotency.stale-after} (60 s): an unanswered claim older than this is
 *       taken over by a retry;</li>
 *   <li>{@code plan-tracker.idempotency.retention} (24 h): how long answers are kept;</li>
 *   <li>{@code plan-tracker.idempotency.max-body} (4 MB): the largest body a keyed request may have.</li>
 * </ul>
 */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(JdbcTemplate.class)
public class IdempotencyAutoConfiguration {

    /** Spring Security's filter chain runs at -100: the caller is known when this filter runs. */
    static final int AFTER_SECURITY = 0;

    @Bean
    public IdempotencyRecords idempotencyRecords(JdbcTemplate jdbc,
                                                 @Value("${plan-tracker.idempotency.stale-after:60s}") Duration staleAfter,
                                                 @Value("${plan-tracker.idempotency.retention:24h}") Duration retention) {
        return new IdempotencyRecords(jdbc, staleAfter, retention);
    }

    @Bean
    public FilterRegistrationBean<IdempotencyKeyFilter> idempotencyKeyFilter(IdempotencyRecords records, ObjectMapper json,
            @Value("${plan-tracker.idempotency.max-body:4MB}") DataSize maxBody) {
        FilterRegistrationBean<IdempotencyKeyFilter> registration = new FilterRegistrationBean<>(
                new IdempotencyKeyFilter(records, json, (int) maxBody.toBytes()));
        registration.setOrder(AFTER_SECURITY);
        return registration;
    }
}
