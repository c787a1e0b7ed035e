package io.trendtags.web.api;

/** The body of every API error: {@code {"error": "what went wrong and what to send instead"}}. */
public record ErrorJson(String error) {}
