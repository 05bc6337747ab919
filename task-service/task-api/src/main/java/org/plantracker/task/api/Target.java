package org.plantracker.task.api;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One target of a task (目标), set by its lead unit when refining it. A target is
 * <ul>
 *   <li>MEASURABLE: a metric with a unit, a target value and a direction, e.g. 五好关工委达标率 ≥ 90 %;</li>
 *   <li>DATED: something to run from one date to another, e.g. 明亮眼睛 2021-09 → 2023-09 (a month is
 *       written as its first day);</li>
 *   <li>QUALITATIVE: a statement, e.g. 未成年人零犯罪创建常态化、规范化.</li>
 * </ul>
 * Fields that do not apply to the type are null.
 */
public record Target(String targetId, TargetType type, String description, String metric, String unit,
                     BigDecimal targetValue, Direction direction, LocalDate from, LocalDate to) {

    public enum TargetType { MEASURABLE, DATED, QUALITATIVE }

    /** Which side of the target value counts as reaching it. */
    public enum Direction { AT_LEAST, AT_MOST, EQUAL }
}
