package io.tokenlens.report;

import static io.tokenlens.report.ReportColumn.count;
import static io.tokenlens.report.ReportColumn.hours;
import static io.tokenlens.report.ReportColumn.ratio;
import static io.tokenlens.report.ReportColumn.share;
import static io.tokenlens.report.ReportColumn.text;
import static io.tokenlens.report.ReportColumn.time;
import static io.tokenlens.report.ReportColumn.usd;

import java.util.List;

/**
 * The sections of the report, in print order, and the query behind each. Every query reads the
 * sink's tables and BI views (docs/clickhouse-model.md) and takes {@code {since:Date}} (the first
 * day reported) and {@code {top:UInt32}} (rows per list).
 */
public final class ReportSections {

  private ReportSections() {}

  public static final ReportSection TOTALS =
      new ReportSection(
          "totals",
          "Totals",
          "Spend next to outcomes over the reported days.",
          """
      SELECT
          (SELECT sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) FROM usage_1d
           WHERE day >= {since:Date}) AS tokens,
          (SELECT round(sum(cost_usd), 4) FROM usage_1d WHERE day >= {since:Date}) AS cost_usd,
          (SELECT uniqExact(engineer_id) FROM usage_1d WHERE day >= {since:Date} AND engineer_id != '') AS engineers,
          (SELECT count() FROM pull_request_state WHERE merged AND merged_at >= {since:Date}) AS merged_prs,
          (SELECT count() FROM waste_findings FINAL WHERE window_start >= {since:Date}) AS findings,
          (SELECT round(sum(estimated_wasted_cost_usd), 4) FROM waste_findings FINAL
           WHERE window_start >= {since:Date}) AS wasted_cost_usd,
          (SELECT count() FROM burn_alerts WHERE raised_at >= {since:Date}) AS alerts,
          (SELECT round(sum(uninstrumented_usd), 4) FROM spend_coverage WHERE day >= {since:Date})
              AS uninstrumented_usd
      """,
          List.of(
              count("tokens", "tokens"),
              usd("cost_usd", "cost"),
              count("engineers", "engineers"),
              count("merged_prs", "merged PRs"),
              count("findings", "waste findings"),
              usd("wasted_cost_usd", "est. wasted cost"),
              count("alerts", "alerts"),
              usd("uninstrumented_usd", "uninstrumented spend")));

  public static final ReportSection ENGINEERS =
      new ReportSection(
          "leaderboard-engineers",
          "Value per dollar: engineers",
          "Ranked by AI cost attributed per merged PR, cheapest first; merges without AI spend next, no merge last."
              + " Spend and tokens are context, never the ranking: a count that ranks people gets padded.",
          valueLeaderboard("engineer_id"),
          List.of(
              text("engineer_id", "engineer"),
              text("team", "team"),
              count("merged_prs", "merged PRs"),
              usd("cost_per_merged_pr_usd", "AI cost / merged PR"),
              share("spend_in_merged_prs_share", "spend in merged PRs"),
              share("waste_share", "waste share"),
              count("ai_prs_unapproved", "unapproved AI PRs"),
              count("incidents", "incidents"),
              usd("cost_usd", "spend"),
              count("tokens", "tokens")));

  public static final ReportSection TEAMS =
      new ReportSection(
          "leaderboard-teams",
          "Value per dollar: teams",
          "The same per team: AI cost attributed per merged PR, then spend in merged PRs, waste, review and incidents.",
          valueLeaderboard("team"),
          List.of(
              text("team", "team"),
              count("merged_prs", "merged PRs"),
              usd("cost_per_merged_pr_usd", "AI cost / merged PR"),
              share("spend_in_merged_prs_share", "spend in merged PRs"),
              share("waste_share", "waste share"),
              count("ai_prs_unapproved", "unapproved AI PRs"),
              count("incidents", "incidents"),
              usd("cost_usd", "spend"),
              count("tokens", "tokens")));

