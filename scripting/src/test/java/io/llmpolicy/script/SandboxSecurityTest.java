package io.llmpolicy.script;

import static io.llmpolicy.script.TestRuntimes.fails;
import static io.llmpolicy.script.TestRuntimes.fn;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a policy script must not be able to do: read files, reach the network, touch the host JVM, start threads,
 * change built-ins or the global object (and so leave state for the next call), or write to the process's output.
 * Each attempt must fail inside the sandbox with a JavaScript error, reported as RUNTIME_ERROR.
 */
class SandboxSecurityTest {

    static Stream<Arguments> blockedAttempts() {
        return Stream.of(
                // files
                Arguments.of("load a file", "return load('/etc/passwd');", "load is not defined"),
                Arguments.of("shell read", "return read('/etc/passwd');", "read is not defined"),
                Arguments.of("java.nio.file via Java.type",
                        "return Java.type('java.nio.file.Files').readString(Java.type('java.nio.file.Path').of('/etc/passwd'));",
                        "Java is not defined"),
                Arguments.of("java.io package global", "return new java.io.FileReader('/etc/passwd');", "java is not defined"),
                Arguments.of("Packages global", "return Packages.java.io.File;", "Packages is not defined"),
                Arguments.of("node require", "return require('fs').readFileSync('/etc/passwd');", "require is not defined"),
                // network
                Arguments.of("java.net.Socket", "return new java.net.Socket('127.0.0.1', 80);", "java is not defined"),
                Arguments.of("Socket via Java.type", "return Java.type('java.net.Socket');", "Java is not defined"),
                Arguments.of("fetch", "return fetch('http://127.0.0.1/');", "fetch is not defined"),
                Arguments.of("XMLHttpRequest", "return new XMLHttpRequest();", "XMLHttpRequest is not defined"),
                Arguments.of("WebSocket", "return new WebSocket('ws://127.0.0.1/');", "WebSocket is not defined"),
                // host classes and other languages
                Arguments.of("java.lang.System", "return java.lang.System.exit(1);", "java is not defined"),
                Arguments.of("Runtime via Packages", "return Packages.java.lang.Runtime.getRuntime();", "Packages is not defined"),
                Arguments.of("Polyglot.eval", "return Polyglot.eval('python', '1');", "Polyglot is not defined"),
                Arguments.of("Graal built-in", "return Graal.versionGraalVM;", "Graal is not defined"),
                Arguments.of("loadWithNewGlobal", "return loadWithNewGlobal({script: '1', name: 'x'});", "loadWithNewGlobal is not defined"),
                Arguments.of("this is undefined in strict functions", "return this.constructor;", "TypeError"),
                // threads and blocking
                Arguments.of("Worker", "return new Worker('w.js');", "Worker is not defined"),
                Arguments.of("java.lang.Thread", "return Java.type('java.lang.Thread');", "Java is not defined"),
                Arguments.of("setTimeout", "return setTimeout(() => 1, 0);", "setTimeout is not defined"),
                Arguments.of("setInterval", "return setInterval(() => 1, 1);", "setInterval is not defined"),
                Arguments.of("SharedArrayBuffer", "return new SharedArrayBuffer(8);", "SharedArrayBuffer is not defined"),
                Arguments.of("Atomics.wait", "return Atomics.wait(new Int32Array(4), 0, 0, 1e9);", "Atomics is not defined"),
                // eval and the Function constructor stay inside the sandbox
                Arguments.of("eval to Java", "return eval('Java.type(\"java.lang.System\")');", "Java is not defined"),
                Arguments.of("Function constructor to Java", "return new Function('return Java')();", "Java is not defined"),
                Arguments.of("constructor chain to Java", "return probe.constructor('return Packages')();", "Packages is not defined"),
                Arguments.of("indirect eval writes a global", "(0, eval)('globalThis').leak = 1; return 'x';", "TypeError"),
                Arguments.of("eval declares a global", "(0, eval)('var leaked = 1'); return 'x';", "TypeError"),
                // prototypes and globals are frozen
                Arguments.of("pollute Object.prototype", "Object.prototype.polluted = 1; return 'x';", "TypeError"),
                Arguments.of("pollute via __proto__", "({}).__proto__.polluted = 1; return 'x';", "TypeError"),
                Arguments.of("replace Array.prototype.push", "Array.prototype.push = function () {}; return 'x';", "TypeError"),
                Arguments.of("replace Function.prototype.call", "Function.prototype.call = null; return 'x';", "TypeError"),
                Arguments.of("re-parent Object.prototype", "Object.setPrototypeOf(Array.prototype, null); return 'x';", "TypeError"),
                Arguments.of("new global", "globalThis.leak = 1; return 'x';", "TypeError"),
                Arguments.of("implicit global", "leak = 1; return 'x';", "ReferenceError"),
                Arguments.of("replace JSON.parse", "JSON.parse = () => 1; return 'x';", "TypeError"),
                Arguments.of("hook stack traces", "Error.prepareStackTrace = () => 'x'; return 'x';", "TypeError"),
                Arguments.of("generator prototype", "Object.getPrototypeOf(function* () {}).polluted = 1; return 'x';", "TypeError"),
                Arguments.of("iterator prototype",
                        "Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())).polluted = 1; return 'x';",
                        "TypeError"),
                Arguments.of("typed array prototype", "Object.getPrototypeOf(Int8Array).prototype.polluted = 1; return 'x';",
                        "TypeError"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockedAttempts")
    void call_escapeAttempt_failsInsideSandbox(String label, String body, String expected) {
        ScriptFunction probe = fn("function probe() { " + body + " }", "probe", ScriptType.STRING);

        ScriptException e = fails(probe, ScriptException.Kind.RUNTIME_ERROR);

        assertThat(e.detail()).contains(expected);
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void globals_noHostFileNetworkOrThreadEntryPointIsDefined() {
        ScriptFunction exposed = fn("function exposed(names) { return names.filter(n => typeof globalThis[n] !== 'undefined'); }",
                "exposed", ScriptType.STRING_LIST, ScriptType.STRING_LIST);
        List<String> names = List.of("Java", "Packages", "java", "javax", "javafx", "com", "org", "edu", "Polyglot",
                "Graal", "load", "loadWithNewGlobal", "read", "readFully", "readbuffer", "quit", "exit", "require",
                "process", "module", "fetch", "XMLHttpRequest", "WebSocket", "Worker", "setTimeout", "setInterval",
                "setImmediate", "SharedArrayBuffer", "Atomics", "WeakRef", "FinalizationRegistry", "Deno", "Bun",
                "importScripts", "navigator");

        assertThat(exposed.call(names)).asList().isEmpty();
    }

    @Test
    void globals_everyReachableBuiltInIsFrozen() {
        ScriptFunction unfrozen = fn("""
                function unfrozen() {
                  const out = Object.isFrozen(globalThis) ? [] : ['globalThis'];
                  for (const n of Object.getOwnPropertyNames(globalThis)) {
                    const v = globalThis[n];
                    if ((typeof v === 'object' || typeof v === 'function') && v !== null) {
                      if (!Object.isFrozen(v)) out.push(n);
                      if (v.prototype && !Object.isFrozen(v.prototype)) out.push(n + '.prototype');
                    }
                  }
                  return out;
                }""", "unfrozen", ScriptType.STRING_LIST);

        assertThat(unfrozen.call()).asList().isEmpty();
    }

    @Test
    void dynamicImport_ofAFile_isRejectedByTheSandbox() {
        org.graalvm.polyglot.Engine engine = Sandbox.newEngine();
        PooledContext pc = PooledContext.create(engine, Sandbox.limits(100_000), 1024);
        try {
            org.graalvm.polyglot.Value box = pc.context.eval("js", "(function () { const box = {r: 'pending'}; "
                    + "import('/etc/passwd').then(m => { box.r = 'loaded'; }, e => { box.r = 'rejected: ' + e; }); "
                    + "return box; })()");

            assertThat(box.getMember("r").asString()).isEqualTo("rejected: Error: Operation is not allowed for: /etc/passwd");
        } finally {
            pc.closeQuietly(false);
            engine.close();
        }
    }

    @Test
    void regexpLegacyStatics_areRemoved_soNoCallSeesAnotherCallsMatch() {
        ScriptFunction match = fn("function match(s) { return /secret-(\\w+)/.test(s); }", "match", ScriptType.BOOL,
                ScriptType.STRING);
        ScriptFunction peek = fn("function peek() { return String(RegExp.$1) + '|' + String(RegExp.lastMatch); }",
                "peek", ScriptType.STRING);

        assertThat(match.call("the secret-token is here")).isEqualTo(true);
        assertThat(peek.call()).isEqualTo("undefined|undefined");
    }

    @Test
    void reflectiveWrites_toFrozenGlobal_areRefused() {
        ScriptFunction define = fn("function define() { return Reflect.defineProperty(globalThis, 'leak', {value: 1}); }",
                "define", ScriptType.BOOL);

        assertThat(define.call()).isEqualTo(false);
    }

    @Test
    void console_neverReachesProcessStdoutOrStderr() {
        ScriptFunction shout = fn("""
                function shout(x) {
                  console.log('log', x); console.info('info'); console.warn('warn'); console.error('error');
                  print('print'); printErr('printErr');
                  return x;
                }""", "shout", ScriptType.STRING, ScriptType.STRING);
        ScriptFunction shoutThenFail = fn("function shoutThenFail() { console.log('about to fail'); null.x; }",
                "shoutThenFail", ScriptType.STRING);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ScriptException failure;
        Object result;
        try {
            PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            result = shout.call("hello");
            failure = fails(shoutThenFail, ScriptException.Kind.RUNTIME_ERROR);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        assertThat(result).isEqualTo("hello");
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(failure.consoleOutput()).contains("about to fail");
    }

    @Test
    void console_floodIsBoundedInTheErrorReport() {
        ScriptFunction flood = fn("function flood() { for (let i = 0; i < 5000; i++) console.log('spam line ' + i); null.x; }",
                "flood", ScriptType.STRING);

        ScriptException e = fails(flood, ScriptException.Kind.RUNTIME_ERROR);

        assertThat(e.consoleOutput()).startsWith("spam line 0").contains("more bytes dropped");
        assertThat(e.consoleOutput().length()).isLessThan(4096 + 100);
    }
}
