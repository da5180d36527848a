package dev.stratus.api.function;

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

/** A function as the API stores it: settings, code state and deploy state. */
@MappedEntity("functions")
public class Function implements ProjectResource {
    @Id private String id;
    private String namespaceId;
    private String projectId;
    private String region;
    private String name;
    private String description;
    private String status;
    private String runtime;
    private String handler;
    private int minScale;
    private int maxScale;
    private int memoryLimit;
    private int cpuLimit;
    private long timeoutMillis;
    private String privacy;
    private String httpOption;
    private String sandbox;
    private String domainName;
    @TypeDef(type = DataType.STRING, converter = StringMapConverter.class) private Map<String, String> environmentVariables;
    @TypeDef(type = DataType.STRING, converter = StoredSecretListConverter.class) private List<StoredSecret> secretEnvironmentVariables;
    @TypeDef(type = DataType.STRING, converter = StringListConverter.class) private List<String> tags;
    @Nullable private String privateNetworkId;
    @Nullable private String buildMessage;
    @Nullable private String errorMessage;
    private String runtimeMessage;
    @Nullable private String codeSha256;
    private long codeSize;
    @Nullable private Instant codeUploadedAt;
    @Nullable private String deployedFingerprint;
    private long revision;
    @Nullable private String image;
    @Nullable private Instant readyAt;
    private Instant createdAt;
    private Instant updatedAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getNamespaceId() {
        return namespaceId;
    }

    public void setNamespaceId(String namespaceId) {
        this.namespaceId = namespaceId;
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

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getRuntime() {
        return runtime;
    }

    public void setRuntime(String runtime) {
        this.runtime = runtime;
    }

    public String getHandler() {
        return handler;
    }

    public void setHandler(String handler) {
        this.handler = handler;
    }

    public int getMinScale() {
        return minScale;
    }

    public void setMinScale(int minScale) {
        this.minScale = minScale;
    }

    public int getMaxScale() {
        return maxScale;
    }

    public void setMaxScale(int maxScale) {
        this.maxScale = maxScale;
    }

    public int getMemoryLimit() {
        return memoryLimit;
    }

    public void setMemoryLimit(int memoryLimit) {
        this.memoryLimit = memoryLimit;
    }

    public int getCpuLimit() {
        return cpuLimit;
    }

    public void setCpuLimit(int cpuLimit) {
        this.cpuLimit = cpuLimit;
    }

    public long getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public String getPrivacy() {
        return privacy;
    }

    public void setPrivacy(String privacy) {
        this.privacy = privacy;
    }

    public String getHttpOption() {
        return httpOption;
    }

    public void setHttpOption(String httpOption) {
        this.httpOption = httpOption;
    }

    public String getSandbox() {
        return sandbox;
    }

    public void setSandbox(String sandbox) {
        this.sandbox = sandbox;
    }

    public String getDomainName() {
        return domainName;
    }

    public void setDomainName(String domainName) {
        this.domainName = domainName;
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

    @Nullable public String getPrivateNetworkId() {
        return privateNetworkId;
    }

    public void setPrivateNetworkId(@Nullable String privateNetworkId) {
        this.privateNetworkId = privateNetworkId;
    }

    @Nullable public String getBuildMessage() {
        return buildMessage;
    }

    public void setBuildMessage(@Nullable String buildMessage) {
        this.buildMessage = buildMessage;
    }

    @Nullable public String getErrorMessage() {
        return errorMessage;
    }

    public void setErrorMessage(@Nullable String errorMessage) {
        this.errorMessage = errorMessage;
    }

    public String getRuntimeMessage() {
        return runtimeMessage;
    }

    public void setRuntimeMessage(String runtimeMessage) {
        this.runtimeMessage = runtimeMessage;
    }

    @Nullable public String getCodeSha256() {
        return codeSha256;
    }

    public void setCodeSha256(@Nullable String codeSha256) {
        this.codeSha256 = codeSha256;
    }

    public long getCodeSize() {
        return codeSize;
    }

    public void setCodeSize(long codeSize) {
        this.codeSize = codeSize;
    }

    @Nullable public Instant getCodeUploadedAt() {
        return codeUploadedAt;
    }

    public void setCodeUploadedAt(@Nullable Instant codeUploadedAt) {
        this.codeUploadedAt = codeUploadedAt;
    }

    @Nullable public String getDeployedFingerprint() {
        return deployedFingerprint;
    }

    public void setDeployedFingerprint(@Nullable String deployedFingerprint) {
        this.deployedFingerprint = deployedFingerprint;
    }

    public long getRevision() {
        return revision;
    }

    public void setRevision(long revision) {
        this.revision = revision;
    }

    @Nullable public String getImage() {
        return image;
    }

    public void setImage(@Nullable String image) {
        this.image = image;
    }

    @Nullable public Instant getReadyAt() {
        return readyAt;
    }

    public void setReadyAt(@Nullable Instant readyAt) {
        this.readyAt = readyAt;
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
