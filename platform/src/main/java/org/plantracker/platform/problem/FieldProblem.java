package org.plantracker.platform.problem;

/** One bad field of a request: its JSON path (or a line of an uploaded document) and what is wrong. */
public record FieldProblem(String field, String message) {
}
