package dev.stratus.api.namespace;

import dev.stratus.api.auth.ProjectResource;
import dev.stratus.api.persistence.StoredSecretListConverter;
import dev.stratus.api.persistence.StringListConverter;
import dev.stratus.api.persistence.StringMapConverter;
import dev.stratus.api.secret.StoredSecret;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A namespace: groups functions and shares env vars, secrets and the token key. */
@MappedEntity("namespaces")
public class Namespace implements ProjectResource {
    @Id private String id;
    private String projectId;
    private String organizationId;
    private String region;
    private String name;
    private String description;
    @TypeDef(type = DataType.STRING, converter = StringMapConverter.class) private Map<String, String> environmentVariables;
    @TypeDef(type = DataType.STRING, converter = StoredSecretListConverter.class) private List<StoredSecret> secretEnvironmentVariables;
    @TypeDef(type = DataType.STRING, converter = StringListConverter.class) private List<String> tags;
    private String status;
    @Nullable private String errorMessage;
    private String registryEndpoint;
    private String registryNamespaceId;
    @Nullable private String tokenPrivateKey;
    @Nullable private String tokenPublicKey;
    private Instant createdAt;
    private Instant updatedAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    public String getOrganizationId() {
        return organizationId;
    }

    public void setOrganizationId(String organizationId) {
        this.organizationId = organizationId;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public Map<String, String> getEnvironmentVariables() {
        return environmentVariables;
    }

    public void setEnvironmentVariables(Map<String, String> environmentVariables) {
        this.environmentVariables = environmentVariables;
    }

    public List<StoredSecret> getSecretEnvironmentVariables() {
        return secretEnvironmentVariables;
    }

    public void setSecretEnvironmentVariables(List<StoredSecret> secretEnvironmentVariables) {
        this.secretEnvironmentVariables = secretEnvironmentVariables;
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = tags;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    @Nullable public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(@Nullable String errorMessage) {
        this.errorMessage = errorMessage;
    }

    public String getRegistryEndpoint() {
        return registryEndpoint;
    }

    public void setRegistryEndpoint(String registryEndpoint) {
        this.registryEndpoint = registryEndpoint;
    }

    public String getRegistryNamespaceId() {
        return registryNamespaceId;
    }

    public void setRegistryNamespaceId(String registryNamespaceId) {
        this.registryNamespaceId = registryNamespaceId;
    }

    @Nullable public String getTokenPrivateKey() {
        return tokenPrivateKey;
    }

    public void setTokenPrivateKey(@Nullable String tokenPrivateKey) {
        this.tokenPrivateKey = tokenPrivateKey;
    }

    @Nullable public String getTokenPublicKey() {
        return tokenPublicKey;
    }

    public void setTokenPublicKey(@Nullable String tokenPublicKey) {
        this.tokenPublicKey = tokenPublicKey;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
    }
}
