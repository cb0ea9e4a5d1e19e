package dev.cruddur.localcognito;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @ValueSource(strings = {"Passw0rd!", "Aa1 with spaces", "Ünïcödé1^x", "Aa1=aaaa"})
    void acceptsWhatCognitosDefaultPolicyAccepts(String password) {
        assertThatCode(() -> policy.check(password, "password")).doesNotThrowAnyException();
    }

    @Test
    void namesTheFirstBrokenRuleAsCognitoDoes() {
        assertThatThrownBy(() -> policy.check("aB1!", "password")).hasMessage("Password did not conform with policy: Password not long enough");
        assertThatThrownBy(() -> policy.check("abcdefg1!", "password")).hasMessageEndingWith("Password must have uppercase characters");
        assertThatThrownBy(() -> policy.check("ABCDEFG1!", "password")).hasMessageEndingWith("Password must have lowercase characters");
        assertThatThrownBy(() -> policy.check("Abcdefgh!", "password")).hasMessageEndingWith("Password must have numeric characters");
        assertThatThrownBy(() -> policy.check("Abcdefgh1", "password")).hasMessageEndingWith("Password must have symbol characters");
    }

    @Test
    void refusesWhatBCryptCannotTellApartAndWhatCognitosModelRefuses() {
        assertThatThrownBy(() -> policy.check("Aa1!" + "x".repeat(69), "password"))
                .isInstanceOf(CognitoError.class).hasMessageContaining("72 bytes");
        assertThatThrownBy(() -> policy.check("Aa1!" + "x".repeat(253), "password"))
                .hasMessageContaining("less than or equal to 256");
        assertThatThrownBy(() -> policy.check("Passw0rd! ", "password")).hasMessageContaining("regular expression");
        assertThatThrownBy(() -> policy.check(null, "password")).hasMessageContaining("Value null at 'password'");
    }
}
