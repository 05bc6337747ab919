package org.plantracker.platform.audit;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The tamper-evident audit chain of every service with an event store (see {@link AuditChainSealer},
 * {@link AuditChainVerifier}). Settings, all under {@code plan-tracker.audit}:
 * <ul>
 *   <li>{@code private-key}, {@code public-key}: the service's Ed25519 pair (base64 PKCS#8 and X.509);
 *       {@code earlier-public-keys}: keys of earlier checkpoints, still trusted after a rotation. Without
 *       a configured pair, the pair in {@code key-file} is used (generated there on first start: development).</li>
 *   <li>{@code checkpoint-interval} (PT1M): how often the head is signed when it moved;
 *       {@code checkpoint-file}: a file outside the database each checkpoint is also appended to.</li>
 *   <li>{@code sealing-grace} (PT1M): how long an unsealed event below the head is taken as waiting, not inserted.</li>
 *   <li>{@code enabled} (true).</li>
 * </ul>
 */
@AutoConfiguration(after = JdbcTemplateAutoConfiguration.class,
        afterName = "org.plantracker.platform.axon.AxonPlatformAutoConfiguration")
@ConditionalOnClass({EventHandler.class, JdbcTemplate.class, EventStorageEngine.class})
@ConditionalOnProperty(prefix = "plan-tracker.audit", name = "enabled", havingValue = "true", matchIfMissing = true)
public class AuditAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditAutoConfiguration.class);

    @Bean
    public AuditKeys auditKeys(@Value("${plan-tracker.audit.private-key:}") String privateKey,
                               @Value("${plan-tracker.audit.public-key:}") String publicKey,
                               @Value("${plan-tracker.audit.earlier-public-keys:}") List<String> earlier,
                               @Value("${plan-tracker.audit.key-file:${java.io.tmpdir}/plan-tracker-audit/${spring.application.name:service}.key}") String keyFile) {
        if (!privateKey.isBlank() || !publicKey.isBlank()) {
            return AuditKeys.signing(privateKey, publicKey, earlier);
        }
        log.warn("No audit signing key configured (plan-tracker.audit.private-key/public-key): using the key pair in {}, "
                + "generated there if missing. Configure a key of your own outside development.", keyFile);
        return AuditKeys.fromFile(Path.of(keyFile), earlier);
    }

    @Bean
    public AuditChainVerifier auditChainVerifier(AuditKeys keys,
                                                 @Value("${plan-tracker.audit.sealing-grace:PT1M}") Duration grace) {
        return new AuditChainVerifier(keys, grace);
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    public AuditChainSealer auditChainSealer(JdbcTemplate jdbc, AuditKeys keys, ObjectProvider<Clock> clock,
                                             @Value("${spring.application.name:service}") String service,
                                             @Value("${plan-tracker.audit.checkpoint-file:}") String checkpointFile) {
        return new AuditChainSealer(jdbc, keys, service, clock.getIfAvailable(Clock::systemUTC),
                checkpointFile.isBlank() ? null : Path.of(checkpointFile));
    }

    /** Signs the head every checkpoint-interval, when it moved; a failure is logged and tried again next time. */
    @Bean(destroyMethod = "shutdownNow")
    @ConditionalOnBean(AuditChainSealer.class)
    public ScheduledExecutorService auditCheckpointTimer(AuditChainSealer sealer,
                                                         @Value("${plan-tracker.audit.checkpoint-interval:PT1M}") Duration interval) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "audit-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                sealer.checkpoint();
            } catch (RuntimeException e) {
                log.warn("could not sign an audit checkpoint: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return timer;
    }

    @Bean
    @ConditionalOnBean(JdbcTemplate.class)
    public AuditTrail auditTrail(JdbcTemplate jdbc, @Value("${spring.application.name:service}") String service) {
        return new AuditTrail(jdbc, service);
    }

    @Bean
    @ConditionalOnBean(AuditChainSealer.class)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    public AuditController auditController(DataSource dataSource, AuditChainVerifier verifier, AuditChainSealer sealer,
                                           AuditKeys keys, AuditTrail trail,
                                           @Value("${spring.application.name:service}") String service) {
        return new AuditController(dataSource, verifier, sealer, keys, trail, service);
    }
}
