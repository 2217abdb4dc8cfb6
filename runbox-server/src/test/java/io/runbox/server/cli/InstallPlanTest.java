package io.runbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.server.RunboxScript;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code ./runbox setup} installs: the default set with its libraries, less those {@code --without} names. */
class InstallPlanTest {

    @Test
    void theDefaultSetHasTheScientificLibraryAndWithoutLeavesItOut() throws Exception {
        RunboxScript.Outcome all = RunboxScript.run(Map.of(), "install-plan");
        assertThat(all.exit()).as(all.stderr()).isZero();
        assertThat(all.stdout()).contains("debian python3.11\n", "debian python3-numpy\n", "debian python3-matplotlib\n",
                "debian python3-sympy\n").endsWith("prepare python@scientific\n");

        RunboxScript.Outcome without = RunboxScript.run(Map.of(), "install-plan", "--without", "python@scientific");
        assertThat(without.exit()).as(without.stderr()).isZero();
        assertThat(without.stdout()).contains("debian python3.11\n").doesNotContain("numpy").doesNotContain("prepare");
    }

    @Test
    void aLibraryThatIsNotOneIsAUsageError() throws Exception {
        RunboxScript.Outcome o = RunboxScript.run(Map.of(), "install-plan", "--without", "python@scientifc");
        assertThat(o.exit()).isEqualTo(2);
        assertThat(o.stderr()).contains("--without names no library of the default set: python@scientifc");
        assertThat(o.stdout()).isEmpty();
    }
}
