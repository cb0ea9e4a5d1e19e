package dev.cruddur.localcognito;

/**
 * Where a code was "sent", as Cognito reports it: the email masked to its first letters
 * ({@code alice@example.com} → {@code a***@e***}), so a response never spells out an address.
 */
record CodeDelivery(String destination, String deliveryMedium, String attributeName) {

    static CodeDelivery email(String email) {
        return new CodeDelivery(mask(email), "EMAIL", "email");
    }

    static String mask(String email) {
        int at = email.indexOf('@');
        if (at < 1 || at == email.length() - 1) {
            return "***";
        }
        return firstCodePoint(email.substring(0, at)) + "***@" + firstCodePoint(email.substring(at + 1)) + "***";
    }

    private static String firstCodePoint(String text) {
        return new String(Character.toChars(text.codePointAt(0)));
    }
}
