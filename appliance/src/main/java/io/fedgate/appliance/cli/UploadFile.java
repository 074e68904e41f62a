package io.fedgate.appliance.cli;

import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.pki.UploadLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a file to upload. Its size is checked before it is read, against the same limit the node
 * applies, so that a huge file is refused here with the node's code and never sent.
 */
final class UploadFile {
  private UploadFile() {}

  static byte[] read(Path file) throws CliException {
    try {
      if (!Files.isRegularFile(file)) {
        throw new CliException(FedgateCli.EXIT_INVALID, "cannot read " + file + ": no such file");
      }
      long size = Files.size(file);
      int limit = UploadLimit.DEFAULT.maxBytes();
      if (size > limit) {
        throw new CliException(
            1,
            RejectionCode.UPLOAD_TOO_LARGE
                + ": "
                + file
                + " has "
                + size
                + " bytes, more than the limit of "
                + limit
                + " bytes; a certificate chain or PKCS#12 file is a few kilobytes");
      }
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new CliException(FedgateCli.EXIT_INVALID, "cannot read " + file + ": " + e);
    }
  }

  /** A password file's first line, without its line terminator. */
  static String password(Path file) throws CliException {
    String text = new String(read(file), StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  static boolean isPem(byte[] content) {
    return new String(content, 0, Math.min(content.length, 4096), StandardCharsets.US_ASCII)
        .contains("-----BEGIN ");
  }
}
