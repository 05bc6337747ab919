package org.plantracker.platform.axon;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredTimestampsTest {

    @Test
    void readsWhatAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            // 1970 to 2200, any nanosecond
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 7_258_118_400L), random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
            // Instant.toString (what a bulk loader may write): 0, 3, 6 or 9 fraction digits
            String iso = instant.toString();
            assertThat(StoredTimestamps.parse(iso)).as(iso).isEqualTo(instant);
        }
    }

    @Test
    void everyFractionLengthAndTheEdgesOfTheCalendar() {
        for (String text : new String[]{"2022-03-31T08:00:00Z", "2022-03-31T08:00:00.1Z", "2022-03-31T08:00:00.12Z",
                "2022-03-31T08:00:00.123456789Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z",
                "1969-12-31T23:59:59.999999999Z"}) {
            assertThat(StoredTimestamps.parse(text)).as(text).isEqualTo(DateTimeUtils.parseInstant(text));
        }
    }

    @Test
    void otherShapesAndImpossibleDatesGetAxonsAnswerOrAxonsError() {
        for (String text : new String[]{"2022-03-31T16:00:00.000+08:00", "2022-03-31t08:00:00.000z",
                "2022-03-31T08:00:60Z", "+12022-03-31T08:00:00Z", "2022-02-30T08:00:00Z", "2022-03-31T24:00:00Z",
                "2022-03-31T08:00:00.Z", "2022-13-01T08:00:00Z", "2022-03-31T08:0a:00Z",
                "2022-03-31T08:00:00.1234567890Z", ""}) {
            Instant axon;
            try {
                axon = DateTimeUtils.parseInstant(text);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> StoredTimestamps.parse(text)).as(text).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(StoredTimestamps.parse(text)).as(text).isEqualTo(axon);
        }
        assertThatThrownBy(() -> StoredTimestamps.parse("2022-02-30T08:00:00Z")).isInstanceOf(DateTimeParseException.class);
    }
}
