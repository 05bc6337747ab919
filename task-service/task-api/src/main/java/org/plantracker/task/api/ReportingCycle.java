package org.plantracker.task.api;

/**
 * How often the units of a task report progress (填报周期). A period is written as YYYY-MM
 * (monthly), YYYY-Qn (quarterly), YYYY-H1/H2 (half-yearly) or YYYY (yearly).
 */
public enum ReportingCycle {
    MONTHLY, QUARTERLY, HALF_YEARLY, YEARLY
}
