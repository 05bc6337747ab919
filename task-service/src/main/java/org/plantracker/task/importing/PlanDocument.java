package org.plantracker.task.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A plan document as uploaded, and its identity. Two uploads are the same document when their
 * normalised text is the same: line endings, blank lines, white space and full- versus
 * half-width punctuation do not make a different plan.
 */
public final class PlanDocument {

    private PlanDocument() {
    }

    /** The physical lines (CRLF, CR or LF), numbered from 1 by their position + 1; a BOM is dropped. */
    public static List<String> lines(String raw) {
        String text = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** The text the identity is computed from: one non-blank line per line, white space removed, widths folded. */
    public static String normalised(String raw) {
        StringBuilder b = new StringBuilder();
        for (String line : lines(raw)) {
            String folded = UnitNames.fold(line);
            if (!folded.isEmpty()) {
                b.append(folded).append('\n');
            }
        }
        return b.toString();
    }

    public static String sha256(String raw) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(normalised(raw).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** The plan id of a document: derived from its hash, so the same document always gets the same plan. */
    public static String planIdOf(String documentSha256) {
        return "plan-" + documentSha256.substring(0, 12);
    }

    /** Task ids: the plan id and the task's number in two digits, e.g. plan-3fa9c01b2d4e-07. */
    public static String taskId(String planId, int number) {
        return planId + "-" + String.format("%02d", number);
    }

    /** A line without the white space around it (including no-break and ideographic spaces). */
    static String clean(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && UnitNames.isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && UnitNames.isSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }
}
