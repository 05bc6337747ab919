package org.plantracker.progress.api;

/**
 * The city committee erased a piece of evidence (a person's data): the object is deleted from storage once this
 * event is stored. The event keeps what proves the file existed (its size, type and SHA-256) but not its name,
 * which may itself be personal; the {@link EvidenceAttachedEvent} before it is never edited (the audit chain
 * seals it), so lists and packages show the file as erased (已删除) from here on.
 *
 * @param reportId     the report's id when the file was a report's, else null
 * @param taskId       the task of the item it was attached to (so the task's audit trail shows the erasure)
 * @param unitCode     the unit the item belongs to (so that unit's audit trail shows it)
 * @param sha256       the SHA-256 recorded when it was attached
 * @param reason       why it was erased (the committee's words)
 * @param erasedByUnit the unit that erased it (the city committee)
 * @param erasedBy     the person (token subject) who erased it
 */
public record EvidenceErasedEvent(String attachmentId, String reportId, String taskId, String unitCode, long size,
                                  String mediaType, String sha256, String reason, String erasedByUnit, String erasedBy) {
}
