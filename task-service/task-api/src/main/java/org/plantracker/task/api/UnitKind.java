package org.plantracker.task.api;

/** What a unit (单位) is. A GROUP stands for its members and is expanded to them on assignment. */
public enum UnitKind {
    /** The city committee itself (市关工委). */
    CITY_COMMITTEE,
    /** A city department named in a plan, e.g. 市教育局. */
    CITY_DEPARTMENT,
    /** A county-level committee, e.g. 密山市关工委. */
    COUNTY_COMMITTEE,
    /** A collective such as 县(市)区关工委. */
    GROUP
}
