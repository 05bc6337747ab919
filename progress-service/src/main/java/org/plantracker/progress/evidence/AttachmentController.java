package org.plantracker.progress.evidence;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.idempotency.IdempotencyKeys;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.api.EvidenceAttachedEvent;
import org.plantracker.progress.api.EvidenceErasedEvent;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import org.plantracker.platform.correlation.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Evidence (佐证材料) on progress reports, supervision records, problems' answers and good practices: the
 * item's own unit attaches files ({@link AttachmentOwners} says who); whoever may read the item lists and
 * downloads them, with their token or through a short-lived signed link ({@link EvidenceLinks}). A file is stored in object storage first and recorded by an
 * {@link EvidenceAttachedEvent} after; if the event cannot be recorded the object is deleted at once,
 * and an object left by a crash in between is removed by the {@link OrphanSweeper}. The city committee erases a
 * file (a person's data) the other way round: the {@link EvidenceErasedEvent} first, then the object (the sweeper
 * deletes it later if the store fails then); the file is then 410 Gone, its size, type and SHA-256 still listed.
 */
@RestController
public class AttachmentController {

    private static final Logger log = LoggerFactory.getLogger(AttachmentController.class);
    /** The header a download carries: the SHA-256 (hex) it was checked against. */
    public static final String SHA256_HEADER = "X-Content-SHA256";

    private final CommandGateway commands;
    private final AttachmentOwners owners;
    private final AttachmentProjection attachments;
    private final ObjectStore store;
    private final EvidenceTypes types;
    private final EvidenceProperties properties;
    private final EventStore events;
    private final EvidenceScanner scanner;
    private final EvidenceLinks links;

    public AttachmentController(CommandGateway commands, AttachmentOwners owners, AttachmentProjection attachments,
                                ObjectStore store, EvidenceTypes types, EvidenceProperties properties, EventStore events,
                                EvidenceScanner scanner, EvidenceLinks links) {
        this.commands = commands;
        this.owners = owners;
        this.scanner = scanner;
        this.links = links;
        this.attachments = attachments;
        this.store = store;
        this.types = types;
        this.properties = properties;
        this.events = events;
    }

    public record Attached(String attachmentId, String fileName, long size, String mediaType, String sha256) {
    }

    /** @param reportId the report's id when the files are a report's (else null) */
    public record AttachedFiles(String reportId, String ownerKind, String ownerId, List<Attached> attachments) {
    }

    private record Received(String fileName, Path file, long size, String mediaType, String sha256) {
    }

    @Operation(summary = "The reporting unit attaches one or more files (multipart part \"files\") to its report as evidence: "
            + "PDF, images, Word, Excel, WPS; 413 naming a file over the size limits, 415 naming a file of another type "
            + "or an archive holding an executable, 422 naming a file the virus scanner finds infected")
    @PostMapping(path = "/api/reports/{reportId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public AttachedFiles attach(@PathVariable String reportId,
                                @RequestPart(name = "files", required = false) List<MultipartFile> files) throws IOException {
        return attach(owners.find(AttachmentOwner.report(reportId)), files);
    }

    @Operation(summary = "The city committee attaches files (multipart part \"files\") to its supervision record of the task; "
            + "the same types and limits as a report's evidence")
    @PostMapping(path = "/api/tasks/{taskId}/supervision/{recordId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public AttachedFiles attachToSupervision(@PathVariable String taskId, @PathVariable String recordId,
            @RequestPart(name = "files", required = false) List<MultipartFile> files) throws IOException {
        return attach(ofTask(taskId, new AttachmentOwner(AttachmentOwner.Kind.SUPERVISION, recordId)), files);
    }

    @Operation(summary = "The unit that answered a problem (or the city committee) attaches files (multipart part \"files\") "
            + "to the answer; 409 before it is answered; the same types and limits as a report's evidence")
    @PostMapping(path = "/api/tasks/{taskId}/problems/{problemId}/answer/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public AttachedFiles attachToProblemAnswer(@PathVariable String taskId, @PathVariable String problemId,
            @RequestPart(name = "files", required = false) List<MultipartFile> files) throws IOException {
        return attach(ofTask(taskId, new AttachmentOwner(AttachmentOwner.Kind.PROBLEM_ANSWER, problemId)), files);
    }

