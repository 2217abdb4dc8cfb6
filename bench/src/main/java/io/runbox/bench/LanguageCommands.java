package io.runbox.bench;

import io.runbox.core.Limits;
import io.runbox.core.StageLimits;
import io.runbox.execution.BoxEnvironment;
import io.runbox.execution.CommandTemplate;
import io.runbox.execution.ExecutionConfig;
import io.runbox.execution.LimitResolver;
import io.runbox.execution.catalogue.Compiler;
import io.runbox.execution.catalogue.LanguageDefinition;
import java.util.List;
import java.util.Map;

/**
 * A compiler's command lines, environment and limits for one source file, resolved as the request runner resolves
 * them: the same for a box and for a bare run on the host, so the two compare like with like.
 *
 * @param compileArgv empty when the language is not compiled
 */
record LanguageCommands(Map<String, String> env, Limits compileLimits, List<String> compileArgv, Limits runLimits,
                        List<String> runArgv) {

    static LanguageCommands of(Compiler compiler, ExecutionConfig config, String entry) {
        LanguageDefinition def = compiler.language();
        StageLimits limits = new LimitResolver(config).resolve(def, StageLimits.UNSET);
        Map<String, String> env = BoxEnvironment.env(def, config.prefix());
        List<String> files = List.of(entry);
        List<String> compile = def.isCompiled()
                ? CommandTemplate.expand(def.compile(), values(compiler, config, entry, files, limits.compile()))
                : List.of();
        List<String> run = CommandTemplate.expand(def.run(), values(compiler, config, entry, files, limits.run()));
        return new LanguageCommands(Map.copyOf(env), limits.compile(), compile, limits.run(), run);
    }

    private static CommandTemplate.Values values(Compiler compiler, ExecutionConfig config, String entry,
                                                 List<String> files, Limits l) {
        return new CommandTemplate.Values(compiler, config.prefix().toString(), entry, files, List.of(), List.of(),
                l.memoryBytes());
    }
}
