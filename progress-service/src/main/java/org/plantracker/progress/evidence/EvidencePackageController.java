package org.plantracker.progress.evidence;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.plantracker.platform.correlation.Actor;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.security.CurrentActor;
import org.plantracker.platform.security.Roles;
import org.plantracker.progress.export.LedgerLayout;
import org.plantracker.progress.export.LedgerWriters;
import org.plantracker.progress.query.ReportQueries;
import org.plantracker.progress.query.ViewQueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An inspector's evidence package of a task: one .zip with every attachment of the task (its reports', its
 * supervision records', its problems' answers' and its good practices', each only if the caller may read the
 * item), a manifest (report, unit, file, size, SHA-256, whether the stored file still matched, the item) and the
 * task's ledger (台账) as {@code 台账.xlsx}, the same rows as the plan's ledger export. A file
 * whose stored bytes no longer match its recorded SHA-256 is left out and marked so in the manifest; an erased
 * file has no entry either, its manifest row says erased, with its size and SHA-256 and without its name. Each
 * file read is recorded like a single download.
 */
@RestController
public class EvidencePackageController {

    private static final Logger log = LoggerFactory.getLogger(EvidencePackageController.class);
    /** The task's ledger in the package, beside the manifest. */
    public static final String LEDGER = "台账.xlsx";

    private final ReportQueries reports;
    private final AttachmentProjection attachments;
    private final ObjectStore store;
    private final CommandGateway commands;
    private final AttachmentOwners owners;
    private final ViewQueryHandler views;

    public EvidencePackageController(ReportQueries reports, AttachmentProjection attachments, ObjectStore store,
                                     CommandGateway commands, AttachmentOwners owners, ViewQueryHandler views) {
        this.owners = owners;
        this.views = views;
        this.reports = reports;
        this.attachments = attachments;
        this.store = store;
        this.commands = commands;
    }

    @Operation(summary = "The task's evidence package: a .zip of every attachment of the task (reports, supervision records, "
            + "problems' answers, good practices), manifest.csv (report, unit, file, size, SHA-256, intact, item kind, item id, "
            + "erased: an erased file is listed as 已删除 with its size and SHA-256, and is not in the .zip) "
            + "and the task's ledger 台账.xlsx; the city committee and the task's lead unit")
    @GetMapping("/api/tasks/{taskId}/evidence-package")
    public ResponseEntity<StreamingResponseBody> evidencePackage(@PathVariable String taskId, HttpServletResponse response)
            throws IOException {
        Actor actor = CurrentActor.get();
        ReportQueries.TaskLead task = reports.leadOf(taskId)
                .orElseThrow(() -> DomainException.notFound("No task " + taskId + " is known here."));
        String lead = task.leadUnit().code();
        if (!actor.hasRole(Roles.SUPERVISOR) && !lead.equals(actor.unitCode())) {
            throw DomainException.forbidden("Only the city committee and the task's lead unit " + lead
                    + " download the evidence package of task " + taskId + ".");
        }
        // only what the caller may read item by item (a good practice not yet published is its unit's and the committee's)
        Map<AttachmentOwner, Boolean> readable = new HashMap<>();
        List<AttachmentProjection.PackagedFile> files = attachments.ofTask(taskId).stream()
                .filter(file -> readable.computeIfAbsent(ownerOf(file), owner -> mayRead(actor, owner)))
                .toList();
        response.setCharacterEncoding((String) null); // a zip has no charset (the platform forces UTF-8 otherwise)
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.CONTENT_TYPE, "application/zip");
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename("evidence-" + taskId + ".zip", StandardCharsets.UTF_8).build());
        // built in the request's thread (each read is recorded with the caller as actor), then streamed
        Path packaged = Files.createTempFile("evidence-", ".zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(packaged), StandardCharsets.UTF_8)) {
            StringBuilder manifest = new StringBuilder("report,unit,file,size,sha256,intact,item_kind,item,erased\n");
            Set<String> names = new HashSet<>();
            for (AttachmentProjection.PackagedFile file : files) {
                if (file.erased()) {
                    // nothing to read (the object is gone); what proves it is listed, intact left empty: nothing was checked
                    manifest.append(row(file, "", true));
                    continue;
                }
                Path copy = Files.createTempFile("evidence-", ".package");
                try {
                    Optional<String> found = store.copyTo(file.objectKey(), copy);
                    boolean intact = found.isPresent() && found.get().equals(file.sha256());
                    if (found.isPresent()) {
                        try {
                            commands.sendAndWait(new RecordEvidenceDownloadCommand(file.attachmentId(), actor.unitCode(),
                                    actor.username(), intact, found.get()));
                        } catch (DomainException refused) {
                            if (refused.status() != HttpStatus.GONE) {
                                throw refused;
                            }
                            // erased a moment ago (the view has not followed yet, the object not deleted yet): not read
                            manifest.append(row(file, "", true));
                            continue;
                        }
                    }
                    if (intact) {
                        zip.putNextEntry(new ZipEntry(uniqueName(names, file.unitCode() + "/" + folderOf(file) + "/" + file.fileName())));
                        Files.copy(copy, zip);
                        zip.closeEntry();
                    } else {
                        log.error("Evidence {} ({}) of task {} left out of the package: the stored file {}",
                                file.attachmentId(), file.fileName(), taskId, found.isPresent() ? "differs from its SHA-256" : "is missing");
                    }
                    manifest.append(row(file, String.valueOf(intact), false));
                } finally {
                    Files.deleteIfExists(copy);
                }
            }
            zip.putNextEntry(new ZipEntry("manifest.csv"));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(LEDGER));
            zip.write(LedgerWriters.xlsx(LedgerLayout.task(taskId, views.taskRows(taskId))));
            zip.closeEntry();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(packaged);
            throw e;
        }
        headers.setContentLength(Files.size(packaged));
        StreamingResponseBody body = out -> {
            try {
                Files.copy(packaged, out);
            } finally {
                Files.deleteIfExists(packaged);
            }
        };
        return ResponseEntity.ok().headers(headers).body(body);
    }

    private static String row(AttachmentProjection.PackagedFile file, String intact, boolean erased) {
        boolean ofReport = file.ownerKind().equals(AttachmentOwner.Kind.REPORT.name());
        return (ofReport ? csv(file.ownerId()) : "") + ',' + csv(file.unitCode()) + ','
                + csv(erased ? AttachmentProjection.ERASED_NAME : file.fileName()) + ','
                + file.size() + ',' + file.sha256() + ',' + intact + ',' + file.ownerKind() + ',' + csv(file.ownerId()) + ','
                + erased + '\n';
    }

    private static AttachmentOwner ownerOf(AttachmentProjection.PackagedFile file) {
        return new AttachmentOwner(AttachmentOwner.Kind.valueOf(file.ownerKind()), file.ownerId());
    }

    private boolean mayRead(Actor actor, AttachmentOwner owner) {
        try {
            return owners.find(owner).reader().mayRead(actor);
        } catch (DomainException gone) {
            return false; // the item is no longer in the views
        }
    }

    /** A report's files under its id (as always); another item's under its kind and id. */
    private static String folderOf(AttachmentProjection.PackagedFile file) {
        return file.ownerKind().equals(AttachmentOwner.Kind.REPORT.name()) ? file.ownerId()
                : file.ownerKind().toLowerCase(java.util.Locale.ROOT) + "-" + file.ownerId();
    }

    private static String uniqueName(Set<String> names, String name) {
        String unique = name;
        for (int i = 2; !names.add(unique); i++) {
            unique = name + " (" + i + ")";
        }
        return unique;
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
