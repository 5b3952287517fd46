package io.llmpolicy.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** decode(encode(r)) == r for arbitrary records, including any UTF-16 text (lone surrogates too). */
class RecordCodecProperties {

    @Property(tries = 300)
    void decode_encode_roundTrips(@ForAll("records") TraceRecord record) {
        BodyWriter body = new BodyWriter(16);
        RecordCodec.encode(record, body);
        assertThat(RecordCodec.startTimeOf(body.array(), 0, body.length())).isEqualTo(record.startTimeUnixNano());
        assertThat(RecordCodec.decode(body.array(), 0, body.length())).isEqualTo(record);
    }

    /**
     * A writer reused across records (as each writing thread's is) writes exactly the bytes a fresh one writes:
     * its cache of encoded strings changes speed, never output. Records are encoded twice so cached strings hit.
     */
    @Property(tries = 100)
    void reusedWriter_writesTheSameBytesAsAFreshOne(@ForAll("records") TraceRecord a, @ForAll("records") TraceRecord b) {
        BodyWriter reused = new BodyWriter(16);
        for (TraceRecord r : List.of(a, b, a, b)) {
            BodyWriter fresh = new BodyWriter(16);
            RecordCodec.encode(r, fresh);
            reused.clear();
            RecordCodec.encode(r, reused);
            assertThat(java.util.Arrays.copyOf(reused.array(), reused.length()))
                    .isEqualTo(java.util.Arrays.copyOf(fresh.array(), fresh.length()));
        }
    }

