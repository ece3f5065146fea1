package io.dagflow.handler.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dagflow.handler.HandlerException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpDestinationsTest {

    private static final String HINT = "; ask for it";

    @Test
    void theWildcardCoversPublicAddressesButNoInternalOne() throws Exception {
        HttpDestinations any = HttpDestinations.of(List.of("*"), HINT);

        any.check(URI.create("http://93.184.215.14/"), "GET http://93.184.215.14/");
        any.check(URI.create("http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/"), "GET ipv6");
        for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "[::1]", "[fe80::1]", "[fd00:ec2::254]", "[::ffff:127.0.0.1]")) {
            assertThat(refusal(any, "http://" + internal + "/latest/meta-data/"))
                    .as(internal).contains("is not an allowed destination").endsWith(HINT);
        }
        assertThat(refusal(any, "http://169.254.169.254/")).contains("a link-local address");
    }

    @Test
    void anInternalAddressIsAllowedOnlyByAPatternThatNamesIt() throws Exception {
        HttpDestinations listed = HttpDestinations.of(List.of("*", "localhost", "10.0.0.0/8", "fd00::/8"), HINT);

        listed.check(URI.create("http://localhost:8080/"), "GET localhost");
        listed.check(URI.create("http://10.200.3.4/"), "GET 10.200.3.4");
        listed.check(URI.create("http://[fd12::1]/"), "GET fd12::1");
        assertThat(refusal(listed, "http://127.0.0.1/")).contains("127.0.0.1, a loopback address");
        assertThat(refusal(listed, "http://11.0.0.1.nip.invalid/")).contains("unknown host");
    }

    @Test
    void withoutTheWildcardOnlyTheListedHostsAreAllowed() throws Exception {
        HttpDestinations listed = HttpDestinations.of(List.of("*.example.com", "93.184.215.14"), HINT);

        listed.check(URI.create("http://93.184.215.14/"), "GET");
        assertThat(refusal(listed, "http://93.184.215.15/")).contains("which no allowed host pattern matches");
        assertThat(refusal(listed, "http://[::1]/")).contains("a loopback address");
    }

    @Test
    void domainPatternsMatchSubdomainsOnly() {
        assertThat(HttpDestinations.matchesName("*.example.com", "api.example.com")).isTrue();
        assertThat(HttpDestinations.matchesName("*.example.com", "a.b.example.com")).isTrue();
        assertThat(HttpDestinations.matchesName("*.example.com", "example.com")).isFalse();
        assertThat(HttpDestinations.matchesName("*.example.com", "evilexample.com")).isFalse();
        assertThat(HttpDestinations.matchesName("api.example.com", "api.example.com.evil.test")).isFalse();
    }

    @Test
    void noPatternAllowsNothingAndUnrestrictedAllowsEverything() throws Exception {
        assertThat(refusal(HttpDestinations.ofLines(" \n", HINT), "http://127.0.0.1/"))
                .contains("is not an allowed destination");
        HttpDestinations.unrestricted().check(URI.create("http://127.0.0.1/"), "GET");
        assertThat(HttpDestinations.unrestricted().isUnrestricted()).isTrue();
    }

    @Test
    void aPatternThatIsNoneIsRefusedByName() {
        assertThatThrownBy(() -> HttpDestinations.ofLines("api.example.com\nhttp://x/", HINT))
                .hasMessageStartingWith("'http://x/' is not a host pattern");
        assertThatThrownBy(() -> HttpDestinations.of(List.of("10.0.0.0/33"), HINT))
                .hasMessage("'10.0.0.0/33' has a prefix length outside 0 to 32");
        assertThatThrownBy(() -> HttpDestinations.of(List.of("10.0.0/8"), HINT))
                .hasMessageStartingWith("'10.0.0/8' is not a host pattern");
    }

    @Test
    void internalKindsAreNamed() throws Exception {
        assertThat(HttpDestinations.internalKind(InetAddress.getByName("192.168.0.1"))).isEqualTo("private");
        assertThat(HttpDestinations.internalKind(InetAddress.getByName("100.127.255.255")))
                .isEqualTo("carrier-grade NAT");
        assertThat(HttpDestinations.internalKind(InetAddress.getByName("100.128.0.1"))).isNull();
        assertThat(HttpDestinations.internalKind(InetAddress.getByName("224.0.0.1"))).isEqualTo("multicast");
    }

    private static String refusal(HttpDestinations destinations, String url) {
        HandlerException refused = catchThrowableOfType(HandlerException.class,
                () -> destinations.check(URI.create(url), "GET " + url));
        assertThat(refused).as(url + " refused").isNotNull();
        return refused.getMessage();
    }
}
