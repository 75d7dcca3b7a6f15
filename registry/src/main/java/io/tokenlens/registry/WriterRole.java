package io.tokenlens.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Which instance of the registry may write to the log; every instance serves reads. */
public interface WriterRole {

  /** Whether this instance holds the writer role now. */
  boolean isWriter();

  /**
   * The address of the other instance holding the writer role, waiting up to {@code wait} while an
   * election is still running. Empty when this instance became the writer or none is known.
   */
  Optional<URI> awaitOtherWriter(Duration wait);

  /** The role of an instance that is alone by construction (the in-memory log of unit tests). */
  static WriterRole alwaysWriter() {
    return new WriterRole() {
      @Override
      public boolean isWriter() {
        return true;
      }

      @Override
      public Optional<URI> awaitOtherWriter(Duration wait) {
        return Optional.empty();
      }
    };
  }
}
