package org.plantracker.progress.query;

import org.junit.jupiter.api.Test;
import org.plantracker.progress.api.ReportStatus;

import static org.assertj.core.api.Assertions.assertThat;

class LightRuleTest {

    @Test
    void onTrackOrDoneIsGreenEverythingElseYellowUntilDeadlinesExist() {
        assertThat(LightRule.lightOf(ReportStatus.ON_TRACK)).isEqualTo(Light.GREEN);
        assertThat(LightRule.lightOf(ReportStatus.DONE)).isEqualTo(Light.GREEN);
        assertThat(LightRule.lightOf(ReportStatus.AT_RISK)).isEqualTo(Light.YELLOW);
        assertThat(LightRule.lightOf(ReportStatus.NOT_STARTED)).isEqualTo(Light.YELLOW);
        assertThat(LightRule.lightOf(null)).as("no report yet").isEqualTo(Light.YELLOW);
    }
}
