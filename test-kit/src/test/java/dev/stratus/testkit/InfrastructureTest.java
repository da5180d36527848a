package dev.stratus.testkit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InfrastructureTest {

    @Test
    void brokerKeepsItsDataAcrossStopAndRestart() throws Exception {
        KafkaBroker kafka = Infrastructure.shared().kafka();
        String topic = "testkit-roundtrip";
        try (var producer = producer(kafka)) {
            producer.send(new ProducerRecord<>(topic, "k", "before-stop")).get();
        }
        kafka.stop();
        assertFalse(kafka.isRunning());
        kafka.restart();
        assertTrue(kafka.isRunning());
        try (var producer = producer(kafka)) {
            producer.send(new ProducerRecord<>(topic, "k", "after-restart")).get();
        }
        assertEquals(List.of("before-stop", "after-restart"), readAll(kafka, topic, 2));
    }

    @Test
    void postgresServesSeparateDatabases() throws Exception {
        Postgres postgres = Infrastructure.shared().postgres();
        String first = postgres.newDatabase("testkit_one");
        String second = postgres.newDatabase("testkit_two");
        try (var a = DriverManager.getConnection(first, postgres.username(), postgres.password());
             var b = DriverManager.getConnection(second, postgres.username(), postgres.password())) {
            a.createStatement().execute("CREATE TABLE t (v text)");
            a.createStatement().execute("INSERT INTO t VALUES ('x')");
            var rows = a.createStatement().executeQuery("SELECT v FROM t");
            assertTrue(rows.next());
            assertEquals("x", rows.getString(1));
            var other = b.createStatement().executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 't'");
            other.next();
            assertEquals(0, other.getInt(1), "the second database does not see the first one's table");
        }
        assertEquals(first, postgres.newDatabase("testkit_one"), "asking again reuses the database");
    }

    @Test
    void serversDieWithAParentKilledByKill9() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process parent = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                OrphanProbe.class.getName()).redirectErrorStream(true).start();
        long[] pids = readPids(parent);
        assertTrue(ProcessHandle.of(pids[0]).map(ProcessHandle::isAlive).orElse(false), "broker runs");
        assertTrue(ProcessHandle.of(pids[1]).map(ProcessHandle::isAlive).orElse(false), "postmaster runs");

        parent.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        for (long pid : pids) {
            var handle = ProcessHandle.of(pid);
            if (handle.isPresent()) {
                // onExit completes when the process is gone; the timeout is the deadline
                handle.get().onExit().get(60, TimeUnit.SECONDS);
            }
            assertFalse(alive(pid), "process " + pid + " outlived its parent");
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static long[] readPids(Process parent) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(parent.getInputStream()));
        StringBuilder seen = new StringBuilder();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.startsWith("PIDS ")) {
                String[] parts = line.split(" ");
                return new long[]{Long.parseLong(parts[1]), Long.parseLong(parts[2])};
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("the probe exited without starting its servers:\n" + seen);
    }

    private static KafkaProducer<String, String> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private static List<String> readAll(KafkaBroker kafka, String topic, int expected) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()))) {
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (values.size() < expected && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
