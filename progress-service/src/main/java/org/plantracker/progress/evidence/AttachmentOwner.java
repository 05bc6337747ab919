package org.plantracker.progress.evidence;

/**
 * What a piece of evidence is attached to: a kind of item and its id. Every kind follows the same rules
 * (several files, per-file and per-item limits, type from content); who may attach and who may read
 * follow the item's own rules ({@link AttachmentOwners}).
 */
public record AttachmentOwner(Kind kind, String id) {

    public enum Kind {
        /** a unit's progress report */
        REPORT,
        /** a supervision record (督导记录) of the city committee */
        SUPERVISION,
        /** the answer to a problem raised upward */
        PROBLEM_ANSWER,
        /** a good practice (典型经验) */
        PRACTICE;

        /** Events recorded before attachments had other owners name no kind: they are of reports. */
        static Kind of(String recorded) {
            return recorded == null ? REPORT : valueOf(recorded);
        }

        String label() {
            return switch (this) {
                case REPORT -> "report";
                case SUPERVISION -> "supervision record";
                case PROBLEM_ANSWER -> "problem answer";
                case PRACTICE -> "good practice";
            };
        }
    }

    public static AttachmentOwner report(String reportId) {
        return new AttachmentOwner(Kind.REPORT, reportId);
    }

    @Override
    public String toString() {
        return kind.label() + " " + id;
    }
}
