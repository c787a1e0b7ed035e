package io.trendtags.client.x;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Both error shapes of the X API read into one line (ENDPOINTS.md, "Errors"). */
class XApiErrorShapesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aProblemJsonGivesItsTitleAndADetailThatSaysMore() throws Exception {
    assertThat(XApi.describe(JSON.readTree(
        "{\"title\":\"Too Many Requests\",\"detail\":\"Too Many Requests\",\"type\":\"about:blank\",\"status\":429}")))
        .isEqualTo("Too Many Requests");
    assertThat(XApi.describe(JSON.readTree("{\"title\":\"Forbidden\",\"detail\":\"client-not-enrolled\",\"reason\":"
        + "\"client-not-enrolled\",\"type\":\"https://api.twitter.com/2/problems/client-forbidden\",\"status\":403}")))
        .isEqualTo("Forbidden; client-not-enrolled; client-not-enrolled");
  }

  @Test
  void theOlderErrorsArrayGivesItsCodeAndMessage() throws Exception {
    assertThat(XApi.describe(JSON.readTree("{\"errors\":[{\"code\":88,\"message\":\"Rate limit exceeded\"}]}")))
        .isEqualTo("code 88: Rate limit exceeded");
  }

  @Test
  void noJsonAtAllIsSaidSo() {
    assertThat(XApi.describe(null)).isEqualTo("(no JSON body)");
  }
}
