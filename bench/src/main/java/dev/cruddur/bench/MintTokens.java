package dev.cruddur.bench;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A stand-in Cognito user pool for the benchmark: a fresh RSA key, its public JWK set, and
 * Cognito-shaped access tokens for generated users, so the server runs in Cognito mode with
 * nothing outside this machine.
 *
 * <p>{@code MintTokens --issuer URL --client-id ID --count K --jwks FILE --tokens FILE [--hours H]},
 * with {@code DATABASE_URL} naming the generated database: the tokens' {@code sub} are the
 * {@code cognito_user_id} of its first K users that have one. Tokens go to the file, one per line,
 * and are never printed.
 */
public final class MintTokens {

    /** What to mint. */
    record Request(String issuer, String clientId, int count, Path jwks, Path tokens, Duration lifetime) {
    }

    private MintTokens() {
    }

    public static void main(String[] args) throws Exception {
        Request request = parse(args);
        List<String> subjects;
        try (Connection connection = Databases.connect(Databases.fromEnvironment(System.getenv()))) {
            subjects = subjects(connection, request.count());
        }
        if (subjects.isEmpty()) {
            throw new IllegalStateException("no user has a cognito_user_id: generate data first");
        }
        RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256).generate();
        Files.writeString(request.jwks(), new JWKSet(key.toPublicJWK()).toString(), StandardCharsets.UTF_8);
        List<String> tokens = new ArrayList<>();
        Instant now = Instant.now();
        for (String subject : subjects) {
            tokens.add(sign(key, request, subject, now));
        }
        Files.write(request.tokens(), tokens, StandardCharsets.US_ASCII);
        System.out.printf("minted %d access tokens (RS256, kid %s…, valid %d h) into %s; public key in %s%n",
                tokens.size(), key.getKeyID().substring(0, 8), request.lifetime().toHours(), request.tokens(), request.jwks());
    }

    static String sign(RSAKey key, Request request, String subject, Instant now) throws Exception {
        // The claims a Cognito access token carries; the server checks iss, token_use, client_id, sub, exp.
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(request.issuer())
                .subject(subject)
                .claim("client_id", request.clientId())
                .claim("token_use", "access")
                .claim("scope", "aws.cognito.signin.user.admin")
                .claim("username", subject)
                .claim("auth_time", now.getEpochSecond())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(request.lifetime())))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static List<String> subjects(Connection connection, int count) throws Exception {
        List<String> subjects = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT cognito_user_id FROM users WHERE cognito_user_id IS NOT NULL ORDER BY created_at, uuid LIMIT ?")) {
            query.setInt(1, count);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    subjects.add(rows.getString(1));
                }
            }
        }
        return subjects;
    }

    static Request parse(String[] args) {
        String issuer = null;
        String clientId = null;
        int count = 16;
        Path jwks = null;
        Path tokens = null;
        long hours = 24;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--issuer" -> issuer = value;
                case "--client-id" -> clientId = value;
                case "--count" -> count = Integer.parseInt(value);
                case "--jwks" -> jwks = Path.of(value);
                case "--tokens" -> tokens = Path.of(value);
                case "--hours" -> hours = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (issuer == null || clientId == null || jwks == null || tokens == null || count < 1) {
            throw new IllegalArgumentException(
                    "usage: MintTokens --issuer URL --client-id ID --jwks FILE --tokens FILE [--count K] [--hours H]");
        }
        return new Request(issuer, clientId, count, jwks, tokens, Duration.ofHours(hours));
    }
}
