package dev.stratus.testkit.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Function archives as users upload them. */
public final class FunctionZips {

    public static final String NODE_ECHO = """
            module.exports.handle = async (event, context) => ({
              statusCode: 200,
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify({ runtime: "node", greeting: process.env.GREETING, secret: process.env.PASSWORD,
                                     method: event.httpMethod, path: event.path,
                                     query: event.queryStringParameters, body: event.body }),
            });
            """;

    public static final String PYTHON_ECHO = """
            import json, os

            def handle(event, context):
                return {"statusCode": 200, "headers": {"Content-Type": "application/json"},
                        "body": json.dumps({"runtime": "python", "greeting": os.environ.get("GREETING"),
                                            "method": event["httpMethod"], "path": event["path"],
                                            "query": event["queryStringParameters"], "body": event["body"]})}
            """;

    public static byte[] of(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private FunctionZips() {
    }
}