    @Operation(summary = "The unit that submitted a good practice attaches files (multipart part \"files\") to it; "
            + "the same types and limits as a report's evidence")
    @PostMapping(path = "/api/practices/{practiceId}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public AttachedFiles attachToPractice(@PathVariable String practiceId,
            @RequestPart(name = "files", required = false) List<MultipartFile> files) throws IOException {
        return attach(owners.find(new AttachmentOwner(AttachmentOwner.Kind.PRACTICE, practiceId)), files);
    }

    /** An item named under a task's path is of that task, or it is not found there. */
    private AttachmentOwners.Item ofTask(String taskId, AttachmentOwner owner) {
        AttachmentOwners.Item item = owners.find(owner);
        if (!item.taskId().equals(taskId)) {
            throw DomainException.notFound("Task " + taskId + " has no " + owner + ".");
        }
        return item;
    }

    private AttachedFiles attach(AttachmentOwners.Item item, List<MultipartFile> files) throws IOException {
        Actor actor = CurrentActor.get();
        AttachmentOwner owner = item.owner();
        item.attacher().requireMayAttach(actor);
        if (files == null || files.isEmpty()) {
            throw DomainException.badRequest("Attach at least one file (multipart part \"files\").",
                    new FieldProblem("files", "is required"));
        }
        List<Received> received = new ArrayList<>();
        try {
            long total = attachments.bytesOf(owner);
            long maxFile = properties.maxFileSize().toBytes();
            long maxItem = properties.maxReportSize().toBytes();
            for (MultipartFile part : files) {
                String name = fileName(part);
                if (part.getSize() > maxFile) {
                    throw new DomainException(HttpStatus.PAYLOAD_TOO_LARGE, "The file " + name + " is " + mb(part.getSize())
                            + "; a file may be at most " + mb(maxFile) + ".",
                            List.of(new FieldProblem("files", name + " is larger than " + mb(maxFile))));
                }
                total += part.getSize();
                if (total > maxItem) {
                    throw new DomainException(HttpStatus.PAYLOAD_TOO_LARGE, "With the file " + name + " the evidence of "
                            + owner + " would hold " + mb(total) + "; an item's files may hold at most " + mb(maxItem) + ".",
                            List.of(new FieldProblem("files", name + " exceeds the " + owner.kind().label() + "'s " + mb(maxItem))));
                }
                if (part.getSize() == 0) {
                    throw DomainException.badRequest("The file " + name + " is empty.", new FieldProblem("files", name + " is empty"));
                }
                Path file = Files.createTempFile("evidence-", ".upload");
                String sha256;
                try (InputStream in = part.getInputStream();
                     DigestInputStream digesting = new DigestInputStream(in, ObjectStore.sha256())) {
                    Files.copy(digesting, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    sha256 = HexFormat.of().formatHex(digesting.getMessageDigest().digest());
                }
                received.add(new Received(name, file, Files.size(file), null, sha256));
                String mediaType = types.detect(file);
                received.set(received.size() - 1, new Received(name, file, Files.size(file), mediaType, sha256));
                Optional<String> executable = types.executableInside(file, mediaType);
                if (executable.isPresent()) {
                    throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The file " + name + " holds an executable ("
                            + executable.get() + "); evidence may not carry programs.",
                            List.of(new FieldProblem("files", name + " holds an executable")));
                }
                if (!types.accepted(mediaType)) {
                    throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The file " + name + " is "
                            + types.describeRefused(mediaType) + "; evidence is accepted as PDF, images, Word, Excel or WPS documents.",
                            List.of(new FieldProblem("files", name + " is " + types.describeRefused(mediaType))));
                }
                Optional<String> infection = scanner.scan(file);
                if (infection.isPresent()) {
                    log.warn("The virus scanner refused the file {} attached to {} by {}: {}", name, owner, actor.unitCode(),
                            infection.get());
                    throw new DomainException(HttpStatus.UNPROCESSABLE_ENTITY, "The virus scanner found " + infection.get()
                            + " in the file " + name + "; it is not accepted.",
                            List.of(new FieldProblem("files", name + " is infected (" + infection.get() + ")")));
                }
            }
            List<Attached> attached = new ArrayList<>();
            for (int i = 0; i < received.size(); i++) {
                Received file = received.get(i);
                // a report's seed as before attachments had other owners (a retry across an upgrade finds the same id)
                String attachmentId = IdempotencyKeys.newId(owner.kind() == AttachmentOwner.Kind.REPORT
                        ? "evidence:" + owner.id() + ":" + i : "evidence:" + owner.kind() + ":" + owner.id() + ":" + i);
                String key = ObjectStore.keyOf(owner, attachmentId);
                store.put(key, file.file(), file.mediaType(), file.sha256());
                try {
                    commands.sendAndWait(new AttachEvidenceCommand(attachmentId, owner, item.taskId(), item.unitCode(),
                            file.fileName(), file.size(), file.mediaType(), file.sha256(), key, actor.unitCode(),
                            actor.username()));
                } catch (RuntimeException failed) {
                    // no object without its event
                    try {
                        store.delete(key);
                    } catch (RuntimeException notDeleted) {
                        failed.addSuppressed(notDeleted);
                        log.warn("The object {} stays without its event; the sweeper will remove it", key);
                    }
                    throw failed;
                }
                attached.add(new Attached(attachmentId, file.fileName(), file.size(), file.mediaType(), file.sha256()));
            }
            return new AttachedFiles(owner.kind() == AttachmentOwner.Kind.REPORT ? owner.id() : null, owner.kind().name(),
                    owner.id(), attached);
        } finally {
            for (Received file : received) {
                Files.deleteIfExists(file.file());
            }
        }
    }

