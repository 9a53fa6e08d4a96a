package io.contrivance.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client, one connection per thread, for load drivers. The JDK's
 * HttpClient spends about a core of this two-core machine on 2,000 requests a second, which would
 * starve the server being measured; this one costs next to nothing. Not a general client: no TLS,
 * no redirects, no compression.
 */
final class RawHttp {

  /** A status and a body. */
  record Reply(int status, String body) {}

  private static final ThreadLocal<RawHttp> PER_THREAD = new ThreadLocal<>();

  private final String authority;
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private RawHttp(String host, int port) throws IOException {
    this.authority = host + ":" + port;
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    out = new BufferedOutputStream(socket.getOutputStream(), 65536);
    in = new BufferedInputStream(socket.getInputStream(), 65536);
  }

  /** Sends a request on this thread's connection (opened, or reopened after an error, as needed). */
  static Reply send(String method, String url, String token, String body) {
    URI uri = URI.create(url);
    for (int attempt = 0; ; attempt++) {
      RawHttp http = PER_THREAD.get();
      try {
        if (http == null || !http.authority.equals(uri.getHost() + ":" + uri.getPort())) {
          http = new RawHttp(uri.getHost(), uri.getPort());
          PER_THREAD.set(http);
        }
        return http.request(method, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()), token, body);
      } catch (IOException e) {
        PER_THREAD.remove();
        if (http != null) {
          try {
            http.socket.close();
          } catch (IOException ignored) {
            // already broken
          }
        }
        if (attempt == 1) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private Reply request(String method, String target, String token, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(256).append(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
    if (token != null) {
      head.append("Authorization: Bearer ").append(token).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(bytes.length).append("\r\n\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.write(bytes);
    out.flush();
    String status = line();
    if (status.length() < 12) {
      throw new IOException("connection closed");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String lower = header.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(lower.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    ByteArrayOutputStream content = new ByteArrayOutputStream(Math.max(length, 256));
    if (chunked) {
      for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
        content.write(in.readNBytes(size));
        line();
      }
      line();
    } else if (length > 0) {
      content.write(in.readNBytes(length));
    }
    return new Reply(code, content.toString(StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
