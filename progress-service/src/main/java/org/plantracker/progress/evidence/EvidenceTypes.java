package org.plantracker.progress.evidence;

import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.springframework.stereotype.Component;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

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

    /** Zip containers: plain archives, OOXML documents, Java archives. Their entries are looked into. */
    private static final Set<String> ZIP_CONTAINERS = Set.of("application/zip", "application/java-archive",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "application/x-tika-ooxml");
    private static final Pattern EXECUTABLE_NAME = Pattern.compile(
            "(?i).*\\.(exe|dll|sys|scr|com|cpl|msi|msp|bat|cmd|ps1|vbs|vbe|jse|wsf|wsh|hta|lnk|jar|sh|elf|so|dylib|apk|app)$");
    /** How deep archives inside archives are followed; deeper nesting is refused as it is. */
    private static final int MAX_DEPTH = 3;
    private static final int MAX_ENTRIES = 10_000;

    /**
     * The first executable inside a zip container (an archive, an OOXML document carrying an embedded program,
     * archives inside it), by its name (.exe, .dll, .bat, …) or by its first bytes (a Windows PE "MZ", an ELF,
     * a Mach-O, a "#!" script); empty for anything else. A zip that cannot be read as one is left to the type check.
     */
    public Optional<String> executableInside(Path file, String mediaType) throws IOException {
        if (!ZIP_CONTAINERS.contains(mediaType)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return executableIn(in, "", 0);
        } catch (ZipException unreadable) {
            return Optional.empty();
        }
    }

    private static Optional<String> executableIn(InputStream archive, String path, int depth) throws IOException {
        ZipInputStream zip = new ZipInputStream(archive);
        int entries = 0;
        for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
            if (++entries > MAX_ENTRIES) {
                return Optional.of(path + "(more than " + MAX_ENTRIES + " entries)");
            }
            if (entry.isDirectory()) {
                continue;
            }
            String name = path + entry.getName();
            if (EXECUTABLE_NAME.matcher(entry.getName()).matches()) {
                return Optional.of(name);
            }
            BufferedInputStream content = new BufferedInputStream(zip);
            content.mark(8);
            byte[] head = content.readNBytes(4);
            content.reset();
            if (executableMagic(head)) {
                return Optional.of(name);
            }
            if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                if (depth + 1 >= MAX_DEPTH) {
                    return Optional.of(name + " (archives nested too deep to look into)");
                }
                Optional<String> inner = executableIn(new NonClosing(content), name + "!/", depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    static boolean executableMagic(byte[] head) {
        if (head.length >= 2 && head[0] == 'M' && head[1] == 'Z') {
            return true;
        }
        if (head.length >= 2 && head[0] == '#' && head[1] == '!') {
            return true;
        }
        if (head.length < 4) {
            return false;
        }
        int magic = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        return magic == 0x7f454c46 // ELF
                || magic == 0xfeedface || magic == 0xfeedfacf || magic == 0xcefaedfe || magic == 0xcffaedfe // Mach-O
                || magic == 0xcafebabe; // Java class, Mach-O universal
    }

    /** An inner archive is read to its end without closing the outer one. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
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
