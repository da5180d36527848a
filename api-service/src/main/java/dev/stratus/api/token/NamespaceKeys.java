package dev.stratus.api.token;

import dev.stratus.api.namespace.Namespace;
import dev.stratus.api.namespace.NamespaceService;
import dev.stratus.common.secret.SecretCipher;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * One RSA key pair per namespace signs its invocation tokens. It is made on the first token (namespaces that
 * never issue one never pay for key generation); the private half is stored encrypted under the master key,
 * the public half travels in the namespace's desired state so the gateway can verify tokens.
 */
@Singleton
public class NamespaceKeys {
    private static final int KEY_BITS = 2048;
    private final NamespaceService namespaces;
    private final SecretCipher cipher;

    public NamespaceKeys(NamespaceService namespaces, SecretCipher cipher) {
        this.namespaces = namespaces;
        this.cipher = cipher;
    }

    /** Must run in the caller's transaction, with the namespace freshly read, so two tokens never race a key. */
    public PrivateKey signingKey(Namespace ns) {
        if (ns.getTokenPrivateKey() == null) {
            KeyPair pair = generate();
            ns.setTokenPrivateKey(cipher.encrypt(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())));
            ns.setTokenPublicKey(pkcs1Pem(pair.getPublic().getEncoded()));
            namespaces.save(ns);
        }
        try {
            byte[] der = Base64.getDecoder().decode(cipher.decrypt(ns.getTokenPrivateKey()));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored token key of namespace " + ns.getId() + " is unreadable", e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scaleway hands out the key as PKCS#1 ({@code BEGIN RSA PUBLIC KEY}), not X.509 SubjectPublicKeyInfo. */
    static String pkcs1Pem(byte[] x509) {
        try {
            byte[] pkcs1 = SubjectPublicKeyInfo.getInstance(x509).parsePublicKey().getEncoded();
            String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pkcs1);
            return "-----BEGIN RSA PUBLIC KEY-----\n" + body + "\n-----END RSA PUBLIC KEY-----\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
