package org.plantracker.progress.web;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.Roles;

/** Who reads a unit's share of a task: the unit itself, the task's lead unit and the city committee. */
final class ShareAccess {

    private ShareAccess() {
    }

    static void mayRead(Actor actor, String unitCode, String leadUnitCode, String taskId) {
        boolean allowed = actor.hasRole(Roles.SUPERVISOR)
                || (actor.unitCode() != null && (actor.unitCode().equals(unitCode) || actor.unitCode().equals(leadUnitCode)));
        if (!allowed) {
            throw DomainException.forbidden("Only " + unitCode + " itself, the task's lead unit " + leadUnitCode
                    + " and the city committee read " + unitCode + "'s share of task " + taskId + ".");
        }
    }
}
