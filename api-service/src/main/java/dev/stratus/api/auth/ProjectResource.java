package dev.stratus.api.auth;

/** A stored resource that belongs to one project in one region: what a {@link Scope} decides visibility by. */
public interface ProjectResource {
    String getProjectId();

    String getRegion();
}
