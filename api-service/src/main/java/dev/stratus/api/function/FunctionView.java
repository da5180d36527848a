package dev.stratus.api.function;

import dev.stratus.api.secret.SecretStore;
import dev.stratus.api.web.Durations;
import dev.stratus.api.web.Times;

import java.util.LinkedHashMap;
import java.util.Map;

/** A function as Scaleway's clients read it (API reference §3.2): every field present, nulls included. */
public final class FunctionView {

    public static Map<String, Object> of(Function fn) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", fn.getId());
        v.put("name", fn.getName());
        v.put("namespace_id", fn.getNamespaceId());
        v.put("status", fn.getStatus());
        v.put("environment_variables", fn.getEnvironmentVariables());
        v.put("min_scale", fn.getMinScale());
        v.put("max_scale", fn.getMaxScale());
        v.put("runtime", fn.getRuntime());
        v.put("memory_limit", fn.getMemoryLimit());
        v.put("cpu_limit", fn.getCpuLimit());
        v.put("timeout", Durations.format(fn.getTimeoutMillis()));
        v.put("handler", fn.getHandler());
        v.put("error_message", fn.getErrorMessage());
        v.put("build_message", fn.getBuildMessage());
        v.put("privacy", fn.getPrivacy());
        v.put("description", fn.getDescription());
        v.put("domain_name", fn.getDomainName());
        v.put("secret_environment_variables", SecretStore.view(fn.getSecretEnvironmentVariables()));
        v.put("region", fn.getRegion());
        v.put("http_option", fn.getHttpOption());
        v.put("runtime_message", fn.getRuntimeMessage());
        v.put("sandbox", fn.getSandbox());
        v.put("created_at", Times.format(fn.getCreatedAt()));
        v.put("updated_at", Times.format(fn.getUpdatedAt()));
        v.put("ready_at", Times.format(fn.getReadyAt()));
        v.put("tags", fn.getTags());
        v.put("private_network_id", fn.getPrivateNetworkId());
        return v;
    }

    private FunctionView() {
    }
}
