package dev.cruddur.ops.lambda;

/** The handlers in the jar the lambda module builds (docs/lambda.md): one function per trigger. */
enum TriggerHandler {
    POST_CONFIRMATION("dev.cruddur.lambda.PostConfirmationHandler::handleRequest"),
    PRE_SIGN_UP("dev.cruddur.lambda.PreSignUpHandler::handleRequest");

    private final String handler;

    TriggerHandler(String handler) {
        this.handler = handler;
    }

    String handler() {
        return handler;
    }
}
