package dev.cruddur.server.auth;

import dev.cruddur.testkit.cognito.FakeCognitoPool;

/** The settings of a server that trusts a fake pool: read from the pool's variables, as the server reads its own. */
public final class PoolSettings {

    private PoolSettings() {
    }

    public static CognitoSettings of(FakeCognitoPool pool) {
        return CognitoSettings.fromEnvironment(pool.environment()).orElseThrow(
                () -> new IllegalStateException("the pool's variables name no issuer: " + pool.environment()));
    }
}
