package io.runbox.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.runbox.core.cluster.Node;
import io.runbox.core.cluster.NodeRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link NodeRegistry} as its Javadoc promises: nodes by id, heartbeats, leaving, and forgetting the silent. */
interface NodeRegistryContract extends StoreFixture {

    private NodeRegistry nodes() {
        return stores().nodes();
    }

    private Node node(String id, List<String> languages) {
        return new Node(id, id + ".internal:2358", "1.2.3", 4, languages, clock().instant(), clock().instant(),
                Node.SERVING);
    }

    @Test
    default void registeredNodesAreListedByIdAsRegistered() {
        Node b = node("b", List.of("python", "c++"));
        Node a = node("a", List.of());
        nodes().register(b);
        nodes().register(a);
        assertThat(nodes().list()).containsExactly(a, b);
    }

    @Test
    default void registeringAnIdAgainReplacesItsNode() {
        nodes().register(node("a", List.of("python")));
        clock().advance(Duration.ofSeconds(5));
        Node restarted = node("a", List.of("go"));
        nodes().register(restarted);
        assertThat(nodes().list()).containsExactly(restarted);
    }

    @Test
    default void aHeartbeatRecordsTimeAndStateOfAKnownNodeOnly() {
        Node a = node("a", List.of("python"));
        nodes().register(a);
        Instant later = clock().advance(Duration.ofSeconds(10));
        assertThat(nodes().heartbeat("a", later, Node.DRAINING)).isTrue();
        Node beat = nodes().list().getFirst();
        assertThat(List.of(beat.heartbeatAt(), beat.state(), beat.startedAt()))
                .containsExactly(later, Node.DRAINING, a.startedAt());
        assertThat(nodes().heartbeat("gone", later, Node.SERVING)).as("never registered").isFalse();
        assertThat(nodes().list()).hasSize(1);
    }

    @Test
    default void aNodeThatLeftIsGoneAndItsHeartbeatRefused() {
        nodes().register(node("a", List.of()));
        nodes().register(node("b", List.of()));
        nodes().leave("a");
        nodes().leave("never-there");
        assertThat(nodes().list()).extracting(Node::id).containsExactly("b");
        assertThat(nodes().heartbeat("a", clock().instant(), Node.SERVING)).isFalse();
    }

    @Test
    default void nodesSilentSinceBeforeTheCutOffAreForgotten() {
        nodes().register(node("old", List.of()));
        nodes().register(node("edge", List.of()));
        Instant cutOff = clock().advance(Duration.ofMinutes(1));
        nodes().heartbeat("edge", cutOff, Node.SERVING);
        nodes().register(node("new", List.of()));
        assertThat(nodes().forget(cutOff)).isEqualTo(1);
        assertThat(nodes().list()).extracting(Node::id).containsExactly("edge", "new");
        assertThat(nodes().forget(cutOff)).isZero();
    }

    @Test
    default void nodesSurviveAReopening() throws Exception {
        Node a = node("a", List.of("python", "rust"));
        nodes().register(a);
        reopen();
        assertThat(nodes().list()).containsExactly(a);
    }
}
