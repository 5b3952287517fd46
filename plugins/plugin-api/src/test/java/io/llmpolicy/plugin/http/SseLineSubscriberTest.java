package io.llmpolicy.plugin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class SseLineSubscriberTest {

    private static List<ServerSentEvent> parse(String... lines) {
        List<ServerSentEvent> events = new ArrayList<>();
        SseLineSubscriber s = new SseLineSubscriber(events::add, new CompletableFuture<>());
        s.onSubscribe(new NoopSubscription());
        for (String l : lines) {
            s.onNext(l);
        }
        s.onComplete();
        return events;
    }

    @Test
    void events_areDispatchedOnBlankLines_withNamesAndMultiLineData() {
        assertThat(parse(": comment", "event: message_start", "data: {\"a\":1}", "", "data:x", "data: y", "",
                "id: 7", "retry: 100", "data: [DONE]", ""))
                .containsExactly(new ServerSentEvent("message_start", "{\"a\":1}"),
                        new ServerSentEvent("message", "x\ny"),
                        new ServerSentEvent("message", "[DONE]"));
    }

    @Test
    void unterminatedEvent_atEndOfStream_isDiscarded() {
        assertThat(parse("data: one", "", "data: {\"cut")).containsExactly(new ServerSentEvent("message", "one"));
    }

    @Test
    void listenerFailure_cancelsAndFailsTheOutcome() {
        CompletableFuture<Void> outcome = new CompletableFuture<>();
        NoopSubscription sub = new NoopSubscription();
        IllegalStateException boom = new IllegalStateException("stop");
        SseLineSubscriber s = new SseLineSubscriber(e -> { throw boom; }, outcome);
        s.onSubscribe(sub);
        s.onNext("data: a");
        s.onNext("");
        assertThat(sub.cancelled).isTrue();
        assertThat(outcome).isCompletedExceptionally();
        assertThat(outcome.exceptionNow()).isSameAs(boom);
    }

    private static final class NoopSubscription implements Flow.Subscription {
        boolean cancelled;

        @Override
        public void request(long n) {}

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
