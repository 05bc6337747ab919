package org.plantracker.task.importing;

import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A plan document that cannot be imported. Each problem names the line ({@code "line 42"}, or
 * {@code "document"} for the whole text) and what was expected there. Nothing is written.
 */
public class PlanDocumentException extends DomainException {

    public PlanDocumentException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, "The plan document cannot be imported (" + problems.size()
                + (problems.size() == 1 ? " problem" : " problems") + "); nothing was written.", problems);
    }

    public static FieldProblem atLine(int line, String message) {
        return new FieldProblem("line " + line, message);
    }

    public static FieldProblem inDocument(String message) {
        return new FieldProblem("document", message);
    }
}
