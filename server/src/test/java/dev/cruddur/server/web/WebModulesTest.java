package dev.cruddur.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cruddur.activity.PostCrud;
import dev.cruddur.activity.ReplyToCrud;
import dev.cruddur.activity.Ttl;
import dev.cruddur.message.Conversations;
import dev.cruddur.message.SendMessage;
import dev.cruddur.notification.Notifications;
import dev.cruddur.server.TestServer;
import dev.cruddur.user.Profiles;
import dev.cruddur.user.UserRegistration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app's modules one function at a time, imported into the real headless Chromium from
 * the real server (no Node, no bundler): what can go wrong only in edge cases a journey does
 * not reach — a hostile {@code next} address, Cognito's request shapes and error forms, a
 * refresh shared by concurrent calls, a refresh token Cognito does not send again, a skewed
 * clock. Each snippet is the body of an async function; the value it returns comes back as
 * JSON-like Java objects.
 */
@SuppressWarnings("unchecked")
class WebModulesTest {

    @TempDir
    static Path dataDirectory;

    private static TestServer server;
    private static Browser browser;

    @BeforeAll
    static void start() {
        server = TestServer.withLocalIdentity(dataDirectory).start();
        browser = Browser.open(server.port());
        new CruddurUi(browser).open("/");
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
        }
    }

    /** Runs the body of an async function in the page; fails the test with the page's error. */
    @SuppressWarnings("unchecked")
    private static <T> T run(String body) {
        Object answer = browser.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " (async () => {" + body + "})().then((value) => done({value: value ?? null}),"
                + " (error) => done({error: String(error && error.stack || error)}));");
        Map<?, ?> result = (Map<?, ?>) answer;
        if (result.get("error") != null) {
            throw new AssertionError("the page threw: " + result.get("error"));
        }
        return (T) result.get("value");
    }

    @Test
    void afterSigningInOnlyPathsOfThisAppAreFollowed() {
        List<Object> answers = run("const {safeNext} = await import('/js/router.js');"
                + " const next = (value) => safeNext(new URL('/signin?next=' + encodeURIComponent(value), location.origin));"
                + " return ['/cruds/1?x=2#r', '/?compose=1', '//evil.example/x', '/\\\\evil.example', '/\\t/evil.example',"
                + " '/\\n/evil.example', 'https://evil.example/', 'javascript:alert(1)', ' /x', ''].map(next);");

        assertThat(answers).containsExactly(
                "/cruds/1?x=2#r", "/?compose=1", "/", "/", "/", "/", "/", "/", "/", "/");
    }

    @Test
    void dotSegmentsAndEncodingsCannotTurnTheWayBackIntoAnotherSite() {
        // Each resolves to a path that starts with "//": followed, it would leave for evil.example.
        List<Object> answers = run("const {safeNext} = await import('/js/router.js');"
                + " const next = (value) => safeNext(new URL('/signin?next=' + encodeURIComponent(value), location.origin));"
                + " return ['/..//evil.example/x', '/.//evil.example', '/a/..//evil.example/x', '/%2e%2e//evil.example',"
                + " '/%2E//evil.example', '/..\\\\/evil.example', '/../\\\\evil.example', '/./\\t/evil.example',"
                + " '/..//evil.example/x?y=1#z', '/.%2e//evil.example'].map(next);");

        assertThat(answers).hasSize(10).containsOnly("/");
    }

    @Test
    void aWayBackWithDotSegmentsInsideThisAppStillArrives() {
        List<Object> answers = run("const {safeNext} = await import('/js/router.js');"
                + " const next = (value) => safeNext(new URL('/signin?next=' + encodeURIComponent(value), location.origin));"
                + " return ['/a/../cruds/1', '/./notifications', '/%2e%2e/search?term=x', '/..'].map(next);");

        assertThat(answers).containsExactly("/cruds/1", "/notifications", "/search?term=x", "/");
    }

    @Test
    void theLimitsAndExpiriesCopiedIntoTheAppAreCoresOwn() {
        Map<String, Object> answer = run("const {MAX_CRUD, TTLS} = await import('/js/views/compose.js');"
                + " const {MAX_REPLY} = await import('/js/views/crud.js');"
                + " const {MAX_BIO, MAX_NAME} = await import('/js/views/profile-editor.js');"
                + " return {maxCrud: MAX_CRUD, maxReply: MAX_REPLY, maxBio: MAX_BIO, maxName: MAX_NAME,"
                + "   ttls: TTLS.map(([code]) => code)};");

        assertThat(answer).containsEntry("maxCrud", (long) PostCrud.MAX_CODE_POINTS)
                .containsEntry("maxReply", (long) ReplyToCrud.MAX_CODE_POINTS)
                .containsEntry("maxBio", (long) Profiles.MAX_BIO_CHARS)
                .containsEntry("maxName", (long) UserRegistration.MAX_NAME_CHARS);
        assertThat((List<Object>) answer.get("ttls")).containsExactlyElementsOf(Ttl.codes());
    }

    @Test
    void mentionsOfHandlesAndHashtagsAreLinksAndEverythingElseStaysText() {
        List<Object> answers = run("const {messageText} = await import('/js/views/activity.js');"
                + " const links = (text) => { const p = messageText(text);"
                + "   if (p.textContent !== text) { throw new Error('the text changed: ' + p.textContent); }"
                + "   return [...p.querySelectorAll('a')].map((a) => a.getAttribute('href') + ' ' + a.textContent); };"
                + " return ['Hi @ada_l, see #java!', \"(@Bob) and @bob's <b>@x</b>\", 'ada@example.com @@ada @a@b café@bob',"
                + "   '@' + 'a'.repeat(30), '@' + 'a'.repeat(31), '@bobé #a#b @'].map(links);");

        assertThat(answers).containsExactly(
                List.of("/@ada_l @ada_l", "/search?term=%23java #java"),
                List.of("/@Bob @Bob", "/@bob @bob", "/@x @x"),
                List.of(),
                List.of("/@" + "a".repeat(30) + " @" + "a".repeat(30)),
                List.of(),
                List.of("/search?term=%23a #a"));
    }

    @Test
    void readsCarryTheTokenWhenSignedInAndAreAnsweredAnonymouslyOnceTheSessionHasEnded() {
        // The API accepts the token "good" and refuses any other; without a token it answers too.
        Map<String, Object> answer = run("const {Api} = await import('/js/api.js');"
                + " const calls = []; const realFetch = window.fetch;"
                + " window.fetch = async (url, init) => { const auth = init.headers.Authorization ?? 'anonymous';"
                + "   calls.push(auth); const refused = auth !== 'anonymous' && auth !== 'Bearer good';"
                + "   return new Response(refused ? '{\"error\":\"token_invalid\",\"message\":\"no\"}' : '[]',"
                + "     {status: refused ? 401 : 200}); };"
                + " const session = (tokens) => ({signedIn: true, tokens, async accessToken() { return this.tokens[0]; },"
                + "   async refresh() { this.tokens.shift(); }, signOut() { this.signedIn = false; this.tokens = [null]; }});"
                + " const read = async (s) => { calls.length = 0; await new Api(s).get('/api/x', {auth: 'optional'});"
                + "   return [...calls]; };"
                + " try {"
                + "   const ended = session(['old', 'refused-too']);"
                + "   return {accepted: await read(session(['good'])), refreshed: await read(session(['old', 'good'])),"
                + "     ended: await read(ended), endedSignedIn: ended.signedIn,"
                + "     signedOut: await read({signedIn: false, accessToken: async () => null})};"
                + " } finally { window.fetch = realFetch; }");

        assertThat(answer).containsEntry("accepted", List.of("Bearer good"))
                .containsEntry("refreshed", List.of("Bearer old", "Bearer good"))
                .containsEntry("ended", List.of("Bearer old", "Bearer refused-too", "anonymous"))
                .containsEntry("endedSignedIn", false)
                .containsEntry("signedOut", List.of("anonymous"));
    }

    @Test
    void aWriteWhoseTokenIsRefusedIsSentAgainWithItsBodyAndTheFreshToken() {
        // The browser journey's first call with a refused token is a read (the unread count); a
        // write carries a body, which the retry must send again unchanged.
        Map<String, Object> answer = run("const {Api} = await import('/js/api.js');"
                + " const calls = []; const realFetch = window.fetch;"
                + " window.fetch = async (url, init) => { calls.push([init.method, init.headers.Authorization, init.body]);"
                + "   const refused = init.headers.Authorization !== 'Bearer good';"
                + "   return new Response(refused ? '{\"error\":\"token_invalid\",\"message\":\"no\"}' : '{\"uuid\":\"u\"}',"
                + "     {status: refused ? 401 : 201}); };"
                + " const session = {signedIn: true, tokens: ['old', 'good'], async accessToken() { return this.tokens[0]; },"
                + "   async refresh() { this.tokens.shift(); }, signOut() { this.signedIn = false; }};"
                + " try {"
                + "   const {data} = await new Api(session).post('/api/activities', {message: 'hi', ttl: '1-hour'});"
                + "   return {calls, data, signedIn: session.signedIn};"
                + " } finally { window.fetch = realFetch; }");

        String body = "{\"message\":\"hi\",\"ttl\":\"1-hour\"}";
        assertThat(answer).containsEntry("calls", List.of(List.of("POST", "Bearer old", body), List.of("POST", "Bearer good", body)))
                .containsEntry("data", Map.of("uuid", "u"))
                .containsEntry("signedIn", true);
    }

    @Test
    void theUnreadBadgeSaysNinetyNinePlusAtTheServersCapAndPollsEveryThirtySeconds() {
        Map<String, Object> answer = run("const {unreadText, POLL_INTERVAL_MS, UNREAD_CAP} = await import('/js/unread.js');"
                + " return {poll: POLL_INTERVAL_MS, cap: UNREAD_CAP, badges: [1, 3, 99, 100, 250].map(unreadText)};");

        assertThat(answer).containsEntry("poll", 30_000L).containsEntry("cap", (long) Notifications.UNREAD_COUNTED_UP_TO);
        assertThat((List<Map<String, Object>>) answer.get("badges")).containsExactly(
                Map.of("text", "1", "label", "1 unread notification"),
                Map.of("text", "3", "label", "3 unread notifications"),
                Map.of("text", "99", "label", "99 unread notifications"),
                Map.of("text", "99+", "label", "More than 99 unread notifications"),
                Map.of("text", "99+", "label", "More than 99 unread notifications"));
    }

    @Test
    void theMessagesLimitAndCapAreCoresOwnAndAPageOfMessagesIsAskedForEveryFiveSeconds() {
        Map<String, Object> answer = run("const {MAX_MESSAGE} = await import('/js/views/messages.js');"
                + " const {countText, UNREAD_CAP, WATCHED_POLL_INTERVAL_MS} = await import('/js/unread.js');"
                + " return {max: MAX_MESSAGE, cap: UNREAD_CAP, watched: WATCHED_POLL_INTERVAL_MS,"
                + "   badges: [1, 2, 100].map((n) => countText(n, 'conversation', 'conversations'))};");

        assertThat(answer).containsEntry("max", (long) SendMessage.MAX_CODE_POINTS)
                .containsEntry("cap", (long) Conversations.UNREAD_COUNTED_UP_TO)
                .containsEntry("watched", 5_000L);
        assertThat((List<Map<String, Object>>) answer.get("badges")).containsExactly(
                Map.of("text", "1", "label", "1 unread conversation"),
                Map.of("text", "2", "label", "2 unread conversations"),
                Map.of("text", "99+", "label", "More than 99 unread conversations"));
    }

    @Test
    void agesAreSecondsMinutesHoursThenADateWithTheYearWhenItIsNotThisOne() {
        // Noon UTC: the same calendar day in every time zone the browser may be in.
        List<Object> ages = run("const {relativeAge} = await import('/js/format.js');"
                + " const then = Date.UTC(2024, 10, 24, 12); const iso = new Date(then).toISOString();"
                + " const s = 1000, m = 60 * s, h = 60 * m, d = 24 * h;"
                + " return [relativeAge(iso, then - 5 * s), relativeAge(iso, then + 12 * s), relativeAge(iso, then + 59 * s),"
                + "   relativeAge(iso, then + 5 * m + 30 * s), relativeAge(iso, then + h - s), relativeAge(iso, then + 3 * h),"
                + "   relativeAge(iso, then + d - s), relativeAge(iso, then + d), relativeAge(iso, then + 20 * d),"
                + "   relativeAge(iso, Date.UTC(2025, 0, 2, 12))];");

        assertThat(ages).containsExactly("0s", "12s", "59s", "5m", "59m", "3h", "23h", "Nov 24", "Nov 24", "Nov 24, 2024");
    }

    @Test
    void theSignInAddressCarriesTheWayBackWhichSafeNextThenFollows() {
        List<Object> answers = run("const {safeNext, signInPath} = await import('/js/router.js');"
                + " const paths = ['/?compose=1', '/cruds/1?x=2#r', '/notifications'];"
                + " return [signInPath('/?compose=1'),"
                + "   ...paths.map((path) => safeNext(new URL(signInPath(path), location.origin)))];");

        assertThat(answers).containsExactly("/signin?next=%2F%3Fcompose%3D1", "/?compose=1", "/cruds/1?x=2#r", "/notifications");
    }

    /**
     * A fake JWT with these claims, a fake Cognito that counts its refreshes (answering like real
     * Cognito: no new refresh token), and a Session on a throw-away storage.
     */
    private static final String SESSION_KIT = "const {Session} = await import('/js/session.js');"
            + " const {CognitoError} = await import('/js/cognito.js');"
            + " const jwt = (claims) => 'e30.' + btoa(JSON.stringify(claims)).replace(/=+$/, '')"
            + "   .replace(/\\+/g, '-').replace(/\\//g, '_') + '.sig';"
            + " const nowS = () => Math.floor(Date.now() / 1000);"
            + " const memory = new Map();"
            + " const storage = {getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, v),"
            + "   removeItem: (k) => memory.delete(k)};"
            + " const cognito = {refreshes: 0, answer: null, async refresh(token) {"
            + "   this.refreshes++; this.lastRefreshToken = token;"
            + "   await new Promise((resolve) => setTimeout(resolve, 50));"
            + "   if (this.answer) { throw this.answer; }"
            + "   return {AccessToken: jwt({exp: nowS() + 3600, iat: nowS(), n: this.refreshes}), ExpiresIn: 3600,"
            + "     IdToken: jwt({name: 'Ada', preferred_username: 'ada'}), TokenType: 'Bearer'}; }};"
            + " let later = 0;" // how far this browser's clock has moved on, in seconds
            + " const session = new Session(cognito, storage, () => Date.now() + later * 1000);"
            + " const stored = () => JSON.parse(memory.get('cruddur.session') ?? 'null');";

    @Test
    void concurrentCallsShareOneRefreshAndTheRefreshTokenIsKeptWhenCognitoSendsNoNewOne() {
        Map<String, Object> answer = run(SESSION_KIT
                + " session.signedInWith({AccessToken: jwt({exp: nowS() + 3600, iat: nowS()}), ExpiresIn: 3600,"
                + "   IdToken: jwt({}), RefreshToken: 'the-refresh-token'}, 'ada@example.com');"
                + " later = 3500;" // 100 seconds left: time to refresh
                + " const tokens = await Promise.all([session.accessToken(), session.accessToken(), session.accessToken()]);"
                + " const again = await session.accessToken();"
                + " return {refreshes: cognito.refreshes, distinct: new Set([...tokens, again]).size,"
                + "   sentRefreshToken: cognito.lastRefreshToken, keptRefreshToken: stored().refreshToken,"
                + "   afterReload: new Session(cognito, storage).signedIn, name: session.user.name};");

        assertThat(answer).containsEntry("refreshes", 1L).containsEntry("distinct", 1L)
                .containsEntry("sentRefreshToken", "the-refresh-token")
                .containsEntry("keptRefreshToken", "the-refresh-token")
                .containsEntry("afterReload", true).containsEntry("name", "Ada");
    }

    @Test
    void aTokenRefusedByTheApiIsRefreshedOnceEvenWhenSeveralCallsWereRefused() {
        Map<String, Object> answer = run(SESSION_KIT
                + " session.signedInWith({AccessToken: jwt({exp: nowS() + 3600, iat: nowS()}), ExpiresIn: 3600,"
                + "   IdToken: jwt({}), RefreshToken: 'r'}, 'ada@example.com');"
                + " const refused = await session.accessToken();"
                + " await session.refresh(refused);"
                + " await session.refresh(refused);" // a second call refused with the same, now replaced, token
                + " return {refreshes: cognito.refreshes, replaced: (await session.accessToken()) !== refused};");

        assertThat(answer).containsEntry("refreshes", 1L).containsEntry("replaced", true);
    }

    @Test
    void theTokenLifetimeIsCountedOnThisBrowsersClockSoASkewedClockDoesNotRefreshEveryCall() {
        // This laptop's clock runs two hours ahead of Cognito's: by the claims, a fresh token
        // expired an hour ago; Cognito's ExpiresIn says it has an hour.
        Map<String, Object> answer = run(SESSION_KIT
                + " session.signedInWith({AccessToken: jwt({exp: nowS() - 3600, iat: nowS() - 7200}), ExpiresIn: 3600,"
                + "   IdToken: jwt({}), RefreshToken: 'r'}, 'ada@example.com');"
                + " await session.accessToken(); await session.accessToken();"
                + " return {refreshes: cognito.refreshes};");

        assertThat(answer).containsEntry("refreshes", 0L);
    }

    @Test
    void whenCognitoCannotBeReachedATokenWithTimeLeftIsStillUsed() {
        Map<String, Object> answer = run(SESSION_KIT
                + " session.signedInWith({AccessToken: jwt({exp: nowS() + 3600, iat: nowS()}), ExpiresIn: 3600,"
                + "   IdToken: jwt({}), RefreshToken: 'r'}, 'ada@example.com');"
                + " const before = session.state.accessToken;"
                + " cognito.answer = new CognitoError('NetworkError', 'The sign-in service cannot be reached.');"
                + " later = 3500;"
                + " const used = await session.accessToken();"
                + " later = 3601;"
                + " let expiredError = null;"
                + " try { await session.accessToken(); } catch (e) { expiredError = e.message; }"
                + " return {usedTheOldOne: used === before, expiredError, signedIn: session.signedIn,"
                + "   refreshes: cognito.refreshes};");

        assertThat(answer).containsEntry("usedTheOldOne", true).containsEntry("refreshes", 2L)
                .containsEntry("expiredError", "The sign-in service cannot be reached.")
                .containsEntry("signedIn", true);
    }

    @Test
    void aRefreshTokenCognitoNoLongerAcceptsEndsTheSessionWithAReadableMessage() {
        Map<String, Object> answer = run(SESSION_KIT
                + " session.signedInWith({AccessToken: jwt({exp: nowS() + 3600, iat: nowS()}), ExpiresIn: 3600,"
                + "   IdToken: jwt({}), RefreshToken: 'revoked'}, 'ada@example.com');"
                + " later = 3601;"
                + " cognito.answer = new CognitoError('NotAuthorizedException', 'Refresh Token has been revoked');"
                + " let message = null;"
                + " try { await session.accessToken(); } catch (e) { message = e.message; }"
                + " return {message, signedIn: session.signedIn, stored: stored(), refreshes: cognito.refreshes,"
                + "   afterwards: await session.accessToken()};");

        assertThat(answer).containsEntry("message", "Your session has ended. Sign in again.")
                .containsEntry("signedIn", false).containsEntry("stored", null)
                .containsEntry("refreshes", 1L).containsEntry("afterwards", null);
    }

    /** Cognito's endpoint and client id, a fetch that records each request and answers `reply`. */
    private static final String COGNITO_KIT = "const {Cognito, cognitoEndpoint} = await import('/js/cognito.js');"
            + " const sent = []; let reply = {status: 200, body: '{}', headers: {}};"
            + " const realFetch = window.fetch;"
            + " window.fetch = async (url, init) => { sent.push({url: String(url), method: init.method,"
            + "   contentType: init.headers['Content-Type'], target: init.headers['X-Amz-Target'], body: init.body,"
            + "   keepalive: init.keepalive ?? false});"
            + "   return new Response(reply.body, {status: reply.status, headers: reply.headers}); };"
            + " const cognito = new Cognito(cognitoEndpoint({region: 'eu-west-2', client_id: 'abc123'}, location.origin),"
            + "   'abc123');"
            + " const failure = async (promise) => { try { await promise; return null; }"
            + "   catch (e) { return {type: e.type, message: e.message}; } };";

    @Test
    void everyCallIsTheUserPoolJsonProtocolAsRealCognitoExpectsIt() {
        Map<String, Object> answer = run(COGNITO_KIT + " try {"
                + " await cognito.signUp({email: 'ada@example.com', password: 'P4ss-word!', name: 'Ada L', handle: 'ada_l'});"
                + " await cognito.confirmSignUp('ada@example.com', '123456');"
                + " await cognito.resendConfirmationCode('ada@example.com');"
                + " reply.body = JSON.stringify({AuthenticationResult: {AccessToken: 'a', IdToken: 'i', RefreshToken: 'r',"
                + "   ExpiresIn: 3600, TokenType: 'Bearer'}, ChallengeParameters: {}});"
                + " const signedIn = await cognito.signIn('ada@example.com', 'P4ss-word!');"
                + " await cognito.refresh('r');"
                + " reply.body = '{}';"
                + " await cognito.forgotPassword('ada@example.com');"
                + " await cognito.confirmForgotPassword('ada@example.com', '654321', 'N3w-pass!');"
                + " return {sent, signedIn}; } finally { window.fetch = realFetch; }");

        List<Map<String, Object>> sent = (List<Map<String, Object>>) answer.get("sent");
        assertThat(sent).extracting(call -> call.get("url")).containsOnly("https://cognito-idp.eu-west-2.amazonaws.com/");
        assertThat(sent).extracting(call -> call.get("method")).containsOnly("POST");
        assertThat(sent).extracting(call -> call.get("contentType")).containsOnly("application/x-amz-json-1.1");
        assertThat(sent).extracting(call -> call.get("target")).containsExactly(
                "AWSCognitoIdentityProviderService.SignUp", "AWSCognitoIdentityProviderService.ConfirmSignUp",
                "AWSCognitoIdentityProviderService.ResendConfirmationCode", "AWSCognitoIdentityProviderService.InitiateAuth",
                "AWSCognitoIdentityProviderService.InitiateAuth", "AWSCognitoIdentityProviderService.ForgotPassword",
                "AWSCognitoIdentityProviderService.ConfirmForgotPassword");
        assertThat(sent).extracting(call -> call.get("body")).containsExactly(
                "{\"ClientId\":\"abc123\",\"Username\":\"ada@example.com\",\"Password\":\"P4ss-word!\",\"UserAttributes\":["
                        + "{\"Name\":\"email\",\"Value\":\"ada@example.com\"},{\"Name\":\"name\",\"Value\":\"Ada L\"},"
                        + "{\"Name\":\"preferred_username\",\"Value\":\"ada_l\"}]}",
                "{\"ClientId\":\"abc123\",\"Username\":\"ada@example.com\",\"ConfirmationCode\":\"123456\"}",
                "{\"ClientId\":\"abc123\",\"Username\":\"ada@example.com\"}",
                "{\"ClientId\":\"abc123\",\"AuthFlow\":\"USER_PASSWORD_AUTH\",\"AuthParameters\":"
                        + "{\"USERNAME\":\"ada@example.com\",\"PASSWORD\":\"P4ss-word!\"}}",
                "{\"ClientId\":\"abc123\",\"AuthFlow\":\"REFRESH_TOKEN_AUTH\",\"AuthParameters\":{\"REFRESH_TOKEN\":\"r\"}}",
                "{\"ClientId\":\"abc123\",\"Username\":\"ada@example.com\"}",
                "{\"ClientId\":\"abc123\",\"Username\":\"ada@example.com\",\"ConfirmationCode\":\"654321\","
                        + "\"Password\":\"N3w-pass!\"}");
        assertThat((Map<String, Object>) answer.get("signedIn")).containsEntry("AccessToken", "a")
                .containsEntry("RefreshToken", "r").containsEntry("ExpiresIn", 3600L);
    }

    @Test
    void signingOutForgetsTheTokensHereAndRevokesTheRefreshTokenEvenIfCognitoRefuses() {
        Map<String, Object> answer = run(COGNITO_KIT + " try {"
                + " const {Session} = await import('/js/session.js');"
                + " const memory = new Map();"
                + " const storage = {getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => memory.set(k, v),"
                + "   removeItem: (k) => memory.delete(k)};"
                + " const session = new Session(cognito, storage);"
                + " const tokens = {AccessToken: 'a', IdToken: 'i', RefreshToken: 'the-refresh-token', ExpiresIn: 3600};"
                + " session.signedInWith(tokens, 'ada@example.com');"
                + " await session.signOut();"
                + " const afterRevoked = {signedIn: session.signedIn, stored: memory.get('cruddur.session') ?? null};"
                // A pool whose app client has revocation off, or no network: signed out here all the same.
                + " reply = {status: 400, headers: {}, body: JSON.stringify({__type: 'UnsupportedOperationException',"
                + "   message: 'Token revocation is not enabled for this app client.'})};"
                + " session.signedInWith(tokens, 'ada@example.com');"
                + " await session.signOut();"
                + " const afterRefused = {signedIn: session.signedIn, stored: memory.get('cruddur.session') ?? null};"
                + " window.fetch = async () => { throw new TypeError('Failed to fetch'); };"
                + " session.signedInWith(tokens, 'ada@example.com');"
                + " await session.signOut();"
                + " const afterOffline = {signedIn: session.signedIn};"
                + " await session.signOut();" // signed out already: nothing to revoke
                + " return {sent, afterRevoked, afterRefused, afterOffline}; } finally { window.fetch = realFetch; }");

        List<Map<String, Object>> sent = (List<Map<String, Object>>) answer.get("sent");
        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(call -> call.get("url")).containsOnly("https://cognito-idp.eu-west-2.amazonaws.com/");
        assertThat(sent).extracting(call -> call.get("target")).containsOnly("AWSCognitoIdentityProviderService.RevokeToken");
        assertThat(sent).extracting(call -> call.get("body"))
                .containsOnly("{\"ClientId\":\"abc123\",\"Token\":\"the-refresh-token\"}");
        assertThat(sent).extracting(call -> call.get("keepalive")).containsOnly(true);
        for (String after : List.of("afterRevoked", "afterRefused", "afterOffline")) {
            assertThat((Map<String, Object>) answer.get(after)).as(after).containsEntry("signedIn", false);
        }
        assertThat((Map<String, Object>) answer.get("afterRevoked")).containsEntry("stored", null);
        assertThat((Map<String, Object>) answer.get("afterRefused")).containsEntry("stored", null);
    }

    @Test
    void cognitosErrorsAndChallengesBecomeReadableMessagesWhateverTheirForm() {
        Map<String, Object> answer = run(COGNITO_KIT + " try {"
                + " reply = {status: 400, headers: {'Content-Type': 'application/x-amz-json-1.1'}, body: JSON.stringify({"
                + "   __type: 'com.amazonaws.cognito.identity.idp.model#NotAuthorizedException',"
                + "   message: 'Incorrect username or password.'})};"
                + " const prefixed = await failure(cognito.signIn('ada@example.com', 'x'));"
                + " reply = {status: 400, headers: {'x-amzn-ErrorType': 'UserNotFoundException:http://internal.amazon.com/'}, body: ''};"
                + " const headerOnly = await failure(cognito.forgotPassword('nobody@example.com'));"
                + " reply = {status: 400, headers: {}, body: JSON.stringify({__type: 'UserLambdaValidationException',"
                + "   Message: 'PreSignUp failed with error The username is taken.'})};"
                + " const trigger = await failure(cognito.signUp({email: 'a@b.c', password: 'p', name: 'n', handle: 'h'}));"
                + " reply = {status: 400, headers: {}, body: JSON.stringify({__type: 'TooManyRequestsException',"
                + "   message: 'Too many requests are being handled; try again shortly.'})};"
                + " const tooMany = await failure(cognito.signIn('ada@example.com', 'P4ss-word!'));"
                + " reply = {status: 503, headers: {}, body: JSON.stringify({__type: 'ServiceUnavailable',"
                + "   message: 'The database is not answering; try again shortly.'})};"
                + " const unavailable = await failure(cognito.signIn('ada@example.com', 'P4ss-word!'));"
                + " reply = {status: 400, headers: {}, body: JSON.stringify({__type: 'LimitExceededException',"
                + "   message: 'Attempt limit exceeded, please try after some time.'})};"
                + " const guessing = await failure(cognito.confirmSignUp('ada@example.com', '000000'));"
                + " reply = {status: 200, headers: {}, body: JSON.stringify({ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: 's'})};"
                + " const challenge = await failure(cognito.signIn('ada@example.com', 'P4ss-word!'));"
                + " window.fetch = async () => { throw new TypeError('Failed to fetch'); };"
                + " const offline = await failure(cognito.signIn('ada@example.com', 'P4ss-word!'));"
                + " const unconfigured = await failure(new Cognito(cognitoEndpoint({}, location.origin), 'x')"
                + "   .signIn('ada@example.com', 'P4ss-word!'));"
                + " return {prefixed, headerOnly, trigger, tooMany, unavailable, guessing, challenge, offline, unconfigured,"
                + "   local: cognitoEndpoint({cognito_endpoint: '/local-cognito', region: 'local'}, 'http://host:4567'),"
                + "   configured: cognitoEndpoint({cognito_endpoint: 'https://idp.example/', region: 'us-east-1'}, 'http://host')};"
                + " } finally { window.fetch = realFetch; }");

        assertThat((Map<String, Object>) answer.get("prefixed")).containsEntry("type", "NotAuthorizedException")
                .containsEntry("message", "Incorrect username or password.");
        assertThat((Map<String, Object>) answer.get("headerOnly")).containsEntry("type", "UserNotFoundException")
                .containsEntry("message", "The sign-in service could not do that (UserNotFoundException).");
        assertThat((Map<String, Object>) answer.get("trigger")).containsEntry("type", "UserLambdaValidationException")
                .containsEntry("message", "The username is taken.");
        // Request-rate throttling and a passing failure are worth another try in seconds; guessing takes minutes.
        assertThat((Map<String, Object>) answer.get("tooMany")).containsEntry("type", "TooManyRequestsException")
                .containsEntry("message", "The sign-in service is busy, try again in a moment.");
        assertThat((Map<String, Object>) answer.get("unavailable")).containsEntry("type", "ServiceUnavailable")
                .containsEntry("message", "The sign-in service is busy, try again in a moment.");
        assertThat((Map<String, Object>) answer.get("guessing")).containsEntry("type", "LimitExceededException")
                .containsEntry("message", "Too many attempts, try again in a few minutes.");
        assertThat((Map<String, Object>) answer.get("challenge")).containsEntry("type", "SOFTWARE_TOKEN_MFA");
        assertThat((String) ((Map<String, Object>) answer.get("challenge")).get("message")).contains("SOFTWARE_TOKEN_MFA");
        assertThat((Map<String, Object>) answer.get("offline")).containsEntry("type", "NetworkError");
        assertThat((Map<String, Object>) answer.get("unconfigured")).containsEntry("type", "NotConfigured");
        assertThat(answer).containsEntry("local", "http://host:4567/local-cognito")
                .containsEntry("configured", "https://idp.example/");
    }
}
