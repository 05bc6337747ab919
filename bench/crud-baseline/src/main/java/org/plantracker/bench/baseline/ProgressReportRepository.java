package org.plantracker.bench.baseline;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

public interface ProgressReportRepository extends JpaRepository<ProgressReport, UUID> {
}
