package io.runbox.execution.catalogue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A warm compiler (a {@code warm_compile:} section of {@code language.yaml}): a driver that keeps the compiler
 * loaded in a long-lived box of its own and compiles one request after another, each as the language's compile
 * command would in a box of its own. Only requests whose every compiler option matches one of {@link #options} and
 * whose no file name matches one of {@link #refusedFiles} are sent to it: the options and files that would make
 * the compiler run code of the request (annotation processors, plugins) or read what it was not given never reach
 * a compiler that serves others; those requests compile in a box of their own, as without this section.
 *
 * @param driver       the driver, a file inside the language's folder, copied into the compiler's workspace as
 *                     {@code .compile-driver.<ext>}; it speaks the session driver protocol with the operations
 *                     {@code ping} and {@code compile} (see the driver's own comment)
 * @param command      starts the driver (a template like {@code run}; {@code {file}} is the driver's name)
 * @param options      regular expressions; each compiler option of a request must match one whole
 * @param refusedFiles regular expressions over a request's file names (relative paths); one that matches keeps the
 *                     request away from the warm compiler
 */
public record WarmCompileSpec(String driver, List<String> command, List<String> options,
                              @com.fasterxml.jackson.annotation.JsonProperty("refused_files") List<String> refusedFiles) {

    public WarmCompileSpec {
        command = command == null ? List.of() : List.copyOf(command);
        options = options == null ? List.of() : List.copyOf(options);
        refusedFiles = refusedFiles == null ? List.of() : List.copyOf(refusedFiles);
    }

    /** The definitions' expressions, compiled once: a record holds no more than its components. */
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    /** Whether a request with these compiler options and file names may be compiled by the warm compiler. */
    public boolean accepts(List<String> requestOptions, List<String> fileNames) {
        return requestOptions.stream().allMatch(o -> matchesOne(options, o))
                && fileNames.stream().noneMatch(n -> matchesOne(refusedFiles, n));
    }

    private static boolean matchesOne(List<String> regexes, String text) {
        return regexes.stream().anyMatch(r -> COMPILED.computeIfAbsent(r, Pattern::compile).matcher(text).matches());
    }

    /** The driver's file on the host, for a definition read from {@code languageDir}. */
    public Path driverFile(Path languageDir) {
        return languageDir.resolve(driver).normalize();
    }

    /** The name the driver has in its workspace. */
    public String driverName() {
        int dot = driver.lastIndexOf('.');
        return ".compile-driver" + (dot < 0 ? "" : driver.substring(dot));
    }

    /** Why this section cannot be used for a definition read from {@code languageDir}, or {@code null} if it can. */
    String problem(Path languageDir) {
        if (driver == null || driver.isBlank() || Path.of(driver).isAbsolute()
                || !driverFile(languageDir).startsWith(languageDir) || !driverFile(languageDir).toFile().isFile()) {
            return "warm_compile.driver must name a file inside the language's folder";
        }
        if (command.isEmpty()) {
            return "warm_compile.command must start the driver";
        }
        for (String regex : java.util.stream.Stream.concat(options.stream(), refusedFiles.stream()).toList()) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                return "warm_compile: not a regular expression: " + regex;
            }
        }
        return null;
    }
}
