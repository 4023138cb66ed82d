package io.decisionlog.deploy.local;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** The kernel's notation of bound addresses, as /proc/net/tcp and tcp6 write them. */
class ListeningSocketsTest {

    @Test
    void shouldReadIpv4AddressesInTheKernelsByteOrder() throws Exception {
        assertThat(ListeningSockets.address("0100007F:1F90")).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(ListeningSockets.address("0202000A:0016")).isEqualTo(new InetSocketAddress("10.0.2.2", 22));
        assertThat(ListeningSockets.address("00000000:2384").getAddress().getHostAddress()).isEqualTo("0.0.0.0");
    }

    @Test
    void shouldReadIpv6AddressesAndTellMappedIpv4FromTheWildcard() throws Exception {
        assertThat(ListeningSockets.address("0000000000000000FFFF00000100007F:1F90"))
                .isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(ListeningSockets.address("00000000000000000000000001000000:0050").getAddress().getHostAddress())
                .isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(ListeningSockets.address("00000000000000000000000000000000:0050").getAddress().getHostAddress())
                .isEqualTo("0:0:0:0:0:0:0:0");
    }
}
