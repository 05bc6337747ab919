package org.plantracker.progress.api;

/**
 * A unit attached a file as evidence (佐证材料) to one of its items: a progress report, a supervision
 * record, a problem's answer or a good practice ({@code ownerKind} and {@code ownerId}). The file itself is in object
 * storage under {@code objectKey}; the event holds what proves it: its size, the type decided from
 * its content, and its SHA-256, so the event store's audit trail covers the evidence too.
 *
 * @param mediaType    the type detected from the content (Apache Tika), never the client's word
 * @param sha256       lower-case hex SHA-256 of the stored bytes
 * @param uploaderUnit the unit that attached it (the report's own unit)
 * @param uploadedBy   the person (token subject) who attached it
 * @param reportId     the report's id when the owner is a report, else null
 * @param ownerKind    REPORT, SUPERVISION, PROBLEM_ANSWER or PRACTICE; null in events recorded before the other
 *                     kinds existed (they are of reports)
 * @param ownerId      the id of the item it is attached to; null in those older events (then the report's id)
 */
public record EvidenceAttachedEvent(String attachmentId, String reportId, String taskId, String unitCode,
                                    String fileName, long size, String mediaType, String sha256, String objectKey,
                                    String uploaderUnit, String uploadedBy,
                                    String ownerKind, String ownerId) {

    /** For the events of reports recorded before attachments had other owners. */
    public EvidenceAttachedEvent(String attachmentId, String reportId, String taskId, String unitCode, String fileName,
                                 long size, String mediaType, String sha256, String objectKey, String uploaderUnit,
                                 String uploadedBy) {
        this(attachmentId, reportId, taskId, unitCode, fileName, size, mediaType, sha256, objectKey, uploaderUnit,
                uploadedBy, "REPORT", reportId);
    }
}
