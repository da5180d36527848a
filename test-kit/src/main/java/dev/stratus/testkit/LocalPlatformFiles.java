package dev.stratus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** What a {@link LocalPlatform} finds or keeps on disk: the checkout it runs from and the keys in its data dir. */
final class LocalPlatformFiles {
    static final String SECRET_KEY_FILE = "secret.key";
    static final String MASTER_KEY_FILE = "master.key";

    private LocalPlatformFiles() {
    }

    /**
     * The given key, else the one saved in the data dir, else a new one saved there so that a restart keeps it.
     * A given key is not saved: whoever set it keeps it.
     */
    static String secretKey(Path dataDir, String given) {
        if (given != null && !given.isBlank()) {
            return requireUuid(given.trim(), "the secret key");
        }
        Path file = dataDir.resolve(SECRET_KEY_FILE);
        if (Files.exists(file)) {
            return requireUuid(read(file), file.toString());
        }
        String key = UUID.randomUUID().toString();
        writePrivate(file, key);
        return key;
    }

    /**
     * Every service that encrypts or decrypts reads {@code master.key}; each would create it if missing, so it
     * must exist before the first one starts or two of them could race to different keys.
     */
    static void ensureMasterKey(Path dataDir) {
        Path file = dataDir.resolve(MASTER_KEY_FILE);
        if (!Files.exists(file)) {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            writePrivate(file, Base64.getEncoder().encodeToString(raw));
        }
    }

    /** Written whole under a temporary name, so a reader never sees half a key; readable by the owner only. */
    private static void writePrivate(Path file, String content) {
        try {
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, content);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String requireUuid(String value, String what) {
        try {
            UUID.fromString(value);
            if (value.length() == 36) {
                return value;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(what + " must be a UUID (as Scaleway secret keys are), got '"
                + value + "'");
    }

    /**
     * The checkout whose modules hold the built services: the {@code stratus.home} property, else the one test-kit
     * itself was loaded from, else the nearest directory above the working directory that looks like one.
     */
    static Path home() {
        String property = System.getProperty("stratus.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        return fromOwnLocation().or(() -> above(Path.of("").toAbsolutePath()))
                .orElseThrow(() -> new IllegalStateException("Cannot find the Stratus checkout: set -Dstratus.home"));
    }

    /** test-kit/target/classes or test-kit/target/test-kit-*.jar inside a checkout. */
    private static Optional<Path> fromOwnLocation() {
        try {
            Path location = Path.of(LocalPlatformFiles.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI());
            return above(location);
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> above(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("api-service/pom.xml"))
                    && Files.isDirectory(dir.resolve("test-kit"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
