package dev.stratus.common.event;

import java.time.Duration;
import java.util.List;

/** Kafka topic names shared by every service. All are keyed by the id of the resource they describe. */
public final class Topics {
    public static final String DEPLOY_REQUESTED = "stratus.deploy.requested";
    public static final String BUILD_FINISHED = "stratus.build.finished";
    public static final String FUNCTION_STATUS = "stratus.function.status";
    public static final String TRIGGER_STATUS = "stratus.trigger.status";
    public static final String INVOCATION_REQUESTED = "stratus.invocation.requested";
    public static final String INVOCATION_COMPLETED = "stratus.invocation.completed";
    public static final String FUNCTION_LOGS = "stratus.function.logs";
    public static final String CRON_STATUS = "stratus.cron.status";
    public static final String DOMAIN_STATUS = "stratus.domain.status";

    // Compacted: the latest record per key is the full desired state, a tombstone deletes it.
    public static final String NAMESPACE_DESIRED = "stratus.namespace.desired";
    public static final String FUNCTION_DESIRED = "stratus.function.desired";
    public static final String CONTAINER_DESIRED = "stratus.container.desired";
    public static final String CRON_DESIRED = "stratus.cron.desired";
    public static final String TRIGGER_DESIRED = "stratus.trigger.desired";
    public static final String TOKEN_DESIRED = "stratus.token.desired";
    public static final String DOMAIN_DESIRED = "stratus.domain.desired";

    /**
     * A topic, whether it is log-compacted (desired state) or a plain event stream, and how long its records are
     * kept (null: the broker's default).
     */
    public record Spec(String name, boolean compacted, Duration retention) {
        public Spec(String name, boolean compacted) {
            this(name, compacted, null);
        }
    }

    // The API keeps the newest records of these itself; a day covers its downtime without piling up per-call data.
    private static final Duration ONE_DAY = Duration.ofDays(1);

    public static final List<Spec> ALL = List.of(
            new Spec(DEPLOY_REQUESTED, false),
            new Spec(BUILD_FINISHED, false),
            new Spec(FUNCTION_STATUS, false),
            new Spec(TRIGGER_STATUS, false),
            new Spec(INVOCATION_REQUESTED, false),
            new Spec(INVOCATION_COMPLETED, false, ONE_DAY),
            new Spec(FUNCTION_LOGS, false, ONE_DAY),
            new Spec(CRON_STATUS, false),
            new Spec(DOMAIN_STATUS, false),
            new Spec(NAMESPACE_DESIRED, true),
            new Spec(FUNCTION_DESIRED, true),
            new Spec(CONTAINER_DESIRED, true),
            new Spec(CRON_DESIRED, true),
            new Spec(TRIGGER_DESIRED, true),
            new Spec(TOKEN_DESIRED, true),
            new Spec(DOMAIN_DESIRED, true));

    private Topics() {
    }
}
