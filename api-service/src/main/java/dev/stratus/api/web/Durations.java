package dev.stratus.api.web;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/** Durations as Scaleway writes them: decimal seconds with an {@code s} suffix. */
public final class Durations {
    private static final Pattern SECONDS = Pattern.compile("^\\d{1,9}(\\.\\d{1,9})?s$");

    public static Optional<Long> parseMillis(String text) {
        if (text == null || !SECONDS.matcher(text.trim()).matches()) {
            return Optional.empty();
        }
        String number = text.trim().substring(0, text.trim().length() - 1);
        return Optional.of(new BigDecimal(number).movePointRight(3).longValue());
    }

    /** {@code 300000} → {@code "300s"}, {@code 2500} → {@code "2.5s"}. */
    public static String format(long millis) {
        return BigDecimal.valueOf(millis).movePointLeft(3).stripTrailingZeros().toPlainString() + "s";
    }

    private Durations() {
    }
}
