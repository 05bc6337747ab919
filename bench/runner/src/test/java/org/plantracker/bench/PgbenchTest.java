package org.plantracker.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PgbenchTest {

    @Test
    void theLimitsTableIsTheEventTableUnderAnotherName() throws Exception {
        Path root = Path.of(System.getProperty("plantracker.repo-root", "../.."));
        String ddl = Pgbench.eventTableLike(root);
        assertThat(ddl).startsWith("DROP TABLE IF EXISTS bench_event;\nCREATE TABLE bench_event (")
                .contains("payload             BYTEA        NOT NULL", "UNIQUE (aggregateIdentifier, sequenceNumber)",
                        "UNIQUE (eventIdentifier)", "PRIMARY KEY (globalIndex)")
                .endsWith("\n);")
                .doesNotContain("SnapshotEventEntry", "TokenEntry");
    }
}
