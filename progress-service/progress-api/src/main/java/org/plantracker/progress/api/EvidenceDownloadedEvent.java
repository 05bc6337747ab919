package org.plantracker.progress.api;

/**
 * Someone read a piece of evidence: who, for which unit, which file. A download whose stored object
 * no longer matched the SHA-256 of its {@link EvidenceAttachedEvent} is recorded too, with
 * {@code intact} false (and the file was not served).
 *
 * @param sha256Found the SHA-256 of the object as it was read
 */
public record EvidenceDownloadedEvent(String attachmentId, String reportId, String downloaderUnit,
                                      String downloadedBy, boolean intact, String sha256Found) {
}
