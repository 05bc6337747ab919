package org.plantracker.notification.command;

import org.plantracker.notification.config.NotificationProperties;
import org.plantracker.platform.problem.DomainException;
import org.plantracker.platform.problem.FieldProblem;
import org.springframework.stereotype.Component;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where webhooks may go (the UrlPolicy of subscriptions): http or https URLs whose host resolves
 * only to public addresses. Loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local
 * (169.254/16, fe80::/10, cloud metadata services), carrier-grade NAT, unspecified and multicast
 * addresses are refused, unless configuration allows them (tests and the dev profile). The check
 * runs when a subscription is made and again on the addresses of every connection
 * ({@link #resolvePermitted}), so a name that later resolves elsewhere (DNS rebinding) is refused.
 */
@Component
public class WebhookTargets {

    public static final int MAX_URL = 2000;

    private final boolean allowPrivate;

    public WebhookTargets(NotificationProperties properties) {
        this.allowPrivate = properties.webhooks().allowPrivateTargets();
    }

    /** Refuses (400, field url) a URL a subscription may not use. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw bad("is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw bad("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw bad("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw bad("must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw bad("must not have a fragment");
        }
        try {
            resolvePermitted(uri.getHost());
        } catch (UnknownHostException e) {
            throw bad(e.getMessage());
        }
        return uri;
    }

    /** The host's addresses, if every one is permitted; otherwise an UnknownHostException saying why. */
    public InetAddress[] resolvePermitted(String host) throws UnknownHostException {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("names a host that does not resolve");
        }
        if (!allowPrivate) {
            List<InetAddress> refused = new ArrayList<>();
            for (InetAddress a : addresses) {
                if (!isPublic(a)) {
                    refused.add(a);
                }
            }
            if (!refused.isEmpty()) {
                throw new UnknownHostException("resolves to a loopback, private or link-local address, which webhooks may not reach");
            }
        }
        return addresses;
    }

    /** Whether an address is reachable on the public internet (not loopback, private, link-local …). */
    public static boolean isPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return false;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                   // 0.0.0.0/8
                    && !(first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))    // 198.18.0.0/15 benchmarking
                    && first < 224;                                   // multicast and reserved
        }
        if (a instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return false; // fc00::/7 unique local
            }
            if (isMappedV4(b)) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static DomainException bad(String message) {
        return DomainException.badRequest("The webhook URL " + message + ".", new FieldProblem("url", message));
    }
}
