package io.runbox.sandbox.seccomp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.runbox.core.BoxCommand;
import io.runbox.core.BoxIo;
import io.runbox.core.BoxResult;
import io.runbox.core.Limits;
import io.runbox.core.Workspace;
import io.runbox.sandbox.BubblewrapSandbox;
import io.runbox.sandbox.SandboxConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The policy of {@link DenyList} as a program in a real bubblewrap box meets it: a C program compiled on the host
 * ({@code seccomp_probe.c}) makes each denied syscall, opens sockets of every family and tries personalities, and
 * prints the errno each one got.
 */
class SeccompInTheBoxTest {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8");
    private static final Set<Integer> OPEN_FAMILIES = Set.of(DenyList.AF_UNIX, DenyList.AF_INET, DenyList.AF_INET6,
            DenyList.AF_NETLINK);
    private static final String EAFNOSUPPORT = Integer.toString(DenyList.EAFNOSUPPORT);
    private static final String EOPNOTSUPP = "95";
    private static final int AF_PACKET = 17;
    private static final int AF_VSOCK = 40;

    private static BubblewrapSandbox sandbox;
    private static Path probe;

    @BeforeAll
    static void compileTheProbeAndCreateTheSandbox() throws Exception {
        Path target = Path.of(System.getProperty("runbox.home", "..")).resolve("runbox-sandbox/target");
        Path source = Path.of(SeccompInTheBoxTest.class.getResource("seccomp_probe.c").toURI());
        probe = target.resolve("seccomp-probe");
        Process gcc = new ProcessBuilder("gcc", "-O2", "-Wall", "-Werror", "-o", probe.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(gcc.exitValue()).as("gcc: %s", out).isZero();
        sandbox = BubblewrapSandbox.create(SandboxConfig.defaults(target.resolve("runbox-boxlaunch")));
    }

    @Test
    void everyDeniedSyscallAnswersItsErrnoInTheBox() throws Exception {
        List<String> args = new ArrayList<>(List.of("syscalls"));
        Map<String, String> expected = new LinkedHashMap<>();
        DenyList.syscalls().forEach((name, errno) -> {
            int nr = SyscallTable.X86_64.number(name);
            args.add(Integer.toString(nr));
            expected.put("syscall " + nr + " (" + name + ")", Integer.toString(errno));
        });
        Map<String, String> answers = new LinkedHashMap<>();
        probeInBox(args).forEach((key, answer) -> answers.put(key + " (" + nameOf(key) + ")", answer));
        assertThat(answers).containsExactlyEntriesOf(expected);
    }

    @Test
    void onlyUnixIpAndRouteNetlinkSocketsOpenInTheBox() throws Exception {
        Map<String, String> answers = probeInBox(List.of("sockets"));
        for (int family = 0; family < 64; family++) {
            assertThat(answers.get("socket " + family)).as("socket family %d", family)
                    .isEqualTo(OPEN_FAMILIES.contains(family) ? "ok" : EAFNOSUPPORT);
        }
        assertThat(answers).containsEntry("netlink 0", "ok"); // NETLINK_ROUTE
        for (int protocol : new int[] {4, 9, 12, 15, 16}) {
            assertThat(answers.get("netlink " + protocol)).as("netlink protocol %d", protocol).isEqualTo(EAFNOSUPPORT);
        }
        assertThat(answers).containsEntry("socketpair " + DenyList.AF_UNIX, "ok")
                .containsEntry("socketpair " + DenyList.AF_INET, EOPNOTSUPP) // the filter lets it through to the kernel
                .containsEntry("socketpair " + AF_VSOCK, EAFNOSUPPORT)
                .containsEntry("socketpair " + AF_PACKET, EAFNOSUPPORT)
                .containsEntry("socket-high " + AF_VSOCK, EAFNOSUPPORT)
                .containsEntry("socket-high " + DenyList.AF_UNIX, "ok");
    }

    @Test
    void personalityRunsOnlyWithHarmlessValuesInTheBox() throws Exception {
        Map<String, String> answers = probeInBox(List.of("personality", "ffffffff", "0", "8", "40000", "400000",
                "100000"));
        assertThat(answers).containsExactlyInAnyOrderEntriesOf(Map.of(
                "personality ffffffff", "ok", "personality 0", "ok", "personality 8", "ok",
                "personality 40000", "1", "personality 400000", "1", "personality 100000", "1"));
    }

    /**
     * vsock is not namespaced: before the filter refused AF_VSOCK, a box listening on a vsock port made the host's
     * bind of that port fail with EADDRINUSE. The box tries to listen and stays up; meanwhile the host binds the
     * same port.
     */
    @Test
    void aBoxCannotTakeAVsockPortFromTheHost() throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        BoxIo io = new BoxIo() {
            @Override
            public void stdout(byte[] chunk) {
                synchronized (streamed) {
                    streamed.writeBytes(chunk);
                }
            }

            @Override
            public void stderr(byte[] chunk) {
            }
        };
        try (Workspace ws = sandbox.newWorkspace()) {
            Files.copy(probe, ws.dir().resolve("probe"), StandardCopyOption.COPY_ATTRIBUTES);
            BoxCommand listen = new BoxCommand(List.of("./probe", "vsock-listen", Integer.toString(port), "8"), ENV,
                    null, limits(), List.of(), io);
            CompletableFuture<BoxResult> box = CompletableFuture.supplyAsync(() -> {
                try {
                    return sandbox.run(ws, listen);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String line = "vsock-listen " + port + " ";
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!text(streamed).contains("\n") && !box.isDone() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
                assertThat(text(streamed)).as("the box's answer").isEqualTo(line + EAFNOSUPPORT + "\n");
            assertThat(box.isDone()).as("the box still runs while the host binds").isFalse();

            Process host = new ProcessBuilder(probe.toString(), "vsock-listen", Integer.toString(port), "0")
                    .redirectErrorStream(true).start();
            assertThat(host.waitFor(10, TimeUnit.SECONDS)).isTrue();
            String hostAnswer = new String(host.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeThat(hostAnswer).as("this host has no vsock (AF_VSOCK unsupported or no transport); only the box's"
                    + " refusal was checked").isNotIn(line + EAFNOSUPPORT + "\n", line + "19\n");
            assertThat(hostAnswer).as("the host binds the vsock port the box tried").isEqualTo(line + "ok\n");
            assertThat(box.get(20, TimeUnit.SECONDS).exitCode()).isZero();
        }
    }

    private static Limits limits() {
        return Limits.DEFAULTS.withWallTime(Duration.ofSeconds(15));
    }

    private static String text(ByteArrayOutputStream streamed) {
        synchronized (streamed) {
            return streamed.toString(StandardCharsets.UTF_8);
        }
    }

    /** Runs the probe in a fresh box; its output lines "WHAT KEY ANSWER" as "WHAT KEY" to ANSWER, in order. */
    private static Map<String, String> probeInBox(List<String> args) throws Exception {
        try (Workspace ws = sandbox.newWorkspace()) {
            Files.copy(probe, ws.dir().resolve("probe"), StandardCopyOption.COPY_ATTRIBUTES);
            List<String> argv = new ArrayList<>(List.of("./probe"));
            argv.addAll(args);
            BoxResult r = sandbox.run(ws, new BoxCommand(argv, ENV, null, limits()));
                String out = new String(r.stdout(), StandardCharsets.UTF_8);
            assertThat(r.exitCode()).as("probe %s: %s %s", args, out, new String(r.stderr(), StandardCharsets.UTF_8))
                    .isZero();
            Map<String, String> answers = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                int last = line.lastIndexOf(' ');
                answers.put(line.substring(0, last), line.substring(last + 1));
            }
            return answers;
        }
    }

    private static String nameOf(String syscallKey) {
        int nr = Integer.parseInt(syscallKey.substring("syscall ".length()));
        return SyscallTable.X86_64.numbers().entrySet().stream().filter(e -> e.getValue() == nr)
                .map(Map.Entry::getKey).findFirst().orElse("?");
    }
}
