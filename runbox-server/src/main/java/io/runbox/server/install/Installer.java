package io.runbox.server.install;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Installs and removes the steps of recipes, saying what it does, step n of m, with sizes where they are known
 * before. Idempotent: installed steps are skipped; a step counts as done only when it is found installed after it
 * ran, whatever its tool answered. A step that fails is reported and the others still run; the
 * command then fails, and running it again resumes with what is missing.
 */
public final class Installer {
    private final Path prefix;
    private final PrintStream out;
    private final boolean offline;

    /**
     * @param prefix  Runbox's toolchain prefix ({@code /opt/runbox}): npm packages and Maven artifacts go there
     * @param offline take only what apt, npm and Maven have cached on this machine; download nothing
     */
    public Installer(Path prefix, PrintStream out, boolean offline) {
        this.prefix = prefix;
        this.out = out;
        this.offline = offline;
    }

    /**
     * The steps of {@code recipe}: its Debian packages as one (for a kind that lives in a root image: the image, then
     * the packages in it), then each npm package and Maven artifact, then its {@code prepare} command.
     */
    List<Step> steps(Recipe recipe) {
        List<Step> steps = new ArrayList<>();
        if (recipe.image() != null) {
            RootImage image = RootImage.of(prefix, recipe.image());
            steps.add(new ImageStep(image, offline));
            if (!recipe.spec().debian().isEmpty()) {
                steps.add(new ImagePackagesStep(image, recipe.spec().debian(), offline));
            }
        } else if (!recipe.spec().debian().isEmpty()) {
            steps.add(new AptStep(recipe.spec().debian(), recipe.spec().aptSuites(), offline));
        }
        recipe.spec().npm().forEach(s -> steps.add(new NpmStep(prefix.resolve("npm"), s, offline)));
        recipe.spec().maven().forEach(m -> steps.add(new MavenStep(prefix.resolve("maven"), m, offline)));
        if (recipe.spec().prepare() != null) {
            steps.add(PrepareStep.of(recipe.spec().prepare(), prefix, recipe.language().dir()));
        }
        return steps;
    }

    /** Whether everything {@code recipe} installs is installed. */
    public boolean installed(Recipe recipe) throws IOException {
        for (Step s : steps(recipe)) {
            if (!s.installed()) {
                return false;
            }
        }
        return true;
    }

    /** The bytes installing {@code recipe}'s missing steps would add, or -1 when some are not known before. */
    public long missingBytes(Recipe recipe) throws IOException {
        long total = 0;
        for (Step s : steps(recipe)) {
            long b = s.installed() ? 0 : s.sizeBytes();
            if (b < 0) {
                return -1;
            }
            total += b;
        }
        return total;
    }

    /** Installs what {@code recipes} need and is missing. @return the steps that failed, with why */
    public List<String> install(List<Recipe> recipes) throws IOException {
        Map<Step, Recipe> todo = new LinkedHashMap<>();
        for (Recipe r : recipes) {
            for (Step s : steps(r)) {
                if (!todo.containsKey(s) && !s.installed()) {
                    todo.put(s, r);
                }
            }
        }
        if (todo.isEmpty()) {
            out.println("everything asked for is installed");
            return List.of();
        }
        out.printf("%d step(s) to install%n", todo.size());
        List<String> failed = new ArrayList<>();
        int n = 0;
        for (Map.Entry<Step, Recipe> e : todo.entrySet()) {
            n++;
            Step s = e.getKey();
            long bytes = s.sizeBytes();
            out.printf("[%d/%d] %s (%s): %s%s%n", n, todo.size(), e.getValue().language().id(), e.getValue().kind(),
                    s.describe(), bytes > 0 ? ", " + megabytes(bytes) + " to install" : "");
            long start = System.nanoTime();
            try {
                s.install();
                if (!s.installed()) {
                    throw new IOException("the installer answered success, but it is still not installed");
                }
                out.printf("[%d/%d] done in %.1f s%n", n, todo.size(), (System.nanoTime() - start) / 1e9);
            } catch (IOException | IllegalArgumentException ex) {
                out.printf("[%d/%d] failed: %s%n", n, todo.size(), ex.getMessage());
                failed.add(s.describe() + ": " + ex.getMessage());
            }
        }
        return failed;
    }

    /**
     * Removes what {@code recipes} installed, except what a recipe of {@code keeping} (the languages that stay)
     * installs too, which is kept and named. @return the steps that failed, with why
     */
    public List<String> uninstall(List<Recipe> recipes, List<Recipe> keeping) throws IOException {
        Set<String> shared = new LinkedHashSet<>();
        keeping.forEach(r -> shared.addAll(r.items()));
        List<String> failed = new ArrayList<>();
        for (Recipe r : recipes) {
            for (Step s : steps(r)) {
                Step kept = s;
                if (s instanceof AptStep apt) {
                    List<String> own = removable(r, apt.packages(), shared, apt.dragging());
                    if (own.isEmpty()) {
                        continue;
                    }
                    kept = new AptStep(own, apt.suites(), offline);
                } else if (s instanceof ImagePackagesStep pkgs) {
                    List<String> own = removable(r, pkgs.packages(), shared, pkgs.dragging());
                    if (own.isEmpty()) {
                        continue;
                    }
                    kept = new ImagePackagesStep(pkgs.image(), own, offline);
                } else if (s instanceof ImageStep image) {
                    if (image.installed()) {
                        out.printf("%s: keeping the %s root image, which other toolchains may share (rm -rf %s"
                                + " removes it)%n", r.language().id(), image.image().suite(), image.image().root());
                    }
                    continue;
                } else if (s instanceof NpmStep npm && shared.contains(npm.spec())) {
                    out.printf("%s: keeping %s, which other languages use%n", r.language().id(), npm.spec());
                    continue;
                }
                try {
                    out.printf("%s (%s): removing %s%n", r.language().id(), r.kind(), kept.describe()
                            .replace("apt-get install", "apt-get remove").replace("npm install", "npm uninstall"));
                    kept.uninstall();
                } catch (IOException ex) {
                    failed.add(kept.describe() + ": " + ex.getMessage());
                }
            }
        }
        return failed;
    }

    /**
     * The packages of {@code recipe}'s step that may go: not those another language that stays installs, nor those
     * whose removal would take other packages along ({@code dragging}); each kept one is named, with why.
     */
    private List<String> removable(Recipe recipe, List<String> packages, Set<String> shared,
                                   Map<String, List<String>> dragging) {
        List<String> own = new ArrayList<>();
        for (String p : packages) {
            if (shared.contains(p)) {
                out.printf("%s: keeping %s, which other languages use%n", recipe.language().id(), p);
            } else if (dragging.containsKey(p)) {
                out.printf("%s: keeping %s: removing it would also remove %s%n", recipe.language().id(), p,
                        String.join(", ", dragging.get(p)));
            } else {
                own.add(p);
            }
        }
        return own;
    }

    static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
