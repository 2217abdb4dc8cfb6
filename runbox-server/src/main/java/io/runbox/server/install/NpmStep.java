package io.runbox.server.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One npm package spec ({@code coffeescript@2.7.0}, or {@code typescript-4@npm:typescript@4.9.5} for a second
 * version under a name of its own) in {@code {prefix}/npm}. npm puts a package in place whole, so one that is there
 * is complete.
 */
record NpmStep(Path npmDir, String spec, boolean offline) implements Step {

    /** The folder name under {@code node_modules}: the spec without its version (a scope's {@code @} kept). */
    String name() {
        int at = spec.indexOf('@', 1);
        return at < 0 ? spec : spec.substring(0, at);
    }

    @Override
    public String describe() {
        return "npm install " + spec;
    }

    @Override
    public boolean installed() {
        return Files.isRegularFile(npmDir.resolve("node_modules").resolve(name()).resolve("package.json"));
    }

    @Override
    public long sizeBytes() {
        return -1;
    }

    @Override
    public void install() throws IOException {
        Files.createDirectories(npmDir);
        Path manifest = npmDir.resolve("package.json");
        if (!Files.exists(manifest)) {
            Files.writeString(manifest, "{\"name\":\"runbox-toolchains\",\"private\":true}\n");
        }
        List<String> argv = new java.util.ArrayList<>(List.of("npm", "install", "--no-audit", "--no-fund",
                "--loglevel=error"));
        if (offline) {
            argv.add("--offline");
        }
        argv.add(spec);
        if (!HostCommand.shown(argv, npmDir).ok()) {
            throw new IOException("npm could not install " + spec);
        }
    }

    @Override
    public void uninstall() throws IOException {
        if (installed() && !HostCommand.shown(List.of("npm", "uninstall", "--no-audit", "--no-fund",
                "--loglevel=error", name()), npmDir).ok()) {
            throw new IOException("npm could not remove " + name());
        }
    }
}
