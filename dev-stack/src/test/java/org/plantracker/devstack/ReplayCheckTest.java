package org.plantracker.devstack;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite's replay comparison: rows compared as a multiset (order-free), so that a row the
 * live view lacks, one it holds twice or one with another value each count as a difference.
 */
class ReplayCheckTest {

    private static final String A = "task_share_view{share_id=a, last_period=2022-01, }";
    private static final String B = "task_share_view{share_id=b, last_period=2022-02, }";

    @Test
    void theSameRowsInAnotherOrderAreEqual() {
        ReplayCheck.Result result = ReplayCheck.difference(ReadModel.PROGRESS_VIEWS, Map.of(A, 1, B, 1), Map.of(B, 1, A, 1));

        assertThat(result.equal()).isTrue();
        assertThat(result.liveRows()).isEqualTo(2);
        assertThat(result.examples()).isEmpty();
    }

    @Test
    void aRowTheLiveViewMissedOrChangedIsADifference() {
        String changed = "task_share_view{share_id=b, last_period=2022-01, }";
        ReplayCheck.Result result = ReplayCheck.difference(ReadModel.PROGRESS_VIEWS, Map.of(A, 1, changed, 1),
                Map.of(A, 1, B, 1));

        assertThat(result.equal()).isFalse();
        assertThat(result.onlyLive()).isEqualTo(1);
        assertThat(result.onlyReplayed()).isEqualTo(1);
        assertThat(result.examples()).containsExactly("live only:     " + changed, "replayed only: " + B);
    }

    @Test
    void aRowTheLiveViewHoldsTwiceIsADifference() {
        ReplayCheck.Result result = ReplayCheck.difference(ReadModel.PROGRESS_VIEWS, Map.of(A, 2), Map.of(A, 1));

        assertThat(result.equal()).isFalse();
        assertThat(result.onlyLive()).isEqualTo(1);
        assertThat(result.replayedRows()).isEqualTo(1);
    }
}
