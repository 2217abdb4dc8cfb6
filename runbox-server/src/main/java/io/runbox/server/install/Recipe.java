package io.runbox.server.install;

import io.runbox.execution.catalogue.InstallSpec;
import io.runbox.execution.catalogue.LanguageDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * What one kind of a language's toolchains installs: the language's own {@code install} for its first kind, an
 * entry's {@code install} for each further kind of {@code toolchains}, and a kind's packages in each root image of
 * its {@code images} ({@link LanguageDefinition#kinds}); or one of the libraries of the language's {@code install}
 * ({@link InstallSpec#libraries}), named as a kind.
 *
 * @param language the language it serves
 * @param kind     the kind's name ({@code gcc}, {@code clang}, {@code gcc/trixie}), or the library's
 *                 ({@code scientific})
 * @param spec     its packages and set
 * @param image    the Debian suite of the root image its Debian packages go into, or {@code null} for the host
 */
public record Recipe(LanguageDefinition language, String kind, InstallSpec spec, String image) {

    /** Every recipe of {@code definitions}, in their order; kinds that install nothing of their own are left out. */
    public static List<Recipe> of(List<LanguageDefinition> definitions) {
        List<Recipe> out = new ArrayList<>();
        for (LanguageDefinition d : definitions) {
            List<LanguageDefinition.ToolchainSpec> kinds = d.kinds();
            out.add(new Recipe(d, kinds.get(0).kindName(), d.install(), kinds.get(0).image()));
            for (int i = 1; i < kinds.size(); i++) {
                LanguageDefinition.ToolchainSpec t = kinds.get(i);
                if (!isEmpty(t.install())) {
                    out.add(new Recipe(d, t.kindName(), t.install(), t.image()));
                }
            }
            d.install().libraries().forEach((name, spec) -> out.add(new Recipe(d, name, spec, null)));
        }
        return out;
    }

    private static boolean isEmpty(InstallSpec s) {
        return s.debian().isEmpty() && s.npm().isEmpty() && s.maven().isEmpty() && s.prepare() == null;
    }

    /** Whether this recipe is one of its language's libraries ({@code python@scientific}), not a toolchain. */
    public boolean isLibrary() {
        return language.install().libraries().get(kind) == spec;
    }

    /** Whether this recipe belongs to {@code set}: {@code default} and {@code popular} take their tiers and those before. */
    public boolean inSet(InstallSpec.Tier set) {
        return spec.tier().ordinal() <= set.ordinal();
    }

    /**
     * The items ({@link #items}) {@code version} names: the item itself, its version after {@code -}, {@code :} or
     * {@code @}, or a version between dashes inside a package name ({@code 1.22} names {@code golang-1.22-go}).
     */
    public Recipe only(String version) {
        String v = version.toLowerCase(Locale.ROOT);
        Predicate<String> names = item -> {
            String i = item.toLowerCase(Locale.ROOT);
            return i.equals(v) || i.endsWith("-" + v) || i.endsWith(":" + v) || i.endsWith("@" + v) || i.startsWith(v + "@")
                    || i.contains("-" + v + "-") || i.matches(".*[a-z]" + java.util.regex.Pattern.quote(v));
        };
        return new Recipe(language, kind, new InstallSpec(spec.tier(), spec.debian().stream().filter(names).toList(),
                spec.npm().stream().filter(names).toList(),
                spec.maven().stream().filter(m -> names.test(m.artifact())).toList(), spec.aptSuites()), image);
    }

    /** Its Debian packages, npm specs and Maven artifacts, as written. */
    public List<String> items() {
        List<String> out = new ArrayList<>(spec.debian());
        out.addAll(spec.npm());
        spec.maven().forEach(m -> out.add(m.artifact()));
        return out;
    }

    public boolean isEmpty() {
        return isEmpty(spec);
    }

    /** Where its packages come from: {@code apt}, {@code image:<suite>}, {@code npm}, {@code maven}, joined by {@code +}. */
    public String sources() {
        List<String> s = new ArrayList<>();
        if (image != null) {
            s.add("image:" + image);
        } else if (!spec.debian().isEmpty()) {
            s.add("apt");
        }
        if (!spec.npm().isEmpty()) {
            s.add("npm");
        }
        if (!spec.maven().isEmpty()) {
            s.add("maven");
        }
        return String.join("+", s);
    }
}
