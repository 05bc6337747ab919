package org.plantracker.progress.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * Evidence attachments (佐证材料): where the files are kept and how large they may be.
 *
 * @param maxFileSize   the largest file accepted (20 MB)
 * @param maxReportSize the most a report's attachments may hold together (100 MB)
 * @param orphanGrace   how old an object with no {@code EvidenceAttachedEvent} must be before the sweeper
 *                      removes it (an upload in flight is younger)
 * @param sweepInterval how often the sweeper runs
 * @param linkLifetime  how long a download link stays valid (5 minutes)
 * @param linkSecret    the key that signs download links; empty: a random key per start (links then die with a
 *                      restart and hold on one instance only; set the same secret on every instance)
 * @param clamd         the virus-scan hook (ClamAV's clamd), off unless a host is configured
 */
@ConfigurationProperties("plan-tracker.evidence")
public record EvidenceProperties(DataSize maxFileSize, DataSize maxReportSize, Duration orphanGrace,
                                 Duration sweepInterval, S3 s3, Duration linkLifetime, String linkSecret,
                                 Clamd clamd) {

    public EvidenceProperties {
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
        maxReportSize = maxReportSize == null ? DataSize.ofMegabytes(100) : maxReportSize;
        orphanGrace = orphanGrace == null ? Duration.ofMinutes(15) : orphanGrace;
        sweepInterval = sweepInterval == null ? Duration.ofMinutes(10) : sweepInterval;
        s3 = s3 == null ? new S3(null, null, null, null, null, null, null) : s3;
        linkLifetime = linkLifetime == null ? Duration.ofMinutes(5) : linkLifetime;
        clamd = clamd == null ? new Clamd(null, null, null) : clamd;
    }

    /**
     * ClamAV's daemon, spoken to over TCP (INSTREAM) before a file is accepted.
     *
     * @param host    empty: no scan (the default; a deployment with clamd sets it)
     * @param port    3310
     * @param timeout how long one scan may take before the upload is refused as unscanned (30 s)
     */
    public record Clamd(String host, Integer port, Duration timeout) {

        public Clamd {
            port = port == null ? 3310 : port;
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
        }

        public boolean enabled() {
            return host != null && !host.isBlank();
        }
    }

    /**
     * Any S3-compatible store (MinIO, Ceph, a government cloud's object storage, S3 itself).
     *
     * @param endpoint     e.g. {@code http://127.0.0.1:9000}; empty for AWS's own endpoints
     * @param pathStyle    {@code http://host/bucket/key} rather than {@code http://bucket.host/key} (true)
     * @param accessKey    empty: the AWS SDK's default credentials chain (environment, profile, role)
     * @param createBucket create the bucket at start when it is missing (dev stack and tests)
     */
    public record S3(String endpoint, String region, String bucket, Boolean pathStyle, String accessKey,
                     String secretKey, Boolean createBucket) {

        public S3 {
            region = region == null || region.isBlank() ? "us-east-1" : region;
            bucket = bucket == null || bucket.isBlank() ? "plan-tracker-evidence" : bucket;
            pathStyle = pathStyle == null || pathStyle;
            createBucket = createBucket != null && createBucket;
        }
    }
}
