package org.plantracker.platform.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Seals each stored event into the service's chain, from a tracking processor of its own
 * ({@value #PROCESSING_GROUP}): the processor sees every event once, in the store's order, after its
 * transaction committed (late commits that filled a gap included), and stores its token in the same
 * transaction as the link, so a restart neither skips an event nor seals one twice. The link is
 * computed from the row as stored, read back by event id, so what is sealed is exactly what a
 * verifier later reads.
 *
 * <p>{@link #checkpoint()} signs the chain head with the service's audit key: now and then from
 * {@link AuditAutoConfiguration}'s timer, and on request.
 */
@ProcessingGroup(AuditChainSealer.PROCESSING_GROUP)
public class AuditChainSealer {

    public static final String PROCESSING_GROUP = "audit-chain";

    private static final Logger log = LoggerFactory.getLogger(AuditChainSealer.class);

    private final JdbcTemplate jdbc;
    private final AuditKeys keys;
    private final String service;
    private final Clock clock;
    private final Path checkpointFile;

    public AuditChainSealer(JdbcTemplate jdbc, AuditKeys keys, String service, Clock clock, Path checkpointFile) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.service = service;
        this.clock = clock;
        this.checkpointFile = checkpointFile;
    }

    @EventHandler
    public void on(EventMessage<?> event) {
        seal(event.getIdentifier());
    }

    /** Adds the stored event with this id to the chain, unless it is there already (a replay). */
    public void seal(String eventIdentifier) {
        List<Object[]> rows = jdbc.query("SELECT " + ChainHashes.EVENT_COLUMNS + " FROM " + ChainHashes.EVENT_TABLE
                + " WHERE eventIdentifier = ?", (row, n) -> new Object[]{row.getLong("globalIndex"), ChainHashes.canonical(row),
                        AuditSubjects.of(row.getBytes("payload"), row.getBytes("metaData"))},
                eventIdentifier);
        if (rows.isEmpty()) {
            log.warn("event {} was handled but is not in the event table; not sealed", eventIdentifier);
            return;
        }
        long position = (Long) rows.get(0)[0];
        byte[] canonical = (byte[]) rows.get(0)[1];
        AuditSubjects subjects = (AuditSubjects) rows.get(0)[2];
        // one statement: the next link after the current head (SHA-256 of the head's hash and the row's
        // canonical bytes, as ChainHashes.link computes it), nothing if the event is sealed already (a replay)
        jdbc.update("INSERT INTO audit_chain (seq, global_index, event_identifier, event_hash, chain_hash, task_id, subject_unit, "
                        + "actor_user, actor_unit) SELECT head.seq + 1, ?, ?, ?, encode(sha256(decode(head.chain_hash, 'hex') || ?), 'hex'), "
                        + "?, ?, ?, ? FROM ((SELECT seq, chain_hash FROM audit_chain ORDER BY seq DESC LIMIT 1) UNION ALL SELECT 0, ?) head "
                        + "ORDER BY head.seq DESC LIMIT 1 ON CONFLICT (global_index) DO NOTHING",
                position, eventIdentifier, ChainHashes.sha256Hex(canonical), canonical,
                subjects.taskId(), subjects.subjectUnit(), subjects.actorUser(), subjects.actorUnit(), ChainHashes.GENESIS);
    }

    /**
     * Signs the chain head if it moved since the last checkpoint, stores the checkpoint and appends it
     * to the checkpoint file when one is configured.
     *
     * @return the new checkpoint, or empty when the head has not moved
     */
    public Optional<Checkpoint> checkpoint() {
        List<Checkpoint> heads = jdbc.query("SELECT c.seq, c.global_index, c.chain_hash FROM audit_chain c "
                        + "WHERE c.seq > COALESCE((SELECT max(seq) FROM audit_checkpoint), 0) ORDER BY c.seq DESC LIMIT 1",
                (row, n) -> {
                    long seq = row.getLong(1);
                    long position = row.getLong(2);
                    String hash = row.getString(3).trim();
                    String signedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
                    String signature = keys.sign(Checkpoint.message(service, seq, position, hash, signedAt));
                    return new Checkpoint(service, seq, position, hash, signedAt, keys.signingKeyId().orElseThrow(), signature);
                });
        if (heads.isEmpty()) {
            return Optional.empty();
        }
        Checkpoint checkpoint = heads.get(0);
        int stored = jdbc.update("INSERT INTO audit_checkpoint (seq, global_index, chain_hash, signed_at, key_id, signature) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (seq) DO NOTHING", checkpoint.seq(), checkpoint.globalIndex(),
                checkpoint.chainHash(), checkpoint.signedAt(), checkpoint.keyId(), checkpoint.signature());
        if (stored == 0) {
            return Optional.empty(); // another instance signed the same head
        }
        if (checkpointFile != null) {
            AuditCheckpoints.append(checkpointFile, checkpoint);
        }
        return Optional.of(checkpoint);
    }
}
