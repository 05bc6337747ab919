package org.plantracker.progress.practice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param byCityCommittee whether the caller acts for the city committee (the supervisor role of its token) */
public record PublishGoodPracticeCommand(@TargetAggregateIdentifier String practiceId, boolean byCityCommittee) {
}
