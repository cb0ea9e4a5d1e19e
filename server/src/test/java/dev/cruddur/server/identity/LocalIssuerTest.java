package dev.cruddur.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cruddur.server.auth.IdentityProviderUnavailableException;
import org.junit.jupiter.api.Test;

class LocalIssuerTest {

    @Test
    void beforeBindingThereIsNoVerifierButAnAnswerableFailure() {
        LocalIssuer issuer = new LocalIssuer();
        assertThatThrownBy(issuer::verifier).isInstanceOf(IdentityProviderUnavailableException.class);
        assertThatThrownBy(issuer::settings).isInstanceOf(IdentityProviderUnavailableException.class);
    }

    @Test
    void bindsOnceToThePort() {
        LocalIssuer issuer = new LocalIssuer();
        issuer.bind(4567);
        assertThat(issuer.settings().issuer()).isEqualTo("http://localhost:4567/local-cognito");
        assertThat(issuer.settings().jwksUrl()).hasToString("http://localhost:4567/local-cognito/.well-known/jwks.json");
        assertThat(issuer.settings().clientId()).isEqualTo("cruddur-local");
        assertThat(issuer.verifier()).isSameAs(issuer.verifier());
        assertThatThrownBy(() -> issuer.bind(4568)).isInstanceOf(IllegalStateException.class);
        assertThat(issuer.settings().issuer()).endsWith(":4567/local-cognito");
    }
}
