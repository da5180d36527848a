package dev.stratus.common;

import java.util.UUID;

/** Resource and event ids: random UUIDs in lowercase text, the same in every service. */
public final class Ids {

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    private Ids() {
    }
}