  public static final ReportSection TIERS =
      new ReportSection(
          "usage-tiers",
          "Cost per merged PR by usage tier",
          "Engineers with AI use in quintiles of their tokens; per tier the spend, merges and their ratios to the tier of"
              + " the median engineer (spend per merged PR here is all spend, not only the attributed part).",
          """
      WITH
          spend AS (
              SELECT engineer_id,
                     sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens,
                     sum(cost_usd) AS cost_usd
              FROM usage_1d WHERE day >= {since:Date} AND engineer_id != '' GROUP BY engineer_id HAVING tokens > 0),
          prs AS (
              SELECT engineer_id, count() AS merged_prs
              FROM pr_outcomes WHERE merged AND merged_at >= {since:Date} AND engineer_id != '' GROUP BY engineer_id),
          ranked AS (
              SELECT s.engineer_id AS engineer_id, s.tokens AS engineer_tokens, s.cost_usd AS engineer_cost_usd,
                     ifNull(p.merged_prs, 0) AS engineer_merged_prs,
                     ntile(5) OVER (ORDER BY s.tokens, s.engineer_id) AS tier,
                     row_number() OVER (ORDER BY s.tokens, s.engineer_id) AS position,
                     count() OVER () AS engineers
              FROM spend AS s LEFT JOIN prs AS p ON p.engineer_id = s.engineer_id
              SETTINGS join_use_nulls = 1),
          tiers AS (
              SELECT tier AS t, count() AS tier_engineers, min(engineer_tokens) AS min_tokens,
                     max(engineer_tokens) AS max_tokens, sum(engineer_tokens) AS tier_tokens,
                     sum(engineer_cost_usd) AS tier_cost_usd, sum(engineer_merged_prs) AS tier_merged_prs,
                     tier_cost_usd / tier_engineers AS cost_per_engineer,
                     tier_merged_prs / tier_engineers AS merged_prs_per_engineer,
                     if(tier_merged_prs = 0, NULL, tier_cost_usd / tier_merged_prs) AS cost_per_merged_pr
              FROM ranked GROUP BY tier),
          median AS (
              SELECT cost_per_engineer AS median_cost_per_engineer,
                     merged_prs_per_engineer AS median_merged_prs_per_engineer,
                     cost_per_merged_pr AS median_cost_per_merged_pr
              FROM tiers
              WHERE t = (SELECT tier FROM ranked WHERE position = intDiv(engineers + 1, 2)))
      SELECT
          concat('Q', toString(t), multiIf(t = 1, ' (lightest)', t = (SELECT max(t) FROM tiers), ' (heaviest)', ''))
              AS tier,
          tier_engineers AS engineers,
          min_tokens,
          max_tokens,
          tier_tokens AS tokens,
          round(tier_cost_usd, 4) AS cost_usd,
          tier_merged_prs AS merged_prs,
          round(cost_per_merged_pr, 4) AS cost_per_merged_pr_usd,
          round(cost_per_engineer / (SELECT median_cost_per_engineer FROM median), 2) AS cost_per_engineer_vs_median,
          round(merged_prs_per_engineer / nullIf((SELECT median_merged_prs_per_engineer FROM median), 0), 2)
              AS merged_prs_per_engineer_vs_median,
          round(cost_per_merged_pr / (SELECT median_cost_per_merged_pr FROM median), 2) AS cost_per_merged_pr_vs_median
      FROM tiers
      ORDER BY t
      """,
          List.of(
              text("tier", "tier"),
              count("engineers", "engineers"),
              count("tokens", "tokens"),
              usd("cost_usd", "spend"),
              count("merged_prs", "merged PRs"),
              usd("cost_per_merged_pr_usd", "spend / merged PR"),
              ratio("cost_per_engineer_vs_median", "spend / engineer vs median"),
              ratio("merged_prs_per_engineer_vs_median", "merged PRs / engineer vs median"),
              ratio("cost_per_merged_pr_vs_median", "spend / merged PR vs median")));

