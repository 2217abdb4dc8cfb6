package io.runbox.execution.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The driver's reply line: the table field a call may add, and replies that do not count. */
class DriverChannelTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** The nonce the channel sends its driver first. */
    private static String nonce(DriverChannel ch) throws IOException {
        byte[] first = new byte[64];
        int n = ch.stdin().read(first);
        return new String(first, 0, n, StandardCharsets.UTF_8).strip();
    }

    private static DriverChannel.Reply reply(String fieldsAfterNonce) throws Exception {
        DriverChannel ch = new DriverChannel();
        String nonce = nonce(ch);
        ch.send("exec -");
        ch.stdout(("\n" + DriverChannel.MARKER + nonce + " " + fieldsAfterNonce + "\n").getBytes(StandardCharsets.UTF_8));
        return ch.await(Duration.ofMillis(200));
    }

    @Test
    void aReplyMayCarryATable() throws Exception {
        DriverChannel.Reply r = reply("1 0 " + b64("out") + " - -1 " + b64("""
                {"columns": ["a"], "records": [{"a": 1}], "html": "<table></table>", "rows": 3, "truncated": true}"""));
        assertThat(r.stdout()).isEqualTo("out");
        assertThat(r.cpuMs()).isEqualTo(-1);
        assertThat(r.table().columns()).containsExactly("a");
        assertThat(r.table().records()).containsExactly(Map.of("a", 1));
        assertThat(r.table().rows()).isEqualTo(3);
        assertThat(r.table().truncated()).isTrue();
    }

    @Test
    void aTableThatIsNotOneIsDroppedAndTheReplyStands() throws Exception {
        DriverChannel.Reply r = reply("1 0 - - -1 " + b64("[1, 2"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.table()).isNull();
        assertThat(reply("1 0 - - -1 " + b64("{\"columns\": 5}")).table()).isNull();
    }

    @Test
    void aReplyWithoutATableHasNone() throws Exception {
        assertThat(reply("1 0 - -").table()).isNull();
        assertThat(reply("1 0 - - 12").cpuMs()).isEqualTo(12);
    }

    @Test
    void aLineWithMoreFieldsIsNoReply() throws Exception {
        assertThat(reply("1 0 - - -1 - extra")).isNull();
    }
}
