package org.plantracker.progress.evidence;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a file already stored under {@code objectKey} as evidence of an item (a report, a supervision record…). */
public record AttachEvidenceCommand(@TargetAggregateIdentifier String attachmentId, AttachmentOwner owner, String taskId,
                                    String unitCode, String fileName, long size, String mediaType, String sha256,
                                    String objectKey, String uploaderUnit, String uploadedBy) {
}
