package dev.stratus.api.secret;

import io.micronaut.serde.annotation.Serdeable;

/** A secret env var as stored: the value encrypted under the master key, and its Argon2id hash to show. */
@Serdeable
public record StoredSecret(String key, String ciphertext, String hashedValue) {
}
