package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.Limits;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@link LeakSuite} detects what it claims: a plant and its check run one after the other inside ONE box, as
 * two runs would in a box that kept everything, and the suite's own verdict on the check fails, naming the leak.
 */
class LeakSuiteSelfTest {
    private static BubblewrapSandbox sandbox;
    private static LeakSuite suite;

    @BeforeAll
    static void create() throws Exception {
        sandbox = BubblewrapSandbox.create(SandboxConfig.defaults(BubblewrapSandboxTest.launcher()).withWarmBoxes(0)
                .withReuseBoxes(false)); // a box of its own per run: its /dev is writable, as a fresh box's is
        suite = new LeakSuite(sandbox, LeakSuite.shapeOf(Limits.DEFAULTS.withWallTime(Duration.ofSeconds(20))));
    }

    @AfterAll
    static void close() {
        sandbox.close();
    }

    @Test
    void filesInTmpAreFound() throws Exception {
        foundInOneBox(Leak.FILES_IN_TMP, "FOUND /tmp/runbox-leak", "FOUND /tmp/.hidden/deep/f");
    }

    @Test
    void filesInDevShmAreFound() throws Exception {
        foundInOneBox(Leak.FILES_IN_DEV_SHM, "FOUND /dev/shm/runbox-leak");
    }

    @Test
    void filesInBoxDifferFromAFreshBox() throws Exception {
        differsInOneBox(Leak.FILES_IN_BOX, "runbox-leak");
    }

    @Test
    void entriesMadeInDevDifferFromAFreshBox() throws Exception {
        differsInOneBox(Leak.DEV_ENTRIES, "runbox-leak-fifo");
    }

    @Test
    void sysvIpcObjectsAreFound() throws Exception {
        foundInOneBox(Leak.SYSV_IPC, "FOUND shm id", "FOUND msg id", "FOUND sem id");
    }

    @Test
    void aPosixMessageQueueIsFound() throws Exception {
        foundInOneBox(Leak.POSIX_MESSAGE_QUEUE, "FOUND mq /runbox-leak");
    }

    @Test
    void anAbstractSocketsDaemonIsFound() throws Exception {
        foundInOneBox(Leak.ABSTRACT_SOCKET, "FOUND socket: connected", "FOUND socket: bind EADDRINUSE");
    }

    @Test
    void aDaemonIsFound() throws Exception {
        foundInOneBox(Leak.DAEMON, "sleep 601");
    }

    @Test
    void aStoppedProcessIsFound() throws Exception {
        foundInOneBox(Leak.STOPPED_PROCESS, "state T");
    }

    @Test
    void aZombieIsFound() throws Exception {
        foundInOneBox(Leak.ZOMBIE, "state Z", "sleep 603");
    }

    @Test
    void pidNumbersTellHowManyProcessesRanBefore() throws Exception {
        LeakSuite.Runs r = suite.inOneBox(Leak.PID_NUMBERS);
        assertThatThrownBy(() -> LeakSuite.assertSamePid(r)).isInstanceOf(AssertionError.class);
        assertThat(Integer.parseInt(r.checked().strip())).as("the check's pid, after the plant's 40 processes")
                .isGreaterThan(Integer.parseInt(r.planted().lines().findFirst().orElseThrow()) + 40);
    }

    /** Limits lowered with prlimit on every process the plant sees reach the shell that starts the check. */
    @Test
    void rlimitsLoweredOnTheBoxsProcessesDifferFromAFreshBox() throws Exception {
        differsInOneBox(Leak.RLIMITS, "nofiles              16");
    }

    @Test
    void anOomScoreRaisedOnTheBoxsProcessesDiffersFromAFreshBox() throws Exception {
        differsInOneBox(Leak.CGROUP, "oom_score_adj 1000");
    }

    /** The check of {@code leak}, after its plant in the same box, fails the suite's verdict naming {@code evidence}. */
    private static void foundInOneBox(Leak leak, String... evidence) throws Exception {
        LeakSuite.Runs r = suite.inOneBox(leak);
        assertThat(r.checked()).contains(evidence);
        assertThatThrownBy(() -> LeakSuite.assertFoundNothing(r, "it")).isInstanceOf(AssertionError.class)
                .message().contains(evidence);
    }

    /** The check of {@code leak}, after its plant in the same box, differs from a fresh box's, showing {@code evidence}. */
    private static void differsInOneBox(Leak leak, String evidence) throws Exception {
        String fresh = suite.freshCheck(leak);
        LeakSuite.Runs r = suite.inOneBox(leak);
        assertThat(fresh).doesNotContain(evidence);
        assertThat(r.checked()).contains(evidence);
        assertThatThrownBy(() -> LeakSuite.assertSameAsFresh(r, fresh, "it")).isInstanceOf(AssertionError.class)
                .message().contains(evidence);
    }
}
