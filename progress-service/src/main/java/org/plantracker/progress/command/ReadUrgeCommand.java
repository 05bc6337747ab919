package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.platform.correlation.Actor;

/** The urged unit confirms it read an urge (the read receipt). */
public record ReadUrgeCommand(@TargetAggregateIdentifier String shareId, String urgeId, Actor actor) {
}