  public static final ReportSection SURVIVAL =
      new ReportSection(
          "review-survival",
          "Review survival",
          "Where each engineer's AI spend on concluded PRs ended: merged with an approval standing at the merge, merged"
              + " without one, merged and reverted later, or closed unmerged (shares of the attributed cost; a"
              + " reverted PR counts as reverted only).",
          """
      SELECT
          engineer_id,
          any(team) AS engineer_team,
          count() AS ai_prs,
          round(sum(ai_cost_usd), 4) AS pr_ai_cost_usd,
          round(sumIf(ai_cost_usd, outcome = 'MERGED' AND approved AND NOT reverted) / sum(ai_cost_usd), 4)
              AS merged_approved_share,
          round(sumIf(ai_cost_usd, outcome = 'MERGED' AND NOT approved AND NOT reverted) / sum(ai_cost_usd), 4)
              AS merged_unapproved_share,
          round(sumIf(ai_cost_usd, reverted) / sum(ai_cost_usd), 4) AS reverted_share,
          round(sumIf(ai_cost_usd, outcome = 'CLOSED_UNMERGED') / sum(ai_cost_usd), 4) AS closed_unmerged_share,
          round(avg(review_rounds), 2) AS review_rounds,
          sum(changes_requested) AS changes_requested
      FROM pr_outcomes
      WHERE outcome != 'OPEN' AND ai_cost_usd > 0 AND engineer_id != ''
        AND ifNull(merged_at, closed_at) >= {since:Date}
      GROUP BY engineer_id
      ORDER BY merged_approved_share, engineer_id
      LIMIT {top:UInt32}
      """,
          List.of(
              text("engineer_id", "engineer"),
              text("engineer_team", "team"),
              count("ai_prs", "AI PRs"),
              usd("pr_ai_cost_usd", "AI cost"),
              share("merged_approved_share", "merged approved"),
              share("merged_unapproved_share", "merged unapproved"),
              share("reverted_share", "reverted"),
              share("closed_unmerged_share", "closed unmerged"),
              text("review_rounds", "rounds / PR"),
              count("changes_requested", "changes requested")));

  public static final ReportSection ADOPTION =
      new ReportSection(
          "adoption-engineers",
          "Little or no AI use: engineers",
          "Engineers of the directory (or with a merge) whose tokens are below a tenth of the median engineer's, next to"
              + " their merged PRs. A diagnostic, not a ranking.",
          """
      WITH
          roster AS (
              SELECT engineer_id, argMax(team, valid_from) AS roster_team
              FROM engineer_periods WHERE valid_to > toDateTime64({since:Date}, 3) GROUP BY engineer_id),
          spend AS (
              SELECT engineer_id, any(team) AS spend_team,
                     sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens,
                     sum(cost_usd) AS cost_usd
              FROM usage_1d WHERE day >= {since:Date} AND engineer_id != '' GROUP BY engineer_id),
          prs AS (
              SELECT engineer_id, any(team) AS pr_team, count() AS merged_prs
              FROM pr_outcomes WHERE merged AND merged_at >= {since:Date} AND engineer_id != '' GROUP BY engineer_id),
          everyone AS (
              SELECT k.engineer_id AS engineer_id,
                     multiIf(ifNull(r.roster_team, '') != '', r.roster_team, s.spend_team != '', s.spend_team, p.pr_team)
                         AS team,
                     s.tokens AS tokens, s.cost_usd AS cost_usd, p.merged_prs AS merged_prs
              FROM (SELECT engineer_id FROM roster UNION DISTINCT SELECT engineer_id FROM spend
                    UNION DISTINCT SELECT engineer_id FROM prs) AS k
              LEFT JOIN roster AS r ON r.engineer_id = k.engineer_id
              LEFT JOIN spend AS s ON s.engineer_id = k.engineer_id
              LEFT JOIN prs AS p ON p.engineer_id = k.engineer_id)
      SELECT
          engineer_id,
          team,
          tokens,
          round(cost_usd, 4) AS cost_usd,
          merged_prs,
          round(tokens / (SELECT quantileExact(0.5)(tokens) FROM spend), 4) AS use_vs_median
      FROM everyone
      WHERE tokens < 0.1 * (SELECT quantileExact(0.5)(tokens) FROM spend)
      ORDER BY team, tokens, engineer_id
      LIMIT {top:UInt32}
      """,
          List.of(
              text("engineer_id", "engineer"),
              text("team", "team"),
              count("tokens", "tokens"),
              usd("cost_usd", "spend"),
              count("merged_prs", "merged PRs"),
              share("use_vs_median", "use vs median")));

