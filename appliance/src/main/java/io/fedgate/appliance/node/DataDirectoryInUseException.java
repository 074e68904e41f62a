package io.fedgate.appliance.node;

import java.io.IOException;
import java.nio.file.Path;

/** Another fedgate process (or node in this JVM) holds the data directory. */
public final class DataDirectoryInUseException extends IOException {
  private static final long serialVersionUID = 1L;

  public DataDirectoryInUseException(Path root, String ownerPid) {
    super(
        "data directory "
            + root
            + " is in use by another fedgate node (pid "
            + ownerPid
            + "); stop it first or use another --data-dir");
  }
}
