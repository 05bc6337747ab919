package org.plantracker.progress.evidence;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The virus-scan hook every file passes before it is accepted as evidence. {@link ClamdScanner} asks ClamAV's
 * daemon when one is configured; otherwise nothing is scanned.
 */
public interface EvidenceScanner {

    /** The name of what was found in the file, or empty when it is clean (or not scanned). */
    Optional<String> scan(Path file) throws IOException;
}
