package dev.cruddur.localcognito;

/** The body of Cognito's answer to an action that sends a code (ResendConfirmationCode, ForgotPassword). */
record CodeDeliveryResult(CodeDelivery codeDeliveryDetails) {
}
