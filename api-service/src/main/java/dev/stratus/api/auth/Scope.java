package dev.stratus.api.auth;

import dev.stratus.api.error.ApiException;

import java.util.Optional;
import java.util.Set;

/**
 * Who is calling and where. As on Scaleway, a key belongs to an organisation: the platform key serves every
 * project ({@code projects} empty), an extra key only the projects it is bound to. Resources stay per project;
 * one outside the key's projects reads as missing. {@code defaultProjectId} fills requests that name no project.
 */
public record Scope(Set<String> projects, String organizationId, String region, String defaultProjectId) {
    public static final String ATTRIBUTE = "stratus.scope";

    public Scope {
        projects = Set.copyOf(projects);
    }

    /** The same key in a region. */
    public Scope in(String region) {
        return new Scope(projects, organizationId, region, defaultProjectId);
    }

    public boolean allProjects() {
        return projects.isEmpty();
    }

    /** Whether the key may see resources of this project. */
    public boolean owns(String projectId) {
        return projectId != null && (allProjects() || projects.contains(projectId.toLowerCase()));
    }

    /** Whether a resource lives in this region and one of the key's projects. */
    public boolean sees(ProjectResource resource) {
        return owns(resource.getProjectId()) && region.equals(resource.getRegion());
    }

    /** A resource found by id, kept only when the key {@link #sees} it. */
    public <T extends ProjectResource> Optional<T> visible(Optional<T> found) {
        return found.filter(this::sees);
    }

    /** A client may name a project (filters, create bodies); naming one the key does not serve is denied. */
    public void checkProject(String requestedProjectId) {
        if (requestedProjectId != null && !ApiKeys.isUuid(requestedProjectId)) {
            throw ApiException.invalidArgument("project_id", "format", "must be a UUID");
        }
        if (requestedProjectId != null && !owns(requestedProjectId)) {
            throw ApiException.permissionsDenied("project", "read_write");
        }
    }

    /** The project a new top-level resource goes to: the one the request names, else the default. */
    public String projectFor(Optional<String> requestedProjectId) {
        requestedProjectId.ifPresent(this::checkProject);
        return requestedProjectId.map(String::toLowerCase).orElse(defaultProjectId);
    }

    public void checkOrganization(String requestedOrganizationId) {
        if (requestedOrganizationId != null && !requestedOrganizationId.equalsIgnoreCase(organizationId)) {
            throw ApiException.permissionsDenied("organization", "read_write");
        }
    }
}