  public static final ReportSection ADOPTION_TEAMS =
      new ReportSection(
          "adoption-teams",
          "Little or no AI use: teams",
          "Per team: engineers, those with no AI use and with little (below a tenth of the median), their merged PRs.",
          """
      WITH
          roster AS (
              SELECT engineer_id, argMax(team, valid_from) AS roster_team
              FROM engineer_periods WHERE valid_to > toDateTime64({since:Date}, 3) GROUP BY engineer_id),
          spend AS (
              SELECT engineer_id, any(team) AS spend_team,
                     sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens
              FROM usage_1d WHERE day >= {since:Date} AND engineer_id != '' GROUP BY engineer_id),
          prs AS (
              SELECT engineer_id, any(team) AS pr_team, count() AS merged_prs
              FROM pr_outcomes WHERE merged AND merged_at >= {since:Date} AND engineer_id != '' GROUP BY engineer_id),
          everyone AS (
              SELECT k.engineer_id AS engineer_id,
                     multiIf(ifNull(r.roster_team, '') != '', r.roster_team, s.spend_team != '', s.spend_team, p.pr_team)
                         AS team,
                     s.tokens AS engineer_tokens, p.merged_prs AS engineer_merged_prs,
                     s.tokens < 0.1 * (SELECT quantileExact(0.5)(tokens) FROM spend) AS low_use
              FROM (SELECT engineer_id FROM roster UNION DISTINCT SELECT engineer_id FROM spend
                    UNION DISTINCT SELECT engineer_id FROM prs) AS k
              LEFT JOIN roster AS r ON r.engineer_id = k.engineer_id
              LEFT JOIN spend AS s ON s.engineer_id = k.engineer_id
              LEFT JOIN prs AS p ON p.engineer_id = k.engineer_id)
      SELECT
          team,
          count() AS engineers,
          countIf(engineer_tokens = 0) AS no_use_engineers,
          countIf(low_use) AS low_use_engineers,
          sumIf(engineer_merged_prs, low_use) AS low_use_merged_prs,
          sum(engineer_merged_prs) AS merged_prs
      FROM everyone
      WHERE team != ''
      GROUP BY team
      ORDER BY team
      LIMIT {top:UInt32}
      """,
          List.of(
              text("team", "team"),
              count("engineers", "engineers"),
              count("no_use_engineers", "no use"),
              count("low_use_engineers", "little or no use"),
              count("low_use_merged_prs", "their merged PRs"),
              count("merged_prs", "team merged PRs")));

  public static final ReportSection WASTE =
      new ReportSection(
          "waste-by-pattern",
          "Waste by pattern",
          "Findings of the waste detectors (latest version of each) with their estimated wasted cost.",
          """
      SELECT
          pattern,
          count() AS findings,
          uniqExact(engineer_id) AS engineers,
          sum(tokens) AS tokens,
          round(sum(estimated_wasted_cost_usd), 4) AS wasted_cost_usd,
          round(sum(estimated_wasted_cost_usd)
              / greatest((SELECT sum(cost_usd) FROM usage_1d WHERE day >= {since:Date}), 0.000001), 4) AS share_of_spend
      FROM waste_findings FINAL
      WHERE window_start >= {since:Date}
      GROUP BY pattern
      ORDER BY wasted_cost_usd DESC, pattern
      """,
          List.of(
              text("pattern", "pattern"),
              count("findings", "findings"),
              count("engineers", "engineers"),
              count("tokens", "tokens"),
              usd("wasted_cost_usd", "est. wasted cost"),
              share("share_of_spend", "share of spend")));

  public static final ReportSection LOOPS =
      new ReportSection(
          "worst-loops",
          "Worst loops",
          "LOOPING_AGENT findings: the same request repeated in one session with no user prompt in between.",
          """
      SELECT
          ifNull(engineer_id, '') AS engineer_id,
          ifNull(team, '') AS team,
          ifNull(session_id, '') AS session_id,
          window_start,
          toUInt32(evidence['repeats']) AS repeats,
          tokens,
          round(estimated_wasted_cost_usd, 4) AS wasted_cost_usd
      FROM waste_findings FINAL
      WHERE pattern = 'LOOPING_AGENT' AND window_start >= {since:Date}
      ORDER BY wasted_cost_usd DESC, tokens DESC, finding_id
      LIMIT {top:UInt32}
      """,
          List.of(
              text("engineer_id", "engineer"),
              text("team", "team"),
              text("session_id", "session"),
              time("window_start", "started (UTC)"),
              count("repeats", "repeats"),
              count("tokens", "tokens"),
              usd("wasted_cost_usd", "est. wasted cost")));

