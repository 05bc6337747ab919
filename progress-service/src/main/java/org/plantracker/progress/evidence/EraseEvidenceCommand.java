package org.plantracker.progress.evidence;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The city committee erases a piece of evidence: the file goes, its size, type and SHA-256 stay on record. */
public record EraseEvidenceCommand(@TargetAggregateIdentifier String attachmentId, String reason, String erasedByUnit,
                                   String erasedBy) {
}
