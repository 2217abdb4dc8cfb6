package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CappedStreamTest {

    @Test
    void keepsEverythingUnderTheCap() {
        AtomicInteger overflows = new AtomicInteger();
        CappedStream s = new CappedStream(10, overflows::incrementAndGet);
        s.drain(new ByteArrayInputStream("hello".getBytes()));
        assertThat(s.bytes()).asString().isEqualTo("hello");
        assertThat(s.overflowed()).isFalse();
        assertThat(overflows).hasValue(0);
    }

    @Test
    void keepsExactlyTheCapAndSignalsOverflowOnce() {
        AtomicInteger overflows = new AtomicInteger();
        CappedStream s = new CappedStream(100, overflows::incrementAndGet);
        s.drain(new ByteArrayInputStream(new byte[100_000]));
        assertThat(s.bytes()).hasSize(100);
        assertThat(s.overflowed()).isTrue();
        assertThat(overflows).hasValue(1);
    }
}
