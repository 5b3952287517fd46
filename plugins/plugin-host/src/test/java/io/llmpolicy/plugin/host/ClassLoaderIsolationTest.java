package io.llmpolicy.plugin.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.greeting.Greeting;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two plugins bundle conflicting versions of the same library ({@code com.example.greeting.Greeting} 1 and 2)
 * while the host has a third on its own class path: each sees its own.
 */
class ClassLoaderIsolationTest {
    private static PluginHost host;

    @BeforeAll
    static void start() {
        TestGate.reset();
        host = PluginHost.builder().pluginsDirectory(TestPluginDirectory.get()).systemVersion("0.1.0")
                .lifecycleTimeout(Duration.ofMillis(500)).start();
    }

    @AfterAll
    static void stop() {
        TestGate.open();
        host.close();
    }

    @Test
    void conflictingLibraryVersions_eachPluginSeesItsOwn() {
        PluginBoundary b = host.boundary();
        assertThat(b.invoke(host.function("iso_a.greeting").orElseThrow(), List.of(), "iso:1:1")).isEqualTo("1");
        assertThat(b.invoke(host.function("iso_b.greeting").orElseThrow(), List.of(), "iso:2:1")).isEqualTo("2");
        assertThat(Greeting.version()).isEqualTo("host");
    }

    @Test
    void eachPlugin_hasItsOwnClassLoader_andSharesTheApi() throws Exception {
        ClassLoader a = host.function("iso_a.greeting").orElseThrow().extension().classLoader();
        ClassLoader b = host.function("iso_b.greeting").orElseThrow().extension().classLoader();
        assertThat(a).isNotSameAs(b).isInstanceOf(ApiFirstClassLoader.class);
        assertThat(a.loadClass("com.example.greeting.Greeting").getClassLoader()).isSameAs(a);
        assertThat(b.loadClass("com.example.greeting.Greeting").getClassLoader()).isSameAs(b);
        assertThat(a.loadClass("io.llmpolicy.plugin.PolicyFunction")).isSameAs(io.llmpolicy.plugin.PolicyFunction.class);
    }

    @Test
    void pluginCode_runsWithItsClassLoaderAsContextClassLoader() {
        var fn = host.function("iso_a.greeting").orElseThrow();
        ClassLoader seen = host.boundary().call(fn.extension(), "probe", "iso:3:1",
                f -> Thread.currentThread().getContextClassLoader());
        assertThat(seen).isSameAs(fn.extension().classLoader());
        assertThat(Thread.currentThread().getContextClassLoader()).isNotSameAs(seen);
    }
}
