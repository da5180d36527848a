package dev.stratus.trigger.consumer;

import dev.stratus.common.secret.SecretCipher;
import dev.stratus.trigger.TriggerSettings;
import dev.stratus.trigger.kafka.KafkaSource;
import dev.stratus.trigger.nats.NatsSource;
import dev.stratus.trigger.source.MessageSource;
import dev.stratus.trigger.source.SourceSpec;
import dev.stratus.trigger.sqs.SqsSource;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Builds the source of a trigger's input type (as api-service names them). */
@Singleton
public class Sources {
    private final TriggerSettings settings;
    private final SecretCipher cipher;
    private final String platformKafka;

    public Sources(TriggerSettings settings, SecretCipher cipher,
                   @Value("${kafka.bootstrap.servers}") String platformKafka) {
        this.settings = settings;
        this.cipher = cipher;
        this.platformKafka = platformKafka;
    }

    public MessageSource create(SourceSpec spec) {
        return switch (spec.inputType()) {
            case "nats", "scw_nats" -> NatsSource.of(spec, settings);
            case "sqs", "scw_sqs" -> SqsSource.of(spec, settings, cipher);
            case "kafka" -> KafkaSource.of(spec, settings, platformKafka);
            default -> throw new IllegalArgumentException("unsupported input type " + spec.inputType());
        };
    }
}
