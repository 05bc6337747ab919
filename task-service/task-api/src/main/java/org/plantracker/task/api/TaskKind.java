package org.plantracker.task.api;

/** How a task is carried out over time (三、有关要求 2 of the plan). */
public enum TaskKind {
    /** 长期性任务 (常态化): pushed continuously, reported every reporting cycle with periodic results. */
    LONG_TERM,
    /** 近期完成的工作: done by a due date, with results on time. */
    NEAR_TERM
}
