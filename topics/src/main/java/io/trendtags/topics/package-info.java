/** The Kafka topics the stages create when they are missing ({@link io.trendtags.topics.Topics}). */
package io.trendtags.topics;
