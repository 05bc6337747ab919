package org.plantracker.task.command;

import org.plantracker.platform.correlation.Actor;

/**
 * Imports a plan document: the plan, its tasks (created and assigned) and any units the plan
 * introduced, all in one unit of work. Importing the same document again changes nothing.
 *
 * @param document the plan as text
 * @param actor    who asks: only the city committee (SUPERVISOR) may import
 */
public record ImportPlanCommand(String document, Actor actor) {
}
