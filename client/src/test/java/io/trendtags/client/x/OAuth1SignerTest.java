package io.trendtags.client.x;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuth1SignerTest {

  // The worked example of X's "Creating a signature" page (OAuth 1.0a, HMAC-SHA1).
  private static final XCredentials DOCS = new XCredentials("xvz1evFS4wEEPTGEFPHBog",
      "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
      "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
  private static final String NONCE = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
  private static final long TIMESTAMP = 1318622958;

  private static Map<String, String> docsParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("status", "Hello Ladies + Gentlemen, a signed OAuth request!");
    parameters.put("include_entities", "true");
    parameters.put("oauth_consumer_key", DOCS.consumerKey());
    parameters.put("oauth_nonce", NONCE);
    parameters.put("oauth_signature_method", "HMAC-SHA1");
    parameters.put("oauth_timestamp", Long.toString(TIMESTAMP));
    parameters.put("oauth_token", DOCS.accessToken());
    parameters.put("oauth_version", "1.0");
    return parameters;
  }

  @Test
  void reproducesTheWorkedExampleOfXsDocumentation() {
    // The page now names api.x.com, but its signature was computed when the host was api.twitter.com.
    String signature = OAuth1Signer.signature("POST", URI.create("https://api.twitter.com/1.1/statuses/update.json"),
        docsParameters(), DOCS.consumerSecret(), DOCS.accessSecret());

    assertThat(signature).isEqualTo("hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
  }

  @Test
  void theHeaderCarriesTheSignaturePercentEncodedAndEveryOauthParameter() {
    OAuth1Signer signer = new OAuth1Signer(DOCS, () -> TIMESTAMP, () -> NONCE);
    Map<String, String> query = Map.of("status", "Hello Ladies + Gentlemen, a signed OAuth request!", "include_entities", "true");

    String header = signer.authorization("POST", URI.create("https://api.twitter.com/1.1/statuses/update.json"), query);

    assertThat(header).startsWith("OAuth ")
        .contains("oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\"")
        .contains("oauth_nonce=\"" + NONCE + "\"")
        .contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\"")
        .contains("oauth_signature_method=\"HMAC-SHA1\"")
        .contains("oauth_timestamp=\"1318622958\"")
        .contains("oauth_version=\"1.0\"")
        .doesNotContain(DOCS.consumerSecret())
        .doesNotContain(DOCS.accessSecret());
  }

  @Test
  void percentEncodingIsRfc3986OnUtf8() {
    assertThat(OAuth1Signer.percentEncode("Ladies + Gentlemen")).isEqualTo("Ladies%20%2B%20Gentlemen");
    assertThat(OAuth1Signer.percentEncode("An encoded string!")).isEqualTo("An%20encoded%20string%21");
    assertThat(OAuth1Signer.percentEncode("Dogs, Cats & Mice")).isEqualTo("Dogs%2C%20Cats%20%26%20Mice");
    assertThat(OAuth1Signer.percentEncode("☃")).isEqualTo("%E2%98%83");
    assertThat(OAuth1Signer.percentEncode("a-b.c_d~e")).isEqualTo("a-b.c_d~e");
  }

  @Test
  void aNonDefaultPortIsPartOfTheSignedUrlAndTheDefaultOneIsNot() {
    Map<String, String> p = docsParameters();
    String implicit = OAuth1Signer.signature("GET", URI.create("https://example.com/x"), p, "a", "b");
    String explicit443 = OAuth1Signer.signature("GET", URI.create("https://EXAMPLE.com:443/x"), p, "a", "b");
    String other = OAuth1Signer.signature("GET", URI.create("https://example.com:8443/x"), p, "a", "b");

    assertThat(explicit443).isEqualTo(implicit);
    assertThat(other).isNotEqualTo(implicit);
  }
}
