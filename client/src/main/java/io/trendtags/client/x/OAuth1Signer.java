package io.trendtags.client.x;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs X API requests with OAuth 1.0a user context, HMAC-SHA1 (RFC 5849 section 3.4), and builds the
 * {@code Authorization} header.
 *
 * <p>Why our own signer on the JDK's {@link Mac} rather than a library: the candidates on Maven Central are
 * unmaintained (scribejava's last release is from 2021, signpost's from 2015) and would pull in a whole
 * HTTP stack for what is a percent-encoding, a sort and one HMAC. The crypto itself is the JDK's; a test
 * reproduces the worked example of X's "Creating a signature" page.
 */
public final class OAuth1Signer {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final XCredentials credentials;
  private final LongSupplier epochSeconds;
  private final Supplier<String> nonces;

  /** A signer with the system clock and random nonces. */
  public OAuth1Signer(XCredentials credentials) {
    this(credentials, () -> System.currentTimeMillis() / 1000, OAuth1Signer::randomNonce);
  }

  OAuth1Signer(XCredentials credentials, LongSupplier epochSeconds, Supplier<String> nonces) {
    this.credentials = credentials;
    this.epochSeconds = epochSeconds;
    this.nonces = nonces;
  }

  /**
   * The {@code Authorization} header value for a request.
   *
   * @param method     GET, POST, ...
   * @param baseUrl    the URL without query ({@code https://api.x.com/2/users/me})
   * @param parameters the query (and form body) parameters, decoded
   */
  public String authorization(String method, URI baseUrl, Map<String, String> parameters) {
    Map<String, String> oauth = new TreeMap<>();
    oauth.put("oauth_consumer_key", credentials.consumerKey());
    oauth.put("oauth_nonce", nonces.get());
    oauth.put("oauth_signature_method", "HMAC-SHA1");
    oauth.put("oauth_timestamp", Long.toString(epochSeconds.getAsLong()));
    oauth.put("oauth_token", credentials.accessToken());
    oauth.put("oauth_version", "1.0");
    Map<String, String> all = new TreeMap<>(parameters);
    all.putAll(oauth);
    oauth.put("oauth_signature",
        signature(method, baseUrl, all, credentials.consumerSecret(), credentials.accessSecret()));
    StringBuilder header = new StringBuilder("OAuth ");
    oauth.forEach((name, value) -> {
      if (header.length() > "OAuth ".length()) {
        header.append(", ");
      }
      header.append(percentEncode(name)).append("=\"").append(percentEncode(value)).append('"');
    });
    return header.toString();
  }

  /**
   * The base64 HMAC-SHA1 signature of a request (RFC 5849 section 3.4.1 and 3.4.2).
   *
   * @param parameters every query, form and {@code oauth_*} parameter except {@code oauth_signature}, decoded
   */
  public static String signature(String method, URI baseUrl, Map<String, String> parameters,
      String consumerSecret, String tokenSecret) {
    StringBuilder normalized = new StringBuilder();
    Map<String, String> sorted = new TreeMap<>();
    // Sorting by the encoded name is what the RFC asks; our names are all unreserved, so both sorts agree.
    parameters.forEach((name, value) -> sorted.put(percentEncode(name), percentEncode(value)));
    sorted.forEach((name, value) -> {
      if (normalized.length() > 0) {
        normalized.append('&');
      }
      normalized.append(name).append('=').append(value);
    });
    String base = method.toUpperCase(java.util.Locale.ROOT) + "&" + percentEncode(baseString(baseUrl)) + "&"
        + percentEncode(normalized.toString());
    String key = percentEncode(consumerSecret) + "&" + percentEncode(tokenSecret);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM has no HmacSHA1, which every Java SE must have", e);
    }
  }

  /** RFC 3986 percent-encoding as RFC 5849 section 3.6 defines it: all but unreserved characters, in UTF-8. */
  public static String percentEncode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
            .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
      }
    }
    return out.toString();
  }

  /** Scheme and host in lower case, the port only when it is not the scheme's default, the path. */
  private static String baseString(URI url) {
    String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
    int port = url.getPort();
    boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return scheme + "://" + url.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port) + path;
  }

  private static String randomNonce() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).replace("-", "a").replace("_", "b");
  }
}
