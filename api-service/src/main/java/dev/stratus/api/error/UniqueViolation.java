package dev.stratus.api.error;

import java.sql.SQLException;

/** Tells a PostgreSQL unique violation (SQLSTATE 23505) apart from other database failures. */
public final class UniqueViolation {
    private static final String SQLSTATE = "23505";

    private UniqueViolation() {
    }

    /** Whether {@code failure} or one of its causes is a unique violation. */
    public static boolean causes(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && SQLSTATE.equals(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
