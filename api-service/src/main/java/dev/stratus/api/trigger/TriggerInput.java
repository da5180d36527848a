package dev.stratus.api.trigger;

import dev.stratus.api.web.RequestFields;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inputs a trigger can read from: Scaleway's three (managed SQS, managed NATS, any SQS endpoint) and two of
 * Stratus's own (a NATS server and a Kafka topic). Each declares its fields so requests are checked uniformly.
 */
enum TriggerInput {
    SCW_SQS("scw_sqs", "scw_sqs_config", List.of(req("queue", 100), req("mnq_project_id", 36), req("mnq_region", 20))),
    SCW_NATS("scw_nats", "scw_nats_config", List.of(req("subject", 100), opt("mnq_nats_account_id", 100),
            opt("mnq_project_id", 36), req("mnq_region", 20))),
    SQS("sqs", "sqs_config", List.of(req("endpoint", 255), req("queue_url", 255), opt("access_key", 255),
            opt("secret_key", 255))),
    NATS("nats", "nats_config", List.of(req("server_url", 255), req("subject", 100), opt("stream", 100))),
    KAFKA("kafka", "kafka_config", List.of(opt("bootstrap_servers", 255), req("topic", 249),
            opt("consumer_group", 255)));

    /** The field whose value is encrypted at rest and never shown. */
    static final String SECRET_FIELD = "secret_key";

    record FieldSpec(String name, int maxLength, boolean required) {
    }

    final String inputType;
    final String configKey;
    final List<FieldSpec> fields;

    TriggerInput(String inputType, String configKey, List<FieldSpec> fields) {
        this.inputType = inputType;
        this.configKey = configKey;
        this.fields = fields;
    }

    static Optional<TriggerInput> byType(String inputType) {
        for (TriggerInput input : values()) {
            if (input.inputType.equals(inputType)) {
                return Optional.of(input);
            }
        }
        return Optional.empty();
    }

    /** Reads this input's config object, recording problems on {@code parent}. */
    Map<String, String> read(RequestFields parent, RequestFields config) {
        Map<String, String> values = new LinkedHashMap<>();
        for (FieldSpec spec : fields) {
            if (spec.required()) {
                config.require(spec.name());
            }
            config.string(spec.name(), spec.maxLength()).ifPresent(v -> {
                if (v.isBlank() && spec.required()) {
                    config.reject(spec.name(), "constraint", "must not be empty");
                } else if (spec.name().equals("subject") && v.chars().anyMatch(Character::isWhitespace)) {
                    config.reject(spec.name(), "format", "must not contain whitespace");
                }
                values.put(spec.name(), v);
            });
        }
        parent.absorb(configKey, config);
        return values;
    }

    private static FieldSpec req(String name, int maxLength) {
        return new FieldSpec(name, maxLength, true);
    }

    private static FieldSpec opt(String name, int maxLength) {
        return new FieldSpec(name, maxLength, false);
    }
}
