package org.plantracker.platform.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.platform.security.Roles;
import org.springframework.http.ResponseEntity;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * This service's tamper evidence: verify the chain, export the signed checkpoints, the public key that
 * verifies them. Through the gateway at {@code /api/audit/verify?service=<service>} and
 * {@code /api/audit/checkpoints?service=<service>}. City committee and auditors.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "audit", description = "Tamper evidence of this service's event store")
public class AuditController {

    private final DataSource dataSource;
    private final AuditChainVerifier verifier;
    private final AuditChainSealer sealer;
    private final AuditKeys keys;
    private final AuditTrail trail;
    private final String service;

    public AuditController(DataSource dataSource, AuditChainVerifier verifier, AuditChainSealer sealer, AuditKeys keys,
                           AuditTrail trail, String service) {
        this.dataSource = dataSource;
        this.trail = trail;
        this.verifier = verifier;
        this.sealer = sealer;
        this.keys = keys;
        this.service = service;
    }

    @GetMapping("/verify")
    @Operation(summary = "Checks every stored event against the hash chain and the signed checkpoints (city committee, auditor)")
    public AuditChainVerifier.Report verify() throws SQLException {
        requireReader(CurrentActor.get());
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            return verifier.verify(connection, service, List.of());
        }
    }

    @GetMapping("/checkpoints")
    @Operation(summary = "Every signed checkpoint of the chain head, oldest first, to keep outside the system (city committee, auditor)")
    public List<Checkpoint> checkpoints() throws SQLException {
        requireReader(CurrentActor.get());
        try (Connection connection = dataSource.getConnection()) {
            return AuditCheckpoints.read(connection, service);
        }
    }

    @PostMapping("/checkpoints")
    @Operation(summary = "Signs the chain head now (city committee); 204 when nothing was sealed since the last checkpoint")
    public ResponseEntity<Checkpoint> checkpointNow() {
        Actor actor = CurrentActor.get();
        if (!actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee may sign a checkpoint.");
        }
        return sealer.checkpoint().map(c -> ResponseEntity.status(201).body(c)).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping("/export")
    @Operation(summary = "A signed export of the chain for inspectors, from link `from` on (city committee, auditor)")
    public ResponseEntity<AuditExport.Export> export(
            @Parameter(description = "first link (seq), default 1") @RequestParam(required = false) Long from,
            @Parameter(description = "at most this many links, 1-10000, default 10000") @RequestParam(required = false) Integer limit)
            throws SQLException {
        requireReader(CurrentActor.get());
        int max = limit == null ? AuditExport.MAX_LINKS : limit;
        if (max < 1 || max > AuditExport.MAX_LINKS || (from != null && from < 1)) {
            throw DomainException.badRequest("from must be at least 1 and limit between 1 and " + AuditExport.MAX_LINKS + ".",
                    new org.plantracker.platform.problem.FieldProblem(from != null && from < 1 ? "from" : "limit", "out of range"));
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setReadOnly(true);
            connection.setAutoCommit(false);
            try {
                AuditExport.Export export = AuditExport.create(connection, service, keys, from == null ? 1 : from, max);
                return ResponseEntity.ok()
                        .header("Content-Disposition", "attachment; filename=\"" + service + "-audit-" + export.manifest().fromSeq()
                                + "-" + export.manifest().toSeq() + ".json\"")
                        .body(export);
            } finally {
                connection.rollback();
            }
        }
    }

    @GetMapping("/key")
    @Operation(summary = "The public key (Ed25519, base64 X.509) that verifies this service's checkpoints (city committee, auditor)")
    public Map<String, String> key() {
        requireReader(CurrentActor.get());
        return Map.of("service", service, "keyId", keys.signingKeyId().orElseThrow(), "algorithm", "Ed25519",
                "publicKey", keys.publicKeyBase64());
    }

    @GetMapping("/tasks/{taskId}")
    @Operation(summary = "This service's changes to a task, oldest first (city committee and auditors: all; a unit: its own share's)")
    public AuditTrail.Trail task(@PathVariable String taskId,
                                 @Parameter(description = "at most this many, 1-5000, default 1000") @RequestParam(required = false) Integer limit) {
        return trail.byTask(taskId, CurrentActor.get(), limit);
    }

    @GetMapping("/units/{unitCode}")
    @Operation(summary = "This service's changes about a unit's shares or made by the unit, oldest first (city committee, auditors, the unit itself)")
    public AuditTrail.Trail unit(@PathVariable String unitCode,
                                 @Parameter(description = "at most this many, 1-5000, default 1000") @RequestParam(required = false) Integer limit) {
        return trail.byUnit(unitCode, CurrentActor.get(), limit);
    }

    @GetMapping("/users/{username}")
    @Operation(summary = "This service's changes made by a user, oldest first (city committee, auditors, the user themselves)")
    public AuditTrail.Trail user(@PathVariable String username,
                                 @Parameter(description = "at most this many, 1-5000, default 1000") @RequestParam(required = false) Integer limit) {
        return trail.byUser(username, CurrentActor.get(), limit);
    }

    static void requireReader(Actor actor) {
        if (!actor.hasRole(Roles.SUPERVISOR) && !actor.hasRole(Roles.AUDITOR)) {
            throw DomainException.forbidden("Only the city committee and auditors may read the audit trail.");
        }
    }
}
