package org.plantracker.platform.axon;

import org.axonframework.common.DateTimeUtils;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the timestamp column of Axon's event table. Axon writes {@code 2022-03-31T08:00:00.000Z}
 * (UTC, three fraction digits) and reads it back with a {@code DateTimeFormatter}, about a
 * microsecond per call, and a tracking processor asks several times per event: in a rebuild that was
 * a sixth of the processor's CPU. This reads that shape (and any UTC {@code Z} form with up to nine
 * fraction digits) directly; anything else goes to Axon's own parser, so the result is always the
 * one Axon would give.
 */
public final class StoredTimestamps {

    private static final int[] NANOS_PER_DIGIT = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1};

    private StoredTimestamps() {
    }

    public static Instant parse(String timestamp) {
        Instant fast = parseUtc(timestamp);
        return fast != null ? fast : DateTimeUtils.parseInstant(timestamp);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z}, or null if the text has any other shape. */
    private static Instant parseUtc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int nanos = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (s.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = digits(s, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * NANOS_PER_DIGIT[fractionDigits];
        }
        // a leap second (:60) and anything out of range is left to the full parser
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException noSuchDate) {
            return null;
        }
    }

    /** The decimal number in {@code s[from, to)}, or -1 if any character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
