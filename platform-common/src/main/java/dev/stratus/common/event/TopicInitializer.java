package dev.stratus.common.event;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PostConstruct;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates every Stratus topic when a service starts. Auto-created topics race consumer group assignment and
 * would not be compacted, so each service makes sure the topics exist before its listeners run.
 */
@Context
@Requires(bean = AdminClient.class)
@Requires(property = "stratus.kafka.create-topics", notEquals = "false")
public class TopicInitializer {
    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);
    private final AdminClient admin;

    public TopicInitializer(AdminClient admin) {
        this.admin = admin;
    }

    @PostConstruct
    void createTopics() {
        var result = admin.createTopics(Topics.ALL.stream().map(TopicInitializer::newTopic).toList());
        result.values().forEach((name, future) -> {
            try {
                future.get(15, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    LOG.warn("Could not create topic {}: {}", name, e.getCause().getMessage());
                }
            } catch (TimeoutException e) {
                // Kafka may be down at start-up; producers and consumers wait for it, so do not fail here.
                LOG.warn("Kafka did not answer while creating topic {}", name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    static NewTopic newTopic(Topics.Spec spec) {
        NewTopic topic = new NewTopic(spec.name(), 1, (short) 1);
        Map<String, String> configs = new HashMap<>();
        if (spec.compacted()) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (spec.retention() != null) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()));
        }
        return configs.isEmpty() ? topic : topic.configs(configs);
    }
}
