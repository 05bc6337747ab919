package org.plantracker.progress.evidence;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.progress.api.EvidenceAttachedEvent;
import org.plantracker.progress.api.EvidenceDownloadedEvent;
import org.plantracker.progress.api.EvidenceErasedEvent;
import org.springframework.http.HttpStatus;

class AttachmentTest {

    private static final String SHA = "a".repeat(64);
    private static final EvidenceAttachedEvent ATTACHED = new EvidenceAttachedEvent("att-1", "rep-1", "plan1-07",
            "jixi-mishan", "活动照片.png", 1234, "image/png", SHA, "evidence/rep-1/att-1", "jixi-mishan", "jixi-mishan");

    private static final EvidenceErasedEvent ERASED = new EvidenceErasedEvent("att-1", "rep-1", "plan1-07", "jixi-mishan", 1234, "image/png", SHA,
            "当事人申请删除个人信息", "jixi-committee", "jixi-committee");

    private AggregateTestFixture<Attachment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Attachment.class);
    }

    /** A domain refusal answered with that status. */
    private static Matcher<Object> refusedWith(HttpStatus status) {
        return Matchers.predicate(thrown -> thrown instanceof DomainException refusal && refusal.status() == status);
    }

    private static AttachEvidenceCommand attach(String name, long size, String sha) {
        return new AttachEvidenceCommand("att-1", AttachmentOwner.report("rep-1"), "plan1-07", "jixi-mishan", name, size, "image/png", sha,
                "evidence/rep-1/att-1", "jixi-mishan", "jixi-mishan");
    }

    @Test
    void aFileIsAttachedWithItsSizeTypeAndHash() {
        fixture.givenNoPriorActivity()
                .when(attach("活动照片.png", 1234, SHA))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload("att-1")
                .expectEvents(ATTACHED);
    }

    @Test
    void aFileOfASupervisionRecordNamesItsOwnerAndNoReport() {
        fixture.givenNoPriorActivity()
                .when(new AttachEvidenceCommand("att-2", new AttachmentOwner(AttachmentOwner.Kind.SUPERVISION, "sup-1"),
                        "plan1-07", "jixi-propaganda", "督导照片.png", 99, "image/png", SHA, "evidence/supervision/sup-1/att-2",
                        "jixi-committee", "jixi-committee"))
                .expectEvents(new EvidenceAttachedEvent("att-2", null, "plan1-07", "jixi-propaganda", "督导照片.png", 99,
                        "image/png", SHA, "evidence/supervision/sup-1/att-2", "jixi-committee", "jixi-committee",
                        "SUPERVISION", "sup-1"));
    }

    @Test
    void attachingAgainRecordsNothingMore() {
        fixture.given(ATTACHED)
                .when(attach("活动照片.png", 1234, SHA))
                .expectResultMessagePayload("att-1")
                .expectNoEvents();
    }

    @Test
    void anEmptyFileIsRefused() {
        fixture.givenNoPriorActivity()
                .when(attach("空.pdf", 0, SHA))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void aHashThatIsNotASha256IsRefused() {
        fixture.givenNoPriorActivity()
                .when(attach("活动照片.png", 1234, "not-a-hash"))
                .expectException(IllegalArgumentException.class)
                .expectNoEvents();
    }

    @Test
    void everyDownloadIsRecordedWithWhetherTheFileWasIntact() {
        fixture.given(ATTACHED)
                .when(new RecordEvidenceDownloadCommand("att-1", "jixi-propaganda", "jixi-propaganda", false, "b".repeat(64)))
                .expectEvents(new EvidenceDownloadedEvent("att-1", "rep-1", "jixi-propaganda", "jixi-propaganda", false,
                        "b".repeat(64)));
    }

    @Test
    void theCityCommitteeErasesAFileKeepingItsSizeTypeAndHashButNotItsName() {
        fixture.given(ATTACHED)
                .when(new EraseEvidenceCommand("att-1", "  当事人申请删除个人信息 ", "jixi-committee", "jixi-committee"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(ERASED);
    }

    @Test
    void anErasureNeedsAReason() {
        fixture.given(ATTACHED)
                .when(new EraseEvidenceCommand("att-1", " ", "jixi-committee", "jixi-committee"))
                .expectException(refusedWith(HttpStatus.BAD_REQUEST))
                .expectExceptionMessage("Say why the file is erased.")
                .expectNoEvents();
    }

    @Test
    void aFileIsErasedOnlyOnce() {
        fixture.given(ATTACHED, ERASED)
                .when(new EraseEvidenceCommand("att-1", "再次删除", "jixi-committee", "jixi-committee"))
                .expectException(refusedWith(HttpStatus.CONFLICT))
                .expectExceptionMessage("Attachment att-1 is already erased; its SHA-256 " + SHA + " stays on record.")
                .expectNoEvents();
    }

    @Test
    void anErasedFileIsReadNoMore() {
        fixture.given(ATTACHED, ERASED)
                .when(new RecordEvidenceDownloadCommand("att-1", "jixi-propaganda", "jixi-propaganda", true, SHA))
                .expectException(refusedWith(HttpStatus.GONE))
                .expectNoEvents();
    }

    @Test
    void attachingAnErasedFileAgainBringsNothingBack() {
        fixture.given(ATTACHED, ERASED)
                .when(attach("活动照片.png", 1234, SHA))
                .expectResultMessagePayload("att-1")
                .expectNoEvents();
    }
}
