package org.plantracker.progress.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.Registration;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.plantracker.platform.messaging.EventHeaders;
import org.plantracker.platform.test.Await;
import org.plantracker.platform.test.S3ProxyProcess;
import org.plantracker.platform.test.TestInfrastructure;
import org.plantracker.platform.test.TestTokens;
import org.plantracker.task.api.TaskAssignedEvent;
import org.plantracker.task.api.TaskTopics;
import org.plantracker.task.api.UnitKind;
import org.plantracker.task.api.UnitRef;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence on progress reports against a real S3-compatible server (S3Proxy over a local folder, its own
 * process), real PostgreSQL and a real Kafka broker, through the HTTP API with verified tokens. The limits
 * are lowered (2 MB a file, 5 MB a report) so the refusals need no large uploads; the defaults are 20 and 100 MB.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plan-tracker.evidence.max-file-size=2MB", "plan-tracker.evidence.max-report-size=5MB",
                "plan-tracker.evidence.sweep-interval=PT1H", "plan-tracker.evidence.link-secret=" + EvidenceIntegrationTest.LINK_SECRET})
@ExtendWith(OutputCaptureExtension.class)
class EvidenceIntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final UnitRef COMMITTEE = new UnitRef("jixi-committee", "市关工委", UnitKind.CITY_COMMITTEE);
    static final UnitRef PROPAGANDA = new UnitRef("jixi-propaganda", "市委宣传部", UnitKind.CITY_DEPARTMENT);
    static final UnitRef JUSTICE = new UnitRef("jixi-justice", "市司法局", UnitKind.CITY_DEPARTMENT);
    static final UnitRef MISHAN = new UnitRef("jixi-mishan", "密山市关工委", UnitKind.COUNTY_COMMITTEE);
    static final UnitRef HULIN = new UnitRef("jixi-hulin", "虎林市关工委", UnitKind.COUNTY_COMMITTEE);
    static final String MISHAN_TOKEN = TestTokens.county(MISHAN.code());
    static final String HULIN_TOKEN = TestTokens.county(HULIN.code());
    static final String LEAD_TOKEN = TestTokens.unit(PROPAGANDA.code());
    static final String COMMITTEE_TOKEN = TestTokens.supervisor(COMMITTEE.code());

    static final String LINK_SECRET = "evidence-test-link-secret";

    static S3Client s3;
    /** Every upload of these tests passes the virus-scan hook, against this clamd protocol peer. */
    static ClamdProtocolServer clamd;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.register(registry, "evidence");
        S3ProxyProcess.register(registry);
        if (clamd == null) {
            clamd = ClamdProtocolServer.start();
        }
        registry.add("plan-tracker.evidence.clamd.host", () -> "127.0.0.1");
        registry.add("plan-tracker.evidence.clamd.port", () -> clamd.port());
    }

    @BeforeAll
    static void client() {
        s3 = S3Client.builder().endpointOverride(URI.create(S3ProxyProcess.shared().endpoint()))
                .region(Region.of(S3ProxyProcess.REGION)).forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(S3ProxyProcess.IDENTITY, S3ProxyProcess.CREDENTIAL)))
                .build();
    }

    @AfterAll
    static void closeClient() {
        s3.close();
    }

    @Autowired
    TestRestTemplate http;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    OrphanSweeper sweeper;
    @Autowired
    SimpleCommandBus commandBus;
    @Value("${plan-tracker.evidence.s3.bucket}")
    String bucket;

    @Test
    void theReportingUnitAttachesAPhotoAPdfAndAWordFileAndTheRefusalsStoreNothing() throws Exception {
        String report = newReport();
        String path = "/api/reports/" + report + "/attachments";
        byte[] png = png();
        byte[] pdf = pdf(2000);
        byte[] docx = docx();

        ResponseEntity<String> created = upload(path, MISHAN_TOKEN,
                // the client's names and headers say nothing true: the type comes from the content
                part("活动照片.png", png, "application/octet-stream"),
                part("会议纪要.pdf", pdf, "text/plain"),
                part("工作台账.docx", docx, "application/octet-stream"));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        JsonNode attached = body(created).path("attachments");
        assertThat(attached).hasSize(3);
        assertThat(attached.get(0).path("mediaType").asText()).isEqualTo("image/png");
        assertThat(attached.get(0).path("sha256").asText()).isEqualTo(sha256(png));
        assertThat(attached.get(0).path("size").asLong()).isEqualTo(png.length);
        assertThat(attached.get(1).path("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(attached.get(2).path("mediaType").asText())
                .isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        String photo = attached.get(0).path("attachmentId").asText();
        assertThat(storedAttachments(report)).isEqualTo(3);

        // another unit, even the task's lead unit, does not attach to Mishan's report
        assertThat(upload(path, HULIN_TOKEN, part("a.pdf", pdf, "application/pdf")).getStatusCode().value()).isEqualTo(403);
        assertThat(upload(path, LEAD_TOKEN, part("a.pdf", pdf, "application/pdf")).getStatusCode().value()).isEqualTo(403);
        assertThat(upload("/api/reports/no-such-report/attachments", MISHAN_TOKEN, part("a.pdf", pdf, "application/pdf"))
                .getStatusCode().value()).isEqualTo(404);
        // no files, or a body that is not multipart at all: 400 naming files
        HttpHeaders noise = new HttpHeaders();
        noise.set(HttpHeaders.AUTHORIZATION, MISHAN_TOKEN);
        noise.set(HttpHeaders.CONTENT_TYPE, "multipart/form-data");
        ResponseEntity<String> unreadable = http.exchange(path, HttpMethod.POST, new HttpEntity<>("\u0000\u0001noise", noise), String.class);
        assertThat(unreadable.getStatusCode().value()).as(unreadable.getBody()).isEqualTo(400);
        assertThat(fields(body(unreadable))).containsExactly("files");
        assertThat(upload(path, MISHAN_TOKEN).getStatusCode().value()).isEqualTo(400);

        // an executable named and sent as a PDF, and an archive holding one: 415 naming the file
        ResponseEntity<String> exe = upload(path, MISHAN_TOKEN, part("会议纪要2.pdf", exe(), "application/pdf"));
        assertThat(exe.getStatusCode().value()).as(exe.getBody()).isEqualTo(415);
        assertThat(exe.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(body(exe).path("detail").asText()).contains("会议纪要2.pdf").contains("executable");
        ResponseEntity<String> zip = upload(path, MISHAN_TOKEN, part("ok.pdf", pdf, "application/pdf"),
                part("照片合集.zip", zipHolding(exe()), "application/zip"));
        assertThat(zip.getStatusCode().value()).isEqualTo(415);
        assertThat(body(zip).path("detail").asText()).contains("照片合集.zip").contains("executable").contains("setup.exe");
        assertThat(fields(body(zip))).containsExactly("files");

        // a file over 2 MB: 413 naming it; then files that together pass the report's 5 MB
        ResponseEntity<String> large = upload(path, MISHAN_TOKEN, part("扫描件.pdf", pdf(2 * 1024 * 1024 + 1), "application/pdf"));
        assertThat(large.getStatusCode().value()).as(large.getBody()).isEqualTo(413);
        assertThat(body(large).path("detail").asText()).contains("扫描件.pdf");
        assertThat(storedAttachments(report)).as("nothing refused was recorded").isEqualTo(3);
        assertThat(objects(report)).as("nothing refused was stored").isEqualTo(3);

        assertThat(upload(path, MISHAN_TOKEN, part("一.pdf", pdf(1900 * 1024), "application/pdf"),
                part("二.pdf", pdf(1900 * 1024), "application/pdf")).getStatusCode().value()).isEqualTo(201);
        awaitList(path, MISHAN_TOKEN, 5);
        ResponseEntity<String> over = upload(path, MISHAN_TOKEN, part("三.pdf", pdf(1900 * 1024), "application/pdf"));
        assertThat(over.getStatusCode().value()).isEqualTo(413);
        assertThat(body(over).path("detail").asText()).contains("三.pdf");
        assertThat(storedAttachments(report)).isEqualTo(5);

        // the list: for the unit, the lead unit and the city committee; nobody else
        JsonNode list = awaitList(path, LEAD_TOKEN, 5);
        assertThat(list.get(0).path("fileName").asText()).isEqualTo("活动照片.png");
        assertThat(list.get(0).path("size").asLong()).isEqualTo(png.length);
        assertThat(list.get(0).path("mediaType").asText()).isEqualTo("image/png");
        assertThat(list.get(0).path("uploaderUnit").asText()).isEqualTo(MISHAN.code());
        assertThat(list.get(0).path("attachedAt").asText()).isNotBlank();
        assertThat(get(path, COMMITTEE_TOKEN).getStatusCode().value()).isEqualTo(200);
        assertThat(get(path, HULIN_TOKEN).getStatusCode().value()).isEqualTo(403);
        assertThat(get(path, TestTokens.unit(JUSTICE.code())).getStatusCode().value()).isEqualTo(403);

        // the download: the same bytes, the recorded hash; another unit is refused; each download is recorded
        ResponseEntity<byte[]> download = getBytes("/api/attachments/" + photo, LEAD_TOKEN);
        assertThat(download.getStatusCode().value()).isEqualTo(200);
        assertThat(download.getBody()).isEqualTo(png);
        assertThat(download.getHeaders().getContentType().toString()).isEqualTo("image/png");
        assertThat(download.getHeaders().getFirst(AttachmentController.SHA256_HEADER)).isEqualTo(sha256(png));
        assertThat(download.getHeaders().getContentDisposition().getFilename()).isEqualTo("活动照片.png");
        assertThat(download.getHeaders().getContentDisposition().isAttachment()).isTrue();
        ResponseEntity<byte[]> preview = getBytes("/api/attachments/" + photo + "?inline=true", MISHAN_TOKEN);
        assertThat(preview.getHeaders().getContentDisposition().isInline()).isTrue();
        assertThat(preview.getBody()).isEqualTo(png);
        String word = attached.get(2).path("attachmentId").asText();
        assertThat(getBytes("/api/attachments/" + word + "?inline=true", MISHAN_TOKEN).getHeaders().getContentDisposition()
                .isAttachment()).as("only images and PDFs are previewed").isTrue();
        assertThat(getBytes("/api/attachments/" + photo, HULIN_TOKEN).getStatusCode().value()).isEqualTo(403);
        assertThat(getBytes("/api/attachments/" + photo, TestTokens.unit(JUSTICE.code())).getStatusCode().value()).isEqualTo(403);
        assertThat(getBytes("/api/attachments/no-such-attachment", COMMITTEE_TOKEN).getStatusCode().value()).isEqualTo(404);
        assertThat(downloads(photo)).containsExactly(PROPAGANDA.code() + ":true", MISHAN.code() + ":true");
    }

    @Test
    void aFileChangedBehindTheServicesBackIsNotServedAndTheMismatchIsRecorded() throws Exception {
        String report = newReport();
        byte[] pdf = pdf(5000);
        ResponseEntity<String> created = upload("/api/reports/" + report + "/attachments", MISHAN_TOKEN,
                part("签字台账.pdf", pdf, "application/pdf"));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String id = body(created).path("attachments").get(0).path("attachmentId").asText();
        assertThat(getBytes("/api/attachments/" + id, MISHAN_TOKEN).getBody()).isEqualTo(pdf);

        byte[] forged = pdf(5000);
        forged[forged.length - 1] ^= 1;
        s3.putObject(b -> b.bucket(bucket).key(ObjectStore.keyOf(AttachmentOwner.report(report), id)), RequestBody.fromBytes(forged));

        ResponseEntity<String> refused = get("/api/attachments/" + id, COMMITTEE_TOKEN);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(body(refused).path("detail").asText()).contains("签字台账.pdf").contains(sha256(pdf)).contains(sha256(forged));
        assertThat(refused.getBody()).doesNotContain("%PDF");
        assertThat(downloads(id)).containsExactly(MISHAN.code() + ":true", COMMITTEE.code() + ":false");
    }

    @Test
    void anObjectLeftWithoutItsEventIsSweptAndSaysSo(CapturedOutput output) throws Exception {
        String report = newReport();
        ResponseEntity<String> created = upload("/api/reports/" + report + "/attachments", MISHAN_TOKEN,
                part("照片.png", png(), "image/png"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String kept = body(created).path("attachments").get(0).path("attachmentId").asText();
        // a crash between storing the object and recording its event leaves this behind
        String orphan = ObjectStore.keyOf(AttachmentOwner.report(report), UUID.randomUUID().toString());
        s3.putObject(b -> b.bucket(bucket).key(orphan), RequestBody.fromBytes(pdf(100)));

        assertThat(sweeper.sweep(Instant.now().minus(Duration.ofMinutes(15))))
                .as("younger than the grace period: an upload may still be in flight").isEmpty();
        List<String> removed = sweeper.sweep(Instant.now().plusSeconds(60));
        assertThat(removed).containsExactly(orphan);
        assertThat(output.getOut()).contains("removed the orphan object " + orphan);
        assertThat(objects(report)).isEqualTo(1);
        assertThat(getBytes("/api/attachments/" + kept, MISHAN_TOKEN).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void whenTheEventCannotBeRecordedTheStoredObjectIsDeleted() throws Exception {
        String report = newReport();
        // the event store refuses this one attachment, after its object was stored
        Registration failing = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            if (unitOfWork.getMessage().getPayload() instanceof AttachEvidenceCommand attach
                    && attach.fileName().equals("未记录.pdf")) {
                throw new IllegalStateException("the event store is unavailable");
            }
            return chain.proceed();
        });
        try {
            ResponseEntity<String> failed = upload("/api/reports/" + report + "/attachments", MISHAN_TOKEN,
                    part("未记录.pdf", pdf(3000), "application/pdf"));
            assertThat(failed.getStatusCode().is5xxServerError()).as(failed.getBody()).isTrue();
        } finally {
            failing.cancel();
        }
        assertThat(storedAttachments(report)).isZero();
        assertThat(objects(report)).as("no object without its event").isZero();
        assertThat(upload("/api/reports/" + report + "/attachments", MISHAN_TOKEN, part("未记录.pdf", pdf(3000), "application/pdf"))
                .getStatusCode().value()).isEqualTo(201);
        assertThat(objects(report)).isEqualTo(1);
    }

    @Test
    void theLeadUnitDownloadsTheTasksEvidencePackageWithAManifest() throws Exception {
        String report = newReport();
        String task = taskOf(report);
        byte[] png = png();
        byte[] pdf = pdf(4000);
        assertThat(upload("/api/reports/" + report + "/attachments", MISHAN_TOKEN, part("活动照片.png", png, "image/png"),
                part("会议纪要,定稿.pdf", pdf, "application/pdf")).getStatusCode().value()).isEqualTo(201);
        awaitList("/api/reports/" + report + "/attachments", MISHAN_TOKEN, 2);

        String path = "/api/tasks/" + task + "/evidence-package";
        assertThat(getBytes(path, MISHAN_TOKEN).getStatusCode().value()).isEqualTo(403);
        assertThat(getBytes("/api/tasks/no-such-task/evidence-package", COMMITTEE_TOKEN).getStatusCode().value()).isEqualTo(404);
        ResponseEntity<byte[]> zip = getBytes(path, LEAD_TOKEN);
        assertThat(zip.getStatusCode().value()).isEqualTo(200);
        assertThat(zip.getHeaders().getContentType().toString()).isEqualTo("application/zip");
        Map<String, byte[]> entries = unzip(zip.getBody());
        assertThat(entries.get(MISHAN.code() + "/" + report + "/活动照片.png")).isEqualTo(png);
        assertThat(entries.get(MISHAN.code() + "/" + report + "/会议纪要,定稿.pdf")).isEqualTo(pdf);
        String manifest = new String(entries.get("manifest.csv"), StandardCharsets.UTF_8);
        assertThat(manifest.lines()).containsExactly("report,unit,file,size,sha256,intact,item_kind,item,erased",
                report + "," + MISHAN.code() + ",活动照片.png," + png.length + "," + sha256(png) + ",true,REPORT," + report + ",false",
                report + "," + MISHAN.code() + ",\"会议纪要,定稿.pdf\"," + pdf.length + "," + sha256(pdf) + ",true,REPORT," + report
                        + ",false");
        // the task's ledger (台账) beside the manifest: a row per assigned unit, 密山's with its report
        try (XSSFWorkbook ledger = new XSSFWorkbook(new java.io.ByteArrayInputStream(entries.get(EvidencePackageController.LEDGER)))) {
            assertThat(ledger.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = ledger.getSheetAt(0);
            assertThat(sheet.getSheetName()).contains("第4部分");
            List<String> units = new ArrayList<>();
            String mishanNarrative = null;
            for (Row row : sheet) {
                if (row.getRowNum() == 0) {
                    assertThat(row.getCell(0).getStringCellValue()).isEqualTo("任务序号");
                    continue;
                }
                if (row.getCell(3) == null) {
                    continue;
                }
                units.add(row.getCell(3).getStringCellValue());
                if (row.getCell(3).getStringCellValue().equals(MISHAN.name())) {
                    mishanNarrative = row.getCell(9).getStringCellValue();
                }
            }
            assertThat(units).containsExactlyInAnyOrder(PROPAGANDA.name(), MISHAN.name(), HULIN.name());
            assertThat(mishanNarrative).isEqualTo("开展法治宣讲12场。");
        }
        assertThat(getBytes(path, COMMITTEE_TOKEN).getStatusCode().value()).isEqualTo(200);
    }

    // --- evidence on supervision records, problems' answers and good practices -----------------------

    @Test
    void supervisionRecordsProblemsAnswersAndGoodPracticesCarryEvidenceUnderTheirOwnRules() throws Exception {
        String report = newReport();
        String task = taskOf(report);
        byte[] photo = png();
        byte[] pdf = pdf(3000);

        // a supervision record about 密山's share: the city committee attaches; 虎林 (another unit) may not read it
        ResponseEntity<String> supervised = postJson("/api/tasks/" + task + "/supervision", COMMITTEE_TOKEN,
                Map.of("unitCode", MISHAN.code(), "findings", "现场查看法治宣讲台账。"));
        assertThat(supervised.getStatusCode().value()).as(supervised.getBody()).isEqualTo(201);
        String record = body(supervised).path("recordId").asText();
        Await.until(() -> jdbc.queryForObject("SELECT count(*) FROM supervision_record WHERE record_id = ?", Integer.class,
                record) == 1, TIMEOUT, record);
        String supervision = "/api/tasks/" + task + "/supervision/" + record + "/attachments";
        assertThat(upload(supervision, MISHAN_TOKEN, part("a.pdf", pdf, "application/pdf")).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<String> onRecord = upload(supervision, COMMITTEE_TOKEN, part("督导照片.png", photo, "application/octet-stream"));
        assertThat(onRecord.getStatusCode().value()).as(onRecord.getBody()).isEqualTo(201);
        assertThat(body(onRecord).path("ownerKind").asText()).isEqualTo("SUPERVISION");
        assertThat(body(onRecord).path("attachments").get(0).path("mediaType").asText()).isEqualTo("image/png");
        String supervisionPhoto = body(onRecord).path("attachments").get(0).path("attachmentId").asText();
        assertThat(awaitList(supervision, MISHAN_TOKEN, 1).get(0).path("fileName").asText()).isEqualTo("督导照片.png");
        assertThat(get(supervision, LEAD_TOKEN).getStatusCode().value()).isEqualTo(200);
        assertThat(get(supervision, HULIN_TOKEN).getStatusCode().value()).isEqualTo(403);
        assertThat(getBytes("/api/attachments/" + supervisionPhoto, MISHAN_TOKEN).getBody()).isEqualTo(photo);
        assertThat(getBytes("/api/attachments/" + supervisionPhoto, HULIN_TOKEN).getStatusCode().value()).isEqualTo(403);
        assertThat(upload("/api/tasks/other-task/supervision/" + record + "/attachments", COMMITTEE_TOKEN,
                part("a.pdf", pdf, "application/pdf")).getStatusCode().value()).as("not that task's record").isEqualTo(404);

        // a problem: nothing to attach to before it is answered; then the unit that answered (the lead unit) attaches
        ResponseEntity<String> raised = postJson("/api/tasks/" + task + "/problems", MISHAN_TOKEN,
                Map.of("category", "经费不足", "text", "宣讲经费不足。"));
        assertThat(raised.getStatusCode().value()).as(raised.getBody()).isEqualTo(201);
        String problem = body(raised).path("problemId").asText();
        Await.until(() -> get("/api/tasks/" + task + "/problems/" + problem, MISHAN_TOKEN).getStatusCode().value() == 200,
                TIMEOUT, problem);
        String answer = "/api/tasks/" + task + "/problems/" + problem + "/answer/attachments";
        ResponseEntity<String> early = upload(answer, LEAD_TOKEN, part("答复.pdf", pdf, "application/pdf"));
        assertThat(early.getStatusCode().value()).as(early.getBody()).isEqualTo(409);
        assertThat(postJson("/api/tasks/" + task + "/problems/" + problem + "/answer", LEAD_TOKEN,
                Map.of("answer", "已协调追加经费。")).getStatusCode().value()).isEqualTo(200);
        Await.until(() -> body(get("/api/tasks/" + task + "/problems/" + problem, MISHAN_TOKEN)).path("answer").has("text"),
                TIMEOUT, "the answer of " + problem);
        assertThat(upload(answer, HULIN_TOKEN, part("答复.pdf", pdf, "application/pdf")).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> onAnswer = upload(answer, LEAD_TOKEN, part("经费批复.pdf", pdf, "text/plain"));
        assertThat(onAnswer.getStatusCode().value()).as(onAnswer.getBody()).isEqualTo(201);
        assertThat(awaitList(answer, HULIN_TOKEN, 1).get(0).path("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(get(answer, TestTokens.unit(JUSTICE.code())).getStatusCode().value()).isEqualTo(403);

        // a good practice: its unit attaches, several files, within the per-file and per-item limits (413 naming the file)
        ResponseEntity<String> submitted = postJson("/api/tasks/" + task + "/practices", MISHAN_TOKEN,
                Map.of("title", "法治宣讲进校园", "text", "组织法官进校园宣讲。"));
        assertThat(submitted.getStatusCode().value()).as(submitted.getBody()).isEqualTo(201);
        String practice = body(submitted).path("practiceId").asText();
        Await.until(() -> get("/api/practices/" + practice, MISHAN_TOKEN).getStatusCode().value() == 200, TIMEOUT, practice);
        String practicePath = "/api/practices/" + practice + "/attachments";
        assertThat(upload(practicePath, HULIN_TOKEN, part("a.pdf", pdf, "application/pdf")).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> tooLarge = upload(practicePath, MISHAN_TOKEN, part("全程录像.pdf", pdf(2 * 1024 * 1024 + 1), "application/pdf"));
        assertThat(tooLarge.getStatusCode().value()).isEqualTo(413);
        assertThat(body(tooLarge).path("detail").asText()).contains("全程录像.pdf");
        assertThat(upload(practicePath, MISHAN_TOKEN, part("一.pdf", pdf(1900 * 1024), "application/pdf"),
                part("二.pdf", pdf(1900 * 1024), "application/pdf"), part("照片.png", photo, "image/png"))
                .getStatusCode().value()).isEqualTo(201);
        awaitList(practicePath, MISHAN_TOKEN, 3);
        ResponseEntity<String> overItem = upload(practicePath, MISHAN_TOKEN, part("三.pdf", pdf(1900 * 1024), "application/pdf"));
        assertThat(overItem.getStatusCode().value()).isEqualTo(413);
        assertThat(body(overItem).path("detail").asText()).contains("三.pdf").contains("good practice");
        ResponseEntity<String> wrongType = upload(practicePath, MISHAN_TOKEN, part("照片.png", exe(), "image/png"));
        assertThat(wrongType.getStatusCode().value()).isEqualTo(415);
        assertThat(body(wrongType).path("detail").asText()).contains("照片.png");
        // not yet published: its unit and the city committee read it, 虎林 does not; once published, everyone
        assertThat(get(practicePath, HULIN_TOKEN).getStatusCode().value()).isEqualTo(403);
        assertThat(get(practicePath, COMMITTEE_TOKEN).getStatusCode().value()).isEqualTo(200);

        // the lead unit's evidence package: the report has none; the supervision record's and the answer's files are in,
        // the practice's are not until it is published (the lead unit may not read it before)
        Map<String, byte[]> entries = unzip(getBytes("/api/tasks/" + task + "/evidence-package", LEAD_TOKEN).getBody());
        assertThat(entries).containsKey(MISHAN.code() + "/supervision-" + record + "/督导照片.png")
                .containsKey(PROPAGANDA.code() + "/problem_answer-" + problem + "/经费批复.pdf")
                .containsKey(EvidencePackageController.LEDGER);
        assertThat(entries.keySet()).noneMatch(name -> name.contains("practice-"));
        assertThat(new String(entries.get("manifest.csv"), StandardCharsets.UTF_8))
                .contains("," + MISHAN.code() + ",督导照片.png," + photo.length + "," + sha256(photo) + ",true,SUPERVISION," + record
                        + ",false");
        assertThat(postJson("/api/practices/" + practice + "/publish", COMMITTEE_TOKEN, Map.of()).getStatusCode().value())
                .isEqualTo(200);
        awaitList(practicePath, HULIN_TOKEN, 3);
        assertThat(unzip(getBytes("/api/tasks/" + task + "/evidence-package", LEAD_TOKEN).getBody()))
                .containsKey(MISHAN.code() + "/practice-" + practice + "/照片.png");
    }

    // --- downloads by short-lived link ---------------------------------------------------------------

    @Test
    void aShortLivedLinkDownloadsWithoutATokenAndIsRecordedAsItsHoldersDownload() throws Exception {
        String report = newReport();
        byte[] pdf = pdf(6000);
        ResponseEntity<String> created = upload("/api/reports/" + report + "/attachments", MISHAN_TOKEN,
                part("会议纪要.pdf", pdf, "application/pdf"));
        String id = body(created).path("attachments").get(0).path("attachmentId").asText();

        assertThat(postJson("/api/attachments/" + id + "/link", HULIN_TOKEN, Map.of()).getStatusCode().value())
                .as("a unit that may not read the file gets no link to it").isEqualTo(403);
        ResponseEntity<String> linked = postJson("/api/attachments/" + id + "/link", LEAD_TOKEN, Map.of());
        assertThat(linked.getStatusCode().value()).as(linked.getBody()).isEqualTo(200);
        String url = body(linked).path("url").asText();
        Instant expiresAt = Instant.parse(body(linked).path("expiresAt").asText());
        assertThat(url).startsWith("/api/attachments/links/");
        assertThat(expiresAt).isBetween(Instant.now().plus(Duration.ofMinutes(4)), Instant.now().plus(Duration.ofMinutes(6)));

        ResponseEntity<byte[]> download = http.exchange(url + "?inline=true", HttpMethod.GET, HttpEntity.EMPTY, byte[].class);
        assertThat(download.getStatusCode().value()).isEqualTo(200);
        assertThat(download.getBody()).isEqualTo(pdf);
        assertThat(download.getHeaders().getContentDisposition().isInline()).isTrue();
        assertThat(downloads(id)).as("recorded as the lead unit's download").containsExactly(PROPAGANDA.code() + ":true");

        // a link altered (another attachment, another unit) or made up: 403; one past its time: 410; both problem documents
        String token = url.substring(url.lastIndexOf('/') + 1);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replace(PROPAGANDA.code(), HULIN.code()).getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
        for (String forged : List.of(altered, "not-a-link", token.substring(0, token.length() - 2))) {
            ResponseEntity<String> refused = http.exchange("/api/attachments/links/" + forged, HttpMethod.GET, HttpEntity.EMPTY,
                    String.class);
            assertThat(refused.getStatusCode().value()).as(forged).isEqualTo(403);
            assertThat(refused.getHeaders().getContentType().toString()).contains("application/problem+json");
        }
        EvidenceProperties sameKey = new EvidenceProperties(null, null, null, null, null, null, LINK_SECRET, null);
        String expired = new EvidenceLinks(sameKey, java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofMinutes(-6)))
                .sign(id, new org.plantracker.platform.correlation.Actor(PROPAGANDA.code(), PROPAGANDA.code(), java.util.Set.of()))
                .token();
        ResponseEntity<String> gone = http.exchange("/api/attachments/links/" + expired, HttpMethod.GET, HttpEntity.EMPTY, String.class);
        assertThat(gone.getStatusCode().value()).as(gone.getBody()).isEqualTo(410);
        assertThat(body(gone).path("detail").asText()).contains("expired");
        assertThat(downloads(id)).as("no refused link read the file").hasSize(1);
    }

    // --- erasure of a person's data ----------------------------------------------------------------------

    @Test
    void theCityCommitteeErasesAFileTheObjectGoesItsHashStaysAndDownloadsAreGone(CapturedOutput output) throws Exception {
        String report = newReport();
        String task = taskOf(report);
        String path = "/api/reports/" + report + "/attachments";
        byte[] photo = png();
        byte[] pdf = pdf(4000);
        ResponseEntity<String> created = upload(path, MISHAN_TOKEN, part("张三身份证.png", photo, "image/png"),
                part("会议纪要.pdf", pdf, "application/pdf"));
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String erased = body(created).path("attachments").get(0).path("attachmentId").asText();
        String kept = body(created).path("attachments").get(1).path("attachmentId").asText();
        String linkBefore = body(postJson("/api/attachments/" + erased + "/link", LEAD_TOKEN, Map.of())).path("url").asText();
        String erasure = "/api/attachments/" + erased + "/erasure";
        Map<String, String> reason = Map.of("reason", "当事人申请删除个人信息");

        // only the city committee erases; a refusal records nothing and deletes nothing
        for (String token : List.of(MISHAN_TOKEN, LEAD_TOKEN, HULIN_TOKEN)) {
            assertThat(postJson(erasure, token, reason).getStatusCode().value()).isEqualTo(403);
        }
        ResponseEntity<String> noReason = postJson(erasure, COMMITTEE_TOKEN, Map.of("reason", " "));
        assertThat(noReason.getStatusCode().value()).as(noReason.getBody()).isEqualTo(400);
        assertThat(fields(body(noReason))).containsExactly("reason");
        assertThat(postJson("/api/attachments/no-such-attachment/erasure", COMMITTEE_TOKEN, reason).getStatusCode().value())
                .isEqualTo(404);
        // the token-free download path opens GET only: an erasure of an attachment "links" still needs a token
        assertThat(http.exchange("/api/attachments/links/erasure", HttpMethod.POST, new HttpEntity<>(reason), String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(erasures(erased)).isEmpty();
        assertThat(objects(report)).isEqualTo(2);

        ResponseEntity<String> done = postJson(erasure, COMMITTEE_TOKEN, reason);
        assertThat(done.getStatusCode().value()).as(done.getBody()).isEqualTo(200);
        assertThat(body(done).path("sha256").asText()).isEqualTo(sha256(photo));
        assertThat(body(done).path("objectDeleted").asBoolean()).isTrue();
        // the object is gone from the store; the event keeps its hash, size and type, and not its name
        assertThat(s3.listObjectsV2(b -> b.bucket(bucket).prefix(ObjectStore.PREFIX + report + "/")).contents().stream()
                .map(software.amazon.awssdk.services.s3.model.S3Object::key).toList())
                .containsExactly(ObjectStore.keyOf(AttachmentOwner.report(report), kept));
        assertThat(erasures(erased)).containsExactly(sha256(photo) + ":" + photo.length + ":image/png:当事人申请删除个人信息:"
                + COMMITTEE.code());
        assertThat(erasurePayloads(erased)).noneMatch(payload -> payload.contains("张三"));
        ResponseEntity<String> again = postJson(erasure, COMMITTEE_TOKEN, reason);
        assertThat(again.getStatusCode().value()).as("erased once").isEqualTo(409);
        assertThat(erasures(erased)).hasSize(1);

        // the list: still there, erased, with its hash, size and type, the name replaced
        JsonNode[] listed = new JsonNode[1];
        Await.until(() -> (listed[0] = body(get(path, LEAD_TOKEN))).get(0).path("erased").asBoolean(), TIMEOUT, "erased in the list");
        JsonNode row = listed[0].get(0);
        assertThat(row.path("attachmentId").asText()).isEqualTo(erased);
        assertThat(row.path("fileName").asText()).isEqualTo(AttachmentProjection.ERASED_NAME);
        assertThat(row.path("sha256").asText()).isEqualTo(sha256(photo));
        assertThat(row.path("size").asLong()).isEqualTo(photo.length);
        assertThat(row.path("mediaType").asText()).isEqualTo("image/png");
        assertThat(row.path("erasedBy").asText()).isEqualTo(COMMITTEE.code());
        assertThat(row.path("erasureReason").asText()).isEqualTo("当事人申请删除个人信息");
        assertThat(Instant.parse(row.path("erasedAt").asText())).isAfter(Instant.parse(row.path("attachedAt").asText()));
        assertThat(listed[0].get(1).path("erased").asBoolean()).isFalse();
        assertThat(listed[0].get(1).path("fileName").asText()).isEqualTo("会议纪要.pdf");
        assertThat(listed[0].toString()).doesNotContain("张三");

        // download, preview, a new link and a link issued before: 410, a problem saying it was erased, with the hash
        for (ResponseEntity<String> gone : List.of(get("/api/attachments/" + erased, LEAD_TOKEN),
                get("/api/attachments/" + erased + "?inline=true", MISHAN_TOKEN),
                postJson("/api/attachments/" + erased + "/link", COMMITTEE_TOKEN, Map.of()),
                http.exchange(linkBefore, HttpMethod.GET, HttpEntity.EMPTY, String.class))) {
            assertThat(gone.getStatusCode().value()).as(gone.getBody()).isEqualTo(410);
            assertThat(gone.getHeaders().getContentType().toString()).contains("application/problem+json");
            assertThat(body(gone).path("detail").asText()).contains("erased").contains(sha256(photo)).doesNotContain("张三");
        }
        assertThat(get("/api/attachments/" + erased, HULIN_TOKEN).getStatusCode().value()).as("still not Hulin's to read")
                .isEqualTo(403);
        assertThat(downloads(erased)).as("nothing was read").isEmpty();
        assertThat(getBytes("/api/attachments/" + kept, MISHAN_TOKEN).getBody()).isEqualTo(pdf);

        // the evidence package lists it as erased with its hash, and holds no file of it
        Map<String, byte[]> entries = unzip(getBytes("/api/tasks/" + task + "/evidence-package", COMMITTEE_TOKEN).getBody());
        assertThat(entries.keySet()).noneMatch(name -> name.contains("张三") || name.contains(AttachmentProjection.ERASED_NAME))
                .contains(MISHAN.code() + "/" + report + "/会议纪要.pdf");
        assertThat(new String(entries.get("manifest.csv"), StandardCharsets.UTF_8).lines()).containsExactly(
                "report,unit,file,size,sha256,intact,item_kind,item,erased",
                report + "," + MISHAN.code() + ",已删除," + photo.length + "," + sha256(photo) + ",,REPORT," + report + ",true",
                report + "," + MISHAN.code() + ",会议纪要.pdf," + pdf.length + "," + sha256(pdf) + ",true,REPORT," + report + ",false");
        assertThat(downloads(erased)).isEmpty();

        // an object that outlived its erasure (the store failed just then) is deleted by the sweeper, whatever its age
        String key = ObjectStore.keyOf(AttachmentOwner.report(report), erased);
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(photo));
        assertThat(sweeper.sweep(Instant.now().minus(Duration.ofMinutes(15)))).containsExactly(key);
        assertThat(output.getOut()).contains("removed the object " + key + " of the erased attachment " + erased);
        assertThat(objects(report)).isEqualTo(1);

        // events are never edited (the attaching event is as it was): the audit chain over them is intact
        JsonNode verified = body(get("/api/audit/verify", COMMITTEE_TOKEN));
        assertThat(verified.path("intact").asBoolean()).as(verified.toString()).isTrue();
    }

    // --- the virus-scan hook -------------------------------------------------------------------------

    @Test
    void aFileTheVirusScannerFindsInfectedIsRefusedNamingItAndNothingIsStored() throws Exception {
        String report = newReport();
        byte[] infected = pdf(5000);
        byte[] eicar = ClamdProtocolServer.EICAR.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(eicar, 0, infected, 1000, eicar.length);
        int scannedBefore = clamd.streamsScanned();
        ResponseEntity<String> refused = upload("/api/reports/" + report + "/attachments", MISHAN_TOKEN,
                part("干净.pdf", pdf(4000), "application/pdf"), part("通知.pdf", infected, "application/pdf"));
        assertThat(refused.getStatusCode().value()).as(refused.getBody()).isEqualTo(422);
        assertThat(body(refused).path("detail").asText()).contains("通知.pdf").contains("Eicar-Test-Signature");
        assertThat(fields(body(refused))).containsExactly("files");
        assertThat(clamd.streamsScanned() - scannedBefore).isEqualTo(2);
        assertThat(storedAttachments(report)).isZero();
        assertThat(objects(report)).isZero();
    }

    ResponseEntity<String> postJson(String path, String token, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    String taskOf(String report) {
        return body(get("/api/reports/" + report, MISHAN_TOKEN)).path("taskId").asText();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> entries = new HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip),
                StandardCharsets.UTF_8)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    // --- a report to attach to -------------------------------------------------------------------------

    String newReport() throws Exception {
        String plan = "it" + UUID.randomUUID().toString().substring(0, 8);
        String task = plan + "-07";
        TaskAssignedEvent event = new TaskAssignedEvent(task, plan, 7, 4, "第4部分", "深化青少年法治教育", PROPAGANDA,
                List.of(MISHAN, HULIN), List.of(), null, List.of());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(TaskTopics.TASK_EVENTS, task, json.writeValueAsBytes(event));
        Map<String, String> headers = new HashMap<>();
        headers.put(EventHeaders.EVENT_ID, UUID.randomUUID().toString());
        headers.put(EventHeaders.EVENT_TYPE, TaskAssignedEvent.class.getSimpleName());
        headers.put(EventHeaders.AGGREGATE_ID, task);
        headers.put(EventHeaders.AGGREGATE_SEQUENCE, "1");
        headers.put(EventHeaders.OCCURRED_AT, Instant.now().toString());
        headers.put(EventHeaders.CORRELATION_ID, "task-" + UUID.randomUUID());
        headers.put(EventHeaders.ACTOR_USER, COMMITTEE.code());
        headers.put(EventHeaders.ACTOR_UNIT, COMMITTEE.code());
        headers.put(EventHeaders.CLIENT, "http");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        kafka.send(record).get();
        Await.until(() -> jdbc.queryForObject("SELECT count(*) FROM task_share_view WHERE task_id = ?", Integer.class,
                task) == 3, TIMEOUT, "the shares of " + task);
        HttpHeaders h = new HttpHeaders();
        h.set(HttpHeaders.AUTHORIZATION, MISHAN_TOKEN);
        h.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> created = http.exchange("/api/tasks/" + task + "/reports", HttpMethod.POST,
                new HttpEntity<>(Map.of("period", "2022-Q2", "status", "ON_TRACK", "narrative", "开展法治宣讲12场。"), h),
                String.class);
        assertThat(created.getStatusCode().value()).as(created.getBody()).isEqualTo(201);
        String report = body(created).path("reportId").asText();
        Await.until(() -> get("/api/reports/" + report, MISHAN_TOKEN).getStatusCode().value() == 200, TIMEOUT, report);
        return report;
    }

    // --- files -------------------------------------------------------------------------------------------

    static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0xff0000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A PDF's header and trailer around {@code size} bytes of content. */
    static byte[] pdf(int size) {
        byte[] head = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        byte[] pdf = new byte[Math.max(size, head.length + tail.length)];
        java.util.Arrays.fill(pdf, (byte) ' ');
        System.arraycopy(head, 0, pdf, 0, head.length);
        System.arraycopy(tail, 0, pdf, pdf.length - tail.length, tail.length);
        return pdf;
    }

    static byte[] docx() throws Exception {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.createParagraph().createRun().setText("密山市关工委工作台账");
            document.write(out);
            return out.toByteArray();
        }
    }

    /** The start of a Windows executable (MZ header pointing at a PE header). */
    static byte[] exe() {
        byte[] exe = new byte[1024];
        exe[0] = 'M';
        exe[1] = 'Z';
        exe[0x3c] = (byte) 0x80;
        exe[0x80] = 'P';
        exe[0x81] = 'E';
        return exe;
    }

    static byte[] zipHolding(byte[] content) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("setup.exe"));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    record Part(String name, byte[] bytes, String contentType) {
    }

    static Part part(String name, byte[] bytes, String contentType) {
        return new Part(name, bytes, contentType);
    }

    // --- HTTP, the event store and the bucket -----------------------------------------------------------

    ResponseEntity<String> upload(String path, String token, Part... parts) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        for (Part part : parts) {
            HttpHeaders partHeaders = new HttpHeaders();
            partHeaders.setContentType(MediaType.parseMediaType(part.contentType()));
            body.add("files", new HttpEntity<>(new ByteArrayResource(part.bytes()) {
                @Override
                public String getFilename() {
                    return part.name();
                }
            }, partHeaders));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return http.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers), String.class);
    }

    JsonNode awaitList(String path, String token, int size) {
        JsonNode[] last = new JsonNode[1];
        Await.until(() -> {
            ResponseEntity<String> response = get(path, token);
            last[0] = response.getStatusCode().value() == 200 ? body(response) : null;
            return last[0] != null && last[0].size() == size;
        }, TIMEOUT, path);
        return last[0];
    }

    ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    ResponseEntity<byte[]> getBytes(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), byte[].class);
    }

    JsonNode body(ResponseEntity<String> response) {
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + response.getBody(), e);
        }
    }

    static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    int storedAttachments(String reportId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.EvidenceAttachedEvent'
                AND convert_from(payload, 'UTF8')::json ->> 'reportId' = ?""", Integer.class, reportId);
    }

    /** "unit:intact" of each recorded download of the attachment, oldest first. */
    List<String> downloads(String attachmentId) {
        return jdbc.queryForList("""
                SELECT (convert_from(payload, 'UTF8')::json ->> 'downloaderUnit') || ':' ||
                       (convert_from(payload, 'UTF8')::json ->> 'intact')
                FROM domainevententry WHERE payloadtype LIKE '%.EvidenceDownloadedEvent' AND aggregateidentifier = ?
                ORDER BY sequencenumber""", String.class, attachmentId);
    }

    /** "sha256:size:type:reason:unit" of each erasure of the attachment. */
    List<String> erasures(String attachmentId) {
        return jdbc.queryForList("""
                SELECT concat_ws(':', p ->> 'sha256', p ->> 'size', p ->> 'mediaType', p ->> 'reason', p ->> 'erasedByUnit')
                FROM (SELECT convert_from(payload, 'UTF8')::json AS p, sequencenumber FROM domainevententry
                      WHERE payloadtype LIKE '%.EvidenceErasedEvent' AND aggregateidentifier = ?) erased
                ORDER BY sequencenumber""", String.class, attachmentId);
    }

    List<String> erasurePayloads(String attachmentId) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE payloadtype LIKE '%.EvidenceErasedEvent' AND aggregateidentifier = ?", String.class, attachmentId);
    }

    long objects(String reportId) {
        return s3.listObjectsV2(b -> b.bucket(bucket).prefix(ObjectStore.PREFIX + reportId + "/")).contents().size();
    }
}
