package io.runbox.server.install;

import io.runbox.execution.DidYouMean;
import io.runbox.execution.catalogue.InstallSpec;
import io.runbox.execution.catalogue.LanguageDefinition;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The recipes a command line names: {@code NAME} (a language id or alias: all its kinds), {@code NAME@KIND} (one
 * kind: {@code c@clang}; or the kinds from one root image: {@code python@trixie}), {@code NAME@VERSION} (the items that version names: {@code c@clang-16},
 * {@code kotlin@2.1.21}), or a whole set ({@code default}, {@code popular}, {@code all}).
 */
public final class Selection {
    private Selection() {
    }

    /** A name that names nothing; its message says what was meant or what there is. */
    public static final class UnknownNameException extends Exception {
        UnknownNameException(String message) {
            super(message);
        }
    }

    /** The recipes of {@code set}: {@code default}, {@code popular} or {@code all}. */
    public static List<Recipe> set(List<Recipe> recipes, String set) throws UnknownNameException {
        InstallSpec.Tier tier = switch (set.toLowerCase(Locale.ROOT)) {
            case "default" -> InstallSpec.Tier.DEFAULT;
            case "popular" -> InstallSpec.Tier.POPULAR;
            case "all" -> InstallSpec.Tier.EXTRA;
            default -> throw new UnknownNameException("unknown set '" + set + "' (use default, popular or all)");
        };
        return recipes.stream().filter(r -> r.inSet(tier)).toList();
    }

    /** The recipes {@code names} name, each once, in the order named. */
    public static List<Recipe> named(List<Recipe> recipes, List<String> names) throws UnknownNameException {
        Set<Recipe> out = new LinkedHashSet<>();
        for (String name : names) {
            int at = name.indexOf('@');
            String lang = at < 0 ? name : name.substring(0, at);
            LanguageDefinition d = language(recipes, lang);
            List<Recipe> ofLanguage = recipes.stream().filter(r -> r.language().id().equals(d.id())).toList();
            if (at < 0) {
                out.addAll(ofLanguage);
                continue;
            }
            String version = name.substring(at + 1);
            List<Recipe> kind = ofLanguage.stream().filter(r -> r.kind().equalsIgnoreCase(version)
                    || version.equalsIgnoreCase(r.image())).toList();
            List<Recipe> picked = !kind.isEmpty() ? kind
                    : ofLanguage.stream().map(r -> r.only(version)).filter(r -> !r.isEmpty()).toList();
            if (picked.isEmpty()) {
                List<String> offered = new ArrayList<>();
                ofLanguage.forEach(r -> offered.add(r.kind() + " (" + String.join(", ", r.items()) + ")"));
                throw new UnknownNameException(d.id() + " has no toolchain or version '" + version + "'; it offers: "
                        + String.join("; ", offered));
            }
            out.addAll(picked);
        }
        return List.copyOf(out);
    }

    private static LanguageDefinition language(List<Recipe> recipes, String name) throws UnknownNameException {
        List<String> known = new ArrayList<>();
        for (Recipe r : recipes) {
            LanguageDefinition d = r.language();
            if (d.id().equalsIgnoreCase(name) || d.aliases().stream().anyMatch(a -> a.equalsIgnoreCase(name))) {
                return d;
            }
            known.add(d.id());
            known.addAll(d.aliases());
        }
        throw new UnknownNameException("unknown language '" + name + "'" + DidYouMean.suffix(name, known)
                + " (./runbox languages available lists them)");
    }
}
