package io.decisionlog.graph.projection;

import java.sql.SQLException;

/** Tells a record the store can never take (bad data) from a fault that passes (the database is away). */
final class Poison {
    private Poison() {
    }

    static boolean is(Exception e) {
        if (e instanceof IllegalArgumentException) {
            return true;
        }
        // SQLSTATE class 22: data exception; 23: integrity constraint violation — the same record fails every time
        return e instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"));
    }

    static String reason(Exception e) {
        return e instanceof SQLException sql && sql.getNextException() != null
                ? e.getMessage() + " (" + sql.getNextException().getMessage() + ")" : e.getMessage();
    }
}
