package dev.cruddur.localcognito;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void anIpv4AddressCountsAsItself() {
        assertThat(ClientAddress.of("203.0.113.9").value()).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of("127.0.0.2").key()).isEqualTo("address:127.0.0.2");
    }

    @Test
    void anIpv6AddressCountsAsItsSlash64NetworkHoweverItIsWritten() {
        ClientAddress one = ClientAddress.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertThat(one.value()).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.of("[2001:0db8:0001:0002:ffff:0:0:1]")).isEqualTo(one);
        assertThat(ClientAddress.of("2001:db8:1:3::1")).isNotEqualTo(one);
        assertThat(ClientAddress.of("[0:0:0:0:0:0:0:1]").value()).isEqualTo("0:0:0:0:0:0:0:0/64");
    }

    @Test
    void anIpv4MappedAddressCountsAsTheIpv4Address() {
        assertThat(ClientAddress.of("::ffff:192.0.2.1").value()).isEqualTo("192.0.2.1");
    }
}
