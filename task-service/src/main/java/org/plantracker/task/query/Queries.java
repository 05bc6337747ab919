package org.plantracker.task.query;

/** The questions the read models answer (Axon queries). */
public final class Queries {

    private Queries() {
    }

    public record FindUnitsQuery() {
    }

    public record FindUnitQuery(String code) {
    }

    public record FindPlansQuery() {
    }

    public record FindPlanQuery(String planId) {
    }

    /**
     * Tasks matching every given filter (null: any).
     *
     * @param unit           a unit code: tasks it leads or is responsible for
     * @param sectionOrdinal the section's position in its plan, 1-based
     */
    public record FindTasksQuery(String planId, String unit, Integer sectionOrdinal) {
    }

    public record FindTaskQuery(String taskId) {
    }
}
