package io.fedgate.certstore.pki;

import io.fedgate.certstore.RejectedInputException;
import io.fedgate.certstore.RejectionCode;

/**
 * The largest upload the module parses. Checked before any parsing so that a huge or hostile file
 * costs nothing but its length.
 */
public record UploadLimit(int maxBytes) {
  /** 1 MiB: far more than any certificate chain or PKCS#12 file. */
  public static final UploadLimit DEFAULT = new UploadLimit(1024 * 1024);

  public UploadLimit {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive");
    }
  }

  public void check(byte[] upload) throws RejectedInputException {
    if (upload == null || upload.length == 0) {
      throw new RejectedInputException(RejectionCode.EMPTY_UPLOAD, "the upload is empty");
    }
    if (upload.length > maxBytes) {
      throw new RejectedInputException(
          RejectionCode.UPLOAD_TOO_LARGE,
          "the upload has "
              + upload.length
              + " bytes, more than the limit of "
              + maxBytes
              + " bytes; a certificate chain or PKCS#12 file is a few kilobytes");
    }
  }
}
