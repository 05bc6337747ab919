package org.plantracker.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in (Maven passes it; from an IDE, the parent of dev-stack/). */
final class RepoRoot {

    private RepoRoot() {
    }

    static Path path() {
        String configured = System.getProperty("plantracker.repo-root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        root = root.toAbsolutePath().normalize();
        if (!Files.exists(root.resolve("docker-compose.yml"))) {
            root = Path.of("").toAbsolutePath().getParent();
        }
        return root;
    }
}
