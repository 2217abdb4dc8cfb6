package io.runbox.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The callback rule over literal addresses: refused before any connection, so no packet leaves. */
class CallbackTargetsTest {
    private final CallbackTargets publicOnly = new CallbackTargets(false);

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            http://127.0.0.1:8080/cb              | loopback
            http://localhost/cb                   | loopback
            http://10.1.2.3/cb                    | private-use
            http://192.168.0.5/                   | private-use
            http://172.16.0.1/                    | private-use
            http://169.254.169.254/latest         | link-local
            http://0.0.0.0/                       | "this network"
            http://100.64.0.1/                    | carrier-grade NAT
            http://100.127.255.254/               | carrier-grade NAT
            http://198.18.0.1/                    | benchmarking
            http://198.19.255.255/                | benchmarking
            http://192.0.0.8/                     | IETF protocol assignments
            http://192.0.2.1/                     | TEST-NET-1
            http://198.51.100.7/                  | TEST-NET-2
            http://203.0.113.9/                   | TEST-NET-3
            http://192.88.99.1/                   | 6to4 relay
            http://192.31.196.1/                  | AS112
            http://224.0.0.1/                     | multicast
            http://240.0.0.1/                     | reserved
            http://255.255.255.255/               | broadcast
            http://[::1]/cb                       | loopback
            http://[::]/                          | unspecified
            http://[fd00::1]/                     | unique local
            http://[fe80::1]/                     | link-local
            http://[fec0::1]/                     | site-local
            http://[ff02::1]/                     | multicast
            http://[::ffff:127.0.0.1]/            | loopback
            http://[::ffff:10.0.0.1]/             | private-use
            http://[::127.0.0.1]/                 | IPv4-compatible
            http://[::8.8.8.8]/                   | IPv4-compatible
            http://[64:ff9b::a00:1]/              | NAT64 form of a private-use
            http://[64:ff9b::7f00:1]/             | NAT64 form of a loopback
            http://[64:ff9b:1::808:808]/          | local-use IPv4/IPv6 translation
            http://[2002:a00:1::1]/               | 6to4 form of a private-use
            http://[2002:c0a8:1::1]/              | 6to4 form of a private-use
            http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/ | Teredo
            http://[2001:2::1]/                   | IETF protocol assignments
            http://[2001:db8::1]/                 | documentation
            http://[3fff::1]/                     | documentation
            http://[100::1]/                      | discard-only
            http://[5f00::1]/                     | segment routing
            http://[4000::1]/                     | not in the global unicast space
            """)
    void specialPurposeAddressesAreRefused(String url, String range) {
        assertThatThrownBy(() -> publicOnly.check(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private address").hasMessageContaining(range);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/hook", "http://8.8.8.8/", "http://100.128.0.1/", "http://100.63.255.255/",
            "http://198.17.255.255/", "http://198.20.0.1/", "http://[2606:4700:4700::1111]/",
            "http://[::ffff:8.8.8.8]/", "http://[64:ff9b::808:808]/", "http://[2002:808:808::1]/"})
    void globalUnicastPasses(String url) {
        assertThatCode(() -> publicOnly.check(url)).doesNotThrowAnyException();
    }

    @Test
    void theOperatorsOptInAllowsPrivateTargets() {
        assertThatCode(() -> new CallbackTargets(true).check("http://127.0.0.1:9/cb")).doesNotThrowAnyException();
        assertThatCode(() -> new CallbackTargets(true).check("http://100.64.0.1/cb")).doesNotThrowAnyException();
    }

    @Test
    void oneRefusedAddressAmongManyRefusesTheName() throws Exception {
        CallbackTargets t = new CallbackTargets(false, host -> List.of(InetAddress.getByName("8.8.8.8"),
                InetAddress.getByName("10.0.0.1")));
        assertThatThrownBy(() -> t.check("http://mixed.example/")).hasMessageContaining("10.0.0.1");
    }

    @Test
    void theNameIsResolvedOnceAndTheCheckedAddressesAreTheTarget() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        CallbackTargets t = new CallbackTargets(false, host -> {
            lookups.incrementAndGet();
            return List.of(InetAddress.getByName("8.8.4.4"));
        });
        CallbackTargets.Target target = t.resolve("https://hooks.example/cb");
        assertThat(lookups.get()).isEqualTo(1);
        assertThat(target.addresses()).containsExactly(InetAddress.getByName("8.8.4.4"));
        assertThat(target.uri().getHost()).isEqualTo("hooks.example");
    }

    @Test
    void onlyAbsoluteHttpUrls() {
        assertThatThrownBy(() -> publicOnly.check("ftp://93.184.216.34/")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> publicOnly.check("/relative")).hasMessageContaining("http or https");
    }
}
