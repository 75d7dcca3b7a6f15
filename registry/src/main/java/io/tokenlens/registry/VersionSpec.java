package io.tokenlens.registry;

/** A version as a path names it: a number in [1, 2^31-1], or {@code latest} / {@code -1}. */
public record VersionSpec(boolean latest, int number) {

  /**
   * @throws RegistryException 42202 for anything else
   */
  public static VersionSpec parse(String text) {
    if ("latest".equals(text) || "-1".equals(text)) {
      return new VersionSpec(true, -1);
    }
    try {
      int number = Integer.parseInt(text);
      if (number >= 1) {
        return new VersionSpec(false, number);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw RegistryException.invalidVersion(text);
  }
}
