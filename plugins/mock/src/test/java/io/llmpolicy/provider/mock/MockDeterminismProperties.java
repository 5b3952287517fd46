package io.llmpolicy.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmpolicy.plugin.CallOptions;
import io.llmpolicy.plugin.ChatMessage;
import io.llmpolicy.plugin.ChatRequest;
import io.llmpolicy.plugin.ChatResponse;
import io.llmpolicy.plugin.EndpointConfig;
import io.llmpolicy.plugin.ModelProvider;
import io.llmpolicy.plugin.PluginEnvironment;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

class MockDeterminismProperties {

    private static ModelProvider mock(long seed, int chunkWords) {
        return new MockProviderFactory().create(EndpointConfig.builder("mock").option("seed", Long.toString(seed))
                .option("chunk_words", Integer.toString(chunkWords)).build(), PluginEnvironment.of(Map.of(), Clock.systemUTC()));
    }

    @Property(tries = 200)
    void sameRequest_sameSeed_sameResponse_andStreamsConcatenate(@ForAll @StringLength(min = 1, max = 300) String prompt,
                                                                 @ForAll long seed,
                                                                 @ForAll @IntRange(min = 1, max = 9) int chunkWords) {
        ChatRequest request = ChatRequest.of("m", List.of(ChatMessage.user(prompt)));
        ChatResponse a = mock(seed, chunkWords).complete(request, CallOptions.of("r")).join();
        ChatResponse b = mock(seed, chunkWords).complete(request, CallOptions.of("r")).join();
        assertThat(a).isEqualTo(b);

        List<String> chunks = new CopyOnWriteArrayList<>();
        ChatResponse streamed = mock(seed, chunkWords).stream(request, CallOptions.of("r"), chunks::add).join();
        assertThat(streamed).isEqualTo(a);
        assertThat(String.join("", chunks)).isEqualTo(a.text());
        assertThat(chunks).allSatisfy(c -> assertThat(c).isNotEmpty());

        assertThat(a.usage().outputTokens()).isBetween(20L, 200L).isEqualTo(a.text().split(" ").length);
        assertThat(a.usage().inputTokens()).isEqualTo(7 + (prompt.codePointCount(0, prompt.length()) + 3) / 4);
    }
}
