package dev.stratus.api.code;

import dev.stratus.common.store.CodeArchives;

import dev.stratus.api.support.ApiTestSupport;
import dev.stratus.testkit.Poll;
import dev.stratus.api.support.TopicProbe;
import dev.stratus.api.support.Zips;
import dev.stratus.common.event.BuildFinished;
import dev.stratus.common.event.DeployRequested;
import dev.stratus.common.event.FunctionStatusChanged;
import dev.stratus.common.event.Topics;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import static dev.stratus.api.support.ApiClient.fn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upload through signed URLs, deploy, and the status that follows the builder's and runtime's events. */
class DeployFlowTest extends ApiTestSupport {
    private static final Duration EVENT_WAIT = Duration.ofSeconds(30);

    @Inject
    UrlSigner signer;

    @Test
    void signedUploadStoresTheZipAndDownloadReturnsIt() throws Exception {
        String id = createFunction(createNamespace(), "upload");
        byte[] zip = Zips.helloNode();
        var urls = api.get(fn("/functions/" + id + "/upload-url?content_length=" + zip.length));
        assertEquals(200, urls.status(), urls.toString());
        @SuppressWarnings("unchecked")
        var headers = (Map<String, Object>) urls.map().get("headers");
        assertEquals(java.util.List.of("application/octet-stream"), headers.get("content-type"));
        assertEquals(java.util.List.of(Integer.toString(zip.length)), headers.get("content-length"));

        HttpResponse<String> put = putWithoutKey(urls.string("url"), zip);
        assertEquals(200, put.statusCode(), put.body());

        var download = api.get(fn("/functions/" + id + "/download-url"));
        HttpResponse<byte[]> body = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(download.string("url"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, body.statusCode());
        assertArrayEquals(zip, body.body());
        assertEquals("created", api.get(fn("/functions/" + id)).string("status"), "uploading does not deploy");
    }

    @Test
    void tamperedExpiredOrMissizedUploadsAreRefused() throws Exception {
        String id = createFunction(createNamespace(), "tamper");
        byte[] zip = Zips.helloNode();
        String url = api.get(fn("/functions/" + id + "/upload-url?content_length=" + zip.length)).string("url");

        String tampered = url.replaceAll("signature=[0-9a-f]+", "signature=" + "0".repeat(64));
        assertEquals(403, putWithoutKey(tampered, zip).statusCode());
        String otherSize = url.replace("content_length=" + zip.length, "content_length=" + (zip.length + 1));
        assertEquals(403, putWithoutKey(otherSize, Arrays.copyOf(zip, zip.length + 1)).statusCode(),
                "the size is part of the signature");

        long past = Instant.now().minusSeconds(5).getEpochSecond();
        String expired = api.baseUrl() + "/_code/functions/" + id + "?content_length=" + zip.length + "&expires=" + past
                + "&signature=" + signer.sign("PUT", id, zip.length, past);
        HttpResponse<String> refused = putWithoutKey(expired, zip);
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("expired"), refused.body());

        HttpResponse<String> shortBody = putWithoutKey(url, Arrays.copyOf(zip, zip.length - 1));
        assertEquals(400, shortBody.statusCode(), shortBody.body());
        assertEquals(400, api.get(fn("/functions/" + id + "/upload-url?content_length=abc")).status());
        var missing = api.get(fn("/functions/" + id + "/upload-url"));
        assertEquals(400, missing.status(), missing.toString());
        assertEquals("content_length", missing.list("details").get(0).get("argument_name"), missing.toString());
        assertEquals(400, api.get(fn("/functions/" + id + "/upload-url")).status());
        assertEquals(400, api.get(fn("/functions/" + id + "/upload-url?content_length=999999999999")).status());
    }

    @Test
    void deployIsPendingBeforeItAnswersAndFollowsBuildAndRuntimeEvents() throws Exception {
        String ns = createNamespace();
        String id = createFunction(ns, "deployed");
        var noCode = api.post(fn("/functions/" + id + "/deploy"), "{}");
        assertEquals(412, noCode.status(), noCode.toString());
        assertEquals("precondition_failed", noCode.string("type"));

        upload(id, Zips.helloNode());
        try (var deploys = new TopicProbe(bootstrapServers(), Topics.DEPLOY_REQUESTED);
             var producer = producer()) {
            var deployed = api.post(fn("/functions/" + id + "/deploy"), "{}");
            assertEquals(200, deployed.status(), deployed.toString());
            assertEquals("pending", deployed.string("status"));
            assertNotNull(deployed.string("build_message"));

            var request = json.readValue(deploys.awaitForKey(id, 1, EVENT_WAIT).get(0).value(), DeployRequested.class);
            assertEquals(1, request.revision());
            assertEquals("node22", request.runtime());
            assertEquals("handler.handle", request.handler());
            assertEquals(CodeArchives.keyFor(id), request.archiveKey());

            send(producer, Topics.BUILD_FINISHED, id, new BuildFinished("e1", id, 1, true, "reg/ns/deployed:1",
                    "sha256:abc", null, Instant.now()));
            send(producer, Topics.FUNCTION_STATUS, id, new FunctionStatusChanged("e2", id, 1, "ready", null, 1,
                    Instant.now()));
            var ready = Poll.until(() -> api.get(fn("/functions/" + id)), r -> "ready".equals(r.string("status")),
                    EVENT_WAIT);
            assertNotNull(ready.string("ready_at"));

            var redeploy = api.patch(fn("/functions/" + id), "{\"environment_variables\":{\"V\":\"2\"}}");
            assertEquals("pending", redeploy.string("status"), "a changed setting redeploys by default");
            assertEquals(2, json.readValue(deploys.awaitForKey(id, 2, EVENT_WAIT).get(1).value(),
                    DeployRequested.class).revision());
            send(producer, Topics.FUNCTION_STATUS, id, new FunctionStatusChanged("e3", id, 1, "ready", null, 1,
                    Instant.now()));
            send(producer, Topics.BUILD_FINISHED, id, new BuildFinished("e4", id, 2, false, null, null,
                    "handler.js not found in the archive", Instant.now()));
            var failed = Poll.until(() -> api.get(fn("/functions/" + id)), r -> "error".equals(r.string("status")),
                    EVENT_WAIT);
            assertEquals("handler.js not found in the archive", failed.string("error_message"),
                    "the stale ready of revision 1 is ignored, the failure of revision 2 shows");

            var unchanged = api.patch(fn("/functions/" + id), "{\"environment_variables\":{\"V\":\"2\"}}");
            assertEquals("error", unchanged.string("status"), "nothing changed: no redeploy");
            var forced = api.patch(fn("/functions/" + id), "{\"redeploy\":true}");
            assertEquals("pending", forced.string("status"));
        }
    }

    private void upload(String id, byte[] zip) throws Exception {
        String url = api.get(fn("/functions/" + id + "/upload-url?content_length=" + zip.length)).string("url");
        assertEquals(200, putWithoutKey(url, zip).statusCode());
    }

    private static HttpResponse<String> putWithoutKey(String url, byte[] body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }

    private void send(KafkaProducer<String, String> producer, String topic, String key, Object event) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, json.writeValueAsString(event))).get();
    }

}
