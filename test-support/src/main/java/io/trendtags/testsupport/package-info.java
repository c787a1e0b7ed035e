/**
 * Real servers for JUnit 5 tests, started once per test run through {@code ./trendtags}:
 * {@link io.trendtags.testsupport.KafkaBroker}, {@link io.trendtags.testsupport.HBaseServer}, and
 * {@link io.trendtags.testsupport.Stages} for any other stage.
 */
package io.trendtags.testsupport;
