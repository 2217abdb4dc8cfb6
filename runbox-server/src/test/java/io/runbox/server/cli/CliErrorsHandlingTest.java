package io.runbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The general cause behind issue 13, item 14: what a command throws reaches the user as one line whatever it is, an
 * {@link Error} or an exception that only wraps the one that says what is wrong.
 */
class CliErrorsHandlingTest {

    @Command(name = "broken")
    static final class Throws implements Callable<Integer> {
        private final Throwable thrown;

        Throws(Throwable thrown) {
            this.thrown = thrown;
        }

        @Override
        public Integer call() throws Exception {
            if (thrown instanceof Exception e) {
                throw e;
            }
            throw (Error) thrown;
        }
    }

    private record Outcome(int exit, String said) {
    }

    /** Runs a command that throws {@code thrown} as {@link Main#main} runs one; what it says on stderr. */
    private static Outcome run(Throwable thrown) {
        StringWriter picocliErr = new StringWriter();
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        PrintStream before = System.err;
        System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
        try {
            int exit = CliErrors.run(() -> CliErrors.install(new CommandLine(new Throws(thrown)))
                    .setErr(new PrintWriter(picocliErr, true)).execute());
            return new Outcome(exit, picocliErr + systemErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(before);
        }
    }

    @Test
    void anErrorIsOneLineAndExitOne() {
        Outcome o = run(new OutOfMemoryError("Java heap space"));
        assertThat(o.said()).isEqualTo("runbox: Java heap space\n");
        assertThat(o.exit()).isEqualTo(CliErrors.FAILED);
    }

    /** A library left beside another version of it (an older build's target/lib) is named, with the way out. */
    @Test
    void aBuildThatDoesNotFitTogetherSaysSoAndHowToRebuild() {
        Outcome o = run(new NoSuchMethodError("'void io.prometheus.metrics.expositionformats.ExpositionFormats.init()'"));
        assertThat(o.said()).startsWith("runbox: this build of Runbox does not fit together (missing: 'void io.prometheus")
                .endsWith("rebuild it with 'rm -rf runbox-server/target && ./runbox setup'\n").hasLineCount(1);
        assertThat(o.exit()).isEqualTo(CliErrors.FAILED);
    }

    @Test
    void aWrapperIsDescribedByWhatItWrapsWithoutItsClassName() {
        Outcome o = run(new RuntimeException(new IllegalArgumentException("port out of range:99999")));
        assertThat(o.said()).isEqualTo("runbox: port out of range:99999\n");
        assertThat(o.exit()).isEqualTo(CliErrors.BAD_INPUT);

        Outcome named = run(new IllegalStateException("java.io.IOException: disk full"));
        assertThat(named.said()).isEqualTo("runbox: disk full\n");
        assertThat(named.exit()).isEqualTo(CliErrors.FAILED);
    }
}
