package org.plantracker.progress.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.plantracker.progress.api.ProgressReportSubmittedEvent;
import org.plantracker.progress.api.ReportStatus;

import java.util.List;

/**
 * A unit reports progress on its share of a task. The reporting unit is the command's
 * {@code actor-unit} metadata (the caller's verified token), never a field the caller fills in.
 *
 * @param reportId chosen by the sender, so the caller learns it without reading the event
 */
public record SubmitProgressReportCommand(@TargetAggregateIdentifier String shareId, String reportId, String period,
                                          ReportStatus status, String narrative,
                                          List<ProgressReportSubmittedEvent.Figure> figures, List<String> problems,
                                          String goodPractice) {

    public SubmitProgressReportCommand {
        figures = figures == null ? List.of() : List.copyOf(figures);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}
