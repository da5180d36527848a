package dev.stratus.api.function;

import dev.stratus.api.secret.EnvironmentFields;
import dev.stratus.api.secret.EnvironmentFields.SecretChange;
import dev.stratus.api.web.RequestFields;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settable fields of a function (API reference §3.3), read from a create or update body and applied to a
 * {@link Function}. Absent, null and {@code unknown_*} values leave the current value alone.
 */
@Singleton
public class FunctionSettings {
    public static final int DEFAULT_MEMORY_MB = 256;
    public static final int DEFAULT_MAX_SCALE = 5;
    public static final long DEFAULT_TIMEOUT_MILLIS = 300_000;
    static final List<Integer> MEMORY_TIERS = List.of(128, 256, 512, 1024, 2048, 3072, 4096);
    private static final Pattern HANDLER = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_./-]*\\.[A-Za-z_][A-Za-z0-9_]*$");

    private final RuntimeCatalog runtimes;
    private final int maxScaleLimit;

    public FunctionSettings(RuntimeCatalog runtimes, @Value("${stratus.limits.max-scale:50}") int maxScaleLimit) {
        this.runtimes = runtimes;
        this.maxScaleLimit = maxScaleLimit;
    }

    /** What a request asks to change; the secret changes are applied by the caller, which owns encryption. */
    public record Changes(Optional<List<SecretChange>> secrets) {
    }

    public Changes apply(RequestFields f, Function fn) {
        f.enumValue("runtime", Set.copyOf(runtimes.names())).ifPresent(runtime -> {
            if (fn.getRuntime() == null || fn.getHandler() == null) {
                fn.setHandler(runtimes.find(runtime).orElseThrow().defaultHandler());
            }
            fn.setRuntime(runtime);
        });
        f.string("handler", 255).ifPresent(handler -> {
            if (!HANDLER.matcher(handler).matches() || handler.contains("..")) {
                f.reject("handler", "format", "must be <relative path>.<function name>, such as handler.handle");
            }
            fn.setHandler(handler);
        });
        f.uint32("min_scale", 0, maxScaleLimit).ifPresent(v -> fn.setMinScale(v.intValue()));
        f.uint32("max_scale", 1, maxScaleLimit).ifPresent(v -> fn.setMaxScale(v.intValue()));
        if (fn.getMinScale() > fn.getMaxScale()) {
            f.reject("min_scale", "constraint", "must not exceed max_scale (" + fn.getMaxScale() + ")");
        }
        f.uint32("memory_limit", 1, 4096).ifPresent(v -> {
            if (!MEMORY_TIERS.contains(v.intValue())) {
                f.reject("memory_limit", "constraint", "must be one of " + MEMORY_TIERS);
            }
            fn.setMemoryLimit(v.intValue());
            fn.setCpuLimit(cpuFor(v.intValue()));
        });
        f.durationMillis("timeout", 10_000, 3_600_000).ifPresent(fn::setTimeoutMillis);
        f.enumValue("privacy", Set.of("public", "private")).ifPresent(fn::setPrivacy);
        f.enumValue("http_option", Set.of("enabled", "redirected")).ifPresent(fn::setHttpOption);
        f.enumValue("sandbox", Set.of("v1", "v2")).ifPresent(fn::setSandbox);
        f.string("description", 255).ifPresent(fn::setDescription);
        f.stringList("tags").ifPresent(fn::setTags);
        f.string("private_network_id").ifPresent(id -> fn.setPrivateNetworkId(id.isEmpty() ? null : id));
        EnvironmentFields.variables(f).ifPresent(fn::setEnvironmentVariables);
        return new Changes(EnvironmentFields.secrets(f));
    }

    /** Functions get CPU in proportion to memory, as on Scaleway: 70 mvCPU per 128 MB. */
    static int cpuFor(int memoryMb) {
        return memoryMb * 70 / 128;
    }
}
