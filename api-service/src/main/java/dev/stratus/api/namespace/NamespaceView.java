package dev.stratus.api.namespace;

import dev.stratus.api.secret.SecretStore;
import dev.stratus.api.web.Times;

import java.util.LinkedHashMap;
import java.util.Map;

/** A namespace as Scaleway's clients read it (API reference §3.1): every field present, nulls included. */
final class NamespaceView {

    static Map<String, Object> of(Namespace ns) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", ns.getId());
        v.put("name", ns.getName());
        v.put("environment_variables", ns.getEnvironmentVariables());
        v.put("organization_id", ns.getOrganizationId());
        v.put("project_id", ns.getProjectId());
        v.put("status", ns.getStatus());
        v.put("registry_namespace_id", ns.getRegistryNamespaceId());
        v.put("error_message", ns.getErrorMessage());
        v.put("registry_endpoint", ns.getRegistryEndpoint());
        v.put("description", ns.getDescription());
        v.put("secret_environment_variables", SecretStore.view(ns.getSecretEnvironmentVariables()));
        v.put("region", ns.getRegion());
        v.put("tags", ns.getTags());
        v.put("created_at", Times.format(ns.getCreatedAt()));
        v.put("updated_at", Times.format(ns.getUpdatedAt()));
        v.put("vpc_integration_activated", false);
        return v;
    }

    private NamespaceView() {
    }

}
