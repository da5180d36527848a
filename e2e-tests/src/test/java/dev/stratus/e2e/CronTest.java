package dev.stratus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.testkit.client.FunctionZips;
import dev.stratus.testkit.Poll;
import dev.stratus.testkit.client.FunctionsApi;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A cron created through the API calls a private function with its args, and the call is on record. */
class CronTest {
    private static final String RECORDER = """
            module.exports.handle = async (event) => {
              console.log("cron body " + event.body);
              return { statusCode: 200, body: "ok" };
            };
            """;

    @Test
    void cronCallsAPrivateFunctionWithItsArgs() {
        FunctionsApi api = Platform.api();
        String namespace = api.createNamespace("");
        JsonNode function = api.createFunction(namespace, "ticked", "node22", "private");
        String id = function.get("id").asText();
        JsonNode ready = api.uploadAndDeploy(id, FunctionZips.of(Map.of("handler.js", RECORDER)),
                Duration.ofSeconds(90));
        assertEquals("ready", ready.get("status").asText(), ready.toString());

        JsonNode cron = api.post("/crons", "{\"function_id\": \"" + id + "\", \"schedule\": \"* * * * *\", "
                + "\"args\": {\"greeting\": \"from cron\"}, \"name\": \"every-minute\"}");
        String cronId = cron.get("id").asText();
        await(() -> api.get("/crons/" + cronId).get("status").asText().equals("ready"), Duration.ofSeconds(30),
                "the scheduler arms the cron");

        // the next minute boundary is at most 60 s away
        await(() -> hasCronCall(api.get("/functions/" + id + "/invocations")), Duration.ofSeconds(90),
                "a cron call is recorded");
        JsonNode call = first(api.get("/functions/" + id + "/invocations"));
        assertEquals(200, call.get("status").asInt(), "a private function answers the scheduler: " + call);
        await(() -> api.get("/functions/" + id + "/logs").toString().contains("cron body {\\\"greeting\\\":"
                + "\\\"from cron\\\"}"), Duration.ofSeconds(30), "the function logged the args it got",
                () -> api.get("/functions/" + id + "/logs").toString());

        api.delete("/crons/" + cronId);
    }

    private static boolean hasCronCall(JsonNode invocations) {
        return first(invocations) != null;
    }

    private static JsonNode first(JsonNode invocations) {
        for (JsonNode invocation : invocations.get("invocations")) {
            if (invocation.get("source").asText().equals("cron")) {
                return invocation;
            }
        }
        return null;
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        await(condition, timeout, what, () -> "");
    }

    private static void await(java.util.function.BooleanSupplier condition, Duration timeout, String what,
                              java.util.function.Supplier<String> seen) {
        Poll.until(what, condition, () -> "seen: " + seen.get() + "\ninstances: " + Platform.instances()
                + Platform.logTails(40), timeout);
    }
}
