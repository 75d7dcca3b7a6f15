package io.tokenlens.simulator.org;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * One simulated engineer (or bot account) as the directory knows them: identities, team, timezone
 * and working time.
 *
 * @param id engineer id (also the GitHub login)
 * @param team team name
 * @param email the {@code user.email} Claude Code sends
 * @param accountId the {@code user.account_uuid} Claude Code sends
 * @param zone timezone of the working hours
 * @param workStart local start of the working day
 * @param workEnd local end of the working day (after {@code workStart})
 * @param workdays working days
 * @param repository the repository they mostly work in
 * @param usesGenAiTool whether they also use the OTel GenAI-instrumented tool
 * @param usage how they use AI (planted low adoption or heavy use with low output)
 */
public record Engineer(
    String id,
    String team,
    String email,
    String accountId,
    ZoneId zone,
    LocalTime workStart,
    LocalTime workEnd,
    Set<DayOfWeek> workdays,
    String repository,
    boolean usesGenAiTool,
    Usage usage) {

  /** Whether this engineer's traffic is the usual one (planters and look-alikes pick only them). */
  public boolean usual() {
    return usage == Usage.USUAL;
  }

  /** Whether {@code at} falls inside this engineer's working hours. */
  public boolean isWorking(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    LocalTime time = local.toLocalTime();
    return workdays.contains(local.getDayOfWeek())
        && !time.isBefore(workStart)
        && time.isBefore(workEnd);
  }

  /** The instant of {@code time} on the local date of {@code day}. */
  public Instant localTime(Instant day, LocalTime time) {
    return day.atZone(zone).toLocalDate().atTime(time).atZone(zone).toInstant();
  }
}
