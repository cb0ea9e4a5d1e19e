package dev.cruddur.lambda;

import java.util.Properties;

/**
 * The database user and password as a secret holds them. {@link #toString()} never shows the
 * password.
 */
record DatabaseCredentials(String user, String password) {

    /** {@code base} (the driver's settings) with this user and password. */
    Properties applyTo(Properties base) {
        Properties properties = new Properties();
        properties.putAll(base);
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        return properties;
    }

    @Override
    public String toString() {
        return "user " + user;
    }
}
