package org.plantracker.progress.evidence;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.plantracker.progress.api.EvidenceAttachedEvent;
import org.plantracker.progress.api.EvidenceErasedEvent;
import org.plantracker.progress.query.TaskShareProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds {@code evidence_attachment} from the attachments' events, in the same processor as the other
 * views, so a reset of the views rebuilds it too; and reads it. An erased file keeps its row (size, type,
 * SHA-256, who erased it and why) under the name {@value #ERASED_NAME}.
 */
@Component
@ProcessingGroup(TaskShareProjection.PROCESSING_GROUP)
public class AttachmentProjection {

    /** What is shown instead of an erased file's name: the name may itself be the personal data that was erased. */
    public static final String ERASED_NAME = "已删除";

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

    @EventHandler
    void on(EvidenceErasedEvent event, @Timestamp Instant erasedAt) {
        jdbc.update("""
                UPDATE evidence_attachment SET file_name = ?, erased_at = ?, erased_by_unit = ?, erasure_reason = ?
                WHERE attachment_id = ?
                """, ERASED_NAME, erasedAt.atOffset(ZoneOffset.UTC), event.erasedByUnit(), event.reason(),
                event.attachmentId());
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
     * @param fileName  {@value #ERASED_NAME} once the file is erased
     * @param erased    the file was erased: it is no longer stored, its size, type and SHA-256 are what is left
     * @param erasedAt  when it was erased (null while it is not)
     * @param erasedBy  the unit that erased it (null while it is not)
     * @param erasureReason why it was erased (null while it is not)
     */
    public record AttachmentView(String attachmentId, String reportId, String ownerKind, String ownerId, String fileName,
                                 long size, String mediaType, String sha256, String uploaderUnit, String uploadedBy,
                                 Instant attachedAt, boolean erased, Instant erasedAt, String erasedBy,
                                 String erasureReason) {
    }

    public List<AttachmentView> of(AttachmentOwner owner) {
        return jdbc.query("""
                SELECT attachment_id, owner_kind, owner_id, file_name, size_bytes, media_type, sha256, uploader_unit,
                       uploaded_by, attached_at, erased_at, erased_by_unit, erasure_reason
                FROM evidence_attachment WHERE owner_kind = ? AND owner_id = ? ORDER BY attached_at, attachment_id
                """, (rs, i) -> {
            OffsetDateTime erasedAt = rs.getObject("erased_at", OffsetDateTime.class);
            return new AttachmentView(rs.getString("attachment_id"),
                    "REPORT".equals(rs.getString("owner_kind")) ? rs.getString("owner_id") : null, rs.getString("owner_kind"),
                    rs.getString("owner_id"), rs.getString("file_name"), rs.getLong("size_bytes"), rs.getString("media_type"),
                    rs.getString("sha256"), rs.getString("uploader_unit"), rs.getString("uploaded_by"),
                    rs.getObject("attached_at", OffsetDateTime.class).toInstant(), erasedAt != null,
                    erasedAt == null ? null : erasedAt.toInstant(), rs.getString("erased_by_unit"), rs.getString("erasure_reason"));
        }, owner.kind().name(), owner.id());
    }

    /** One file of a task's evidence package, with what proves it; an erased one is listed but has no file. */
    public record PackagedFile(String attachmentId, String ownerKind, String ownerId, String unitCode, String fileName,
                               long size, String mediaType, String sha256, String objectKey, boolean erased) {
    }

    /** Every file of the task: its reports', its supervision records', its problems' answers' and its good practices'. */
    public List<PackagedFile> ofTask(String taskId) {
        return jdbc.query("""
                SELECT attachment_id, owner_kind, owner_id, unit_code, file_name, size_bytes, media_type, sha256, object_key,
                       erased_at IS NOT NULL AS erased
                FROM evidence_attachment WHERE task_id = ? ORDER BY unit_code, attached_at, attachment_id
                """, (rs, i) -> new PackagedFile(rs.getString("attachment_id"), rs.getString("owner_kind"),
                rs.getString("owner_id"), rs.getString("unit_code"), rs.getString("file_name"), rs.getLong("size_bytes"),
                rs.getString("media_type"), rs.getString("sha256"), rs.getString("object_key"), rs.getBoolean("erased")), taskId);
    }

    /** What the item's stored attachments hold together (as far as the view has followed); erased files hold nothing. */
    public long bytesOf(AttachmentOwner owner) {
        Long total = jdbc.queryForObject(
                "SELECT COALESCE(sum(size_bytes), 0) FROM evidence_attachment WHERE owner_kind = ? AND owner_id = ? "
                        + "AND erased_at IS NULL",
                Long.class, owner.kind().name(), owner.id());
        return total == null ? 0 : total;
    }
}
