package org.plantracker.progress.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes evidence objects that have no {@code EvidenceAttachedEvent}: left by an upload that stored its
 * file and then failed (a crash, a lost database) before the event was recorded. Only objects older than
 * {@code plan-tracker.evidence.orphan-grace} are looked at, so an upload in flight is left alone; it runs
 * every {@code plan-tracker.evidence.sweep-interval} and says in its log what it removed.
 */
@Component
public class OrphanSweeper implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

    private final ObjectStore store;
    private final JdbcTemplate jdbc;
    private final EvidenceProperties properties;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    public OrphanSweeper(ObjectStore store, JdbcTemplate jdbc, EvidenceProperties properties, Clock clock) {
        this.store = store;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Sweeps objects stored before {@code storedBefore}; answers the keys it removed. */
    public List<String> sweep(Instant storedBefore) {
        List<String> removed = store.list()
                // some stores list folder markers ("evidence/<report>/"): not attachments
                .filter(object -> !object.key().endsWith("/"))
                .filter(object -> object.lastModified().isBefore(storedBefore))
                .filter(object -> !recorded(attachmentIdOf(object)))
                .map(S3Object::key)
                .toList();
        for (String key : removed) {
            store.delete(key);
            log.warn("Evidence sweeper removed the orphan object {}: no EvidenceAttachedEvent records it "
                    + "(an upload failed between storing the file and recording it)", key);
        }
        if (removed.isEmpty()) {
            log.debug("Evidence sweeper found no orphan objects");
        }
        return removed;
    }

    private boolean recorded(String attachmentId) {
        Integer events = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, attachmentId);
        return events != null && events > 0;
    }

    private static String attachmentIdOf(S3Object object) {
        return object.key().substring(object.key().lastIndexOf('/') + 1);
    }

    @Override
    public void afterPropertiesSet() {
        long every = properties.sweepInterval().toMillis();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "evidence-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                sweep(clock.instant().minus(properties.orphanGrace()));
            } catch (RuntimeException e) {
                log.warn("Evidence sweeper could not run: {}", e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