    @Operation(summary = "A report's evidence files, oldest first: name, size, type, SHA-256, uploader, time "
            + "(the report's unit, the task's lead unit, the city committee)")
    @GetMapping("/api/reports/{reportId}/attachments")
    public List<AttachmentProjection.AttachmentView> list(@PathVariable String reportId) {
        return list(owners.find(AttachmentOwner.report(reportId)));
    }

    @Operation(summary = "A supervision record's evidence files, oldest first (whoever may read the record)")
    @GetMapping("/api/tasks/{taskId}/supervision/{recordId}/attachments")
    public List<AttachmentProjection.AttachmentView> listOfSupervision(@PathVariable String taskId, @PathVariable String recordId) {
        return list(ofTask(taskId, new AttachmentOwner(AttachmentOwner.Kind.SUPERVISION, recordId)));
    }

    @Operation(summary = "The evidence files of a problem's answer, oldest first (the city committee, the lead unit, the task's units)")
    @GetMapping("/api/tasks/{taskId}/problems/{problemId}/answer/attachments")
    public List<AttachmentProjection.AttachmentView> listOfProblemAnswer(@PathVariable String taskId,
                                                                         @PathVariable String problemId) {
        return list(ofTask(taskId, new AttachmentOwner(AttachmentOwner.Kind.PROBLEM_ANSWER, problemId)));
    }

    @Operation(summary = "A good practice's evidence files, oldest first (published: anyone; waiting: the city committee and its unit)")
    @GetMapping("/api/practices/{practiceId}/attachments")
    public List<AttachmentProjection.AttachmentView> listOfPractice(@PathVariable String practiceId) {
        return list(owners.find(new AttachmentOwner(AttachmentOwner.Kind.PRACTICE, practiceId)));
    }

    private List<AttachmentProjection.AttachmentView> list(AttachmentOwners.Item item) {
        owners.requireMayRead(CurrentActor.get(), item);
        return attachments.of(item.owner());
    }

    @Operation(summary = "Download one evidence file (?inline=true: an image or PDF to preview in the browser), checked "
            + "against the SHA-256 recorded when it was attached; "
            + "422 when the stored file no longer matches it (the file is then not served); every download is recorded")
    @GetMapping("/api/attachments/{attachmentId}")
    public ResponseEntity<StreamingResponseBody> download(@PathVariable String attachmentId,
            @RequestParam(defaultValue = "false") boolean inline, HttpServletResponse response)
            throws IOException {
        Actor actor = CurrentActor.get();
        EvidenceAttachedEvent attached = readable(actor, attachmentId).requireStored();
        return serve(actor, attached, inline, response);
    }

    public record Link(String url, Instant expiresAt) {
    }

