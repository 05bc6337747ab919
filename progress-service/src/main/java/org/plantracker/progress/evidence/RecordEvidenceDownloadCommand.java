package org.plantracker.progress.evidence;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that someone read (or tried to read) a piece of evidence. */
public record RecordEvidenceDownloadCommand(@TargetAggregateIdentifier String attachmentId, String downloaderUnit,
                                            String downloadedBy, boolean intact, String sha256Found) {
}
