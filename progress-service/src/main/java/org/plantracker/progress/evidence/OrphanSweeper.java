package org.plantracker.progress.evidence;

import org.plantracker.progress.api.EvidenceErasedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes evidence objects that have no {@code EvidenceAttachedEvent}: left by an upload that stored its
 * file and then failed (a crash, a lost database) before the event was recorded. Only objects older than
 * {@code plan-tracker.evidence.orphan-grace} are looked at, so an upload in flight is left alone. It also
 * removes, whatever their age, the objects of attachments with an {@link EvidenceErasedEvent}: an erasure
 * deletes its object right after its event, and this retries when the store failed then. It runs every
 * {@code plan-tracker.evidence.sweep-interval} and says in its log what it removed.
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

    /** Sweeps the objects of erased attachments, and orphans stored before {@code storedBefore}; answers the keys it removed. */
    public List<String> sweep(Instant storedBefore) {
        // erasures are few: read once from the view (it follows the events within moments; a file erased since
        // is deleted by the erasure itself or at the next sweep), not asked of the event table object by object
        Set<String> erased = new HashSet<>(jdbc.queryForList(
                "SELECT attachment_id FROM evidence_attachment WHERE erased_at IS NOT NULL", String.class));
        List<S3Object> objects = store.list()
                // some stores list folder markers ("evidence/<report>/"): not attachments
                .filter(object -> !object.key().endsWith("/"))
                .toList();
        List<String> removed = new ArrayList<>();
        for (S3Object object : objects) {
            String attachmentId = attachmentIdOf(object);
            if (erased.contains(attachmentId)) {
                store.delete(object.key());
                removed.add(object.key());
                log.warn("Evidence sweeper removed the object {} of the erased attachment {} (its deletion at the "
                        + "erasure had failed)", object.key(), attachmentId);
            } else if (object.lastModified().isBefore(storedBefore) && !recorded(attachmentId)) {
                store.delete(object.key());
                removed.add(object.key());
                log.warn("Evidence sweeper removed the orphan object {}: no EvidenceAttachedEvent records it "
                        + "(an upload failed between storing the file and recording it)", object.key());
            }
        }
        if (removed.isEmpty()) {
            log.debug("Evidence sweeper found no orphan objects and no erased ones");
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