  public static final ReportSection OVERNIGHT =
      new ReportSection(
          "overnight-padding",
          "Overnight padding",
          "OVERNIGHT_PADDING findings: unattended spend outside working hours with no PR activity after it.",
          """
      SELECT
          ifNull(engineer_id, '') AS engineer_id,
          ifNull(team, '') AS team,
          window_start,
          round(dateDiff('second', window_start, window_end) / 3600, 1) AS hours,
          tokens,
          round(estimated_wasted_cost_usd, 4) AS wasted_cost_usd
      FROM waste_findings FINAL
      WHERE pattern = 'OVERNIGHT_PADDING' AND window_start >= {since:Date}
      ORDER BY wasted_cost_usd DESC, tokens DESC, finding_id
      LIMIT {top:UInt32}
      """,
          List.of(
              text("engineer_id", "engineer"),
              text("team", "team"),
              time("window_start", "started (UTC)"),
              hours("hours", "duration"),
              count("tokens", "tokens"),
              usd("wasted_cost_usd", "est. wasted cost")));

  public static final ReportSection COST_PER_PR =
      new ReportSection(
          "cost-per-merged-pr",
          "Cost per merged PR by team",
          "AI spend attributed to each merged pull request (pr_attribution, latest version), per team of the PR.",
          """
      SELECT
          team,
          count() AS merged_prs,
          sum(pr_tokens) AS tokens,
          round(sum(pr_cost_usd), 4) AS ai_cost_usd,
          round(avg(pr_cost_usd), 4) AS cost_per_merged_pr_usd,
          round(max(pr_cost_usd), 4) AS max_pr_cost_usd
      FROM
      (
          SELECT team, ai_tokens AS pr_tokens, ai_cost_usd AS pr_cost_usd
          FROM pr_outcomes
          WHERE merged AND merged_at >= {since:Date}
      )
      GROUP BY team
      ORDER BY cost_per_merged_pr_usd DESC, team
      """,
          List.of(
              text("team", "team"),
              count("merged_prs", "merged PRs"),
              count("tokens", "tokens"),
              usd("ai_cost_usd", "AI cost"),
              usd("cost_per_merged_pr_usd", "cost / merged PR"),
              usd("max_pr_cost_usd", "costliest PR")));

  public static final ReportSection INCIDENTS =
      new ReportSection(
          "incidents-after-ai-heavy-prs",
          "Incidents after AI-heavy PRs",
          "Incidents linked to a merged PR whose final AI cost is in the top decile of merged PRs, newest first.",
          """
      SELECT
          incident_id,
          service,
          incident_triggered_at,
          concat(repository, '#', toString(number)) AS pull_request,
          round(hours_since_merge, 1) AS hours_since_merge,
          round(pr_cost_usd, 4) AS pr_cost_usd,
          round(pr_cost_percentile, 1) AS pr_cost_percentile
      FROM incident_links_current
      WHERE ai_heavy AND incident_triggered_at >= {since:Date}
      ORDER BY incident_triggered_at DESC, pr_cost_usd DESC, link_id
      LIMIT {top:UInt32}
      """,
          List.of(
              text("incident_id", "incident"),
              text("service", "service"),
              time("incident_triggered_at", "triggered (UTC)"),
              text("pull_request", "pull request"),
              hours("hours_since_merge", "after merge"),
              usd("pr_cost_usd", "PR AI cost"),
              count("pr_cost_percentile", "cost percentile")));

  public static final ReportSection ALERTS =
      new ReportSection(
          "alerts",
          "Alerts raised",
          "Burn alerts (anomalous burn, 80% and 100% of budgets) per kind and subject, latest first.",
          """
      SELECT
          kind,
          subject_kind,
          subject_id,
          count() AS alerts,
          round(max(observed_usd), 4) AS max_observed_usd,
          max(raised_at) AS last_raised_at
      FROM burn_alerts
      WHERE raised_at >= {since:Date}
      GROUP BY kind, subject_kind, subject_id
      ORDER BY last_raised_at DESC, kind, subject_id
      LIMIT {top:UInt32}
      """,
          List.of(
              text("kind", "kind"),
              text("subject_kind", "subject"),
              text("subject_id", "who"),
              count("alerts", "alerts"),
              usd("max_observed_usd", "max observed"),
              time("last_raised_at", "last (UTC)")));

