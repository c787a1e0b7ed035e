package io.trendtags.stream;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session of a test: two local cores, no UI, bound to loopback, two state partitions, and the
 * job's execution settings ({@link HashtagStream#execution}).
 */
public final class LocalSpark {

  private LocalSpark() {}

  public static SparkSession start(String appName) {
    return SparkSession.builder().config(HashtagStream.execution(new SparkConf(false)))
        .master("local[2]").appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
