package io.llmpolicy.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmpolicy.plugin.ErrorClass;
import io.llmpolicy.plugin.ProviderException;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderRepliesTest {
    private static HttpReply reply(int status, String contentType, String body) {
        return new HttpReply(status, HttpHeaders.of(Map.of("Content-Type", List.of(contentType)), (a, b) -> true), body);
    }

    private static ProviderException mapped(HttpReply r) {
        return ProviderException.of(ErrorClass.RATE_LIMITED, "mapped " + r.status(), null);
    }

    @Test
    void completeStream_passes() {
        assertThatCode(() -> ProviderReplies.checkStreamEnd(reply(200, "text/event-stream", ""), true, "e", "[DONE]", 5,
                ProviderRepliesTest::mapped)).doesNotThrowAnyException();
    }

    @Test
    void errorStatus_goesThroughTheProvidersMapping() {
        assertThatThrownBy(() -> ProviderReplies.checkStreamEnd(reply(429, "application/json", "{}"), false, "e", "[DONE]",
                0, ProviderRepliesTest::mapped)).hasMessage("mapped 429");
    }

    @Test
    void jsonInsteadOfAStream_isAServerError() {
        assertThatThrownBy(() -> ProviderReplies.checkStreamEnd(reply(200, "application/json", ""), false, "openai",
                "[DONE]", 0, ProviderRepliesTest::mapped))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.SERVER_ERROR))
                .hasMessageContaining("endpoint 'openai': answered a stream request with 'application/json'");
    }

    @Test
    void cutStream_isANetworkErrorNamingTheTerminator() {
        assertThatThrownBy(() -> ProviderReplies.checkStreamEnd(reply(200, "text/event-stream", ""), false, "claude",
                "message_stop", 42, ProviderRepliesTest::mapped))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.NETWORK))
                .hasMessageContaining("stream ended before message_stop after 42 characters");
    }

    @Test
    void excerpt_isOneLineAndAtMost200Chars() {
        assertThat(ProviderReplies.excerpt("a\nb")).isEqualTo("a b");
        String long300 = "x".repeat(300);
        assertThat(ProviderReplies.excerpt(long300)).hasSize(200).endsWith("...");
    }
}
