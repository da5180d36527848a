package dev.stratus.common.event;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/** Output lines of one function instance, in the order it wrote them, shipped by the runtime in batches. */
@Serdeable
public record FunctionLogLines(
        String eventId,
        String functionId,
        @Nullable String instanceId,
        List<Line> lines) {

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    @Serdeable
    public record Line(Instant timestamp, String stream, String message) {
    }
}
