package org.plantracker.platform.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;

/** RFC 7807 problem details with the {@code errors[]} member the API contract promises. */
public final class Problems {

    public static final String TYPE_BASE = "https://plan-tracker.example/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String detail) {
        return of(status, detail, List.of());
    }

    public static ProblemDetail of(HttpStatus status, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + slug(status)));
        problem.setTitle(status.getReasonPhrase());
        problem.setProperty("errors", errors == null ? List.of() : errors);
        return problem;
    }

    private static String slug(HttpStatus status) {
        return status.getReasonPhrase().toLowerCase().replace(' ', '-');
    }
}
