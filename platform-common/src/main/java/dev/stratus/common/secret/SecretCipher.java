package dev.stratus.common.secret;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Encrypts secrets at rest with AES-256-GCM under the platform's master key. The key comes from
 * {@code STRATUS_MASTER_KEY} (base64, 32 bytes) or, on one machine, from {@code <data dir>/master.key},
 * created on first use. The runtime holds the same key to decrypt secrets into an instance's environment.
 */
@Singleton
public class SecretCipher {
    private static final int IV_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public SecretCipher(@Value("${stratus.master-key:}") String masterKey,
                        @Value("${stratus.data-dir}") String dataDir) {
        byte[] raw = masterKey.isBlank() ? keyFromFile(Path.of(dataDir, "master.key"))
                : Base64.getDecoder().decode(masterKey.trim());
        if (raw.length != 32) {
            throw new IllegalStateException("The master key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String decrypt(String ciphertext) {
        try {
            byte[] all = Base64.getDecoder().decode(ciphertext);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, IV_BYTES));
            return new String(cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A secret could not be decrypted: wrong master key?", e);
        }
    }

    /** A key for another purpose (URL signatures), derived so that one master key is all there is to keep. */
    public byte[] deriveKey(String purpose) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What Stratus's own services (scheduler, triggers) send in {@code X-Stratus-Invoker} to call any function,
     * private ones included, through the gateway: derived from the master key, so only holders of it have it.
     */
    public String invokerToken() {
        return java.util.HexFormat.of().formatHex(deriveKey("internal-invoker"));
    }

    private static synchronized byte[] keyFromFile(Path file) {
        try {
            if (Files.exists(file)) {
                return Base64.getDecoder().decode(Files.readString(file).trim());
            }
            Files.createDirectories(file.getParent());
            byte[] raw = new byte[32];
            RANDOM.nextBytes(raw);
            Files.writeString(file, Base64.getEncoder().encodeToString(raw));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return raw;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key " + file, e);
        }
    }
}
