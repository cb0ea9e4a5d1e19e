// The Amazon Cognito user-pool API, spoken directly: one POST per action to the pool's
// endpoint, the action named in X-Amz-Target, JSON in and out. The same code talks to
// https://cognito-idp.<region>.amazonaws.com/ and to the server's development provider at
// /local-cognito; only the endpoint and the app client id (from /api/config) differ.
// The app client must allow USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH and have no secret;
// with token revocation on (the default), Sign out ends the sign-in there too.

/** An error Cognito answered ({"__type": "...", "message": "..."}), or a network failure. */
export class CognitoError extends Error {
  constructor(type, message) {
    super(message);
    this.name = 'CognitoError';
    this.type = type;
  }
}

/**
 * Where the user-pool API answers, from GET /api/config: its `cognito_endpoint` (the relative
 * "/local-cognito" in local mode, resolved against this page's address), else the region's
 * public endpoint; null when the server knows neither (then every call says so).
 */
export function cognitoEndpoint(config, base) {
  if (config.cognito_endpoint) {
    return new URL(config.cognito_endpoint, base).href;
  }
  return config.region ? `https://cognito-idp.${config.region}.amazonaws.com/` : null;
}

export class Cognito {
  /**
   * @param endpoint the user-pool API's absolute URL
   * @param clientId the app client id
   */
  constructor(endpoint, clientId) {
    this.endpoint = endpoint;
    this.clientId = clientId;
  }

  /** @returns {Promise<{UserConfirmed, UserSub, CodeDeliveryDetails}>} */
  signUp({email, password, name, handle}) {
    return this.call('SignUp', {
      ClientId: this.clientId,
      Username: email,
      Password: password,
      UserAttributes: [
        {Name: 'email', Value: email},
        {Name: 'name', Value: name},
        {Name: 'preferred_username', Value: handle},
      ],
    });
  }

  confirmSignUp(email, code) {
    return this.call('ConfirmSignUp', {ClientId: this.clientId, Username: email, ConfirmationCode: code});
  }

  resendConfirmationCode(email) {
    return this.call('ResendConfirmationCode', {ClientId: this.clientId, Username: email});
  }

  /** @returns {Promise<{AccessToken, IdToken, RefreshToken, ExpiresIn}>} */
  async signIn(email, password) {
    return this.authenticate({AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: {USERNAME: email, PASSWORD: password}});
  }

  /** New access and ID tokens; Cognito sends a new refresh token only when rotation is on. */
  async refresh(refreshToken) {
    return this.authenticate({AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: {REFRESH_TOKEN: refreshToken}});
  }

  forgotPassword(email) {
    return this.call('ForgotPassword', {ClientId: this.clientId, Username: email});
  }

  confirmForgotPassword(email, code, password) {
    return this.call('ConfirmForgotPassword', {
      ClientId: this.clientId, Username: email, ConfirmationCode: code, Password: password,
    });
  }

  /**
   * Ends the sign-in of this refresh token at the pool: the token and the access tokens it
   * issued stop working there. The app client must have token revocation on (Cognito's default
   * for new clients). Sent with keepalive, so it still goes out if the page is closed meanwhile.
   */
  revokeToken(refreshToken) {
    return this.call('RevokeToken', {ClientId: this.clientId, Token: refreshToken}, {keepalive: true});
  }

  async authenticate(flow) {
    const answer = await this.call('InitiateAuth', {ClientId: this.clientId, ...flow});
    if (!answer.AuthenticationResult) {
      // MFA or another challenge: this pool asks for more than this app supports.
      throw new CognitoError(answer.ChallengeName ?? 'ChallengeNotSupported',
        `This user pool asks for ${answer.ChallengeName ?? 'an extra step'}, which Cruddur cannot do yet.`);
    }
    return answer.AuthenticationResult;
  }

  async call(action, body, {keepalive = false} = {}) {
    if (!this.endpoint) {
      throw new CognitoError('NotConfigured', 'This server has no Cognito endpoint to sign in with. '
        + 'Its operator sets AWS_REGION or COGNITO_ENDPOINT.');
    }
    let response;
    try {
      response = await fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `AWSCognitoIdentityProviderService.${action}`,
        },
        body: JSON.stringify(body),
        keepalive,
      });
    } catch {
      throw new CognitoError('NetworkError', 'The sign-in service cannot be reached. Check your connection and try again.');
    }
    let answer = {};
    try {
      answer = await response.json();
    } catch {
      // an empty or non-JSON body: the status below says enough
    }
    if (!response.ok) {
      throw new CognitoError(errorType(answer, response), readable(answer, response));
    }
    return answer;
  }
}

/** "UsernameExistsException", from the body or the header, without a namespace prefix. */
function errorType(answer, response) {
  const raw = answer.__type ?? response.headers.get('x-amzn-ErrorType') ?? `HTTP${response.status}`;
  return raw.split('#').pop().split(':')[0];
}

/**
 * Cognito's guessing throttles: LimitExceededException for codes, and for passwords a
 * NotAuthorizedException whose message alone tells it apart. They last minutes.
 */
function throttled(type, message) {
  return type === 'LimitExceededException'
    || (type === 'NotAuthorizedException' && /attempts exceeded/i.test(message ?? ''));
}

/** Too many requests per second, or a passing failure: worth trying again in seconds. */
function busy(type) {
  return type === 'TooManyRequestsException' || type === 'ServiceUnavailable';
}

function readable(answer, response) {
  const message = answer.message ?? answer.Message;
  const type = errorType(answer, response);
  if (throttled(type, message)) {
    return 'Too many attempts, try again in a few minutes.';
  }
  if (busy(type)) {
    return 'The sign-in service is busy, try again in a moment.';
  }
  if (!message) {
    return `The sign-in service could not do that (${errorType(answer, response)}).`;
  }
  // A trigger's refusal reads "PreSignUp failed with error The username 'x' is taken; …".
  return message.replace(/^(PreSignUp|PostConfirmation) failed with error /, '');
}
