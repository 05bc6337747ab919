package org.plantracker.progress.evidence;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Decides a file's type from its bytes (Apache Tika, with the container detectors that tell a Word file
 * from an Excel file inside an OLE2 or OOXML container), never from its name or the client's header, and
 * says whether it is accepted as evidence: PDF, images, Word, Excel and WPS documents. Everything else is
 * refused: executables, archives (which may hold executables), scripts, macro-enabled Office files.
 */
@Component
public class EvidenceTypes {

    static final Set<String> ACCEPTED = Set.of(
            "application/pdf",
            "image/jpeg", "image/png", "image/gif", "image/bmp", "image/tiff", "image/webp", "image/heic", "image/heif",
            "application/msword",
            "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            // WPS Office (金山) writes OLE2 documents that read as Word or Works files, and its own kinds
            "application/vnd.ms-works", "application/wps-office.wps", "application/wps-office.et",
            "application/vnd.wps-office.wps", "application/vnd.wps-office.et");

    /** How a refused type is named to people. */
    private static final Map<String, String> REFUSED_KINDS = Map.ofEntries(
            Map.entry("application/x-msdownload", "an executable"),
            Map.entry("application/x-dosexec", "an executable"),
            Map.entry("application/x-executable", "an executable"),
            Map.entry("application/x-elf", "an executable"),
            Map.entry("application/x-sharedlib", "an executable"),
            Map.entry("application/x-mach-o-executable", "an executable"),
            Map.entry("application/x-sh", "a script"),
            Map.entry("application/java-archive", "an executable archive"),
            Map.entry("application/zip", "an archive"),
            Map.entry("application/x-7z-compressed", "an archive"),
            Map.entry("application/x-rar-compressed", "an archive"),
            Map.entry("application/vnd.rar", "an archive"),
            Map.entry("application/gzip", "an archive"),
            Map.entry("application/x-gzip", "an archive"),
            Map.entry("application/x-tar", "an archive"),
            Map.entry("application/x-bzip2", "an archive"),
            Map.entry("application/x-xz", "an archive"));

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    /** The type of the file's content; the name is deliberately not given to the detector. */
    public String detect(Path file) throws IOException {
        try (TikaInputStream in = TikaInputStream.get(file)) {
            MediaType type = detector.detect(in, new Metadata());
            return type.getBaseType().toString();
        }
    }

    public boolean accepted(String mediaType) {
        return ACCEPTED.contains(mediaType);
    }

    /** "an executable", "an archive", or the type itself for anything else refused. */
    public String describeRefused(String mediaType) {
        String kind = REFUSED_KINDS.get(mediaType);
        return kind == null ? "of type " + mediaType : kind + " (" + mediaType + ")";
    }
}
