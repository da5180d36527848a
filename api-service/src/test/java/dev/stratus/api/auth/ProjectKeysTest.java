package dev.stratus.api.auth;

import dev.stratus.api.support.ApiClient;
import dev.stratus.api.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Keys as on Scaleway: the platform key serves any project, extra keys only theirs; resources stay per project. */
class ProjectKeysTest extends ApiTestSupport {

    @Test
    void thePlatformKeyServesAnyProjectAndKeepsThemApart() {
        String projectA = UUID.randomUUID().toString();
        String projectB = UUID.randomUUID().toString();
        var inA = createNamespace(api, "demo", projectA);
        var inB = createNamespace(api, "demo", projectB);
        assertEquals(projectA, inA.string("project_id"));
        assertEquals(projectB, inB.string("project_id"), "the same name in another project is another namespace");

        assertEquals(List.of(inA.string("id")), ids(api.get(fn("/namespaces?project_id=" + projectA)), "namespaces"));
        assertEquals(List.of(inB.string("id")), ids(api.get(fn("/namespaces?project_id=" + projectB)), "namespaces"));
        assertEquals(200, api.get(fn("/namespaces/" + inB.string("id"))).status());

        var function = api.post(fn("/functions"), """
                {"name":"hello","namespace_id":"%s","runtime":"node22"}""".formatted(inA.string("id")));
        assertEquals(200, function.status(), function.toString());
        assertEquals(List.of(function.string("id")),
                ids(api.get(fn("/functions?project_id=" + projectA)), "functions"),
                "a function belongs to its namespace's project");
        assertEquals(List.of(), ids(api.get(fn("/functions?project_id=" + projectB)), "functions"));
    }

    @Test
    void aRequestThatNamesNoProjectGoesToTheDefaultOne() {
        var ns = api.post(fn("/namespaces"), "{\"name\":\"ns-" + shortId() + "\"}");
        assertEquals(PROJECT_ID, ns.string("project_id"));
    }

    @Test
    void aProjectIdThatIsNoUuidIsRefused() {
        var created = api.post(fn("/namespaces"), "{\"name\":\"ns-" + shortId() + "\",\"project_id\":\"mine\"}");
        assertEquals(400, created.status(), created.toString());
        assertEquals("invalid_arguments", created.string("type"));
        var listed = api.get(fn("/functions?project_id=mine"));
        assertEquals(400, listed.status(), listed.toString());
    }

    @Test
    void aBoundKeyServesItsProjectsOnlyAndSeesNothingElse() {
        ApiClient bound = api.withKey(OTHER_KEY);
        String elsewhere = UUID.randomUUID().toString();
        String foreignId = createNamespace(api, "ns-" + shortId(), elsewhere).string("id");

        var refused = bound.post(fn("/namespaces"), "{\"name\":\"x\",\"project_id\":\"" + elsewhere + "\"}");
        assertEquals(403, refused.status());
        assertEquals("permissions_denied", refused.string("type"), refused.toString());
        assertEquals(403, bound.get(fn("/namespaces?project_id=" + elsewhere)).status());
        var hidden = bound.get(fn("/namespaces/" + foreignId));
        assertEquals(404, hidden.status(), "a resource of another project reads as missing");
        assertEquals("not_found", hidden.string("type"));
        assertEquals(404, bound.delete(fn("/namespaces/" + foreignId)).status());

        var own = createNamespace(bound, "ns-" + shortId(), THIRD_PROJECT_ID);
        assertEquals(THIRD_PROJECT_ID, own.string("project_id"), "a key may be bound to several projects");
        var byDefault = bound.post(fn("/namespaces"), "{\"name\":\"ns-" + shortId() + "\"}");
        assertEquals(OTHER_PROJECT_ID, byDefault.string("project_id"), "its first project is its default");
        List<String> visible = ids(bound.get(fn("/namespaces?page_size=100")), "namespaces");
        assertEquals(true, visible.containsAll(List.of(own.string("id"), byDefault.string("id"))));
        assertEquals(false, visible.contains(foreignId));
    }

    private static ApiClient.Response createNamespace(ApiClient client, String name, String projectId) {
        var response = client.post(fn("/namespaces"),
                "{\"name\":\"" + name + "\",\"project_id\":\"" + projectId + "\"}");
        assertEquals(200, response.status(), response.toString());
        return response;
    }

    private static List<String> ids(ApiClient.Response page, String field) {
        assertEquals(200, page.status(), page.toString());
        return page.list(field).stream().map(item -> (String) ((Map<?, ?>) item).get("id")).toList();
    }
}
