package io.fedgate.appliance.node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * The node's data directory, held with an exclusive lock for the life of the node so that a second
 * instance on the same directory refuses to start.
 *
 * <pre>
 * fedgate.lock        lock file (holds the owner's pid)
 * db/                 H2 database (default config database)
 * secrets/            master.key (seals private keys), cli.credential; owner-only
 * run/                node.properties (admin URL, pid), admin.pem; present while running
 * logs/               fedgate.log
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {
  private static final String OWNER_ONLY_FILE = "rw-------";
  private static final String OWNER_ONLY_DIR = "rwx------";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Creates the layout if needed and takes the lock.
   *
   * @throws DataDirectoryInUseException when another process (or node) holds it
   */
  public static DataDirectory lock(Path dir) throws IOException {
    Path root = dir.toAbsolutePath().normalize();
    Files.createDirectories(root);
    FileChannel channel =
        FileChannel.open(
            root.resolve("fedgate.lock"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    if (lock == null) {
      String owner = readOwner(channel);
      channel.close();
      throw new DataDirectoryInUseException(root, owner);
    }
    channel.truncate(0);
    channel.write(
        ByteBuffer.wrap(
            Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)),
        0);
    DataDirectory directory = new DataDirectory(root, channel, lock);
    directory.createLayout();
    return directory;
  }

  private static String readOwner(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(32);
    channel.read(buffer, 0);
    String pid = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
    return pid.isEmpty() ? "unknown" : pid;
  }

  private void createLayout() throws IOException {
    Files.createDirectories(db());
    Files.createDirectories(logs());
    Files.createDirectories(run());
    if (!Files.exists(secrets())) {
      Files.createDirectory(
          secrets(),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_DIR)));
    }
  }

  public Path root() {
    return root;
  }

  public Path db() {
    return root.resolve("db");
  }

  public Path logs() {
    return root.resolve("logs");
  }

  public Path run() {
    return root.resolve("run");
  }

  public Path secrets() {
    return root.resolve("secrets");
  }

  /** The 256-bit master key that seals private keys, created on first start. */
  public byte[] masterKey(SecureRandom random) throws IOException {
    Path file = secrets().resolve("master.key");
    if (Files.exists(file)) {
      byte[] key = Files.readAllBytes(file);
      if (key.length != 32) {
        throw new IOException(file + " is damaged: expected 32 bytes, found " + key.length);
      }
      return key;
    }
    byte[] key = new byte[32];
    random.nextBytes(key);
    writeOwnerOnly(file, key);
    return key;
  }

  /** Writes a file readable only by its owner, atomically (write to a temp file, then move). */
  public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp);
    Files.createFile(
        temp,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(OWNER_ONLY_FILE)));
    Files.write(temp, content, StandardOpenOption.WRITE);
    Files.move(
        temp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() throws IOException {
    lock.release();
    lockChannel.close();
  }
}
