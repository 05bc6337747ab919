package org.plantracker.notification.command;

import org.plantracker.notification.query.NotificationType;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A unit's notification preferences: per notification type, IMMEDIATE (the default: pushed on the
 * live stream and by email as it arrives) or DAILY_DIGEST (kept in the inbox and pushed once a day
 * in the unit's digest); and the unit's email address for the email channel.
 */
@Repository
public class Preferences {

    public enum Mode { IMMEDIATE, DAILY_DIGEST }

    /** A unit's preferences; every type is listed, with IMMEDIATE where the unit asked for nothing. */
    public record UnitPreferences(String unit, String email, Map<NotificationType, Mode> types) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Preferences(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** RED items (late, returned) always go at once: a unit cannot put them in its digest. */
    public static void redItemsGoAtOnce(Map<NotificationType, Mode> types) {
        List<FieldProblem> problems = new ArrayList<>();
        types.forEach((type, mode) -> {
            if (mode == Mode.DAILY_DIGEST && type.red()) {
                problems.add(new FieldProblem("types." + type.name(),
                        "is a RED item (late or returned) and always goes at once"));
            }
            if (mode == Mode.DAILY_DIGEST && type == NotificationType.DIGEST) {
                problems.add(new FieldProblem("types.DIGEST", "is the digest itself"));
            }
        });
        if (!problems.isEmpty()) {
            throw new DomainException(HttpStatus.BAD_REQUEST,
                    "Late and returned items always go at once; they cannot wait for the daily digest.", problems);
        }
    }

    public UnitPreferences of(String unit) {
        Map<NotificationType, Mode> types = new EnumMap<>(NotificationType.class);
        for (NotificationType type : NotificationType.values()) {
            types.put(type, Mode.IMMEDIATE);
        }
        jdbc.query("SELECT type, mode FROM unit_type_preference WHERE unit_code = ?", rs -> {
            types.put(NotificationType.valueOf(rs.getString(1)), Mode.valueOf(rs.getString(2)));
        }, unit);
        return new UnitPreferences(unit, email(unit).orElse(null), types);
    }

    /**
     * Changes the given types' modes (others stay as they were) and, when {@code changeEmail}, the
     * email address (null removes it).
     */
    @Transactional
    public UnitPreferences update(String unit, Map<NotificationType, Mode> types, boolean changeEmail, String email) {
        redItemsGoAtOnce(types);
        types.forEach((type, mode) -> {
            if (mode == Mode.IMMEDIATE) {
                jdbc.update("DELETE FROM unit_type_preference WHERE unit_code = ? AND type = ?", unit, type.name());
            } else {
                jdbc.update("""
                        INSERT INTO unit_type_preference (unit_code, type, mode) VALUES (?, ?, ?)
                        ON CONFLICT (unit_code, type) DO UPDATE SET mode = EXCLUDED.mode""", unit, type.name(), mode.name());
            }
        });
        if (changeEmail) {
            jdbc.update("""
                    INSERT INTO unit_setting (unit_code, email, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (unit_code) DO UPDATE SET email = EXCLUDED.email, updated_at = EXCLUDED.updated_at""",
                    unit, email, Timestamp.from(clock.instant()));
        }
        return of(unit);
    }

    /** Per unit, the types it wants in its digest (units without any are left out). */
    public Map<String, Set<NotificationType>> digestTypes(Collection<String> units) {
        Map<String, Set<NotificationType>> byUnit = new HashMap<>();
        if (units.isEmpty()) {
            return byUnit;
        }
        jdbc.query("SELECT unit_code, type FROM unit_type_preference WHERE mode = 'DAILY_DIGEST' AND unit_code = ANY (?::varchar[])",
                rs -> {
                    byUnit.computeIfAbsent(rs.getString(1), u -> EnumSet.noneOf(NotificationType.class))
                            .add(NotificationType.valueOf(rs.getString(2)));
                }, (Object) units.toArray(String[]::new));
        return byUnit;
    }

    public Optional<String> email(String unit) {
        return jdbc.queryForList("SELECT email FROM unit_setting WHERE unit_code = ? AND email IS NOT NULL", String.class, unit)
                .stream().findFirst();
    }

    /** The email addresses of the units that have one. */
    public Map<String, String> emails(Collection<String> units) {
        Map<String, String> emails = new HashMap<>();
        if (units.isEmpty()) {
            return emails;
        }
        jdbc.query("SELECT unit_code, email FROM unit_setting WHERE email IS NOT NULL AND unit_code = ANY (?::varchar[])",
                rs -> {
                    emails.put(rs.getString(1), rs.getString(2));
                }, (Object) units.toArray(String[]::new));
        return emails;
    }
}
