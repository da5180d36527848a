package dev.stratus.api.code;

import dev.stratus.common.secret.SecretCipher;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Signs upload and download URLs so they authenticate themselves: the Serverless plugin PUTs code with no
 * {@code X-Auth-Token}. The signature covers the method, the function, the size (uploads) and the expiry.
 */
@Singleton
public class UrlSigner {
    private final SecretKeySpec key;

    public UrlSigner(SecretCipher cipher) {
        this.key = new SecretKeySpec(cipher.deriveKey("stratus-code-urls"), "HmacSHA256");
    }

    public String sign(String method, String functionId, long contentLength, long expiresEpochSecond) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            String canonical = method + "\n" + functionId + "\n" + contentLength + "\n" + expiresEpochSecond;
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when the signature matches and the URL has not expired. */
    public boolean verify(String method, String functionId, long contentLength, long expires, String signature) {
        if (signature == null || Instant.now().getEpochSecond() > expires) {
            return false;
        }
        byte[] expected = sign(method, functionId, contentLength, expires).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
    }
}
