package dev.cruddur.server.health;

/** The body of {@code GET /api/health-check}: {@code {"status": "ok", "database": "up"}} or unavailable/down. */
record HealthStatus(String status, String database) {

    static HealthStatus of(boolean databaseUp) {
        return databaseUp ? new HealthStatus("ok", "up") : new HealthStatus("unavailable", "down");
    }
}
