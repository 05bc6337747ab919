package org.plantracker.task.command;

import org.plantracker.platform.correlation.Actor;

/**
 * Reads a plan document as {@link ImportPlanCommand} would, and answers what an import would write,
 * writing nothing.
 *
 * @param document the plan as text
 * @param actor    who asks: only the city committee (SUPERVISOR) may preview
 */
public record PreviewPlanCommand(String document, Actor actor) {
}
