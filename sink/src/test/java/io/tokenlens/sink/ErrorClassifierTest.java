package io.tokenlens.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.clickhouse.client.api.ServerException;
import java.net.ConnectException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ErrorClassifierTest {

  private final ErrorClassifier classifier = new ErrorClassifier();

  private static ServerException server(int code) {
    return new ServerException(code, "Code: " + code + ". DB::Exception: ...", 500, "q");
  }

  @Test
  void shouldRetryTransientServerErrors() {
    for (int code : new int[] {159, 252, 241, 319, 209, 210}) {
      assertThat(classifier.classify(server(code)))
          .as("code %d", code)
          .isEqualTo(ErrorClassifier.Verdict.RETRIABLE);
    }
  }

  @Test
  void shouldRetryNetworkFailuresFoundAnywhereInTheCauseChain() {
    Exception wrapped =
        new ExecutionException(new RuntimeException(new ConnectException("Connection refused")));
    assertThat(classifier.classify(wrapped)).isEqualTo(ErrorClassifier.Verdict.RETRIABLE);
  }

  @Test
  void shouldCallRowsThatCannotBeParsedPoison() {
    assertThat(classifier.classify(new RuntimeException(server(27))))
        .isEqualTo(ErrorClassifier.Verdict.POISON);
    assertThat(classifier.classify(server(53))).isEqualTo(ErrorClassifier.Verdict.POISON);
    assertThat(ErrorClassifier.code(new RuntimeException(server(53)))).isEqualTo(53);
  }

  @Test
  void shouldRetryWhatItDoesNotKnowRatherThanDropRows() {
    assertThat(classifier.classify(new IllegalStateException("?")))
        .isEqualTo(ErrorClassifier.Verdict.RETRIABLE);
  }
}
