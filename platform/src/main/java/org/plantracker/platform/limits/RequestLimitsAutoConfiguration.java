package org.plantracker.platform.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import java.util.LinkedHashMap;
import java.util.Map;

/** Request-size limits for every servlet service ({@link RequestSizeLimitFilter}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RequestLimitsAutoConfiguration {

    /** Right after the correlation id (so a 413 carries it), before authentication and everything that reads a body. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    public FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(Environment environment, ObjectMapper json) {
        Binder binder = Binder.get(environment);
        DataSize limit = binder.bind("plan-tracker.web.max-request-size", DataSize.class).orElse(DataSize.ofMegabytes(1));
        Map<String, DataSize> byPath = binder.bind("plan-tracker.web.max-request-size-by-path",
                Bindable.mapOf(String.class, DataSize.class)).orElse(Map.of());
        Map<String, Long> bytes = new LinkedHashMap<>();
        byPath.forEach((path, size) -> bytes.put(path, size.toBytes()));
        FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(limit.toBytes(), bytes, json));
        registration.setOrder(ORDER);
        return registration;
    }
}
