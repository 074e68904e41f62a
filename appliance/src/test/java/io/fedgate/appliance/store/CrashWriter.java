package io.fedgate.appliance.store;

import java.time.Clock;

/**
 * Child-process main for {@link ConfigDatabaseCrashIT}: writes audited config changes in a loop,
 * printing the number of each one after its commit, until it is killed.
 */
public final class CrashWriter {
  private CrashWriter() {}

  public static void main(String[] args) {
    Clock clock = Clock.systemUTC();
    NodeSettings settings = new NodeSettings(clock);
    AuditLog audit = new AuditLog(clock);
    int start = Integer.parseInt(args[1]);
    try (Database database = Database.open(args[0], "", "")) {
      for (int i = start; ; i++) {
        String name = "crash.k" + i;
        String value = "v".repeat(200) + i;
        database.inTransaction(
            c -> {
              settings.put(c, name, value);
              audit.record(
                  c, "crash-test", "parameter", name, AuditEntry.ChangeKind.CREATE, null, value);
              return null;
            });
        System.out.println("committed " + i);
        System.out.flush();
      }
    }
  }
}
