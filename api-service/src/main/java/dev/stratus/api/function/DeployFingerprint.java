package dev.stratus.api.function;

import dev.stratus.api.secret.StoredSecret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * A digest of everything a deploy puts into a revision: the code and the settings the runtime uses. An update
 * redeploys by default only when this changes, so a PATCH that changes nothing does not restart instances.
 */
final class DeployFingerprint {

    static String of(Function fn) {
        StringBuilder canonical = new StringBuilder()
                .append(fn.getCodeSha256()).append('|').append(fn.getRuntime()).append('|').append(fn.getHandler())
                .append('|').append(fn.getMinScale()).append('|').append(fn.getMaxScale())
                .append('|').append(fn.getMemoryLimit()).append('|').append(fn.getTimeoutMillis())
                .append('|').append(fn.getPrivacy()).append('|').append(fn.getHttpOption())
                .append('|').append(fn.getSandbox()).append('|').append(new TreeMap<>(fn.getEnvironmentVariables()));
        for (StoredSecret secret : fn.getSecretEnvironmentVariables()) {
            canonical.append('|').append(secret.key()).append('=').append(secret.ciphertext());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private DeployFingerprint() {
    }
}
