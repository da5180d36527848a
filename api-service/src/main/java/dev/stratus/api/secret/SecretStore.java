package dev.stratus.api.secret;

import dev.stratus.common.secret.SecretCipher;
import dev.stratus.api.secret.EnvironmentFields.SecretChange;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies secret changes to what is stored, encrypting new values and hashing them for display. */
@Singleton
public class SecretStore {
    private final SecretCipher cipher;

    public SecretStore(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** Keys not mentioned are kept, a change with a value sets it, a change without one deletes it. */
    public List<StoredSecret> apply(List<StoredSecret> current, List<SecretChange> changes) {
        Map<String, StoredSecret> byKey = new LinkedHashMap<>();
        current.forEach(s -> byKey.put(s.key(), s));
        for (SecretChange change : changes) {
            if (change.value() == null) {
                byKey.remove(change.key());
            } else {
                byKey.put(change.key(), new StoredSecret(change.key(), cipher.encrypt(change.value()),
                        Argon2idHasher.hash(change.value())));
            }
        }
        return new ArrayList<>(byKey.values());
    }

    /** What the API shows: {@code [{key, hashed_value}]}, never the value. */
    public static List<Map<String, String>> view(List<StoredSecret> secrets) {
        return secrets.stream().map(s -> Map.of("key", s.key(), "hashed_value", s.hashedValue())).toList();
    }

    /** What events carry: values still encrypted; only the runtime decrypts them, into an instance's env. */
    public static Map<String, String> encrypted(List<StoredSecret> secrets) {
        Map<String, String> map = new LinkedHashMap<>();
        secrets.forEach(s -> map.put(s.key(), s.ciphertext()));
        return map;
    }
}
