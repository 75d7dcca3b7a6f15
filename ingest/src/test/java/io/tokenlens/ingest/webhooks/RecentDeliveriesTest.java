package io.tokenlens.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentDeliveriesTest {

  @Test
  void shouldForgetTheOldestDeliveryBeyondItsCapacity() {
    RecentDeliveries recent = new RecentDeliveries(2);
    recent.remember("a");
    recent.remember("b");
    recent.remember("c");

    assertThat(recent.contains("a")).isFalse();
    assertThat(recent.contains("b")).isTrue();
    assertThat(recent.contains("c")).isTrue();
  }
}
