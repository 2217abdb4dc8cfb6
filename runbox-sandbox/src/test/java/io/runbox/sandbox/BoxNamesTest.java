package io.runbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoxNamesTest {

    @Test
    void boxesOfThisProcessAreLive() {
        assertThat(BoxNames.isStale(BoxNames.newName())).isFalse();
        assertThat(BoxNames.newName()).startsWith("box-" + ProcessHandle.current().pid() + "-");
    }

    @Test
    void boxesOfDeadOrUnknownOwnersAreStale() {
        assertThat(BoxNames.isStale("box-2147483646-1c1f0c3e-0000-4000-8000-000000000000")).isTrue();
        assertThat(BoxNames.isStale("box-x-1")).isTrue();
        assertThat(BoxNames.isStale("d76718c9-591c-4689-9164-fa9503ebbeb2")).isTrue();
    }

    @Test
    void boxesOfOtherLiveProcessesAreLeftAlone() {
        long init = 1;
        assertThat(BoxNames.isStale("box-" + init + "-1c1f0c3e-0000-4000-8000-000000000000")).isFalse();
    }
}
