package io.trendtags.core.top;

import io.trendtags.core.post.Network;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whose posts a view counts: every network's ({@link #ALL}, what the views always counted), or one
 * network's, which narrows it ({@code ?source=mastodon}).
 *
 * <p>The job counts a tag use twice, once under the tag's key and once under the key {@link #key(String)}
 * gives for its network ({@code mastodon#rust}), so each network's counts are their own rows of the same
 * state. The network rides in the key rather than in a column of its own so that the queries' state
 * schema stays as it was and a checkpoint from before the sources still runs (its counts go on as
 * {@link #ALL}'s). No counting key holds {@code #}: twitter-text's hashtags never do, Bluesky tags with
 * one are refused ({@code Post.isValidTag}), and the job sets aside any key that folds into one.
 */
public final class Source {

  /** Between a network's id and the tag's key in a sourced key. */
  public static final String SEPARATOR = "#";

  /** Every network's posts. */
  public static final Source ALL = new Source(null);

  private static final List<Source> VALUES;

  static {
    List<Source> values = new ArrayList<>();
    values.add(ALL);
    Arrays.stream(Network.values()).map(Source::new).forEach(values::add);
    VALUES = List.copyOf(values);
  }

  private final Network network;

  private Source(Network network) {
    this.network = network;
  }

  /** The source of one network's posts. */
  public static Source of(Network network) {
    return VALUES.get(1 + network.ordinal());
  }

  /** {@link #ALL}, then each network's, in {@link Network}'s order. */
  public static List<Source> values() {
    return VALUES;
  }

  /** The network; empty for {@link #ALL}. */
  public Optional<Network> network() {
    return Optional.ofNullable(network);
  }

  /** The name in URLs and the API: {@code all}, {@code x}, {@code mastodon}, {@code bluesky}. */
  public String id() {
    return network == null ? "all" : network.id();
  }

  /** What the dashboard says. */
  public String label() {
    return network == null ? "All sources" : switch (network) {
      case X -> "X";
      case MASTODON -> "Mastodon";
      case BLUESKY -> "Bluesky";
    };
  }

  /** The source named {@code id}, or empty for anything else (null included). */
  public static Optional<Source> parse(String id) {
    return VALUES.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** Every id, for error messages: "all, x, mastodon, bluesky". */
  public static String ids() {
    return String.join(", ", VALUES.stream().map(Source::id).toList());
  }

  /** The key under which this source counts the tag of counting key {@code tagKey}. */
  public String key(String tagKey) {
    return network == null ? tagKey : network.id() + SEPARATOR + tagKey;
  }

  /** The source of a key {@link #key(String)} made. */
  public static Source ofKey(String key) {
    int at = key.indexOf(SEPARATOR);
    if (at < 0) {
      return ALL;
    }
    String id = key.substring(0, at);
    return VALUES.stream().skip(1).filter(s -> s.id().equals(id)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no source named " + id));
  }

  /** The tag's counting key in a key {@link #key(String)} made. */
  public static String tagKey(String key) {
    return key.substring(key.indexOf(SEPARATOR) + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Source other && Objects.equals(network, other.network);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(network);
  }

  @Override
  public String toString() {
    return id();
  }
}
