package io.runbox.server.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runbox.core.ExecRequest;
import io.runbox.core.Limits;
import io.runbox.core.SourceFile;
import io.runbox.core.StageLimits;
import io.runbox.server.http.ApiException;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A plan's caps on the limits a request asks for, per stage: at the cap is allowed, above it is a 422 naming it. */
class PlanCapsTest {
    private static final Plan SMALL = new Plan("small", 1L, 100L, 1, Duration.ofSeconds(5), 64L << 20, 1L << 20);
    private static final Plan UNLIMITED = Plans.builtIn().find(Plans.UNLIMITED).orElseThrow();

    private static ExecRequest asking(UnaryOperator<Limits> compile, UnaryOperator<Limits> run) {
        return ExecRequest.of("python", SourceFile.of("main.py", "print(1)"))
                .withLimits(new StageLimits(compile.apply(Limits.UNSET), run.apply(Limits.UNSET)));
    }

    private static ExecRequest askingForTheRun(UnaryOperator<Limits> run) {
        return asking(UnaryOperator.identity(), run);
    }

    private static ExecRequest askingForTheCompile(UnaryOperator<Limits> compile) {
        return asking(compile, UnaryOperator.identity());
    }

    @Test
    void limitsAtTheCapsOrNotAskedForPass() {
        assertThatCode(() -> PlanCaps.check(SMALL, asking(
                l -> l.withWallTime(Duration.ofSeconds(5)).withMemoryBytes(64L << 20).withOutputBytes(1L << 20),
                l -> l.withWallTime(Duration.ofSeconds(5)).withMemoryBytes(64L << 20).withOutputBytes(1L << 20))))
                .doesNotThrowAnyException();
        assertThatCode(() -> PlanCaps.check(SMALL, asking(UnaryOperator.identity(), UnaryOperator.identity())))
                .doesNotThrowAnyException();
    }

    @Test
    void aTimeoutAboveTheCapIsRefusedNamingTheStagesField() {
        assertThatThrownBy(() -> PlanCaps.check(SMALL, askingForTheRun(l -> l.withWallTime(Duration.ofMillis(5001)))))
                .isInstanceOfSatisfying(ApiException.class, e -> refused(e, "run_timeout",
                        "run_timeout 5001 ms is above the small plan's cap of 5000 ms"));
        assertThatThrownBy(() -> PlanCaps.check(SMALL, askingForTheCompile(l -> l.withWallTime(Duration.ofSeconds(6)))))
                .isInstanceOfSatisfying(ApiException.class, e -> refused(e, "compile_timeout",
                        "compile_timeout 6000 ms is above the small plan's cap of 5000 ms"));
    }

    @Test
    void aMemoryLimitAboveTheCapIsRefusedNamingTheStagesField() {
        long over = (64L << 20) + 1;
        assertThatThrownBy(() -> PlanCaps.check(SMALL, askingForTheRun(l -> l.withMemoryBytes(over))))
                .isInstanceOfSatisfying(ApiException.class, e -> refused(e, "run_memory_limit",
                        "run_memory_limit " + over + " bytes is above the small plan's cap of " + (64L << 20) + " bytes"));
        assertThatThrownBy(() -> PlanCaps.check(SMALL, askingForTheCompile(l -> l.withMemoryBytes(over))))
                .isInstanceOfSatisfying(ApiException.class, e -> refused(e, "compile_memory_limit",
                        "compile_memory_limit " + over + " bytes is above the small plan's cap of " + (64L << 20) + " bytes"));
    }

    @Test
    void anOutputCapAboveThePlansIsRefused() {
        long over = (1L << 20) + 1;
        assertThatThrownBy(() -> PlanCaps.check(SMALL, askingForTheRun(l -> l.withOutputBytes(over))))
                .isInstanceOfSatisfying(ApiException.class, e -> refused(e, null,
                        "run output cap " + over + " bytes is above the small plan's cap of " + (1L << 20) + " bytes"));
        assertThatThrownBy(() -> PlanCaps.check(SMALL, askingForTheCompile(l -> l.withOutputBytes(over))))
                .isInstanceOfSatisfying(ApiException.class, e -> refused(e, null,
                        "compile output cap " + over + " bytes is above the small plan's cap of " + (1L << 20) + " bytes"));
    }

    @Test
    void limitsThePlanDoesNotCapAreNotChecked() {
        assertThatCode(() -> PlanCaps.check(SMALL, askingForTheRun(l -> new Limits(null, null, 10_000, 64.0, null, 1L << 40, 65_536))))
                .doesNotThrowAnyException();
        assertThatCode(() -> PlanCaps.check(UNLIMITED, asking(
                l -> l.withWallTime(Duration.ofHours(1)).withMemoryBytes(1L << 40).withOutputBytes(1L << 40),
                l -> l.withWallTime(Duration.ofHours(1)).withMemoryBytes(1L << 40).withOutputBytes(1L << 40))))
                .doesNotThrowAnyException();
    }

    private static void refused(ApiException e, String field, String message) {
        assertThat(e.status()).isEqualTo(422);
        assertThat(e.code()).isEqualTo("limit_exceeds_plan");
        assertThat(e.field()).isEqualTo(field);
        assertThat(e.getMessage()).isEqualTo(message);
    }
}
