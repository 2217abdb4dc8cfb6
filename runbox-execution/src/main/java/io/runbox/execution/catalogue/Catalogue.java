package io.runbox.execution.catalogue;

import io.runbox.execution.DidYouMean;
import io.runbox.execution.RequestRejectedException;
import io.runbox.execution.RequestRejectedException.Reason;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The languages this host can run: every definition with at least one installed toolchain, and the operator's
 * compiler aliases over them ({@link #withCompilerAliases}). {@link #probe} builds one at start. Every question is
 * answered from one consistent snapshot; {@link #replaceWith} swaps the snapshot for a new probe's (toolchains
 * installed or removed while the service runs), keeping the same operator aliases, so everything that holds this
 * catalogue sees the new one.
 */
public final class Catalogue {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Catalogue.class);

    /** One probe's answer with the aliases resolved over it. */
    private record Snapshot(List<InstalledLanguage> languages, List<LanguageDefinition> missing,
                            Map<String, InstalledLanguage> byName, Map<String, Compiler> compilerAliases,
                            Map<String, String> aliasSpelling) {
    }

    private volatile Snapshot snapshot;
    /** The operator's aliases as configured (alias to target), applied again to each new snapshot. */
    private final Map<String, String> configuredAliases;

    public Catalogue(List<InstalledLanguage> languages, List<LanguageDefinition> missing) {
        this(languages, missing, Map.of(), Map.of());
    }

    private Catalogue(List<InstalledLanguage> languages, List<LanguageDefinition> missing,
                      Map<String, Compiler> compilerAliases, Map<String, String> configuredAliases) {
        this.snapshot = snapshot(languages, missing, compilerAliases);
        this.configuredAliases = Map.copyOf(configuredAliases);
    }

    private static Snapshot snapshot(List<InstalledLanguage> languages, List<LanguageDefinition> missing,
                                     Map<String, Compiler> compilerAliases) {
        Map<String, Compiler> aliases = new LinkedHashMap<>();
        Map<String, String> spelling = new LinkedHashMap<>();
        compilerAliases.forEach((alias, c) -> {
            aliases.put(key(alias), c);
            spelling.put(key(alias), alias);
        });
        Map<String, InstalledLanguage> byName = new LinkedHashMap<>();
        for (InstalledLanguage l : languages) {
            byName.putIfAbsent(key(l.id()), l);
        }
        for (InstalledLanguage l : languages) {
            l.definition().aliases().forEach(a -> byName.putIfAbsent(key(a), l));
        }
        return new Snapshot(List.copyOf(languages), List.copyOf(missing), byName, aliases, spelling);
    }

    /**
     * Takes {@code fresh}'s languages in place of this catalogue's, with this catalogue's configured aliases over
     * them; an alias whose target is gone is dropped (logged) until a later reload finds it again.
     */
    public void replaceWith(Catalogue fresh) {
        Snapshot next = fresh.snapshot;
        Map<String, Compiler> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : configuredAliases.entrySet()) {
            try {
                resolved.putAll(resolveAliases(next, Map.of(e.getKey(), e.getValue())));
            } catch (InvalidAliasException ex) {
                LOG.warn("compilers.aliases.{} is left out after the reload: {}", e.getKey(), ex.getMessage());
            }
        }
        snapshot = snapshot(next.languages(), next.missing(), resolved);
    }

    /** Loads every definition under {@code languagesDir} and probes their toolchains in parallel. */
    public static Catalogue probe(Path languagesDir, Path prefix) throws IOException {
        return probe(languagesDir, prefix, ProbeCache.none());
    }

    /**
     * As {@link #probe(Path, Path)}, reusing the versions {@code cache} holds for toolchains that did not change,
     * and saving what this probe found into it.
     */
    public static Catalogue probe(Path languagesDir, Path prefix, ProbeCache cache) throws IOException {
        List<LanguageDefinition> defs = LanguageLoader.loadAll(languagesDir);
        ToolchainProber prober = new ToolchainProber(prefix, cache);
        List<InstalledLanguage> installed = new ArrayList<>();
        List<LanguageDefinition> missing = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<List<Compiler>>> found = defs.stream().map(d -> pool.submit(() -> {
                // Two kinds that find one version (the host's python3.13 and a root image's) give one compiler:
                // the earlier kind's.
                Map<String, Compiler> all = new LinkedHashMap<>();
                for (LanguageDefinition kind : d.perToolchain()) {
                    prober.probe(kind).forEach(c -> all.putIfAbsent(c.id(), c));
                }
                return List.copyOf(all.values());
            })).toList();
            for (int i = 0; i < defs.size(); i++) {
                List<Compiler> compilers = found.get(i).get();
                if (compilers.isEmpty()) {
                    missing.add(defs.get(i));
                } else {
                    installed.add(new InstalledLanguage(defs.get(i), compilers));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing toolchains", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("toolchain probe failed", e.getCause());
        }
        cache.save();
        return new Catalogue(installed, missing);
    }

    public List<InstalledLanguage> languages() {
        return snapshot.languages();
    }

    /** Definitions with no installed toolchain (what {@code ./runbox setup} would install). */
    public List<LanguageDefinition> missing() {
        return snapshot.missing();
    }

    /** By id or alias, case-insensitively. */
    public Optional<InstalledLanguage> find(String name) {
        return Optional.ofNullable(snapshot.byName().get(key(name)));
    }

    /**
     * The name file number {@code index} (from 0) of a request for {@code language} (id or alias) is written to:
     * {@code given} when it is neither {@code null} nor empty, else {@link LanguageDefinition#unnamedFile}. For a
     * language that is not installed, {@code main} and {@code file<index>}: the runner refuses the request anyway.
     */
    public String fileName(String language, int index, String given) {
        if (given != null && !given.isEmpty()) {
            return given;
        }
        return find(language.trim()).map(l -> l.definition().unnamedFile(index))
                .orElse(index == 0 ? "main" : "file" + index);
    }

    /** The name a single-file request for {@code language} is written to (its entry point); see {@link #fileName}. */
    public String entryFile(String language) {
        return fileName(language, 0, null);
    }

    /** The language a file extension (without dot) means, if any. */
    public Optional<InstalledLanguage> byExtension(String extension) {
        String ext = key(extension);
        return languages().stream().filter(l -> l.definition().extensions().contains(ext)).findFirst();
    }

    /** Every installed compiler of every language, in catalogue order. */
    public List<Compiler> compilers() {
        return languages().stream().flatMap(l -> l.compilers().stream()).toList();
    }

    /**
     * This catalogue with the operator's compiler aliases ({@code compilers.aliases} in {@code runbox.yaml}):
     * each alias, such as {@code python-3.14}, then names what its target names through {@link #compiler}: an
     * installed compiler id ({@code gcc-12}), or a language id or alias ({@code python}, {@code gcc}) meaning
     * that language's default compiler.
     *
     * @param aliases alias to target, in the order they are listed
     * @throws InvalidAliasException naming the first alias whose target names nothing installed, or which is
     *                               itself an installed compiler id (it would hide that compiler)
     */
    public Catalogue withCompilerAliases(Map<String, String> aliases) throws InvalidAliasException {
        Snapshot s = snapshot;
        return new Catalogue(s.languages(), s.missing(), resolveAliases(s, aliases), aliases);
    }

    private static Map<String, Compiler> resolveAliases(Snapshot s, Map<String, String> aliases)
            throws InvalidAliasException {
        Catalogue plain = new Catalogue(s.languages(), s.missing());
        Map<String, Compiler> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : aliases.entrySet()) {
            String alias = e.getKey().trim();
            if (plain.installedCompiler(alias).isPresent()) {
                throw new InvalidAliasException(e.getKey(), "'" + alias + "' is an installed compiler; an alias"
                        + " may not hide it");
            }
            String target = e.getValue() == null ? "" : e.getValue().trim();
            Compiler c = plain.installedCompiler(target).or(() -> plain.find(target).map(InstalledLanguage::defaultCompiler))
                    .orElseThrow(() -> new InvalidAliasException(e.getKey(), "target '" + target
                            + "' is neither an installed compiler nor a language; installed compilers: "
                            + String.join(", ", plain.compilers().stream().map(Compiler::id).toList())
                            + "; languages: " + String.join(", ", s.languages().stream().map(InstalledLanguage::id).toList())));
            resolved.put(alias, c);
        }
        return resolved;
    }

    /** The operator's compiler aliases (as spelled in the configuration) and the compiler each stands for. */
    public Map<String, Compiler> compilerAliases() {
        Snapshot s = snapshot;
        Map<String, Compiler> out = new LinkedHashMap<>();
        s.compilerAliases().forEach((k, c) -> out.put(s.aliasSpelling().get(k), c));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The one rule for what a client's compiler identifier names, on every door that takes one (ignoring case):
     * an installed compiler id ({@code python-3.11}); else an operator's compiler alias ({@code python-3.14}
     * when configured, see {@link #withCompilerAliases}); else a language id or alias ({@code python}), meaning
     * that language's default compiler. Empty when it names none of these: callers refuse the request and may
     * list {@link #sameToolchain} or {@link #compilers}.
     */
    public Optional<Compiler> compiler(String id) {
        String k = key(id.trim());
        Snapshot snap = snapshot;
        return installedCompiler(k).or(() -> Optional.ofNullable(snap.compilerAliases().get(k)))
                .or(() -> find(k).map(InstalledLanguage::defaultCompiler));
    }

    private Optional<Compiler> installedCompiler(String id) {
        return compilers().stream().filter(c -> c.id().equalsIgnoreCase(id)).findFirst();
    }

    /**
     * The installed compilers a compiler id stands for, installed or not (so that a refusal can list them, or a
     * client can fall back to one): those of the toolchain the id starts with ({@code python-3.14} and
     * {@code Python-3.14-dev} stand for the installed {@code python-*}; see {@link Compiler#toolchain}), else those
     * of the language whose id or alias it starts with ({@code c-99}, {@code java-21}). An id names a toolchain or
     * language when it equals its name or starts with the name and a {@code -}, ignoring case; where several
     * match, the longest name wins. Empty when the id names neither.
     */
    public List<Compiler> sameToolchain(String compilerId) {
        String id = key(compilerId.trim());
        List<Compiler> byToolchain = longestNamed(compilers(), c -> List.of(key(c.toolchain())), id);
        return !byToolchain.isEmpty() ? byToolchain : longestNamed(compilers(), c -> {
            List<String> names = new ArrayList<>(List.of(key(c.language().id())));
            c.language().aliases().forEach(a -> names.add(key(a)));
            return names;
        }, id);
    }

    /** The compilers one of whose names {@code id} names, keeping only those of the longest such name. */
    private static List<Compiler> longestNamed(List<Compiler> compilers,
                                               java.util.function.Function<Compiler, List<String>> names, String id) {
        int longest = 0;
        List<Compiler> out = new ArrayList<>();
        for (Compiler c : compilers) {
            int length = names.apply(c).stream().filter(n -> id.equals(n) || id.startsWith(n + "-"))
                    .mapToInt(String::length).max().orElse(0);
            if (length > longest) {
                longest = length;
                out.clear();
            }
            if (length > 0 && length == longest) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The compiler a request means: the newest of {@code language} that {@code selector} matches.
     *
     * @throws RequestRejectedException when the language is unknown or no installed version matches
     */
    public Compiler resolve(String language, String selector) throws RequestRejectedException {
        InstalledLanguage lang = find(language).orElseThrow(() -> new RequestRejectedException(Reason.UNKNOWN_LANGUAGE,
                unknownLanguage(language)));
        VersionSelector s = VersionSelector.parseLenient(selector);
        if (s.isDefault()) {
            return lang.defaultCompiler();
        }
        // A range takes the newest version it matches, whichever kind has it (the earlier kind on a tie).
        return lang.compilers().stream().filter(c -> s.namesCompiler(c.id())).findFirst()
                .or(() -> lang.compilers().stream().filter(c -> s.matches(c.version()))
                        .reduce((a, b) -> b.version().compareTo(a.version()) > 0 ? b : a))
                .orElseThrow(() -> new RequestRejectedException(Reason.VERSION_NOT_INSTALLED,
                        "no installed " + lang.id() + " matches version '" + selector + "'; installed: "
                                + String.join(", ", lang.compilers().stream()
                                        .map(c -> c.id() + " (" + c.version() + ")").toList())));
    }

    /**
     * What to tell a client that asked for a language this host does not have: {@code unknown language 'x'}, and
     * the installed id or alias it was probably meant to be ({@link DidYouMean}), never the whole list.
     */
    public String unknownLanguage(String name) {
        List<String> names = new ArrayList<>();
        for (InstalledLanguage l : languages()) {
            names.add(l.id());
            names.addAll(l.definition().aliases());
        }
        return "unknown language '" + name + "'" + DidYouMean.suffix(name, names);
    }

    /** What to tell a client that named a compiler id no toolchain has: the closest installed id, if one is close. */
    public String unknownCompiler(String id) {
        return "unknown compiler '" + id + "'" + DidYouMean.suffix(id, compilers().stream().map(Compiler::id).toList());
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
