package org.plantracker.bench.baseline;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.springframework.data.domain.Persistable;

import java.time.Instant;
import java.util.UUID;

/** A progress report as a plain row; only ever inserted, so always new (save() then persists, no SELECT first). */
@Entity
@Table(name = "progress_report")
public class ProgressReport implements Persistable<UUID> {

    @Id
    private UUID id;
    private String taskId;
    private String period;
    private String status;
    private String narrative;
    private Instant submittedAt;

    protected ProgressReport() {
        // for JPA
    }

    public ProgressReport(UUID id, String taskId, String period, String status, String narrative, Instant submittedAt) {
        this.id = id;
        this.taskId = taskId;
        this.period = period;
        this.status = status;
        this.narrative = narrative;
        this.submittedAt = submittedAt;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return true;
    }
}
