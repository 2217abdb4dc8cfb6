package io.runbox.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.QueuedInput.Offer;
import org.junit.jupiter.api.Test;

class QueuedInputTest {

    @Test
    void chunksThatWouldPassTheCapAreRefusedWholeUntilTheReaderMakesRoom() throws Exception {
        QueuedInput in = new QueuedInput(10);
        assertThat(in.offer(new byte[6])).isEqualTo(Offer.ACCEPTED);
        assertThat(in.offer(new byte[5])).isEqualTo(Offer.FULL);
        assertThat(in.offer(new byte[4])).isEqualTo(Offer.ACCEPTED);
        assertThat(in.queuedBytes()).isEqualTo(10);
        assertThat(in.read(new byte[3], 0, 3)).isEqualTo(3);
        assertThat(in.queuedBytes()).isEqualTo(7);
        assertThat(in.offer(new byte[3])).isEqualTo(Offer.ACCEPTED);
        assertThat(in.offer(new byte[1])).isEqualTo(Offer.FULL);
    }

    @Test
    void aChunkLargerThanTheCapNeverFits() {
        QueuedInput in = new QueuedInput(10);
        assertThat(in.offer(new byte[11])).isEqualTo(Offer.FULL);
        assertThat(in.queuedBytes()).isZero();
    }

    @Test
    void closedInputRefusesAndEndsAfterWhatWasQueued() throws Exception {
        QueuedInput in = new QueuedInput(10);
        in.offer(new byte[] {'a', 'b'});
        in.close();
        assertThat(in.offer(new byte[1])).isEqualTo(Offer.CLOSED);
        assertThat(in.readAllBytes()).containsExactly('a', 'b');
        assertThat(in.read()).isEqualTo(-1);
    }
}
