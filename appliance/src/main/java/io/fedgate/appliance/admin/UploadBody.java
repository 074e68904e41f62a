package io.fedgate.appliance.admin;

import io.fedgate.certstore.Outcome;
import io.fedgate.certstore.RejectionCode;
import io.fedgate.certstore.pki.UploadLimit;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Reads a certificate upload from the request body: refused from its {@code Content-Length} before
 * a byte is read when it is over the limit, and never read past the limit otherwise (a chunked body
 * is cut at limit + 1 bytes). The key password travels in a header, base64 of its UTF-8 bytes, so
 * that it never appears in a URL and any character survives.
 */
final class UploadBody {
  /** Header carrying the password of a PKCS#12 file or an encrypted PEM key (base64 of UTF-8). */
  static final String PASSWORD_HEADER = "X-Fedgate-Key-Password";

  private UploadBody() {}

  static Outcome<byte[]> read(Context ctx, UploadLimit limit) throws IOException {
    long declared = ctx.req().getContentLengthLong();
    if (declared > limit.maxBytes()) {
      ctx.header("Connection", "close");
      return tooLarge(declared + " bytes (Content-Length)", limit);
    }
    byte[] body;
    try (InputStream in = ctx.req().getInputStream()) {
      body = in.readNBytes(limit.maxBytes() + 1);
    }
    if (body.length > limit.maxBytes()) {
      return tooLarge("more than " + limit.maxBytes() + " bytes", limit);
    }
    if (body.length == 0) {
      return Outcome.rejected(RejectionCode.EMPTY_UPLOAD, "the upload is empty");
    }
    return Outcome.accepted(body);
  }

  /** The password of the upload, or null when the header is absent. */
  static char[] password(Context ctx) {
    String header = ctx.header(PASSWORD_HEADER);
    if (header == null) {
      return null;
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(header.trim());
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      char[] password = new char[chars.remaining()];
      chars.get(password);
      return password;
    } catch (IllegalArgumentException | CharacterCodingException e) {
      throw new BadRequestResponse(PASSWORD_HEADER + " must be the base64 of the UTF-8 password");
    }
  }

  private static Outcome<byte[]> tooLarge(String size, UploadLimit limit) {
    return Outcome.rejected(
        RejectionCode.UPLOAD_TOO_LARGE,
        "the upload has "
            + size
            + ", more than the limit of "
            + limit.maxBytes()
            + " bytes; a certificate chain or PKCS#12 file is a few kilobytes");
  }
}
