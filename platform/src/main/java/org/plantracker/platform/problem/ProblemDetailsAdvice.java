package org.plantracker.platform.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.plantracker.platform.limits.RequestTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;

/**
 * Every error a service returns is a problem detail naming the bad fields. Details are fixed, human
 * sentences: never the text of a framework's exception (Jackson's and Axon's name classes, aggregate
 * ids and sequence numbers), which is logged instead.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(DomainException.class)
    public ResponseEntity<ProblemDetail> domain(DomainException e) {
        return respond(Problems.of(e.status(), e.getMessage(), e.errors()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    public ResponseEntity<ProblemDetail> command(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof DomainException d) {
            return domain(d);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        log.debug("aggregate not found: {}", e.getMessage());
        return respond(Problems.of(HttpStatus.NOT_FOUND, "There is nothing here by that id."));
    }

    @ExceptionHandler({ConflictingAggregateVersionException.class, ConcurrencyException.class})
    public ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        log.debug("concurrent change: {}", e.getMessage());
        return respond(Problems.of(HttpStatus.CONFLICT,
                "Someone else changed this in the meantime: reload it and try again.",
                List.of(new FieldProblem("If-Match", "stale version"))));
    }

    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return respond(Problems.of(HttpStatus.FORBIDDEN, "Your unit may not do this."));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ProblemDetail> badArgument(IllegalArgumentException e) {
        log.info("request refused as invalid: {}", e.toString());
        return respond(Problems.of(HttpStatus.BAD_REQUEST, "The request is not valid."));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed. Quote the X-Correlation-Id when you report it."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST,
                "The request has " + errors.size() + " invalid field(s).", errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestTooLargeException tooLarge) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE,
                        RequestTooLargeException.detail(tooLarge.limit())));
            }
        }
        log.info("unreadable request body: {}", firstLine(e.getMostSpecificCause().getMessage()));
        String field = fieldOf(e);
        if (field != null) {
            return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST,
                    "The request body has a value of the wrong type or format in " + field + ".",
                    List.of(new FieldProblem(field, "has the wrong type or format"))));
        }
        return ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON of the expected shape.",
                List.of(new FieldProblem("body", "is not valid JSON of the expected shape"))));
    }

    /** The JSON path of the value Jackson could not read (e.g. {@code targets[0].value}), if it names one. */
    static String fieldOf(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof JsonMappingException)) {
            cause = cause.getCause();
        }
        if (!(cause instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return null;
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : mapping.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? null : path.toString();
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail pd && pd.getProperties() == null) {
            HttpStatus status = HttpStatus.resolve(statusCode.value());
            body = Problems.of(status != null ? status : HttpStatus.BAD_REQUEST, pd.getDetail());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