  public static final ReportSection SPEND_COVERAGE =
      new ReportSection(
          "spend-coverage",
          "Spend coverage",
          "The provider usage exports next to the telemetry per day, provider and organisation: spend the exports"
              + " show and no collector saw is uninstrumented (counted once: only the export's excess).",
          """
      SELECT day, provider, organization_id, exported_usd, telemetry_usd, uninstrumented_usd, instrumented_share,
             unpriced_rows
      FROM spend_coverage
      WHERE day >= {since:Date}
      ORDER BY day DESC, uninstrumented_usd DESC, provider, organization_id
      LIMIT {top:UInt32}
      """,
          List.of(
              text("day", "day"),
              text("provider", "provider"),
              text("organization_id", "organisation"),
              usd("exported_usd", "exported"),
              usd("telemetry_usd", "in telemetry"),
              usd("uninstrumented_usd", "uninstrumented"),
              share("instrumented_share", "instrumented"),
              count("unpriced_rows", "unpriced rows")));

  public static final ReportSection BUDGETS =
      new ReportSection(
          "budgets",
          "Team budgets",
          "Each team's budget in force against its telemetry spend today and this month (UTC), now; last, the"
              + " uninstrumented spend of the provider exports, which no team's budget counts.",
          """
      SELECT team, status, daily_budget_usd, spent_today_usd, daily_used_share,
             monthly_budget_usd, spent_month_usd, monthly_used_share
      FROM
      (
          (SELECT team, status, daily_budget_usd, spent_today_usd, daily_used_share,
                  monthly_budget_usd, spent_month_usd, monthly_used_share
           FROM team_budget_status
           ORDER BY greatest(ifNull(daily_used_share, 0), ifNull(monthly_used_share, 0)) DESC, team
           LIMIT {top:UInt32})
          UNION ALL
          (SELECT 'uninstrumented' AS team, 'NO BUDGET' AS status, CAST(NULL, 'Nullable(Float64)') AS daily_budget_usd,
                  round(sumIf(uninstrumented_usd, day = today()), 4) AS spent_today_usd,
                  CAST(NULL, 'Nullable(Float64)') AS daily_used_share,
                  CAST(NULL, 'Nullable(Float64)') AS monthly_budget_usd,
                  round(sum(uninstrumented_usd), 4) AS spent_month_usd,
                  CAST(NULL, 'Nullable(Float64)') AS monthly_used_share
           FROM spend_coverage
           WHERE day >= toStartOfMonth(today())
           HAVING spent_month_usd > 0)
      )
      ORDER BY team = 'uninstrumented', greatest(ifNull(daily_used_share, 0), ifNull(monthly_used_share, 0)) DESC,
          team
      """,
          List.of(
              text("team", "team"),
              text("status", "status"),
              usd("daily_budget_usd", "daily budget"),
              usd("spent_today_usd", "spent today"),
              share("daily_used_share", "used"),
              usd("monthly_budget_usd", "monthly budget"),
              usd("spent_month_usd", "spent this month"),
              share("monthly_used_share", "used")));

  /** Hour-of-day burn per team (UTC), for the HTML report's chart. */
  public static final ReportSection HOURLY_BURN =
      new ReportSection(
          "hourly-burn",
          "Hour-of-day burn per team",
          "AI cost per team and hour of day (UTC), from the hourly table.",
          """
      SELECT team, toHour(hour) AS hour_of_day,
             sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens,
             round(sum(cost_usd), 4) AS cost_usd
      FROM usage_1h
      WHERE hour >= {since:Date} AND team != ''
      GROUP BY team, hour_of_day
      ORDER BY team, hour_of_day
      """,
          List.of(
              text("team", "team"),
              count("hour_of_day", "hour"),
              count("tokens", "tokens"),
              usd("cost_usd", "cost")));

