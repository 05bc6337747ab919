package org.plantracker.progress.problem;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.UUID;

/**
 * What makes two raised problems "the same": the same task and the same category once normalised.
 * Normalising folds full-width and half-width forms together (NFKC: "ＡＢ" is "AB"), ignores case,
 * every whitespace and NUL, and drops punctuation at the end, so "农村学校师资不足。" and " 农村学校 师资不足"
 * are one problem, while "师资不足" and "经费不足" are two. The problem's id is derived from the pair,
 * so a second raise reaches the first one's aggregate, which alone decides whether it is general.
 */
public final class ProblemKey {

    private ProblemKey() {
    }

    public static String normalise(String category) {
        String folded = Normalizer.normalize(category, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[\\s\\x00]+", "");
        return folded.replaceAll("[\\p{Punct}。，、；：！？…]+$", "");
    }

    public static String problemId(String taskId, String category) {
        return UUID.nameUUIDFromBytes((taskId + '\u001f' + normalise(category)).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
