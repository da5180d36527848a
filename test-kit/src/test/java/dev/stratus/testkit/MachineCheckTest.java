package dev.stratus.testkit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code bin/stratus check}: what functions need is there, or one line names what to install. */
class MachineCheckTest {
    private static final Path SCRIPT = LocalPlatformFiles.home().resolve("bin/stratus");

    @Test
    void onThisMachineEverythingFunctionsNeedIsThere() throws Exception {
        Result result = check(System.getenv("PATH"));
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.stdout().contains("node22"), result.toString());
        assertTrue(result.stdout().contains("Memory limits"), "states whether memory limits hold: " + result);
    }

    @Test
    void withoutBubblewrapItStopsWithOneLineNamingThePackage(@TempDir Path bin) throws Exception {
        // every tool the script uses, but not bwrap
        for (String tool : List.of("bash", "dirname", "id", "grep", "setpriv", "apt-get")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
        }
        Result result = check(bin.toString());
        assertEquals(1, result.exit(), result.toString());
        assertEquals(1, result.stderr().strip().lines().count(), "one line: " + result);
        assertTrue(result.stderr().contains("bubblewrap") && result.stderr().contains("apt-get install"),
                result.toString());
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    /** Installing is the root's way on Debian; here the script must only name what is missing. */
    private static Result check(String path) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(which("bash"), SCRIPT.toString(), "check");
        builder.environment().put("PATH", path);
        builder.environment().put("STRATUS_INSTALL", "never");
        Path out = Files.createTempFile("check", ".out");
        Path err = Files.createTempFile("check", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/stratus check did not finish in 30 s");
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String which(String tool) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(tool + " is not on this machine's PATH");
    }
}
