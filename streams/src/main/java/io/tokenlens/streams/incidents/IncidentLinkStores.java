package io.tokenlens.streams.incidents;

/**
 * The names of the window stores both sides of the incident ↔ pull-request join read and write.
 *
 * @param mergedPrs the final attribution of the merged pull requests, by service, at their merge
 *     time
 * @param incidents the latest status of the incidents, by service, at their trigger time
 * @param linked the emitted (incident, pull request) pairs, at the incident's trigger time
 * @param commits the commits of the merged pull requests, by service, at their merge time
 */
public record IncidentLinkStores(
    String mergedPrs, String incidents, String linked, String commits) {

  /** Every store, to connect to a processor. */
  public String[] all() {
    return new String[] {mergedPrs, incidents, linked, commits};
  }
}
