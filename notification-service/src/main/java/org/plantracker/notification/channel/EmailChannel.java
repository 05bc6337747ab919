package org.plantracker.notification.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.plantracker.notification.command.Preferences;
import org.plantracker.notification.config.NotificationProperties;
import org.plantracker.notification.query.Inbox;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Email: each notification pushed to a unit (immediate ones and the daily digest) is also mailed to
 * the unit's address, when the unit set one. Off unless {@code plan-tracker.notifications.email.enabled}
 * is true and a mail server is configured ({@code spring.mail.host}).
 */
@Component
public class EmailChannel implements OutboundChannel {

    private final ObjectProvider<JavaMailSender> mail;
    private final Preferences preferences;
    private final ObjectMapper json;
    private final NotificationProperties.Email settings;
    private final RetrySchedule schedule;

    public EmailChannel(ObjectProvider<JavaMailSender> mail, Preferences preferences, ObjectMapper json,
                        NotificationProperties properties) {
        this.mail = mail;
        this.preferences = preferences;
        this.json = json;
        this.settings = properties.email();
        this.schedule = RetrySchedule.of(settings.retrySchedule());
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public int order() {
        return 50;
    }

    @Override
    public boolean active() {
        return settings.enabled() && mail.getIfAvailable() != null;
    }

    @Override
    public List<NewDelivery> plan(ChannelBatch batch) {
        return forNotifications(batch.notifications());
    }

    /** One email per pushed notification to a unit with an address. */
    public List<NewDelivery> forNotifications(List<Inbox.Delivered> notifications) {
        if (!active()) {
            return List.of();
        }
        Set<String> units = new LinkedHashSet<>();
        notifications.stream().filter(Inbox.Delivered::alert).forEach(n -> units.add(n.unitCode()));
        Map<String, String> emails = preferences.emails(units);
        List<NewDelivery> deliveries = new ArrayList<>();
        for (Inbox.Delivered n : notifications) {
            String to = emails.get(n.unitCode());
            if (n.alert() && to != null) {
                deliveries.add(new NewDelivery(to, null, "notification-" + n.id(), n.eventId() + "@" + n.unitCode(),
                        n.type().name(), n.title(), body(n)));
            }
        }
        return deliveries;
    }

    private String body(Inbox.Delivered n) {
        try {
            return json.writeValueAsString(Map.of("subject", "【计划督办】" + n.title(), "text",
                    n.body() + (n.taskId() == null ? "" : "\n\n任务：/api/tasks/" + n.taskId())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public AttemptResult send(Delivery delivery) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return AttemptResult.failed(null, "no mail server is configured");
        }
        try {
            JsonNode message = json.readTree(delivery.payload());
            SimpleMailMessage mailMessage = new SimpleMailMessage();
            mailMessage.setFrom(settings.from());
            mailMessage.setTo(delivery.destination());
            mailMessage.setSubject(message.path("subject").asText());
            mailMessage.setText(message.path("text").asText());
            sender.send(mailMessage);
            return AttemptResult.succeeded(null);
        } catch (MailException | IOException e) {
            return AttemptResult.failed(null, "the mail server did not take the message");
        }
    }

    @Override
    public Optional<Duration> retryAfter(int failedAttempts) {
        return schedule.after(failedAttempts);
    }
}
