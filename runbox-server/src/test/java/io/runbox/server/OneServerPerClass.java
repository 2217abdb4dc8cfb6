package io.runbox.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * For test classes whose tests share one server with the default settings: started before the class's first test,
 * closed after its last. Test classes run one after another, so the one field serves each class in turn.
 */
public abstract class OneServerPerClass {
    protected static TestServer server;

    @BeforeAll
    static void startTheServer() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void closeTheServer() {
        server.close();
        server = null;
    }
}
