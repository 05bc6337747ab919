package org.plantracker.progress.evidence;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.plantracker.progress.api.EvidenceAttachedEvent;
import org.plantracker.progress.query.TaskShareProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds {@code evidence_attachment} from the attachments' events, in the same processor as the other
 * views, so a reset of the views rebuilds it too; and reads it.
 */
@Component
@ProcessingGroup(TaskShareProjection.PROCESSING_GROUP)
public class AttachmentProjection {

    private final JdbcTemplate jdbc;

    public AttachmentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(EvidenceAttachedEvent event, @Timestamp Instant attachedAt) {
        jdbc.update("""
                INSERT INTO evidence_attachment (attachment_id, owner_kind, owner_id, task_id, unit_code, file_name, size_bytes,
                    media_type, sha256, object_key, uploader_unit, uploaded_by, attached_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (attachment_id) DO NOTHING
                """, event.attachmentId(), AttachmentOwner.Kind.of(event.ownerKind()).name(),
                event.ownerId() == null ? event.reportId() : event.ownerId(), event.taskId(), event.unitCode(), event.fileName(),
                event.size(), event.mediaType(), event.sha256(), event.objectKey(), event.uploaderUnit(),
                event.uploadedBy(), attachedAt.atOffset(ZoneOffset.UTC));
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM evidence_attachment");
    }

    /**
     * One file as listed to people.
     *
     * @param reportId  the report's id when it is attached to a report (else null)
     * @param ownerKind REPORT, SUPERVISION, PROBLEM_ANSWER or PRACTICE
     */
    public record AttachmentView(String attachmentId, String reportId, String ownerKind, String ownerId, String fileName,
                                 long size, String mediaType, String sha256, String uploaderUnit, String uploadedBy,
                                 Instant attachedAt) {
    }

    public List<AttachmentView> of(AttachmentOwner owner) {
        return jdbc.query("""
                SELECT attachment_id, owner_kind, owner_id, file_name, size_bytes, media_type, sha256, uploader_unit,
                       uploaded_by, attached_at
                FROM evidence_attachment WHERE owner_kind = ? AND owner_id = ? ORDER BY attached_at, attachment_id
                """, (rs, i) -> new AttachmentView(rs.getString("attachment_id"),
                "REPORT".equals(rs.getString("owner_kind")) ? rs.getString("owner_id") : null, rs.getString("owner_kind"),
                rs.getString("owner_id"), rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("media_type"),
                rs.getString("sha256"), rs.getString("uploader_unit"), rs.getString("uploaded_by"),
                rs.getObject("attached_at", OffsetDateTime.class).toInstant()), owner.kind().name(), owner.id());
    }

    /** One file of a task's evidence package, with what proves it. */
    public record PackagedFile(String attachmentId, String ownerKind, String ownerId, String unitCode, String fileName,
                               long size, String mediaType, String sha256, String objectKey) {
    }

    /** Every file of the task: its reports', its supervision records', its problems' answers' and its good practices'. */
    public List<PackagedFile> ofTask(String taskId) {
        return jdbc.query("""
                SELECT attachment_id, owner_kind, owner_id, unit_code, file_name, size_bytes, media_type, sha256, object_key
                FROM evidence_attachment WHERE task_id = ? ORDER BY unit_code, attached_at, attachment_id
                """, (rs, i) -> new PackagedFile(rs.getString("attachment_id"), rs.getString("owner_kind"),
                rs.getString("owner_id"), rs.getString("unit_code"), rs.getString("file_name"), rs.getLong("size_bytes"),
                rs.getString("media_type"), rs.getString("sha256"), rs.getString("object_key")), taskId);
    }

    /** What the item's attachments hold together (as far as the view has followed). */
    public long bytesOf(AttachmentOwner owner) {
        Long total = jdbc.queryForObject(
                "SELECT COALESCE(sum(size_bytes), 0) FROM evidence_attachment WHERE owner_kind = ? AND owner_id = ?",
                Long.class, owner.kind().name(), owner.id());
        return total == null ? 0 : total;
    }
}
