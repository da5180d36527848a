package dev.stratus.runtime.instance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Unpacked revisions laid out as the builder's images are: the platform's own wrapper in {@code /stratus} (read
 * from builder-service's sources, so these tests run the wrappers that ship) and the function's code in {@code /fn}.
 */
final class Revisions {
    /** A function that reports what it can see from inside its sandbox. */
    static final String NODE_PROBE = """
            const fs = require('fs');
            exports.handle = (event) => {
              const q = event.queryStringParameters;
              try {
                switch (event.path) {
                  case '/read': return fs.readFileSync(q.path).subarray(0, 64).toString();
                  case '/list': return fs.readdirSync(q.path).sort().join('\\n');
                  case '/write': fs.writeFileSync(q.path, 'x'); return 'written';
                  case '/whoami': return JSON.stringify({ uid: process.getuid(), pid: process.pid });
                  case '/env': return process.env[q.name] ?? '<unset>';
                  case '/log': console.log('out ' + q.text); console.error('err ' + q.text); return 'logged';
                  case '/environment':
                    return JSON.stringify(Object.keys(process.env).sort().map((k) => k + '=' + process.env[k]));
                  case '/hog': {
                    const chunks = [];
                    for (let i = 0; i < Number(q.mb); i++) chunks.push(Buffer.alloc(1024 * 1024, 1));
                    return 'allocated ' + chunks.length;
                  }
                  default: return { statusCode: 404, body: 'unknown probe' };
                }
              } catch (err) {
                return err.code || String(err);
              }
            };
            """;
    private static final String PYTHON_PROBE = """
            import errno
            import os


            def handle(event, context):
                query = event["queryStringParameters"]
                try:
                    if event["path"] == "/read":
                        with open(query["path"]) as f:
                            return f.read(64)
                    if event["path"] == "/env":
                        return os.environ.get(query["name"], "<unset>")
                except OSError as e:
                    return errno.errorcode[e.errno]
                return {"statusCode": 404, "body": "unknown probe"}
            """;

    private Revisions() {
    }

    static Path node(SandboxDirectories dirs, String name, String code, String handler) throws IOException {
        return revision(dirs, name, "node/wrapper.js", code, "handler.js", handler);
    }

    static Path python(SandboxDirectories dirs, String name, String code) throws IOException {
        return revision(dirs, name, "python/wrapper.py", code, "handler.py", PYTHON_PROBE);
    }

    private static Path revision(SandboxDirectories dirs, String name, String wrapper, String code,
                                 String handlerFile, String handler) throws IOException {
        Path root = dirs.revisions().resolve(name);
        Path fn = Files.createDirectories(root.resolve("fn"));
        Path stratus = Files.createDirectories(root.resolve("stratus"));
        Path source = wrappers().resolve(wrapper);
        Files.copy(source, stratus.resolve(source.getFileName()));
        Files.writeString(fn.resolve("code.txt"), code);
        Files.writeString(fn.resolve(handlerFile), handler);
        for (Path path : new Path[] {root, fn, stratus}) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return root;
    }

    private static Path wrappers() {
        Path relative = Path.of("builder-service/src/main/resources/dev/stratus/builder/wrappers");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("builder-service's wrappers are not found above " + Path.of("").toAbsolutePath());
    }
}
