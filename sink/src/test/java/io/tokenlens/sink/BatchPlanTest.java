package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BatchPlanTest {

  @Test
  void shouldDeriveOneTokenPerTableTopicPartitionAndRange() {
    BatchPlan plan = new BatchPlan(0, 99);
    assertThat(plan.dedupToken("token_usage", "token-usage-enriched", 2))
        .isEqualTo("token_usage/token-usage-enriched/2/0-99")
        .isNotEqualTo(plan.dedupToken("token_usage", "token-usage-enriched", 3))
        .isNotEqualTo(new BatchPlan(0, 98).dedupToken("token_usage", "token-usage-enriched", 2));
  }

  @Test
  void shouldRejectAnEmptyOrNegativeRange() {
    assertThatThrownBy(() -> new BatchPlan(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchPlan(-1, 4)).isInstanceOf(IllegalArgumentException.class);
  }
}
