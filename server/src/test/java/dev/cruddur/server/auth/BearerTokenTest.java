package dev.cruddur.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    @ParameterizedTest
    @ValueSource(strings = {"Bearer abc.def.ghi", "bearer abc.def.ghi", "BEARER abc.def.ghi", "  Bearer   abc.def.ghi  ",
            "Bearer\tabc.def.ghi"})
    void takesTheToken(String header) {
        assertThat(BearerToken.fromAuthorizationHeader(header)).contains("abc.def.ghi");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Bearer", "Bearer ", "Bearer    ", "Basic dXNlcjpwYXNz", "Bearerabc.def.ghi",
            "Token abc.def.ghi", "abc.def.ghi", "Bearer abc def", "Bear abc"})
    void emptyWithoutABearerToken(String header) {
        assertThat(BearerToken.fromAuthorizationHeader(header)).isEmpty();
    }
}
