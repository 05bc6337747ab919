package org.plantracker.progress.api;

/**
 * A unit attached a file to its progress report as evidence (佐证材料). The file itself is in object
 * storage under {@code objectKey}; the event holds what proves it: its size, the type decided from
 * its content, and its SHA-256, so the event store's audit trail covers the evidence too.
 *
 * @param mediaType    the type detected from the content (Apache Tika), never the client's word
 * @param sha256       lower-case hex SHA-256 of the stored bytes
 * @param uploaderUnit the unit that attached it (the report's own unit)
 * @param uploadedBy   the person (token subject) who attached it
 */
public record EvidenceAttachedEvent(String attachmentId, String reportId, String taskId, String unitCode,
                                    String fileName, long size, String mediaType, String sha256, String objectKey,
                                    String uploaderUnit, String uploadedBy) {
}
