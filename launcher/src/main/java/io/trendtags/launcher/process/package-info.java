/**
 * Child processes of TrendTags stages: {@link io.trendtags.launcher.process.StageProcess} starts
 * {@code ./trendtags <stage>} exactly as a user would, captures its output and waits for its READY line.
 */
package io.trendtags.launcher.process;
