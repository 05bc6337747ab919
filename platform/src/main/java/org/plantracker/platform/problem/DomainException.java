package org.plantracker.platform.problem;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A refusal the domain makes on purpose, with the HTTP status it maps to. Thrown from command
 * handlers and aggregates; the command bus returns it to the caller unchanged.
 */
public class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldProblem> errors;

    public DomainException(HttpStatus status, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public DomainException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public static DomainException badRequest(String detail, FieldProblem... errors) {
        return new DomainException(HttpStatus.BAD_REQUEST, detail, List.of(errors));
    }

    public static DomainException forbidden(String detail) {
        return new DomainException(HttpStatus.FORBIDDEN, detail);
    }

    public static DomainException notFound(String detail) {
        return new DomainException(HttpStatus.NOT_FOUND, detail);
    }

    public static DomainException conflict(String detail) {
        return new DomainException(HttpStatus.CONFLICT, detail);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
