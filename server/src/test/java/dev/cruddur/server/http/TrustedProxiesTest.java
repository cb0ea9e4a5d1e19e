package dev.cruddur.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address a request is counted under, for every shape of {@code X-Forwarded-For}. */
class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/16, 192.168.7.7 ,fd00::/8");

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        assertThat(TrustedProxies.NONE.clientAddress("198.51.100.1", List.of("203.0.113.5"))).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("198.51.100.1", List.of("203.0.113.5"))).isEqualTo("198.51.100.1");
    }

    @Test
    void fromATrustedPeerTheRightMostUntrustedAddressIsTheClient() {
        assertThat(proxies.clientAddress("10.0.3.4", List.of("203.0.113.5"))).isEqualTo("203.0.113.5");
        assertThat(proxies.clientAddress("10.0.3.4", List.of("1.1.1.1, 203.0.113.5, 192.168.7.7"))).isEqualTo("203.0.113.5");
        // Several headers read as one list, in order.
        assertThat(proxies.clientAddress("10.0.3.4", List.of("1.1.1.1", "203.0.113.5"))).isEqualTo("203.0.113.5");
        assertThat(proxies.clientAddress("fd12::1", List.of("2001:db8::7"))).isEqualTo("2001:db8:0:0:0:0:0:7");
    }

    @Test
    void aTrustedPeerWithNothingUsableBeyondItIsTheClientItself() {
        assertThat(proxies.clientAddress("10.0.3.4", List.of())).isEqualTo("10.0.3.4");
        // Names are never looked up: what is not an address stops the walk at the hop that passed it on.
        assertThat(proxies.clientAddress("10.0.3.4", List.of("example.com"))).isEqualTo("10.0.3.4");
        assertThat(proxies.clientAddress("10.0.3.4", List.of("203.0.113.5, unknown, 192.168.7.7"))).isEqualTo("192.168.7.7");
        // All trusted: the farthest of them.
        assertThat(proxies.clientAddress("10.0.3.4", List.of("10.0.9.9, 192.168.7.7"))).isEqualTo("10.0.9.9");
    }

    @Test
    void blocksMatchByTheirPrefixOnly() throws Exception {
        TrustedProxies odd = TrustedProxies.parse("172.16.0.0/12,0.0.0.0/0");
        assertThat(odd.contains(InetAddress.getByName("8.8.8.8"))).isTrue();
        TrustedProxies twelve = TrustedProxies.parse("172.16.0.0/12");
        assertThat(twelve.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(twelve.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(twelve.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(proxies.contains(InetAddress.getByName("10.1.0.0"))).isFalse();
    }

    @Test
    void anEntryThatIsNoAddressOrBlockIsRefusedByName() {
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/16,balancer.internal"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'balancer.internal'");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("TRUSTED_PROXIES");
        assertThat(TrustedProxies.parse(" , ").isEmpty()).isTrue();
    }
}
