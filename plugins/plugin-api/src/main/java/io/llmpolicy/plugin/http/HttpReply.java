package io.llmpolicy.plugin.http;

import java.net.http.HttpHeaders;
import java.util.Objects;

/**
 * A response as {@link HttpTransport} hands it back. For a successful stream the events went to the listener and
 * {@code body} is empty; for any error status {@code body} holds the whole error body. Immutable.
 *
 * @param status  the HTTP status
 * @param headers the response headers
 * @param body    the body as text (UTF-8), or {@code ""}
 */
public record HttpReply(int status, HttpHeaders headers, String body) {
    public HttpReply {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? "" : body;
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}
