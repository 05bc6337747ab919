package org.plantracker.task.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.plantracker.task.api.UnitKind;

import java.util.List;

/** A registered unit; a GROUP lists the codes of its members. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UnitView(String code, String name, UnitKind kind, String region, List<String> aliases,
                       List<String> members) {
}
