package dev.stratus.api.token;

import dev.stratus.api.auth.ProjectResource;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** An invocation token (an RS256 JWT whose jti is this id); the JWT itself is never stored. */
@MappedEntity("tokens")
public class Token implements ProjectResource {
    @Id private String id;
    @Nullable private String namespaceId;
    @Nullable private String functionId;
    private String projectId;
    private String region;
    private String description;
    @Nullable private Instant expiresAt;
    private String status;
    private Instant createdAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @Nullable public String getNamespaceId() {
        return namespaceId;
    }

    public void setNamespaceId(@Nullable String namespaceId) {
        this.namespaceId = namespaceId;
    }

    @Nullable public String getFunctionId() {
        return functionId;
    }

    public void setFunctionId(@Nullable String functionId) {
        this.functionId = functionId;
    }

    public String getProjectId() {
        return projectId;
    }

    public void setProjectId(String projectId) {
        this.projectId = projectId;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    @Nullable public Instant getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(@Nullable Instant expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
    }
}
