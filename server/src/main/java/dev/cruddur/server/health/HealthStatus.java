package dev.cruddur.server.health;

/**
 * The body of {@code GET /api/health-check} and {@code /api/ready}: {@code {"status": "ok", "database": "up"}},
 * unavailable/down, or (readiness only) {@code {"status": "draining", "database": "not checked"}}.
 */
record HealthStatus(String status, String database) {

    /** The database is not asked: whatever it says, the instance is leaving. */
    static HealthStatus draining() {
        return new HealthStatus("draining", "not checked");
    }

    static HealthStatus of(boolean databaseUp) {
        return databaseUp ? new HealthStatus("ok", "up") : new HealthStatus("unavailable", "down");
    }
}
