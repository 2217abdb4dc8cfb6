package io.runbox.server.install;

import io.runbox.execution.catalogue.ImageRoot;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The root image of one Debian suite ({@code {prefix}/rootfs/<suite>}), shared by every toolchain that lives in that
 * suite. The installer builds it with {@code mmdebstrap} ({@link ImageStep}) and installs packages into it with the
 * image's own apt ({@link ImagePackagesStep}), never with the host's.
 *
 * @param suite the Debian suite ({@code trixie}, {@code sid})
 * @param root  where the image lives
 */
record RootImage(String suite, Path root) {
    private static final String BWRAP = "/usr/bin/bwrap";

    static RootImage of(Path prefix, String suite) {
        return new RootImage(suite, ImageRoot.of(prefix, suite));
    }

    /** Whether the image is there, built to the end: a half-built one is only ever in a hidden folder. */
    boolean exists() {
        return Files.isRegularFile(root.resolve("var/lib/dpkg/status"), LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether the image's apt has package lists to install from. */
    boolean hasPackageLists() {
        try (java.util.stream.Stream<Path> lists = Files.list(root.resolve("var/lib/apt/lists"))) {
            return lists.anyMatch(p -> p.getFileName().toString().endsWith("_Packages"));
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The image's dpkg database, for {@code dpkg-query --admindir} run on the host. */
    Path dpkgDir() {
        return root.resolve("var/lib/dpkg");
    }

    /**
     * {@code cmd} run as root with the image as {@code /}, writable, with the host's network and name resolution
     * (apt downloads), in pid, IPC and UTS namespaces of its own: a package's scripts see the image, not the host.
     */
    List<String> inside(List<String> cmd) {
        List<String> argv = new ArrayList<>(List.of(BWRAP, "--bind", root.toString(), "/", "--proc", "/proc",
                "--dev", "/dev", "--perms", "1777", "--tmpfs", "/tmp", "--ro-bind", "/etc/resolv.conf", "/etc/resolv.conf",
                "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--die-with-parent",
                "--setenv", "PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "--"));
        argv.addAll(cmd);
        return argv;
    }

    /** Apt's options for any suite: sid's archive carries a {@code Valid-Until} already past on some mirrors. */
    static List<String> aptOptions() {
        return List.of("-o", "Acquire::Check-Valid-Until=false", "-o", "DPkg::Lock::Timeout=600");
    }
}
