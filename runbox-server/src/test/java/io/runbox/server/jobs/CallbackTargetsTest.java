package io.runbox.server.jobs;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackTargetsTest {
    private final CallbackTargets publicOnly = new CallbackTargets(false);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/cb", "http://localhost/cb", "http://10.1.2.3/cb", "http://192.168.0.5/",
            "http://172.16.0.1/", "http://169.254.169.254/latest/meta-data", "http://[::1]/cb", "http://[fd00::1]/",
            "http://0.0.0.0/"})
    void privateAddressesAreRefused(String url) {
        assertThatThrownBy(() -> publicOnly.check(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("private address");
    }

    @Test
    void publicAddressesAndTheOperatorsOptInPass() {
        assertThatCode(() -> publicOnly.check("https://93.184.216.34/hook")).doesNotThrowAnyException();
        assertThatCode(() -> new CallbackTargets(true).check("http://127.0.0.1:9/cb")).doesNotThrowAnyException();
    }

    @Test
    void onlyAbsoluteHttpUrls() {
        assertThatThrownBy(() -> publicOnly.check("ftp://93.184.216.34/")).hasMessageContaining("http or https");
        assertThatThrownBy(() -> publicOnly.check("/relative")).hasMessageContaining("http or https");
    }
}
