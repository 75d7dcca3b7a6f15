package io.tokenlens.testkit;

/** A running stack for the test JVM; closed once when the JVM's tests are done. */
interface StackSource extends AutoCloseable {
  StackEndpoints endpoints();

  @Override
  void close();
}
