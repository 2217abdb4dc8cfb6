package io.runbox.execution;

import io.runbox.core.StageLimits;
import io.runbox.execution.catalogue.LanguageDefinition;

/**
 * Resolves a stage's limits in one visible order: the request, then the operator's per-language config,
 * then {@code language.yaml}, then the global default. The result is complete.
 */
public final class LimitResolver {
    private final ExecutionConfig config;

    public LimitResolver(ExecutionConfig config) {
        this.config = config;
    }

    public StageLimits resolve(LanguageDefinition language, StageLimits requested) {
        return requested
                .orElse(config.perLanguage().getOrDefault(language.id(), StageLimits.UNSET))
                .orElse(language.limits().toStageLimits())
                .orElse(config.defaults());
    }
}
