package io.llmpolicy.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.llmpolicy.plugin.Finding;
import io.llmpolicy.plugin.GuardrailDetector;
import io.llmpolicy.plugin.PolicyFunction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One host over a directory of good and broken plugins: the broken ones are reported with their reasons, the
 * good ones work, and plugins that throw or hang at call time become typed errors while the host keeps going.
 */
class PluginHostDirectoryTest {
    private static PluginHost host;

    @BeforeAll
    static void start() {
        TestGate.reset();
        host = PluginHost.builder()
                .pluginsDirectory(TestPluginDirectory.get())
                .systemVersion("0.1.0")
                .callTimeout(Duration.ofMillis(300))
                .lifecycleTimeout(Duration.ofMillis(500))
                .callPool(4, 16)
                .start();
    }

    @AfterAll
    static void stop() {
        TestGate.open();
        host.close();
    }

    private static PluginStatus status(String id) {
        return host.report().plugin(id).orElseThrow(() -> new AssertionError("no status for " + id + " in\n"
                + host.report().format()));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = '|', value = {
            "good|STARTED|",
            "thrower|STARTED|",
            "hanger|STARTED|",
            "dependent|STARTED|",
            "iso-a|STARTED|",
            "iso-b|STARTED|",
            "jarred|STARTED|",
            "noext|STARTED|",
            "dup|STARTED|",
            "startfails|FAILED|start() threw IllegalStateException: no config",
            "starthangs|FAILED|start() did not return within PT0.5S",
            "orphan|FAILED|requires plugin 'missing', which is not loaded",
            "chain|FAILED|requires plugin 'orphan', which is not loaded",
            "wants-newer-good|FAILED|requires plugin 'good' >=2.0.0 but found 1.0.0",
            "versioned|FAILED|requires host version >=99.0.0; this host is 0.1.0",
            "disabledone|DISABLED|listed in disabled.txt"})
    void eachPlugin_endsInItsExpectedState_withItsReason(String id, PluginStatus.State state, String reason) {
        PluginStatus s = status(id);
        assertThat(s.state()).isEqualTo(state);
        assertThat(s.source()).isEqualTo(PluginStatus.Source.DIRECTORY);
        if (reason == null) {
            assertThat(s.reason()).isEmpty();
        } else {
            assertThat(s.reason()).startsWith(reason);
        }
    }

    @Test
    void extensionConstructorThatThrows_failsThePluginAndNamesTheCause() {
        PluginStatus s = status("badctor");
        assertThat(s.state()).isEqualTo(PluginStatus.State.FAILED);
        assertThat(s.reason()).isEqualTo(
                "extension failed: tp.badctor.BadCtor could not be created: IllegalStateException: cannot read acme.yaml");
        assertThat(host.function("badctor.f")).isEmpty();
    }

    @Test
    void unreadableArchives_areReportedByFileName() {
        assertThat(status("corrupt.zip").reason()).startsWith("cannot unpack:");
        assertThat(status("nodescriptor.zip").reason()).startsWith("cannot load: no plugin descriptor: expected plugin.properties");
        assertThat(host.report().plugins()).noneMatch(p -> p.id().startsWith("README"));
    }

    @Test
    void failedPlugins_registerNothing() {
        assertThat(host.function("startfails.never")).isEmpty();
        assertThat(host.function("orphan.f")).isEmpty();
        assertThat(host.function("versioned.f")).isEmpty();
        assertThat(host.function("disabled.f")).isEmpty();
    }

    @Test
    void startedPlugins_listWhatTheyProvide() {
        assertThat(status("good").extensions())
                .containsExactly("detector good.digits", "function good.shout(string) -> string");
        assertThat(status("good").version()).isEqualTo("1.0.0");
        assertThat(status("good").location()).endsWith("good-1.0.0.zip");
        assertThat(status("jarred").location()).endsWith("jarred-2.0.0.jar");
    }

    @Test
    void duplicateNames_keepTheFirstPlugin_andWarn() {
        assertThat(status("dup").extensions()).containsExactly("function good.shout(string) -> string (ignored: duplicate)");
        assertThat(host.report().warnings())
                .contains("function 'good.shout' of plugin 'dup' ignored: plugin 'good' already provides it");
        assertThat(host.boundary().invoke(host.function("good.shout").orElseThrow(), List.of("hi"), "t:1:1"))
                .isEqualTo("HI!");
    }

    @Test
    void pluginWithoutExtensions_isStartedWithAWarning() {
        assertThat(host.report().warnings()).anyMatch(w -> w.startsWith("plugin 'noext' provides no extensions"));
    }

