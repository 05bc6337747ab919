package org.plantracker.progress.evidence;

import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.problem.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartException;

import java.util.List;

/**
 * A body that says it is multipart/form-data but cannot be read as such (no boundary, cut off, noise)
 * is the client's mistake: 400 naming {@code files}, not the platform's catch-all 500. It is parsed
 * before any controller is chosen, so this advice is global, and ahead of the platform's.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class MultipartProblems {

    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> unreadable(MultipartException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.BAD_REQUEST, "The request is not readable as multipart/form-data with the files "
                        + "in parts named \"files\".", List.of(new FieldProblem("files", "not readable as multipart/form-data"))));
    }
}
