package dev.stratus.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaBrokerTest {

    @Test
    void roundTripThroughTheSharedBroker() throws Exception {
        String bootstrap = Infrastructure.shared().kafka().bootstrapServers();
        KafkaClients.send(bootstrap, "testkit-roundtrip", "hello");
        assertEquals(List.of("hello"), KafkaClients.receive(bootstrap, "testkit-roundtrip", 1));
    }

    @Test
    void keepsMessagesAndPortsAcrossStopRestartAndANewStart(@TempDir Path dir) throws Exception {
        String bootstrap;
        try (KafkaBroker broker = KafkaBroker.start(dir)) {
            bootstrap = broker.bootstrapServers();
            KafkaClients.send(bootstrap, "testkit-restart", "before-stop");

            broker.stop();
            assertFalse(broker.isRunning());
            assertFalse(accepts(broker.port()), "a stopped broker no longer listens");

            broker.restart();
            assertTrue(broker.isRunning());
            assertEquals(bootstrap, broker.bootstrapServers(), "restart keeps the port");
            KafkaClients.send(bootstrap, "testkit-restart", "after-restart");
            assertEquals(List.of("before-stop", "after-restart"),
                    KafkaClients.receive(bootstrap, "testkit-restart", 2));
        }
        assertTrue(Files.exists(dir.resolve("data/meta.properties")), "close() keeps a directory the caller gave");
        assertTrue(Files.size(dir.resolve("broker.log")) > 0, "the broker's output is in the work dir");

        // a launcher restarted later: same directory, new free ports, same data
        try (KafkaBroker again = KafkaBroker.start(dir)) {
            assertNotEquals(bootstrap, again.bootstrapServers());
            assertEquals(List.of("before-stop", "after-restart"),
                    KafkaClients.receive(again.bootstrapServers(), "testkit-restart", 2));
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
