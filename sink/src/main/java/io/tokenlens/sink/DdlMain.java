package io.tokenlens.sink;

import io.tokenlens.schemas.config.Arguments;
import io.tokenlens.schemas.config.CommandLine;
import java.io.PrintStream;

/**
 * Prints the DDL the sink's migrations run, for one server or rewritten for a cluster ({@link
 * ClusterDdl}), so that an operator can review it, or apply it by hand, before a sink runs them.
 * Exit 0, or 2 on a wrong argument.
 */
public final class DdlMain {

  static final CommandLine COMMAND_LINE =
      CommandLine.command("./tokenlens sink ddl [--cluster NAME [--replica-path PATH]]")
          .option(
              "cluster",
              "NAME",
              "the cluster in the servers' remote_servers: ON CLUSTER and Replicated engines")
          .option(
              "replica-path",
              "PATH",
              "each table's Keeper path, with the servers' macros",
              ClusterDdl.DEFAULT_REPLICA_PATH);

  private DdlMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Arguments a = COMMAND_LINE.parse(args);
    if (a.help()) {
      out.print(COMMAND_LINE.usage());
      return 0;
    }
    ClusterDdl ddl;
    try {
      a.throwIfInvalid();
      ddl =
          a.optional("cluster")
              .map(c -> ClusterDdl.onCluster(c, a.string("replica-path")))
              .orElse(ClusterDdl.singleServer());
    } catch (IllegalArgumentException e) { // a CommandLineException too
      err.println("sink ddl: " + e.getMessage());
      err.print(COMMAND_LINE.usage());
      return 2;
    }
    out.println(ddl.rewrite(Migrations.TABLE_DDL) + ";");
    for (Migration m : Migration.load()) {
      out.println();
      out.println("-- " + m.name());
      for (String statement : ddl.statements(m)) {
        out.println(statement + ";");
      }
    }
    return 0;
  }
}
