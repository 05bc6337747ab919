package org.plantracker.notification.stream;

import org.plantracker.notification.config.NotificationProperties;
import org.plantracker.notification.query.Inbox;
import org.plantracker.notification.query.Notification;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live streams (Server-Sent Events) of the units' inboxes. Each stream sends the unit's pushed
 * notifications in position order, with the position as the SSE id; a client that reconnects with
 * {@code Last-Event-ID} gets everything after it (positions commit in order: see Inbox#deliver).
 * New notifications are announced by PostgreSQL NOTIFY at commit, so a stream on any instance
 * hears of what another instance's consumer stored; every heartbeat each stream also looks for
 * itself, so a lost announcement delays a notification by a heartbeat at most.
 */
@Component
public class NotificationStream implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NotificationStream.class);

    private final Inbox inbox;
    private final DataSourceProperties database;
    private final NotificationProperties.Stream settings;
    private final Map<String, Set<Listener>> byUnit = new ConcurrentHashMap<>();
    private ExecutorService pushers;
    private ScheduledExecutorService heartbeats;
    private Thread announcements;
    private volatile boolean running;

    public NotificationStream(Inbox inbox, DataSourceProperties database, NotificationProperties properties) {
        this.inbox = inbox;
        this.database = database;
        this.settings = properties.stream();
    }

    /** One open stream. */
    private final class Listener {
        final String unit;
        final SseEmitter emitter;
        long position;
        volatile boolean closed;

        Listener(String unit, SseEmitter emitter, long position) {
            this.unit = unit;
            this.emitter = emitter;
            this.position = position;
        }

        /** Sends everything after the stream's position; on a broken connection the stream is dropped. */
        synchronized void catchUp() {
            if (closed) {
                return;
            }
            try {
                List<Notification> next;
                do {
                    next = inbox.streamAfter(unit, position, settings.batch());
                    for (Notification n : next) {
                        emitter.send(SseEmitter.event().id(Long.toString(n.position())).name("notification")
                                .data(n, MediaType.APPLICATION_JSON));
                        position = n.position();
                    }
                } while (next.size() == settings.batch());
            } catch (IOException | IllegalStateException e) {
                drop();
            } catch (RuntimeException e) {
                log.warn("the live stream of {} could not read the inbox; it tries again at the next heartbeat", unit, e);
            }
        }

        synchronized void heartbeat() {
            if (closed) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                drop();
                return;
            }
            catchUp();
        }

        void drop() {
            closed = true;
            Set<Listener> listeners = byUnit.get(unit);
            if (listeners != null) {
                listeners.remove(this);
            }
        }
    }

    /**
     * Opens a stream for a unit.
     *
     * @param lastEventId the position the client saw last, or null for a new client (it gets what
     *                    arrives from now on)
     */
    public SseEmitter open(String unit, Long lastEventId) {
        SseEmitter emitter = new SseEmitter(settings.maxConnection().toMillis());
        long start = lastEventId != null ? lastEventId : inbox.streamHead(unit);
        Listener listener = new Listener(unit, emitter, start);
        emitter.onCompletion(listener::drop);
        emitter.onTimeout(() -> {
            listener.drop();
            emitter.complete();
        });
        emitter.onError(e -> listener.drop());
        byUnit.computeIfAbsent(unit, u -> ConcurrentHashMap.newKeySet()).add(listener);
        try {
            // tells the client how long to wait before reconnecting, and flushes the headers at once
            emitter.send(SseEmitter.event().reconnectTime(2000).comment("connected at position " + start));
        } catch (IOException e) {
            listener.drop();
            return emitter;
        }
        pushers.execute(listener::catchUp);
        return emitter;
    }

    /** Streams open on this instance (for tests and metrics). */
    public int openStreams() {
        return byUnit.values().stream().mapToInt(Set::size).sum();
    }

    void announced(String payload) {
        for (String unit : payload.split(",")) {
            Set<Listener> listeners = byUnit.get(unit);
            if (listeners != null) {
                listeners.forEach(l -> pushers.execute(l::catchUp));
            }
        }
    }

    private void everyStream(java.util.function.Consumer<Listener> action) {
        byUnit.values().forEach(listeners -> listeners.forEach(action));
    }

    @Override
    public void start() {
        running = true;
        pushers = Executors.newFixedThreadPool(2, daemon("notification-stream"));
        heartbeats = Executors.newSingleThreadScheduledExecutor(daemon("notification-stream-heartbeat"));
        long every = settings.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(() -> everyStream(l -> pushers.execute(l::heartbeat)), every, every,
                TimeUnit.MILLISECONDS);
        announcements = new Thread(this::listen, "notification-stream-listen");
        announcements.setDaemon(true);
        announcements.start();
    }

    /** LISTENs on its own connection (outside the pool: it is held for the life of the service). */
    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(database.determineUrl(),
                    database.determineUsername(), database.determinePassword())) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + Inbox.CHANNEL);
                }
                // whatever was announced while this connection was not listening
                everyStream(l -> pushers.execute(l::catchUp));
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notes = pg.getNotifications(1000);
                    if (notes != null) {
                        for (PGNotification note : notes) {
                            announced(note.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("listening for new notifications failed; live streams fall back to their heartbeat until it works again",
                            e);
                    sleep(settings.heartbeat().toMillis());
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        everyStream(l -> {
            l.closed = true;
            try {
                l.emitter.complete();
            } catch (RuntimeException ignored) {
                // already gone
            }
        });
        byUnit.clear();
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        if (pushers != null) {
            pushers.shutdownNow();
        }
        if (announcements != null) {
            announcements.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
