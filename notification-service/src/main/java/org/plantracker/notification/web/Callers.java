package org.plantracker.notification.web;

import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.CurrentActor;

import java.util.Optional;

/** The caller's unit, which every notification, subscription and preference belongs to. */
final class Callers {

    private Callers() {
    }

    static String unit() {
        Actor actor = CurrentActor.get();
        if (actor.unitCode() == null || actor.unitCode().isBlank()) {
            throw DomainException.forbidden("Your access token names no unit; notifications belong to units.");
        }
        return actor.unitCode();
    }

    static Optional<Long> number(String id) {
        try {
            return Optional.of(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
