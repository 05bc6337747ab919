package org.plantracker.notification.command;

import org.junit.jupiter.api.Test;
import org.plantracker.notification.config.NotificationProperties;
import org.plantracker.platform.problem.DomainException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhooks go only to http(s) URLs on public addresses unless configuration allows otherwise. */
class WebhookTargetsTest {

    static WebhookTargets targets(boolean allowPrivate) {
        return new WebhookTargets(new NotificationProperties(null,
                new NotificationProperties.Webhooks(null, null, null, allowPrivate, null, null, null),
                null, null, null, null));
    }

    @Test
    void loopbackPrivateLinkLocalAndOtherReservedAddressesAreNotPublic() throws Exception {
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1")) {
            assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).as(address).isFalse();
        }
        for (String address : List.of("8.8.8.8", "223.5.5.5", "2400:3200::1")) {
            assertThat(WebhookTargets.isPublic(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void aUrlToAPrivateTargetIsRefusedNamingTheUrlField() {
        WebhookTargets strict = targets(false);
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "https://10.0.0.8/x",
                "http://[::1]/x", "http://169.254.169.254/latest/meta-data")) {
            assertThatThrownBy(() -> strict.check(url)).as(url).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.errors()).singleElement().satisfies(p -> assertThat(p.field()).isEqualTo("url")));
        }
        assertThatThrownBy(() -> strict.resolvePermitted("localhost")).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void onlyHttpAndHttpsWithAHostAndNoCredentials() {
        WebhookTargets open = targets(true);
        for (String url : List.of("ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://127.0.0.1", "http:///nohost",
                "http://user:pw@127.0.0.1/x", "not a url", "javascript:alert(1)")) {
            assertThatThrownBy(() -> open.check(url)).as(url).isInstanceOf(DomainException.class);
        }
        assertThat(open.check("http://127.0.0.1:9/hook").getHost()).isEqualTo("127.0.0.1");
    }
}
