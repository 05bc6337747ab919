package org.plantracker.progress.evidence;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a file already stored under {@code objectKey} as evidence of a report. */
public record AttachEvidenceCommand(@TargetAggregateIdentifier String attachmentId, String reportId, String taskId,
                                    String unitCode, String fileName, long size, String mediaType, String sha256,
                                    String objectKey, String uploaderUnit, String uploadedBy) {
}