    @Test
    void functionThatThrows_becomesATypedError_andTheHostKeepsWorking() {
        PluginFunction boom = host.function("thrower.boom").orElseThrow();
        PluginCallException e = catchThrowableOfType(PluginCallException.class,
                () -> host.boundary().invoke(boom, List.of("x"), "support.llmpolicy:12:5"));
        assertThat(e.kind()).isEqualTo(PluginCallException.Kind.THREW);
        assertThat(e.pluginId()).isEqualTo("thrower");
        assertThat(e.function()).isEqualTo("thrower.boom");
        assertThat(e.location()).isEqualTo("support.llmpolicy:12:5");
        assertThat(e).hasMessage("plugin 'thrower' thrower.boom at support.llmpolicy:12:5 threw IllegalStateException: boom");
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);

        assertThat(host.boundary().invoke(host.function("good.shout").orElseThrow(), List.of("still"), "t:1:1"))
                .isEqualTo("STILL!");
    }

    @Test
    void functionThatHangs_timesOut_andTheHostKeepsWorking() {
        PluginFunction wait = host.function("hanger.wait").orElseThrow();
        PluginCallException e = catchThrowableOfType(PluginCallException.class,
                () -> host.boundary().invoke(wait, List.of(), "support.llmpolicy:20:3"));
        assertThat(e.kind()).isEqualTo(PluginCallException.Kind.TIMED_OUT);
        assertThat(e).hasMessage("plugin 'hanger' hanger.wait at support.llmpolicy:20:3 did not return within PT0.3S");

        assertThat(host.boundary().invoke(host.function("good.shout").orElseThrow(), List.of("alive"), "t:1:1"))
                .isEqualTo("ALIVE!");
    }

    @Test
    void resultsThatBreakTheContract_areBadResults() {
        PluginCallException wrong = catchThrowableOfType(PluginCallException.class,
                () -> host.boundary().invoke(host.function("thrower.wrong").orElseThrow(), List.of("x"), "p:1:1"));
        assertThat(wrong.kind()).isEqualTo(PluginCallException.Kind.BAD_RESULT);
        assertThat(wrong).hasMessage("plugin 'thrower' thrower.wrong at p:1:1 returned an invalid result: expected bool but got String yes");

        PluginExtension<GuardrailDetector> bad = host.detector("thrower.badspan").orElseThrow();
        PluginCallException span = catchThrowableOfType(PluginCallException.class,
                () -> host.boundary().scan(bad, "short", "p:2:1", Duration.ZERO));
        assertThat(span.kind()).isEqualTo(PluginCallException.Kind.BAD_RESULT);
        assertThat(span.getMessage()).endsWith("span [0, 1000) outside the text of 5 code points");
    }

    @Test
    void detector_findsSpansInCodePoints() {
        PluginExtension<GuardrailDetector> digits = host.detector("good.digits").orElseThrow();
        List<Finding> f = host.boundary().scan(digits, "😀 call 555 0100", "p:3:1", Duration.ofSeconds(5));
        assertThat(f).containsExactly(new Finding("good.digits", 7, 10, "digits"), new Finding("good.digits", 11, 15, "digits"));
    }

    @Test
    void pluginDependingOnAnother_usesItsClasses() {
        assertThat(host.boundary().invoke(host.function("dependent.shout_twice").orElseThrow(), List.of("a"), "p:1:1"))
                .isEqualTo("A!!");
    }

    @Test
    void functionSignatures_areAvailableForTheChecker() {
        Map<String, String> sigs = host.functionSignatures().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()));
        assertThat(sigs).containsEntry("good.shout", "good.shout(string) -> string")
                .containsEntry("iso_a.greeting", "iso_a.greeting() -> string")
                .doesNotContainKey("startfails.never");
        assertThat(host.extensions(PolicyFunction.class)).extracting(PluginExtension::pluginId)
                .contains("good", "thrower", "hanger", "dependent", "iso-a", "iso-b", "jarred").doesNotContain("dup");
    }

    @Test
    void report_formatsOneLinePerPlugin() {
        String text = host.report().format();
        assertThat(text).startsWith("9 started, 9 failed, 1 disabled (host version 0.1.0, directory ");
        assertThat(text).containsPattern("(?m)^  good +1\\.0\\.0 +STARTED +directory +detector good\\.digits, function good\\.shout\\(string\\) -> string$");
        assertThat(text).containsPattern("(?m)^  startfails +1\\.0\\.0 +FAILED +directory +start\\(\\) threw IllegalStateException: no config$");
        assertThat(text).contains("warning: function 'good.shout' of plugin 'dup' ignored");
    }
}
