package dev.stratus.api.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps at PostgreSQL's precision, so a resource reads back exactly as it was answered. */
public final class Times {

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** RFC 3339 in UTC, or null. */
    public static String format(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private Times() {
    }
}
