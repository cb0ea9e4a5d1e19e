package dev.cruddur.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;

/** The invocation context Lambda passes along; the handlers only read the request id. */
record TestContext(String awsRequestId) implements Context {

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/cruddur-post-confirmation";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/24/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "cruddur-post-confirmation";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:cruddur-post-confirmation";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 5000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    /** The library's logger, which outside Lambda prints to stdout as the runtime's does to CloudWatch. */
    @Override
    public LambdaLogger getLogger() {
        return LambdaRuntime.getLogger();
    }
}
