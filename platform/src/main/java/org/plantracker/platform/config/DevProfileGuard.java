package org.plantracker.platform.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code dev} profile (demo accounts whose password is in the README, webhooks to this machine)
 * is for one developer's machine: a process started with it refuses to start when its database, or
 * (the gateway) a service it routes to, is anywhere but on this machine. Checked before anything
 * connects or any account exists.
 */
public class DevProfileGuard implements EnvironmentPostProcessor, Ordered {

    static final String DEV = "dev";
    static final List<String> CHECKED = List.of("spring.datasource.url", "plan-tracker.services.task-url",
            "plan-tracker.services.progress-url", "plan-tracker.services.notification-url");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!List.of(environment.getActiveProfiles()).contains(DEV)) {
            return;
        }
        List<String> remote = new ArrayList<>();
        for (String property : CHECKED) {
            String url = environment.getProperty(property);
            if (url != null && !url.isBlank() && !isLocal(url)) {
                remote.add(property + "=" + url.replaceAll("//[^/@]*@", "//"));
            }
        }
        if (!remote.isEmpty()) {
            throw new IllegalStateException("The dev profile (demo accounts with a published password) runs only against "
                    + "a database and services on this machine, and this process is configured with " + String.join(", ", remote)
                    + ". Start it without the dev profile (SPRING_PROFILES_ACTIVE) and configure real accounts.");
        }
    }

    /** Whether every host a URL (a JDBC URL too, with one or several hosts) names is this machine. */
    static boolean isLocal(String url) {
        String text = url.startsWith("jdbc:") ? url.substring(5) : url;
        int scheme = text.indexOf("://");
        if (scheme < 0) {
            return false;
        }
        String rest = text.substring(scheme + 3);
        int end = rest.length();
        for (char stop : new char[]{'/', '?', '#'}) {
            int at = rest.indexOf(stop);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        String authority = rest.substring(0, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.isEmpty()) {
            return true; // a Unix socket
        }
        for (String hostAndPort : authority.split(",")) {
            if (!isLoopback(host(hostAndPort))) {
                return false;
            }
        }
        return true;
    }

    private static String host(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            return hostAndPort.substring(1, hostAndPort.indexOf(']') < 0 ? hostAndPort.length() : hostAndPort.indexOf(']'));
        }
        int colon = hostAndPort.indexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    /** After the configuration files are read (Boot's ConfigDataEnvironmentPostProcessor), before anything else. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

}
