package org.plantracker.platform.axon;

import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.sql.SQLException;

/**
 * Wires the actor/correlation metadata into every service's Axon setup.
 *
 * <p>Evaluated before Axon's own auto-configuration on purpose: Axon hands dispatch interceptors to the
 * CommandGateway only if they exist when its InterceptorAutoConfiguration runs, and its
 * {@code messageOriginProvider} and JDBC exception resolver are {@code @ConditionalOnMissingBean}, so
 * ours take their place instead of clashing with them.
 */
@AutoConfiguration(beforeName = {
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration",
        "org.axonframework.springboot.autoconfig.InterceptorAutoConfiguration",
        "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration"})
@ConditionalOnClass(CorrelationDataProvider.class)
public class AxonPlatformAutoConfiguration {

    /** PostgreSQL's SQLSTATE for a unique-constraint violation. */
    static final String UNIQUE_VIOLATION = "23505";

    @Bean
    public ActorMetadataInterceptor actorMetadataInterceptor() {
        return new ActorMetadataInterceptor();
    }

    /** Copies the actor and correlation keys from the handled command onto the events it applies. */
    @Bean
    public CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(EventMetadata.KEYS.toArray(String[]::new));
    }

    /** Every aggregate's commands are routed by this resolver (Axon picks up the one bean of the type). */
    @Bean
    @ConditionalOnMissingBean(CommandTargetResolver.class)
    public CommandTargetResolver cachingCommandTargetResolver() {
        return new CachingCommandTargetResolver();
    }

    /** Keeps Axon's own message origin (its correlationId/traceId keys) next to ours. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Lets Axon recognise PostgreSQL's duplicate-key error (SQLSTATE 23505) on the event table: two
     * writers appending the same aggregate sequence number get Axon's ConcurrencyException (409), two
     * writers creating the same aggregate an AggregateStreamCreationException, instead of a generic
     * storage failure. Axon's default resolver only knows SQLIntegrityConstraintViolationException,
     * which the PostgreSQL driver never throws.
     */
    @Bean
    @ConditionalOnClass(name = "org.axonframework.common.jdbc.PersistenceExceptionResolver")
    public PersistenceExceptionResolver postgresDuplicateKeyResolver() {
        return exception -> {
            for (Throwable t = exception; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }
}
