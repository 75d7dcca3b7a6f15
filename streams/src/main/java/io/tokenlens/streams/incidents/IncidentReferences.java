package io.tokenlens.streams.incidents;

import io.tokenlens.schemas.avro.ChangeReference;
import io.tokenlens.schemas.avro.IncidentEvent;
import io.tokenlens.schemas.topics.RecordKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The pull requests an incident references ({@code <owner/name>#<number>}, in reference order): by
 * repository and number, or by a commit of a pull request merged into the incident's service within
 * {@code reach} of its trigger.
 */
final class IncidentReferences {

  private final MergedCommits commits;
  private final Duration reach;

  IncidentReferences(MergedCommits commits, Duration reach) {
    this.commits = commits;
    this.reach = reach;
  }

  Set<String> pullRequests(IncidentEvent incident) {
    Instant triggered = incident.getTriggeredAt();
    Set<String> prKeys = new LinkedHashSet<>();
    for (ChangeReference ref : incident.getChangeReferences()) {
      String prKey = null;
      if (ref.getRepository() != null && ref.getNumber() != null) {
        prKey = RecordKeys.pullRequest(ref.getRepository(), ref.getNumber());
      } else if (ref.getCommitSha() != null) {
        prKey =
            commits.pullRequestOf(
                incident.getService(),
                ref.getCommitSha(),
                triggered.minus(reach),
                triggered.plus(reach));
      }
      if (prKey != null) {
        prKeys.add(prKey);
      }
    }
    return prKeys;
  }
}
