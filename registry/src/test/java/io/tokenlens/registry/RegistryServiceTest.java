package io.tokenlens.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RegistryServiceTest {
  private final RegistryState state = new RegistryState();
  private final InMemorySchemaLog log = new InMemorySchemaLog(state);
  private final RegistryService service = new RegistryService(state, log);

  private static SchemaRequest avro(String schema) {
    return new SchemaRequest(schema, null, 0);
  }

  @Test
  void shouldNeverHandOutAnIdTwiceUnderConcurrentRegistrations() throws Exception {
    service.setGlobalLevel(CompatibilityLevel.NONE);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Integer>> registrations =
          IntStream.range(0, 64)
              .<Callable<Integer>>mapToObj(
                  i -> () -> service.register("s-" + (i % 4), avro(Schemas.unique())))
              .toList();
      List<Integer> ids =
          pool.invokeAll(registrations).stream().map(RegistryServiceTest::get).toList();

      assertThat(ids).doesNotHaveDuplicates().hasSize(64);
      assertThat(state.versions("s-0", false))
          .extracting(RegistryState.Version::version)
          .containsExactlyElementsOf(IntStream.rangeClosed(1, 16).boxed().toList());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldAppendNothingForAnIdempotentRegistration() {
    service.register("s", avro(Schemas.V1));
    int appended = log.appended().size();

    service.register("s", avro(Schemas.V1_REFORMATTED));

    assertThat(log.appended()).hasSize(appended);
  }

  @Test
  void shouldHardDeleteASubjectInOneAppendWithItsLevel() {
    service.register("s", avro(Schemas.V1));
    service.register("s", avro(Schemas.V2_OPTIONAL_FIELD));
    service.setSubjectLevel("s", CompatibilityLevel.FULL);
    service.deleteSubject("s", false);
    int before = log.appended().size();

    service.deleteSubject("s", true);

    assertThat(log.appended().subList(before, log.appended().size()))
        .containsExactly(
            new StoreRecord.SchemaVersionRemoved("s", 1),
            new StoreRecord.SchemaVersionRemoved("s", 2),
            new StoreRecord.SubjectDeletedRemoved("s"),
            new StoreRecord.ConfigCleared("s"));
  }

  private static Integer get(Future<Integer> future) {
    try {
      return future.get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
