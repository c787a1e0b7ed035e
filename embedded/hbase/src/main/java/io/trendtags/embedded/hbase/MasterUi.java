package io.trendtags.embedded.hbase;

/**
 * What the master's web UI needs beyond the jars: the {@code hbase-webapps} folder (a resource of this
 * module; the -hadoop3 jars ship the compiled pages without it) and java.lang opened to the classpath.
 */
final class MasterUi {

  static final String REQUIRED_JVM_FLAG = "--add-opens=java.base/java.lang=ALL-UNNAMED";

  private MasterUi() {}

  /** Whether this JVM was started with {@link #REQUIRED_JVM_FLAG}. */
  static boolean canRun() {
    return Object.class.getModule().isOpen("java.lang", MasterUi.class.getModule());
  }
}