  /**
   * Outcome per dollar per {@code key} ({@code engineer_id} or {@code team}) over the reported
   * days: merged PRs and the AI cost attributed to them ({@code pr_outcomes}, the latest
   * attribution of each PR), that cost per merged PR, the share of all spend it makes up, the share
   * of spend the waste findings estimate as wasted, merged PRs with AI spend but no approving
   * review, and the incidents pointing at the merged PRs. Spend and tokens ({@code usage_1d}) are
   * context. Everyone with spend, a merge or a finding is listed, so the columns sum to the other
   * sections' totals.
   */
  private static String valueLeaderboard(String key) {
    String teamColumn =
        key.equals("team")
            ? ""
            : "multiIf(s.spend_team != '', s.spend_team, p.pr_team != '', p.pr_team, w.waste_team) AS team,";
    return """
        WITH
            spend AS (
                SELECT %1$s AS k, any(team) AS spend_team,
                       sum(input_tokens + cache_read_tokens + cache_write_tokens + output_tokens) AS tokens,
                       sum(cost_usd) AS cost_usd
                FROM usage_1d WHERE day >= {since:Date} AND %1$s != '' GROUP BY k),
            prs AS (
                SELECT %1$s AS k, any(team) AS pr_team,
                       count() AS merged_prs,
                       sum(ai_cost_usd) AS merged_ai_cost_usd,
                       countIf(ai_cost_usd > 0 AND NOT approved) AS ai_prs_unapproved,
                       length(groupUniqArrayArray(incident_ids)) AS incidents
                FROM pr_outcomes
                WHERE merged AND merged_at >= {since:Date} AND %1$s != ''
                GROUP BY k),
            waste AS (
                SELECT ifNull(%1$s, '') AS k, ifNull(any(team), '') AS waste_team,
                       sum(estimated_wasted_cost_usd) AS wasted_cost_usd
                FROM waste_findings FINAL WHERE window_start >= {since:Date} AND %1$s IS NOT NULL GROUP BY k)
        SELECT
            keys.k AS %1$s,
            %2$s
            p.merged_prs AS merged_prs,
            round(p.merged_ai_cost_usd, 4) AS attributed_cost_usd,
            if(p.merged_prs = 0, NULL, round(p.merged_ai_cost_usd / p.merged_prs, 4)) AS cost_per_merged_pr_usd,
            if(s.cost_usd = 0, NULL, round(least(1, p.merged_ai_cost_usd / s.cost_usd), 4)) AS spend_in_merged_prs_share,
            round(w.wasted_cost_usd, 4) AS wasted_cost_usd,
            if(s.cost_usd = 0, NULL, round(least(1, w.wasted_cost_usd / s.cost_usd), 4)) AS waste_share,
            p.ai_prs_unapproved AS ai_prs_unapproved,
            p.incidents AS incidents,
            round(s.cost_usd, 4) AS cost_usd,
            s.tokens AS tokens
        FROM (SELECT k FROM spend UNION DISTINCT SELECT k FROM prs UNION DISTINCT SELECT k FROM waste) AS keys
        LEFT JOIN spend AS s ON s.k = keys.k
        LEFT JOIN prs AS p ON p.k = keys.k
        LEFT JOIN waste AS w ON w.k = keys.k
        ORDER BY merged_prs = 0, cost_per_merged_pr_usd = 0, cost_per_merged_pr_usd ASC NULLS LAST, waste_share ASC,
            %1$s
        LIMIT {top:UInt32}
        """
        .formatted(key, teamColumn);
  }

  /** The printed sections, in order. */
  public static List<ReportSection> printed() {
    return List.of(
        TOTALS,
        ENGINEERS,
        TEAMS,
        TIERS,
        SURVIVAL,
        ADOPTION,
        ADOPTION_TEAMS,
        WASTE,
        LOOPS,
        OVERNIGHT,
        COST_PER_PR,
        INCIDENTS,
        SPEND_COVERAGE,
        ALERTS,
        BUDGETS);
  }

  /** The tables and views the queries read; the report refuses to run without them. */
  public static List<String> requiredRelations() {
    return List.of(
        "usage_1d",
        "usage_1h",
        "pull_request_state",
        "waste_findings",
        "burn_alerts",
        "pr_outcomes",
        "pr_attribution",
        "incident_links_current",
        "engineer_periods",
        "team_budget_status",
        "spend_coverage");
  }
}