    @Operation(summary = "A short-lived link to download one evidence file without a token (for the browser's own "
            + "download or preview): valid plan-tracker.evidence.link-lifetime (5 minutes), for whoever may read the file; "
            + "the download through it is recorded as the caller's")
    @PostMapping("/api/attachments/{attachmentId}/link")
    public Link link(@PathVariable String attachmentId) {
        Actor actor = CurrentActor.get();
        readable(actor, attachmentId).requireStored();
        EvidenceLinks.Signed signed = links.sign(attachmentId, actor);
        return new Link("/api/attachments/links/" + signed.token(), signed.expiresAt());
    }

    @Operation(summary = "Download through a short-lived link (no token: the link is the permission); "
            + "403 for a link that was not issued here, 410 for one that has expired; ?inline=true previews images and PDFs")
    @SecurityRequirements
    @GetMapping("/api/attachments/links/{token}")
    public ResponseEntity<StreamingResponseBody> downloadByLink(@PathVariable String token,
            @RequestParam(defaultValue = "false") boolean inline, HttpServletResponse response) throws IOException {
        EvidenceLinks.Claims claims = links.verify(token);
        // the download is the link's holder's, as if they had asked with their token: recorded as theirs
        try (RequestContext.Scope ignored = RequestContext.open(RequestContext.correlationId(),
                RequestContext.WEB_CLIENT, claims.actor())) {
            EvidenceAttachedEvent attached = readable(claims.actor(), claims.attachmentId()).requireStored();
            return serve(claims.actor(), attached, inline, response);
        }
    }

    /** @param reason why the file is erased (the committee's words; kept in the event and listed with the file) */
    public record ErasureRequest(
            @NotBlank(message = "is required") @Size(max = 2000, message = "must be at most 2000 characters") String reason) {
    }

    /** @param objectDeleted false when the store failed just then: the sweeper deletes the object later */
    public record Erased(String attachmentId, long size, String mediaType, String sha256, boolean objectDeleted) {
    }

    @Operation(summary = "The city committee erases one evidence file (a person's data) with a reason: the erasure is "
            + "recorded, then the object is deleted from storage; its size, type and SHA-256 stay on record and are listed, "
            + "its name is no longer shown (已删除); downloads and links then answer 410; 409 if already erased")
    @PostMapping("/api/attachments/{attachmentId}/erasure")
    public Erased erase(@PathVariable String attachmentId, @Valid @RequestBody ErasureRequest body) {
        Actor actor = CurrentActor.get();
        if (!actor.hasRole(Roles.SUPERVISOR)) {
            throw DomainException.forbidden("Only the city committee erases evidence.");
        }
        EvidenceAttachedEvent attached = recorded(attachmentId)
                .orElseThrow(() -> DomainException.notFound("No attachment " + attachmentId + "."))
                .attached();
        commands.sendAndWait(new EraseEvidenceCommand(attachmentId, body.reason(), actor.unitCode(), actor.username()));
        // the erasure is on record: now the file goes; if the store fails now, the sweeper deletes it later
        boolean deleted;
        try {
            store.delete(attached.objectKey());
            deleted = true;
            log.info("Evidence {} erased by {} ({}): object {} deleted, SHA-256 {} kept", attachmentId, actor.unitCode(),
                    actor.username(), attached.objectKey(), attached.sha256());
        } catch (RuntimeException failed) {
            deleted = false;
            log.warn("Evidence {} is erased but its object {} could not be deleted now ({}); the sweeper will delete it",
                    attachmentId, attached.objectKey(), failed.toString());
        }
        return new Erased(attachmentId, attached.size(), attached.mediaType(), attached.sha256(), deleted);
    }

    /** What the attachment's events say: how it was attached, and its erasure (null while it is not erased). */
    record Recorded(EvidenceAttachedEvent attached, EvidenceErasedEvent erased, Instant erasedAt) {

        /** The attachment, or 410 when its file was erased. */
        EvidenceAttachedEvent requireStored() {
            if (erased != null) {
                throw new DomainException(HttpStatus.GONE, "This file was erased by " + erased.erasedByUnit() + " on "
                        + erasedAt + " (" + erased.reason() + "); only its record stays: " + erased.size() + " bytes, "
                        + erased.mediaType() + ", SHA-256 " + erased.sha256() + ".");
            }
            return attached;
        }
    }

