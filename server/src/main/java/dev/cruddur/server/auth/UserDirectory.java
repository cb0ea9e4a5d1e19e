package dev.cruddur.server.auth;

import dev.cruddur.user.UserAttributes;

/**
 * Who the bearer of a verified access token is, as the identity provider knows them: the
 * attributes a person who has no row yet is registered with.
 */
@FunctionalInterface
public interface UserDirectory {

    /**
     * @throws TokenRejectedException               when the provider no longer accepts the token
     *                                              (signed out everywhere, user deleted)
     * @throws IdentityProviderUnavailableException when the provider cannot be asked right now
     */
    UserAttributes attributesOf(String accessToken);
}
