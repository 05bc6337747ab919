package org.plantracker.progress.evidence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The evidence files in an S3-compatible object store (AWS SDK for Java v2), configured by
 * {@code plan-tracker.evidence.s3.*} alone. Objects are written once under {@code evidence/<reportId>/<attachmentId>} (a report's) or
 * {@code evidence/<kind>/<itemId>/<attachmentId>}.
 */
@Component
@EnableConfigurationProperties(EvidenceProperties.class)
public class ObjectStore implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);
    static final String PREFIX = "evidence/";

    private final S3Client s3;
    private final String bucket;

    public ObjectStore(EvidenceProperties properties) {
        EvidenceProperties.S3 config = properties.s3();
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                // the SDK's default (a CRC trailer on every upload, since 2.30) is not understood by every
                // S3-compatible store; checksums only where the API requires them, as before
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (config.endpoint() != null && !config.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        builder.credentialsProvider(config.accessKey() != null && !config.accessKey().isBlank()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey(), config.secretKey()))
                : DefaultCredentialsProvider.builder().build());
        this.s3 = builder.build();
        this.bucket = config.bucket();
        if (config.createBucket()) {
            createBucketIfMissing();
        }
    }

    private void createBucketIfMissing() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException missing) {
            s3.createBucket(b -> b.bucket(bucket));
            log.info("Created the evidence bucket {}", bucket);
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
            s3.createBucket(b -> b.bucket(bucket));
            log.info("Created the evidence bucket {}", bucket);
        }
    }

    /** A report's files under {@code evidence/<reportId>/} (as always); other items' under {@code evidence/<kind>/<id>/}. */
    static String keyOf(AttachmentOwner owner, String attachmentId) {
        return owner.kind() == AttachmentOwner.Kind.REPORT ? PREFIX + owner.id() + "/" + attachmentId
                : PREFIX + owner.kind().name().toLowerCase(java.util.Locale.ROOT) + "/" + owner.id() + "/" + attachmentId;
    }

    /** Stores the file; the SHA-256 rides along as the object's metadata (for people looking at the bucket). */
    public void put(String key, Path file, String mediaType, String sha256) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(mediaType).metadata(Map.of("sha256", sha256)),
                RequestBody.fromFile(file));
    }

    /**
     * Copies the object into {@code target} and answers its SHA-256 (lower-case hex), or empty when there
     * is no such object.
     */
    public Optional<String> copyTo(String key, Path target) throws IOException {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key));
             DigestInputStream digesting = new DigestInputStream(in, sha256());
             OutputStream out = Files.newOutputStream(target)) {
            digesting.transferTo(out);
            return Optional.of(HexFormat.of().formatHex(digesting.getMessageDigest().digest()));
        } catch (NoSuchKeyException missing) {
            return Optional.empty();
        }
    }

    public void delete(String key) {
        s3.deleteObject(b -> b.bucket(bucket).key(key));
    }

    /** Every evidence object, with its size and time. */
    public Stream<S3Object> list() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(PREFIX)).contents().stream();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        s3.close();
    }
}
