package dev.cruddur.server.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.cruddur.server.auth.TokenRejectedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LocalIssuerTest {

    private static final Account ACCOUNT = new Account(UUID.randomUUID(), "ada@example.com", "Ada", "ada",
            "hash", true, null, null, null, null);

    @Test
    void theIssuerNamesThePortItIsMadeWith() throws Exception {
        LocalIssuer issuer = new LocalIssuer(4567, new TokenIssuer(newKey(), Clock.systemUTC(), Duration.ofHours(1)).publicKeys());
        assertThat(issuer.settings().issuer()).isEqualTo("http://localhost:4567/local-cognito");
        assertThat(issuer.settings().jwksUrl()).hasToString("http://localhost:4567/local-cognito/.well-known/jwks.json");
        assertThat(issuer.settings().clientId()).isEqualTo("cruddur-local");
    }

    @Test
    void verifiesTheTokensOfItsOwnKeyWithoutFetchingAnything() throws Exception {
        TokenIssuer signer = new TokenIssuer(newKey(), Clock.systemUTC(), Duration.ofHours(1));
        // port 9 (discard): were the verifier to fetch the JWK set from the issuer, it would fail
        LocalIssuer issuer = new LocalIssuer(9, signer.publicKeys());
        String token = signer.issue(issuer.settings().issuer(), LocalIssuer.CLIENT_ID, ACCOUNT, session()).accessToken();

        assertThat(issuer.verifier().verify(token).sub()).isEqualTo(ACCOUNT.sub().toString());
    }

    @Test
    void refusesTokensOfAnotherKeyOrAnotherPort() throws Exception {
        TokenIssuer signer = new TokenIssuer(newKey(), Clock.systemUTC(), Duration.ofHours(1));
        TokenIssuer stranger = new TokenIssuer(newKey(), Clock.systemUTC(), Duration.ofHours(1));
        LocalIssuer issuer = new LocalIssuer(4567, signer.publicKeys());
        LocalIssuer otherPort = new LocalIssuer(4568, signer.publicKeys());

        String foreign = stranger.issue(issuer.settings().issuer(), LocalIssuer.CLIENT_ID, ACCOUNT, session()).accessToken();
        String ofAnotherServer = signer.issue(otherPort.settings().issuer(), LocalIssuer.CLIENT_ID, ACCOUNT, session()).accessToken();

        assertThatThrownBy(() -> issuer.verifier().verify(foreign)).isInstanceOf(TokenRejectedException.class);
        assertThatThrownBy(() -> issuer.verifier().verify(ofAnotherServer)).isInstanceOf(TokenRejectedException.class);
    }

    private static TokenIssuer.Session session() {
        return new TokenIssuer.Session(Instant.now(), UUID.randomUUID());
    }

    private static RSAKey newKey() throws Exception {
        return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
    }
}
