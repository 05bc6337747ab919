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

import java.util.regex.Pattern;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One evidence file of a report, a supervision record, a problem's answer or a good practice. Its first event says what the stored object must be (size, type,
 * SHA-256); it never changes afterwards, and every read of it is recorded after it.
 */
@Aggregate
public class Attachment {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @AggregateIdentifier
    private String attachmentId;
    private String reportId;

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
        apply(new EvidenceDownloadedEvent(attachmentId, reportId, command.downloaderUnit(), command.downloadedBy(),
                command.intact(), command.sha256Found()));
    }

    @EventSourcingHandler
    void on(EvidenceAttachedEvent event) {
        attachmentId = event.attachmentId();
        reportId = event.reportId();
    }
}