    /** The attachment's events, if it exists and the actor may read the item it is attached to. */
    private Recorded readable(Actor actor, String attachmentId) {
        Recorded recorded = recorded(attachmentId)
                .orElseThrow(() -> DomainException.notFound("No attachment " + attachmentId + "."));
        AttachmentOwners.Item item = owners.find(ownerOf(recorded.attached()));
        owners.requireMayRead(actor, item);
        return recorded;
    }

    static AttachmentOwner ownerOf(EvidenceAttachedEvent attached) {
        return new AttachmentOwner(AttachmentOwner.Kind.of(attached.ownerKind()),
                attached.ownerId() == null ? attached.reportId() : attached.ownerId());
    }

    private ResponseEntity<StreamingResponseBody> serve(Actor actor, EvidenceAttachedEvent attached, boolean inline,
                                                        HttpServletResponse response) throws IOException {
        String attachmentId = attached.attachmentId();
        Path file = Files.createTempFile("evidence-", ".download");
        boolean served = false;
        try {
            Optional<String> found = store.copyTo(attached.objectKey(), file);
            if (found.isEmpty()) {
                throw new DomainException(HttpStatus.GONE, "The file " + attached.fileName() + " is no longer stored; its "
                        + "SHA-256 " + attached.sha256() + " stays on record.");
            }
            boolean intact = found.get().equals(attached.sha256());
            commands.sendAndWait(new RecordEvidenceDownloadCommand(attachmentId, actor.unitCode(), actor.username(), intact,
                    found.get()));
            if (!intact) {
                log.error("Evidence {} ({}) of {} does not match its recorded SHA-256: recorded {}, stored {}",
                        attachmentId, attached.fileName(), ownerOf(attached), attached.sha256(), found.get());
                throw new DomainException(HttpStatus.UNPROCESSABLE_ENTITY, "The stored file " + attached.fileName()
                        + " no longer matches the SHA-256 recorded when it was attached (recorded " + attached.sha256()
                        + ", stored " + found.get() + "); it is not served, and the mismatch is recorded.",
                        List.of(new FieldProblem("attachmentId", "the stored file differs from the one attached")));
            }
            // the platform forces UTF-8 on every response (server.servlet.encoding.force); a file has no charset
            response.setCharacterEncoding((String) null);
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.parseMediaType(attached.mediaType()));
            headers.setContentLength(Files.size(file));
            // a preview (?inline=true) of an image or a PDF opens in the browser; anything else is always saved
            boolean preview = inline && (attached.mediaType().startsWith("image/") || attached.mediaType().equals("application/pdf"));
            headers.setContentDisposition((preview ? ContentDisposition.inline() : ContentDisposition.attachment())
                    .filename(attached.fileName(), StandardCharsets.UTF_8).build());
            headers.set(SHA256_HEADER, attached.sha256());
            headers.set("Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(attached.sha256())) + ":");
            headers.set("X-Content-Type-Options", "nosniff");
            StreamingResponseBody body = out -> {
                try {
                    Files.copy(file, out);
                } finally {
                    Files.deleteIfExists(file);
                }
            };
            served = true;
            return ResponseEntity.ok().headers(headers).body(body);
        } finally {
            if (!served) {
                Files.deleteIfExists(file);
            }
        }
    }

    private Optional<Recorded> recorded(String attachmentId) {
        DomainEventStream stream = events.readEvents(attachmentId);
        EvidenceAttachedEvent attached = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            // by type first: the many recorded downloads between are not deserialized
            Class<?> type = message.getPayloadType();
            if (type == EvidenceAttachedEvent.class) {
                attached = (EvidenceAttachedEvent) message.getPayload();
            } else if (type == EvidenceErasedEvent.class && attached != null) {
                return Optional.of(new Recorded(attached, (EvidenceErasedEvent) message.getPayload(), message.getTimestamp()));
            }
        }
        return Optional.ofNullable(attached).map(event -> new Recorded(event, null, null));
    }

    private static String fileName(MultipartFile part) {
        String name = part.getOriginalFilename();
        if (name != null) {
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        }
        if (name == null || name.isEmpty()) {
            throw DomainException.badRequest("Every attached file has a name.", new FieldProblem("files", "a file has no name"));
        }
        if (name.length() > 255 || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw DomainException.badRequest("The file name " + (name.length() > 60 ? name.substring(0, 60) + "…" : name)
                    + " is too long or holds control characters.", new FieldProblem("files", "a file name is not acceptable"));
        }
        return name;
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
