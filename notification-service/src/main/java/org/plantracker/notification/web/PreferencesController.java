package org.plantracker.notification.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.plantracker.notification.command.Preferences;
import org.plantracker.notification.query.NotificationType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** The caller's unit's notification preferences: immediate or daily digest per type, and an email address. */
@RestController
@RequestMapping("/api/notifications/preferences")
@Tag(name = "notifications")
public class PreferencesController {

    private final Preferences preferences;

    public PreferencesController(Preferences preferences) {
        this.preferences = preferences;
    }

    /**
     * @param types per type, IMMEDIATE or DAILY_DIGEST; types left out stay as they are
     * @param email the unit's address for the email channel; "" removes it; absent leaves it
     */
    public record PreferencesRequest(
            @Size(max = 40, message = "must list at most 40 types")
            Map<NotificationType, Preferences.Mode> types,
            @Size(max = 254, message = "must be at most 254 characters")
            @Email(message = "must be an email address")
            String email) {
    }

    @GetMapping
    @Operation(summary = "The caller's unit's preferences: every type with IMMEDIATE or DAILY_DIGEST, and its email address")
    public Preferences.UnitPreferences get() {
        return preferences.of(Callers.unit());
    }

    @PutMapping
    @Operation(summary = "Changes the caller's unit's preferences; RED items (late, returned) cannot wait for the digest")
    public Preferences.UnitPreferences update(@Valid @RequestBody PreferencesRequest body) {
        boolean changeEmail = body.email() != null;
        String email = changeEmail && !body.email().isBlank() ? body.email().strip() : null;
        return preferences.update(Callers.unit(), body.types() == null ? Map.of() : body.types(), changeEmail, email);
    }
}
