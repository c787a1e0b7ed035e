package io.trendtags.client.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trendtags.client.feed.ApiException;
import io.trendtags.client.feed.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in Bluesky session: {@code com.atproto.server.createSession} with the handle and the app password
 * once, then {@code refreshSession} with the refresh token whenever the access token expires (2 hours), and a
 * new sign-in only when the refresh token is refused too. Sign-ins are few (the server allows 30 per 5 minutes,
 * 300 a day), refreshes cheap. The tokens stay in memory and in no message.
 */
final class BlueskySession {

  private static final Logger LOG = LoggerFactory.getLogger(BlueskySession.class);

  private final BlueskyApi api;
  private final String handle;
  private final Secret appPassword;
  private String did;
  private Secret accessJwt;
  private Secret refreshJwt;

  BlueskySession(BlueskyApi api, String handle, Secret appPassword) {
    this.api = api;
    this.handle = handle;
    this.appPassword = appPassword;
  }

  /** Signs in; the account's DID. */
  String signIn() throws ApiException, InterruptedException {
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("identifier", handle).put("password", appPassword.reveal());
    take(api.procedure("com.atproto.server.createSession", body, null).body(), "createSession");
    LOG.info("signed in to Bluesky as {} ({})", handle, did);
    return did;
  }

  /** The current access token, for one request. */
  String accessToken() {
    return accessJwt.reveal();
  }

  /**
   * Gets a new access token: {@code refreshSession}, else (the refresh token expired or was revoked) a new
   * sign-in.
   */
  void refresh() throws ApiException, InterruptedException {
    try {
      take(api.procedure("com.atproto.server.refreshSession", null, refreshJwt.reveal()).body(), "refreshSession");
      LOG.info("the Bluesky session was refreshed");
    } catch (ApiException e) {
      if (e.kind() != ApiException.Kind.EXPIRED && e.kind() != ApiException.Kind.FATAL
          && e.kind() != ApiException.Kind.REJECTED) {
        throw e;
      }
      LOG.info("the refresh token was refused ({}); signing in again", e.getMessage());
      signIn();
    }
  }

  private void take(JsonNode session, String method) throws ApiException {
    String access = session.path("accessJwt").asText("");
    String refresh = session.path("refreshJwt").asText("");
    String account = session.path("did").asText("");
    if (access.isEmpty() || refresh.isEmpty() || !account.startsWith("did:")) {
      throw new ApiException(ApiException.Kind.FATAL, method + ": the answer has no accessJwt, refreshJwt or did", -1);
    }
    if (did != null && !did.equals(account)) {
      throw new ApiException(ApiException.Kind.FATAL, method + ": the session is of " + account + ", not of " + did, -1);
    }
    did = account;
    accessJwt = Secret.of(access);
    refreshJwt = Secret.of(refresh);
  }
}
