package org.plantracker.task.web;

import io.swagger.v3.oas.annotations.Operation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.task.command.ImportPlanCommand;
import org.plantracker.task.command.ImportPlanResult;
import org.plantracker.task.command.PlanPreview;
import org.plantracker.task.command.PreviewPlanCommand;
import org.plantracker.task.query.PlanDetails;
import org.plantracker.task.query.PlanSummary;
import org.plantracker.task.query.ProjectionCatchUp;
import org.plantracker.task.query.Queries.FindPlanQuery;
import org.plantracker.task.query.Queries.FindPlansQuery;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Plans: the importer and the plans read model. */
@RestController
@RequestMapping("/api/plans")
public class PlanController {

    /** How long a write waits for the read models before answering anyway. */
    static final Duration READ_YOUR_WRITES = Duration.ofSeconds(5);
    private static final int MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ProjectionCatchUp projections;

    public PlanController(CommandGateway commands, QueryGateway queries, ProjectionCatchUp projections) {
        this.commands = commands;
        this.queries = queries;
        this.projections = projections;
    }

    /** What the import did: counts of sections, tasks and distinct units assigned; warnings. */
    public record ImportResponse(String planId, int sections, int tasks, int units, List<String> warnings) {
    }

    @Operation(summary = "Import a plan document (city committee only)",
            description = "The body is the plan as plain text (UTF-8 unless the Content-Type names another charset). "
                    + "201 for a new plan; 200 with the same planId when this document was imported before. "
                    + "A document that cannot be read: 400 with errors[] naming each line; nothing is written.")
    @PostMapping(path = "/import", consumes = {MediaType.TEXT_PLAIN_VALUE})
    public ResponseEntity<ImportResponse> importPlan(
            @RequestBody byte[] body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        String document = decode(body, contentType);
        ImportPlanCommand command = new ImportPlanCommand(document, CurrentActor.get());
        ImportPlanResult result = importOnce(command, true);
        projections.awaitCaughtUp(READ_YOUR_WRITES);
        ImportResponse response = new ImportResponse(result.planId(), result.sections(), result.tasks(), result.units(),
                result.warnings());
        if (result.created()) {
            return ResponseEntity.created(URI.create("/api/plans/" + result.planId())).body(response);
        }
        return ResponseEntity.ok(response);
    }

    @Operation(summary = "Preview a plan document's import (city committee only)",
            description = "The same body and limits as POST /api/plans/import. Reads the document as the import would "
                    + "and answers its sections, tasks (number, title, lead and responsible units), the units it "
                    + "assigns (isNew: not yet in the units registry) and the warnings; nothing is stored. "
                    + "A document that cannot be read: 400 with errors[] naming each line.")
    @PostMapping(path = "/preview", consumes = {MediaType.TEXT_PLAIN_VALUE})
    public PlanPreview preview(
            @RequestBody byte[] body,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType) {
        return commands.sendAndWait(new PreviewPlanCommand(decode(body, contentType), CurrentActor.get()));
    }

    /**
     * Runs the import; when another request wrote the same plan (or the same new unit) at the same
     * moment, this one rolled back entirely and is tried once more, which then finds what the other wrote.
     */
    private ImportPlanResult importOnce(ImportPlanCommand command, boolean mayRetry) {
        try {
            return commands.sendAndWait(command);
        } catch (AggregateStreamCreationException | ConcurrencyException e) {
            if (mayRetry) {
                return importOnce(command, false);
            }
            throw DomainException.conflict("The plan could not be written because another import wrote the same "
                    + "records at the same moment; nothing was imported. Send it again.");
        }
    }

    @Operation(summary = "Every imported plan")
    @GetMapping
    public List<PlanSummary> plans() {
        return queries.query(new FindPlansQuery(), ResponseTypes.multipleInstancesOf(PlanSummary.class)).join();
    }

    @Operation(summary = "One plan with its sections and their tasks")
    @GetMapping("/{planId}")
    public PlanDetails plan(@PathVariable String planId) {
        return queries.query(new FindPlanQuery(planId), ResponseTypes.optionalInstanceOf(PlanDetails.class)).join()
                .orElseThrow(() -> DomainException.notFound("No plan has the id " + planId + "."));
    }

    private static String decode(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            throw DomainException.badRequest("The plan document is empty.",
                    new FieldProblem("document", "send the plan as the request body (text/plain)"));
        }
        if (body.length > MAX_DOCUMENT_BYTES) {
            throw new DomainException(HttpStatus.PAYLOAD_TOO_LARGE, "A plan document is at most "
                    + MAX_DOCUMENT_BYTES / 1024 + " KiB.");
        }
        Charset charset = StandardCharsets.UTF_8;
        if (contentType != null) {
            try {
                Charset named = MediaType.parseMediaType(contentType).getCharset();
                charset = named == null ? charset : named;
            } catch (RuntimeException e) {
                throw DomainException.badRequest("Unreadable Content-Type.", new FieldProblem("Content-Type", e.getMessage()));
            }
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw DomainException.badRequest("The plan document is not valid " + charset.name() + " text.",
                    new FieldProblem("document", "not valid " + charset.name()));
        }
    }
}
