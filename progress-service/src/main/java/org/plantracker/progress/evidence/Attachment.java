package org.plantracker.progress.evidence;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.progress.api.EvidenceAttachedEvent;
import org.plantracker.progress.api.EvidenceDownloadedEvent;
import org.plantracker.progress.api.EvidenceErasedEvent;
import org.springframework.http.HttpStatus;

import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One evidence file of a report, a supervision record, a problem's answer or a good practice. Its first event says what the stored object must be (size, type,
 * SHA-256); it never changes afterwards, and every read of it is recorded after it. The city committee may erase
 * it (a person's data): the file is then gone for good, its size, type and SHA-256 stay on record, and it is
 * read no more.
 */
@Aggregate
public class Attachment {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String attachmentId;
    private String reportId;
    private String taskId;
    private String unitCode;
    private long size;
    private String mediaType;
    private String sha256;
    private boolean erased;

    protected Attachment() {
        // rebuilt from its events
    }

    /** A repeated command for an attachment that exists (a retry with the same Idempotency-Key) records nothing more. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(AttachEvidenceCommand command) {
        if (attachmentId != null) {
            return attachmentId;
        }
        if (command.fileName() == null || command.fileName().isBlank()) {
            throw DomainException.badRequest("An attachment has a file name.", new FieldProblem("files", "a file has no name"));
        }
        if (command.size() <= 0) {
            throw DomainException.badRequest("The file " + command.fileName() + " is empty.",
                    new FieldProblem("files", command.fileName() + " is empty"));
        }
        if (command.sha256() == null || !SHA256.matcher(command.sha256()).matches()) {
            throw new IllegalArgumentException("an attachment's SHA-256 is 64 lower-case hex digits");
        }
        AttachmentOwner owner = command.owner();
        apply(new EvidenceAttachedEvent(command.attachmentId(),
                owner.kind() == AttachmentOwner.Kind.REPORT ? owner.id() : null, command.taskId(), command.unitCode(),
                command.fileName(), command.size(), command.mediaType(), command.sha256(), command.objectKey(),
                command.uploaderUnit(), command.uploadedBy(), owner.kind().name(), owner.id()));
        return command.attachmentId();
    }

    @CommandHandler
    public void handle(RecordEvidenceDownloadCommand command) {
        if (erased) {
            throw erasedRefusal();
        }
        apply(new EvidenceDownloadedEvent(attachmentId, reportId, command.downloaderUnit(), command.downloadedBy(),
                command.intact(), command.sha256Found()));
    }

    /** Erased once: a second erasure is refused (409), so the record says exactly once who erased it and why. */
    @CommandHandler
    public void handle(EraseEvidenceCommand command) {
        if (erased) {
            throw DomainException.conflict("Attachment " + attachmentId + " is already erased; its SHA-256 " + sha256
                    + " stays on record.");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw DomainException.badRequest("Say why the file is erased.", new FieldProblem("reason", "is required"));
        }
        apply(new EvidenceErasedEvent(attachmentId, reportId, taskId, unitCode, size, mediaType, sha256, command.reason().strip(),
                command.erasedByUnit(), command.erasedBy()));
    }

    private DomainException erasedRefusal() {
        return new DomainException(HttpStatus.GONE, "The file of attachment " + attachmentId
                + " was erased; its SHA-256 " + sha256 + " stays on record.");
    }

    @EventSourcingHandler
    void on(EvidenceAttachedEvent event) {
        attachmentId = event.attachmentId();
        reportId = event.reportId();
        taskId = event.taskId();
        unitCode = event.unitCode();
        size = event.size();
        mediaType = event.mediaType();
        sha256 = event.sha256();
    }

    @EventSourcingHandler
    void on(EvidenceErasedEvent event) {
        erased = true;
    }
}
