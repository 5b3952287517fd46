package io.llmpolicy.script;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.ResourceLimits;
import org.graalvm.polyglot.SandboxPolicy;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.IOAccess;

/**
 * How every engine and context is configured; the one place to read to know what a script may do.
 *
 * <p>{@link SandboxPolicy#CONSTRAINED} (the strictest policy the community edition supports) plus, explicitly:
 * no host access at all (not even annotated members, no mutable target mappings), no host class lookup or
 * loading, no polyglot access, no I/O, no threads, no processes, no native access, no environment variables,
 * no experimental options; stdin empty; stdout/stderr into a per-context {@link BoundedSink}; time zone UTC; the
 * {@code load} and {@code Graal} built-ins off; strict mode for all code. Then {@code lockdown.js} removes the
 * Java interop globals, shared memory, weak references and the legacy RegExp statics, and freezes every
 * built-in. Engine log messages go to {@code java.util.logging} (logger {@code io.llmpolicy.script}), never to
 * the process's streams.
 */
final class Sandbox {

    static final Source LOCKDOWN = internal("lockdown.js", resource("lockdown.js"));

    /** Builds a real JavaScript array from its arguments, inside the context (internal: not statement-counted). */
    static final Source ARRAY_OF = internal("array-of.js", "(function () { 'use strict'; const n = arguments.length;"
            + " const a = new Array(n); for (let i = 0; i < n; i++) { a[i] = arguments[i]; } return a; })");

    private static final Logger LOG = Logger.getLogger("io.llmpolicy.script");

    private Sandbox() {
    }

    static Engine newEngine() {
        return Engine.newBuilder("js")
                .sandbox(SandboxPolicy.CONSTRAINED)
                .out(OutputStream.nullOutputStream())
                .err(OutputStream.nullOutputStream())
                .logHandler(new Handler() {
                    @Override
                    public void publish(LogRecord record) {
                        LOG.log(record);
                    }

                    @Override
                    public void flush() {
                    }

                    @Override
                    public void close() {
                    }
                })
                .option("engine.WarnInterpreterOnly", "false")
                .build();
    }

    static Context newContext(Engine engine, ResourceLimits limits, BoundedSink console) {
        return Context.newBuilder("js")
                .engine(engine)
                .sandbox(SandboxPolicy.CONSTRAINED)
                .allowHostAccess(HostAccess.newBuilder().allowMutableTargetMappings().build())
                .allowHostClassLookup(className -> false)
                .allowHostClassLoading(false)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowExperimentalOptions(false)
                .allowValueSharing(false)
                .allowInnerContextOptions(false)
                .in(InputStream.nullInputStream())
                .out(console)
                .err(console)
                .timeZone(ZoneOffset.UTC)
                .resourceLimits(limits)
                .option("js.strict", "true")
                .option("js.load", "false")
                .option("js.graal-builtin", "false")
                .build();
    }

    /** A statement limit per call that counts only policy code, not our internal helpers. */
    static ResourceLimits limits(long statementLimit) {
        return ResourceLimits.newBuilder().statementLimit(statementLimit, source -> !source.isInternal()).build();
    }

    private static Source internal(String name, String text) {
        return Source.newBuilder("js", text, name).internal(true).buildLiteral();
    }

    private static String resource(String name) {
        try (InputStream in = Sandbox.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/llmpolicy/script/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
