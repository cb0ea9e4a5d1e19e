package dev.cruddur.localcognito;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LocalIssuerTest {

    private static final Account ACCOUNT = new Account(UUID.randomUUID(), "ada@example.com", "Ada", "ada",
            "hash", true, null, null, null, null);

    @Test
    void theIssuerNamesThePortItIsMadeWith() throws Exception {
        LocalIssuer issuer = new LocalIssuer(4567, signer(newKey()).publicKeys());
        assertThat(issuer.issuer()).isEqualTo("http://localhost:4567/local-cognito");
    }

    @Test
    void checksTheAccessTokensOfItsOwnKeyWithoutFetchingAnything() throws Exception {
        TokenIssuer signer = signer(newKey());
        // port 9 (discard): were the check to fetch the JWK set from the issuer, it would fail
        LocalIssuer issuer = new LocalIssuer(9, signer.publicKeys());
        String token = signer.issue(issuer.issuer(), LocalCognito.CLIENT_ID, ACCOUNT, session()).accessToken();

        assertThat(issuer.checkAccessToken(token).getSubject()).isEqualTo(ACCOUNT.sub().toString());
    }

    @Test
    void refusesTokensOfAnotherKeyAnotherPortOrAnotherClientAndIdTokens() throws Exception {
        TokenIssuer signer = signer(newKey());
        LocalIssuer issuer = new LocalIssuer(4567, signer.publicKeys());
        String issuerName = issuer.issuer();

        String foreign = signer(newKey()).issue(issuerName, LocalCognito.CLIENT_ID, ACCOUNT, session()).accessToken();
        String ofAnotherServer = signer.issue(new LocalIssuer(4568, signer.publicKeys()).issuer(), LocalCognito.CLIENT_ID,
                ACCOUNT, session()).accessToken();
        String ofAnotherClient = signer.issue(issuerName, "another-client", ACCOUNT, session()).accessToken();
        String idToken = signer.issue(issuerName, LocalCognito.CLIENT_ID, ACCOUNT, session()).idToken();

        for (String token : new String[] {foreign, ofAnotherServer, ofAnotherClient, idToken, "not.a.token"}) {
            assertThatThrownBy(() -> issuer.checkAccessToken(token)).isInstanceOf(CognitoError.class)
                    .hasMessage("Invalid Access Token");
        }
    }

    @Test
    void saysCognitosWordsForAnExpiredToken() throws Exception {
        RSAKey key = newKey();
        LocalIssuer issuer = new LocalIssuer(4567, signer(key).publicKeys());
        // Signed two hours ago with a one-hour lifetime: past Cognito's clock allowance too.
        TokenIssuer earlier = new TokenIssuer(key, Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC),
                Duration.ofHours(1));
        String expired = earlier.issue(issuer.issuer(), LocalCognito.CLIENT_ID, ACCOUNT, session()).accessToken();
        assertThat(SignedJWT.parse(expired).getJWTClaimsSet().getExpirationTime()).isBefore(Instant.now());

        assertThatThrownBy(() -> issuer.checkAccessToken(expired)).isInstanceOf(CognitoError.class)
                .hasMessage("Access Token has expired");
    }

    private static TokenIssuer signer(RSAKey key) {
        return new TokenIssuer(key, Clock.systemUTC(), Duration.ofHours(1));
    }

    private static TokenIssuer.Session session() {
        return new TokenIssuer.Session(Instant.now(), UUID.randomUUID());
    }

    private static RSAKey newKey() throws Exception {
        return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
    }
}
