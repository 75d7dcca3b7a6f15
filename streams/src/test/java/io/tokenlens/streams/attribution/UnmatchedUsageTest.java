package io.tokenlens.streams.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenlens.fixtures.TokenUsages;
import io.tokenlens.schemas.avro.TokenUsage;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class UnmatchedUsageTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private final Serde<UnmatchedUsage> serde = UnmatchedUsage.serde();

  @Test
  void shouldSumRequestsPerBranchAndSession() {
    UnmatchedUsage usage = new UnmatchedUsage();
    usage.add(request("main", "s-1", T0.plusSeconds(5), 0.25));
    usage.add(request("main", "s-1", T0.plusSeconds(1), null));
    usage.add(request(null, "s-1", T0.plusSeconds(2), 0.5));
    usage.add(request("main", "s-2", T0.plusSeconds(3), 0.5));

    List<UnmatchedUsage.Part> parts = usage.parts();
    assertThat(parts)
        .extracting(p -> p.branch + "/" + p.session)
        .containsExactly("main/s-1", "null/s-1", "main/s-2");
    UnmatchedUsage.Part first = parts.get(0);
    assertThat(first.requests).isEqualTo(2);
    assertThat(first.tokens()).isEqualTo(2 * (100 + 20 + 30 + 40));
    assertThat(first.costUsd).isEqualTo(0.25);
    assertThat(first.first).isEqualTo(T0.plusSeconds(1));
    assertThat(first.last).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void shouldStartANewPartForARequestAfterItsPartWasTaken() {
    UnmatchedUsage usage = new UnmatchedUsage();
    usage.add(request("main", "s-1", T0, 0.1));
    usage.remove(usage.parts().get(0));
    assertThat(usage.isEmpty()).isTrue();

    usage.add(request("main", "s-1", T0.plusSeconds(10), 0.1));

    assertThat(usage.parts())
        .singleElement()
        .satisfies(p -> assertThat(p.first).isEqualTo(T0.plusSeconds(10)));
  }

  @Test
  void shouldRoundTripThroughItsSerde() {
    UnmatchedUsage usage = new UnmatchedUsage();
    usage.add(request("feature/é", "s-1", T0, 0.125));
    usage.add(request(null, null, T0.plusSeconds(59), null));

    UnmatchedUsage back =
        serde.deserializer().deserialize("t", serde.serializer().serialize("t", usage));

    assertThat(back.parts()).hasSize(2);
    UnmatchedUsage.Part a = back.parts().get(0);
    assertThat(a.branch).isEqualTo("feature/é");
    assertThat(a.session).isEqualTo("s-1");
    assertThat(a.inputTokens).isEqualTo(100);
    assertThat(a.cacheReadTokens).isEqualTo(20);
    assertThat(a.cacheWriteTokens).isEqualTo(30);
    assertThat(a.outputTokens).isEqualTo(40);
    assertThat(a.costUsd).isEqualTo(0.125);
    assertThat(a.first).isEqualTo(T0);
    UnmatchedUsage.Part b = back.parts().get(1);
    assertThat(b.branch).isNull();
    assertThat(b.session).isNull();
    assertThat(b.costUsd).isZero();
    assertThat(b.last).isEqualTo(T0.plusSeconds(59));
  }

  @Test
  void shouldRefuseAnUnknownFormat() {
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {7, 0, 0, 0, 0}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("format 7");
  }

  /** One request, as the part of one request it reaches the attribution as. */
  private static UnmatchedUsage.Part request(
      String branch, String session, Instant at, Double cost) {
    TokenUsage u =
        TokenUsages.aRequest()
            .engineer("eng-1")
            .repo("acme/payments", branch)
            .session(session)
            .tokens(100, 20, 30, 40)
            .at(at)
            .build();
    u.setComputedCostUsd(cost);
    return PrUsagePart.of(u).sums();
  }
}
