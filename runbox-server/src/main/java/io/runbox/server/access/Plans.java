package io.runbox.server.access;

import io.runbox.server.config.InvalidConfigException;
import io.runbox.server.config.RunboxConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The plans keys are on: the built-ins from the seeds' published tiers, with the operator's configuration
 * over them (same name replaces, new names add), and the plan a key gets when its creator names none.
 */
public final class Plans {
    public static final String UNLIMITED = "unlimited";

    private final Map<String, Plan> plans;
    private final String defaultPlan;

    private Plans(Map<String, Plan> plans, String defaultPlan) {
        this.plans = Collections.unmodifiableMap(new LinkedHashMap<>(plans)); // in the seeds' order, for messages
        this.defaultPlan = defaultPlan;
    }

    public static Plans builtIn() {
        Map<String, Plan> m = new LinkedHashMap<>();
        m.put("free", new Plan("free", 2L, 2_100L, 4, Duration.ofSeconds(30), 512L << 20, 10L << 20, 4L << 20,
                8L << 20));
        m.put("starter", new Plan("starter", 8L, 46_000L, 4, Duration.ofSeconds(30), 512L << 20, 10L << 20, 8L << 20,
                16L << 20));
        m.put("pro", new Plan("pro", 20L, 235_000L, 8, Duration.ofSeconds(60), 1L << 30, 10L << 20, 32L << 20,
                64L << 20));
        m.put("mega", new Plan("mega", 50L, 1_260_000L, 16, Duration.ofSeconds(60), 2L << 30, 10L << 20, 64L << 20,
                128L << 20));
        m.put(UNLIMITED, new Plan(UNLIMITED, null, null, null, null, null, null));
        return new Plans(m, UNLIMITED);
    }

    /**
     * The built-ins with {@code configured} over them; keys created without a plan get {@code defaultPlan}.
     *
     * @throws InvalidConfigException when {@code defaultPlan} names no plan ({@code access.default_plan})
     */
    public static Plans of(Map<String, RunboxConfig.PlanConfig> configured, String defaultPlan) {
        Map<String, Plan> m = new LinkedHashMap<>(builtIn().plans);
        configured.forEach((name, c) -> m.put(name, new Plan(name, c.requestsPerSecond(), c.requestsPerMonth(),
                c.maxConcurrent(), c.maxRunTimeout(), c.maxMemory(), c.maxOutput(), c.maxOutputFile(),
                c.maxOutputFiles())));
        if (!m.containsKey(defaultPlan)) {
            throw new InvalidConfigException("access.default_plan: no plan '" + defaultPlan + "' (plans: "
                    + String.join(", ", m.keySet()) + ")");
        }
        return new Plans(m, defaultPlan);
    }

    /** The plan of a key whose creator named none ({@code access.default_plan}; {@code unlimited} unless configured). */
    public String defaultPlan() {
        return defaultPlan;
    }

    public Optional<Plan> find(String name) {
        return Optional.ofNullable(plans.get(name));
    }

    public Map<String, Plan> all() {
        return plans;
    }
}
