package dev.stratus.api.function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Python runtimes come from the interpreters a machine has; node runtimes from the releases Stratus pins. */
class RuntimeCatalogTest {

    @TempDir
    Path bin;

    @Test
    void eachInstalledPythonInterpreterIsARuntimeAndNothingElseIs() throws Exception {
        for (String name : List.of("python3.13", "python3.11", "python3.10", "python3", "python3.11-config")) {
            executable(name);
        }
        Files.writeString(bin.resolve("python3.12"), "not executable");

        RuntimeCatalog catalog = new RuntimeCatalog(bin);

        assertEquals(List.of("node20", "node22", "node24", "python310", "python311", "python313"), catalog.names());
        assertEquals("3.10", catalog.find("python310").orElseThrow().version());
        assertEquals("24", catalog.find("node24").orElseThrow().version());
    }

    @Test
    void aMachineWithoutPythonHasNodeRuntimesOnly() {
        assertEquals(List.of("node20", "node22", "node24"), new RuntimeCatalog(bin.resolve("missing")).names());
    }

    private void executable(String name) throws Exception {
        Files.writeString(bin.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(bin.resolve(name), PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
