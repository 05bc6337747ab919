package org.plantracker.progress.problem;

import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.Collection;

/**
 * When a problem is general (普遍性问题): once {@code plan-tracker.problems.general-threshold} (3 by
 * default) different county committees raised or joined it. Other units count for nothing here: the
 * plan asks the county committees to report problems "带有普遍性" up to the city committee.
 */
@Component
public class GeneralProblemPolicy {

    private final int threshold;

    public GeneralProblemPolicy(@Value("${plan-tracker.problems.general-threshold:3}") int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("plan-tracker.problems.general-threshold must be at least 1, not " + threshold);
        }
        this.threshold = threshold;
    }

    public int threshold() {
        return threshold;
    }

    /** @param raisers every unit that raised or joined the problem, each once */
    public boolean isGeneral(Collection<UnitRef> raisers) {
        return raisers.stream().filter(u -> u.kind() == UnitKind.COUNTY_COMMITTEE).map(UnitRef::code).distinct().count()
                >= threshold;
    }
}