    @Provide
    Arbitrary<TraceRecord> records() {
        // Up to 130 chars: strings take a one-pass path up to 42 chars, are cached up to 96, and neither beyond.
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().all().ofMinLength(41).ofMaxLength(130));
        Arbitrary<String> maybe = text.injectNull(0.2);
        Arbitrary<Long> anyLong = Arbitraries.longs();
        Arbitrary<Long> count = Arbitraries.longs().between(0, Long.MAX_VALUE);
        Arbitrary<Attempt> attempt = Combinators.combine(maybe, maybe, maybe, count).as(Attempt::new);
        // The compact forms of body v2 (UUID ids, hex hashes, unit codes) and near misses that must stay text.
        Arbitrary<String> uuid = Arbitraries.randomValue(r -> new java.util.UUID(r.nextLong(), r.nextLong()).toString());
        Arbitrary<String> recordIds = Arbitraries.oneOf(text.filter(s -> !s.isEmpty()), uuid, uuid.map(String::toUpperCase),
                uuid.map(u -> u.replace('-', '_')));
        Arbitrary<String> hexDigits = Arbitraries.strings().withChars("0123456789abcdef").ofMinLength(1).ofMaxLength(300);
        Arbitrary<String> hex = Arbitraries.oneOf(maybe, hexDigits, hexDigits.map(h -> "sha256:" + h),
                hexDigits.map(h -> "sha256:" + h.toUpperCase()), hexDigits.map(h -> h + "g"),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64).map(h -> "sha256:" + h),
                Arbitraries.just("sha256:"));
        Arbitrary<String> unit = Arbitraries.oneOf(text.filter(s -> !s.isEmpty()),
                Arbitraries.of(BudgetCharge.NANO_USD, BudgetCharge.TOKENS, BudgetCharge.REQUESTS));
        Arbitrary<BudgetCharge> charge = Combinators.combine(text.filter(s -> !s.isEmpty()), maybe, anyLong, unit)
                .as(BudgetCharge::new);
        Arbitrary<Finding> finding = Combinators.combine(text.filter(s -> !s.isEmpty()),
                        Arbitraries.of(Finding.Phase.class), Arbitraries.integers().between(0, 1000),
                        Arbitraries.integers().between(0, 100_000), Arbitraries.integers().between(0, 100), maybe)
                .as((d, p, m, s, len, a) -> new Finding(d, p, m, s, s + len, a));
        Arbitrary<EvalResult> eval = Combinators.combine(text.filter(s -> !s.isEmpty()),
                Arbitraries.doubles().withSpecialValue(Double.NaN), maybe, maybe,
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).injectNull(0.3)).as(EvalResult::new);
        Arbitrary<MetaValue> meta = Arbitraries.oneOf(text.map(MetaValue.Text::new),
                text.list().ofMaxSize(3).map(MetaValue.TextList::new));
        Arbitrary<Map<String, MetaValue>> metadata = Arbitraries.maps(text.filter(s -> !s.isEmpty()), meta)
                .ofMaxSize(4);
        Arbitrary<Content> content = Arbitraries.oneOf(Arbitraries.just(Content.OMITTED),
                Combinators.combine(text, hex.filter(h -> h != null)).as(Content.KeyedHash::new),
                text.map(Content.Redacted::new),
                text.map(Content.Full::new));
        Arbitrary<PolicyRef> policy = Combinators.combine(maybe, maybe, hex).as(PolicyRef::new);

        Arbitrary<TraceRecord.Builder> head = Combinators.combine(recordIds, maybe, anyLong,
                        anyLong, policy, text.list().ofMaxSize(3), maybe, text.list().ofMaxSize(3))
                .as((id, req, start, end, pol, rules, action, reasons) -> TraceRecord.builder().recordId(id)
                        .requestId(req).startTimeUnixNano(start).endTimeUnixNano(end).policy(pol).rulesFired(rules)
                        .action(action).reasons(reasons));
        Arbitrary<TraceRecord.Builder> middle = Combinators.combine(head, maybe, attempt.list().ofMaxSize(3), maybe,
                        maybe, maybe, count.list().ofSize(3))
                .as((b, route, attempts, provider, reqModel, respModel, tokens) -> b.routeTarget(route)
                        .attempts(attempts).providerName(provider).requestModel(reqModel).responseModel(respModel)
                        .inputTokens(tokens.get(0)).outputTokens(tokens.get(1)).cachedInputTokens(tokens.get(2)));
        Arbitrary<List<Content>> contents = Combinators.combine(content, content).as(List::of);
        return Combinators.combine(middle, anyLong, charge.list().ofMaxSize(3), finding.list().ofMaxSize(3),
                        eval.list().ofMaxSize(3), maybe, metadata, contents)
                .as((b, cost, charges, findings, evals, error, md, c) -> b.costNanoUsd(cost)
                        .budgetCharges(charges).findings(findings).evalResults(evals).errorType(error).metadata(md)
                        .prompt(c.get(0)).response(c.get(1)).build());
    }

    @Property(tries = 100)
    void decode_truncatedBody_throwsMalformed(@ForAll("records") TraceRecord record,
                                                              @ForAll("fractions") double keep) {
        BodyWriter body = new BodyWriter(16);
        RecordCodec.encode(record, body);
        int cut = (int) (body.length() * keep);
        assertThatThrownBy(() -> RecordCodec.decode(body.array(), 0, cut))
                .isInstanceOf(RecordCodec.MalformedBodyException.class);
    }

    @Property(tries = 300)
    void decode_randomBytes_throwsMalformedOrDecodes(@ForAll byte[] garbage) {
        try {
            RecordCodec.decode(garbage, 0, garbage.length);
        } catch (RecordCodec.MalformedBodyException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 0.999).ofScale(3);
    }

    @Property(tries = 50)
    void newRecordId_isVersion7UuidCarryingTheMillis(@ForAll("times") long nanos) {
        String id = TraceIds.newRecordId(nanos);
        java.util.UUID uuid = java.util.UUID.fromString(id);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(Math.floorDiv(nanos, 1_000_000L));
        assertThat(List.of(id, TraceIds.newRecordId(nanos)).stream().distinct()).hasSize(2);
    }

    @Provide
    Arbitrary<Long> times() {
        return Arbitraries.longs().between(0, 4_000_000_000_000_000_000L);
    }

    /**
     * Bodies written by earlier versions (layout v1, golden hex captured before v2 existed) still decode to the
     * records they were written from.
     */
    @net.jqwik.api.Example
    void layoutV1Bodies_stillDecode() throws Exception {
        List<String> lines;
        try (var in = RecordCodecProperties.class.getResourceAsStream("/golden/body-v1.hex")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).lines().toList();
        }
        List<TraceRecord> expected = List.of(Fixtures.full(1), Fixtures.full(7),
                Fixtures.full(10).toBuilder().recordId("01a21c96-783d-70ce-8a36-c6fc5fb27de4").build());
        assertThat(lines).hasSize(expected.size());
        for (int i = 0; i < lines.size(); i++) {
            byte[] body = java.util.HexFormat.of().parseHex(lines.get(i));
            assertThat(body[0]).isEqualTo((byte) 1);
            assertThat(RecordCodec.decode(body, 0, body.length)).isEqualTo(expected.get(i));
            // and v2 is smaller: the id, the policy hash, the HMAC, times, cost and units in their compact forms
            BodyWriter v2 = new BodyWriter(16);
            RecordCodec.encode(expected.get(i), v2);
            assertThat(v2.length()).isLessThan(body.length - 60);
        }
    }

    @net.jqwik.api.Example
    void newerLayoutVersion_isRefusedByName() {
        BodyWriter body = new BodyWriter(16);
        RecordCodec.encode(Fixtures.full(1), body);
        body.array()[0] = (byte) (RecordCodec.VERSION + 1);
        assertThatThrownBy(() -> RecordCodec.decode(body.array(), 0, body.length()))
                .isInstanceOf(RecordCodec.MalformedBodyException.class).hasMessageContaining("written by a newer llmpolicy");
    }

    /** The compact forms apply exactly to canonical text: a UUID id takes 17 bytes, a sha256 hash 34. */
    @net.jqwik.api.Example
    void compactForms_forCanonicalIdsAndHashes() {
        BodyWriter w = new BodyWriter(16);
        w.writeRecordId("01a21c96-783d-70ce-8a36-c6fc5fb27de4");
        assertThat(w.length()).isEqualTo(17);
        w.clear();
        w.writeRecordId("01A21C96-783D-70CE-8A36-C6FC5FB27DE4"); // uppercase would not round-trip as bytes
        assertThat(w.length()).isEqualTo(1 + 1 + 36);
        w.clear();
        w.writeHex("sha256:" + "ab".repeat(32));
        assertThat(w.length()).isEqualTo(34);
        w.clear();
        w.writeHex("sha256:" + "ab".repeat(32)); // the cached form: the same bytes
        assertThat(w.length()).isEqualTo(34);
        assertThat(new BodyReader(w.array(), 0, w.length()).readHex()).isEqualTo("sha256:" + "ab".repeat(32));
    }
}
