package dev.stratus.api.auth;

import dev.stratus.api.error.ApiException;

/** Who is calling and where: the project and organisation of the API key, and the region of the path. */
public record Scope(String projectId, String organizationId, String region) {
    public static final String ATTRIBUTE = "stratus.scope";

    /** A client may name a project (filters, create bodies); naming another project than its key's is denied. */
    public void checkProject(String requestedProjectId) {
        if (requestedProjectId != null && !requestedProjectId.equalsIgnoreCase(projectId)) {
            throw ApiException.permissionsDenied("project", "read_write");
        }
    }

    public void checkOrganization(String requestedOrganizationId) {
        if (requestedOrganizationId != null && !requestedOrganizationId.equalsIgnoreCase(organizationId)) {
            throw ApiException.permissionsDenied("organization", "read_write");
        }
    }
}
