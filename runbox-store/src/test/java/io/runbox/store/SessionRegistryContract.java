package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.cluster.SessionRegistry;
import org.junit.jupiter.api.Test;

/** {@link SessionRegistry} as its Javadoc promises: the node of each recorded session, replaced and forgotten. */
interface SessionRegistryContract extends StoreFixture {

    private SessionRegistry sessions() {
        return stores().sessions();
    }

    @Test
    default void aRegisteredSessionIsFoundOnItsNode() {
        sessions().register("ses_a", "node-0", "key_1");
        sessions().register("ses_b", "node-1", null);
        assertThat(sessions().find("ses_a")).contains("node-0");
        assertThat(sessions().find("ses_b")).as("a keyless session").contains("node-1");
        assertThat(sessions().find("ses_never")).isEmpty();
    }

    @Test
    default void registeringAnIdAgainMovesItToTheNewNode() {
        sessions().register("ses_a", "node-0", "key_1");
        sessions().register("ses_a", "node-2", "key_1");
        assertThat(sessions().find("ses_a")).contains("node-2");
    }

    @Test
    default void aRemovedSessionIsNotFoundAndOthersStay() {
        sessions().register("ses_a", "node-0", "key_1");
        sessions().register("ses_b", "node-0", "key_1");
        sessions().remove("ses_a");
        sessions().remove("ses_never");
        assertThat(sessions().find("ses_a")).isEmpty();
        assertThat(sessions().find("ses_b")).contains("node-0");
    }

    @Test
    default void sessionsSurviveAReopening() throws Exception {
        sessions().register("ses_a", "node-0", null);
        reopen();
        assertThat(sessions().find("ses_a")).contains("node-0");
    }
}
