package org.plantracker.notification.channel;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import jakarta.annotation.PreDestroy;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;
import org.plantracker.notification.command.Subscription;
import org.plantracker.notification.command.SubscriptionPolicies;
import org.plantracker.notification.command.Subscriptions;
import org.plantracker.notification.command.WebhookTargets;
import org.plantracker.notification.config.NotificationProperties;
import org.plantracker.notification.messaging.NotificationRules;
import org.plantracker.notification.messaging.RoutedEvent;
import org.springframework.stereotype.Component;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Webhooks as Standard Webhooks describes them: a POST of the event's JSON with {@code webhook-id}
 * (the same on every retry), {@code webhook-timestamp} (the attempt's, in seconds) and
 * {@code webhook-signature} ({@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} with
 * each secret in use, space-separated during a rotation's overlap). A 2xx answer is a success;
 * anything else is retried on the configured schedule. Redirects are not followed.
 */
@Component
public class WebhookChannel implements OutboundChannel {

    public static final String NAME = "webhook";

    private final Subscriptions subscriptions;
    private final EventPayloads payloads;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final CloseableHttpClient http;

    public WebhookChannel(Subscriptions subscriptions, EventPayloads payloads, WebhookTargets targets, Clock clock,
                          NotificationProperties properties) {
        this.subscriptions = subscriptions;
        this.payloads = payloads;
        this.clock = clock;
        NotificationProperties.Webhooks settings = properties.webhooks();
        this.schedule = RetrySchedule.of(settings.retrySchedule());
        DnsResolver permittedOnly = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return targets.resolvePermitted(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return targets.resolvePermitted(host)[0].getCanonicalHostName();
            }
        };
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(permittedOnly)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                                .setSocketTimeout(Timeout.of(settings.responseTimeout()))
                                .build())
                        .setMaxConnTotal(50)
                        .setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(settings.responseTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent("plan-tracker-webhooks/1")
                .build();
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<NewDelivery> plan(ChannelBatch batch) {
        List<RoutedEvent> subscribable = batch.events().stream()
                .filter(e -> NotificationRules.SUBSCRIBABLE.contains(e.eventType())).toList();
        if (subscribable.isEmpty()) {
            return List.of();
        }
        List<Subscription> active = subscriptions.active();
        List<NewDelivery> deliveries = new ArrayList<>();
        for (RoutedEvent e : subscribable) {
            String payload = null;
            for (Subscription s : active) {
                if (SubscriptionPolicies.receives(s, e.eventType(), e.facts())) {
                    payload = payload == null ? payloads.envelope(e) : payload;
                    deliveries.add(new NewDelivery(s.id(), s.id(), messageId(e.eventId()), e.eventId(), e.eventType(),
                            e.facts().taskId(), payload));
                }
            }
        }
        return deliveries;
    }

    /** The webhook-id of an event's deliveries: derived from the event, so it never changes. */
    static String messageId(String eventId) {
        return "msg_" + eventId;
    }

    @Override
    public AttemptResult send(Delivery delivery) {
        Optional<Subscription> subscription = subscriptions.find(delivery.subscriptionId());
        if (subscription.isEmpty()) {
            return AttemptResult.failed(null, "the subscription no longer exists");
        }
        List<String> secrets = subscriptions.signingSecrets(delivery.subscriptionId());
        long timestamp = clock.instant().getEpochSecond();
        HttpPost post = new HttpPost(subscription.get().url());
        post.setHeader("webhook-id", delivery.messageId());
        post.setHeader("webhook-timestamp", Long.toString(timestamp));
        post.setHeader("webhook-signature", sign(secrets, delivery.messageId(), timestamp, delivery.payload()));
        post.setEntity(new StringEntity(delivery.payload(), ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        try {
            return http.execute(post, response -> {
                int status = response.getCode();
                // read to the end, so the connection can be reused
                EntityUtils.consume(response.getEntity());
                return status >= 200 && status < 300 ? AttemptResult.succeeded(status)
                        : AttemptResult.failed(status, "the endpoint answered " + status);
            });
        } catch (UnknownHostException e) {
            return AttemptResult.failed(null, "the host does not resolve, or only to an address webhooks may not reach");
        } catch (ConnectException e) {
            return AttemptResult.failed(null, "the endpoint refused the connection");
        } catch (InterruptedIOException e) {
            return AttemptResult.failed(null, "the endpoint did not answer in time");
        } catch (SSLException e) {
            return AttemptResult.failed(null, "the TLS handshake with the endpoint failed");
        } catch (IOException e) {
            return AttemptResult.failed(null, "the connection to the endpoint failed");
        }
    }

    /** One {@code v1,<base64>} signature per secret, space-separated. */
    static String sign(List<String> secrets, String messageId, long timestamp, String payload) {
        List<String> signatures = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            try {
                signatures.add(new Webhook(secret).sign(messageId, timestamp, payload));
            } catch (WebhookSigningException e) {
                throw new IllegalStateException("a stored webhook secret cannot sign", e);
            }
        }
        return String.join(" ", signatures);
    }

    @Override
    public Optional<Duration> retryAfter(int failedAttempts) {
        return schedule.after(failedAttempts);
    }

    @Override
    public void attempted(Delivery delivery, AttemptResult result, Instant at) {
        if (result.success()) {
            subscriptions.succeeded(delivery.subscriptionId());
        } else {
            subscriptions.failed(delivery.subscriptionId(), at);
        }
    }
}
