package io.llmpolicy.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;

class SamplerProperties {

    @Property(tries = 500)
    void sampled_isDeterministic(@ForAll String requestId, @ForAll @LongRange(min = 0, max = 1_000_000) long rate,
                                 @ForAll @StringLength(min = 1, max = 20) String eval) {
        boolean first = Sampler.sampled(requestId, rate, eval);
        assertThat(Sampler.sampled(new String(requestId.toCharArray()), rate, new String(eval.toCharArray())))
                .isEqualTo(first);
    }

    @Property(tries = 500)
    void raisingTheRate_onlyAddsIds(@ForAll String requestId, @ForAll @LongRange(min = 0, max = 1_000_000) long low,
                                    @ForAll @LongRange(min = 0, max = 1_000_000) long high,
                                    @ForAll @StringLength(min = 1, max = 20) String eval) {
        long lo = Math.min(low, high);
        long hi = Math.max(low, high);
        if (Sampler.sampled(requestId, lo, eval)) assertThat(Sampler.sampled(requestId, hi, eval)).isTrue();
        if (!Sampler.sampled(requestId, hi, eval)) assertThat(Sampler.sampled(requestId, lo, eval)).isFalse();
    }

    @Property(tries = 300)
    void sampled_isExactlyBucketBelowRate(@ForAll String requestId,
                                          @ForAll @LongRange(min = 1, max = 999_999) long rate) {
        long bucket = Sampler.bucket(requestId, "e");
        assertThat(bucket).isBetween(0L, 999_999L);
        assertThat(Sampler.sampled(requestId, rate, "e")).isEqualTo(bucket < rate);
    }

    @Property(tries = 300)
    void rateZero_samplesNothing_rateMillion_samplesEverything(@ForAll String requestId) {
        assertThat(Sampler.sampled(requestId, 0, "e")).isFalse();
        assertThat(Sampler.sampled(requestId, -5, "e")).isFalse();
        assertThat(Sampler.sampled(requestId, 1_000_000, "e")).isTrue();
        assertThat(Sampler.sampled(requestId, 7_000_000, "e")).isTrue();
    }

    @Property(tries = 500)
    void streamingHash_equalsHashOfTheUtf8Bytes(@ForAll String eval, @ForAll String requestId) {
        byte[] e = eval.getBytes(StandardCharsets.UTF_8);
        byte[] r = requestId.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[e.length + 1 + r.length];
        System.arraycopy(e, 0, all, 0, e.length);
        System.arraycopy(r, 0, all, e.length + 1, r.length);
        assertThat(Murmur3.hash64(eval, requestId)).isEqualTo(Murmur3.hash64(all));
    }
}
