package io.llmpolicy.plugin.host;

import static io.llmpolicy.plugin.host.TestPlugins.compile;
import static io.llmpolicy.plugin.host.TestPlugins.descriptor;
import static io.llmpolicy.plugin.host.TestPlugins.jar;
import static io.llmpolicy.plugin.host.TestPlugins.zip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plugin directory full of small plugins compiled in the test: good ones, broken ones of every kind, two that
 * bundle conflicting versions of one library, one that uses another plugin's classes. Built once per test JVM.
 */
final class TestPluginDirectory {
    private static Path directory;

    private TestPluginDirectory() {}

    static synchronized Path get() {
        if (directory == null) {
            directory = build();
        }
        return directory;
    }

    private static String fn(String pkg, String cls, String signature, String body) {
        return """
                package %s;
                import io.llmpolicy.plugin.*;
                import java.util.List;
                import org.pf4j.Extension;
                @Extension
                public final class %s implements PolicyFunction {
                    public FunctionSignature signature() { return FunctionSignature.parse("%s", "test"); }
                    public Object apply(List<Object> a) { %s }
                }
                """.formatted(pkg, cls, signature, body);
    }

    private static Map<String, String> sources() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("tp.good.Shout", """
                package tp.good;
                import io.llmpolicy.plugin.*;
                import java.util.List;
                import org.pf4j.Extension;
                @Extension
                public final class Shout implements PolicyFunction {
                    public FunctionSignature signature() { return FunctionSignature.parse("good.shout(string) -> string", "upper case"); }
                    public Object apply(List<Object> a) { return upper((String) a.get(0)); }
                    public static String upper(String s) { return s.toUpperCase(java.util.Locale.ROOT) + "!"; }
                }
                """);
        s.put("tp.good.Digits", """
                package tp.good;
                import io.llmpolicy.plugin.*;
                import java.util.ArrayList;
                import java.util.List;
                import org.pf4j.Extension;
                @Extension
                public final class Digits implements GuardrailDetector {
                    public String id() { return "good.digits"; }
                    public List<Finding> scan(String text) {
                        List<Finding> out = new ArrayList<>();
                        int[] cp = text.codePoints().toArray();
                        for (int i = 0; i < cp.length; i++) {
                            if (Character.isDigit(cp[i])) {
                                int j = i;
                                while (j < cp.length && Character.isDigit(cp[j])) j++;
                                out.add(new Finding(id(), i, j, "digits"));
                                i = j;
                            }
                        }
                        return out;
                    }
                }
                """);
        s.put("tp.thrower.Boom", fn("tp.thrower", "Boom", "thrower.boom(string) -> bool",
                "throw new IllegalStateException(\"boom\");"));
        s.put("tp.thrower.Wrong", fn("tp.thrower", "Wrong", "thrower.wrong(string) -> bool", "return \"yes\";"));
        s.put("tp.thrower.BadSpan", """
                package tp.thrower;
                import io.llmpolicy.plugin.*;
                import java.util.List;
                import org.pf4j.Extension;
                @Extension
                public final class BadSpan implements GuardrailDetector {
                    public String id() { return "thrower.badspan"; }
                    public List<Finding> scan(String text) { return List.of(new Finding(id(), 0, 1000, "too long")); }
                }
                """);
        s.put("tp.hanger.Wait", fn("tp.hanger", "Wait", "hanger.wait() -> bool",
                "io.llmpolicy.plugin.host.TestGate.block(); return true;"));
        s.put("tp.startfails.StartFails", """
                package tp.startfails;
                public class StartFails extends org.pf4j.Plugin {
                    @Override public void start() { throw new IllegalStateException("no config"); }
                }
                """);
        s.put("tp.startfails.Never", fn("tp.startfails", "Never", "startfails.never() -> bool", "return true;"));
        s.put("tp.starthangs.StartHangs", """
                package tp.starthangs;
                public class StartHangs extends org.pf4j.Plugin {
                    @Override public void start() { io.llmpolicy.plugin.host.TestGate.block(); }
                }
                """);
        s.put("tp.badctor.BadCtor", """
                package tp.badctor;
                import io.llmpolicy.plugin.*;
                import java.util.List;
                import org.pf4j.Extension;
                @Extension
                public final class BadCtor implements PolicyFunction {
                    public BadCtor() { throw new IllegalStateException("cannot read acme.yaml"); }
                    public FunctionSignature signature() { return FunctionSignature.parse("badctor.f() -> bool", ""); }
                    public Object apply(List<Object> a) { return true; }
                }
                """);
        s.put("tp.noext.Nothing", "package tp.noext; public final class Nothing {}");
        s.put("tp.dup.Shout2", fn("tp.dup", "Shout2", "good.shout(string) -> string", "return \"dup\";"));
        s.put("tp.orphan.O", fn("tp.orphan", "O", "orphan.f() -> bool", "return true;"));
        s.put("tp.chain.C", fn("tp.chain", "C", "chain.f() -> bool", "return true;"));
        s.put("tp.versioned.V", fn("tp.versioned", "V", "versioned.f() -> bool", "return true;"));
        s.put("tp.dependent.D", fn("tp.dependent", "D", "dependent.shout_twice(string) -> string",
                "return tp.good.Shout.upper(tp.good.Shout.upper((String) a.get(0)));"));
        s.put("tp.isoa.GreetA", fn("tp.isoa", "GreetA", "iso_a.greeting() -> string",
                "return com.example.greeting.Greeting.version();"));
        s.put("tp.isob.GreetB", fn("tp.isob", "GreetB", "iso_b.greeting() -> string",
                "return com.example.greeting.Greeting.version();"));
        s.put("tp.jarred.J", fn("tp.jarred", "J", "jarred.ok() -> bool", "return true;"));
        s.put("tp.disabled.X", fn("tp.disabled", "X", "disabled.f() -> bool", "return true;"));
        return s;
    }

    private static Path greeting(Path work, String version) {
        Path classes = compile(work.resolve("greeting-" + version), Map.of("com.example.greeting.Greeting", """
                package com.example.greeting;
                public final class Greeting {
                    private Greeting() {}
                    public static String version() { return "%s"; }
                }
                """.formatted(version)));
        return jar(work.resolve("jars/greeting-" + version + ".jar"), classes, "com.example.greeting", List.of(), Map.of());
    }

    private static Path build() {
        try {
            Path work = Files.createTempDirectory("llmpolicy-test-plugins-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> PluginArchives.deleteTree(work)));
            Path greeting1 = greeting(work, "1");
            Path greeting2 = greeting(work, "2");
            Path classes = compile(work.resolve("classes"), sources(), greeting1);
            Path jars = work.resolve("jars");
            Path dir = Files.createDirectories(work.resolve("plugins"));

            zip(dir.resolve("good-1.0.0.zip"), descriptor("good", "1.0.0", "plugin.requires", ">=0.1.0"),
                    jar(jars.resolve("good.jar"), classes, "tp.good", List.of("tp.good.Shout", "tp.good.Digits"), Map.of()));
            zip(dir.resolve("thrower-1.0.0.zip"), descriptor("thrower", "1.0.0"),
                    jar(jars.resolve("thrower.jar"), classes, "tp.thrower",
                            List.of("tp.thrower.Boom", "tp.thrower.Wrong", "tp.thrower.BadSpan"), Map.of()));
            zip(dir.resolve("hanger-1.0.0.zip"), descriptor("hanger", "1.0.0"),
                    jar(jars.resolve("hanger.jar"), classes, "tp.hanger", List.of("tp.hanger.Wait"), Map.of()));
            zip(dir.resolve("startfails-1.0.0.zip"), descriptor("startfails", "1.0.0", "plugin.class", "tp.startfails.StartFails"),
                    jar(jars.resolve("startfails.jar"), classes, "tp.startfails", List.of("tp.startfails.Never"), Map.of()));
            zip(dir.resolve("starthangs-1.0.0.zip"), descriptor("starthangs", "1.0.0", "plugin.class", "tp.starthangs.StartHangs"),
                    jar(jars.resolve("starthangs.jar"), classes, "tp.starthangs", List.of(), Map.of()));
            zip(dir.resolve("badctor-1.0.0.zip"), descriptor("badctor", "1.0.0"),
                    jar(jars.resolve("badctor.jar"), classes, "tp.badctor", List.of("tp.badctor.BadCtor"), Map.of()));
            zip(dir.resolve("noext-1.0.0.zip"), descriptor("noext", "1.0.0"),
                    jar(jars.resolve("noext.jar"), classes, "tp.noext", List.of(), Map.of()));
            zip(dir.resolve("dup-1.0.0.zip"), descriptor("dup", "1.0.0"),
                    jar(jars.resolve("dup.jar"), classes, "tp.dup", List.of("tp.dup.Shout2"), Map.of()));
            zip(dir.resolve("orphan-1.0.0.zip"), descriptor("orphan", "1.0.0", "plugin.dependencies", "missing"),
                    jar(jars.resolve("orphan.jar"), classes, "tp.orphan", List.of("tp.orphan.O"), Map.of()));
            zip(dir.resolve("chain-1.0.0.zip"), descriptor("chain", "1.0.0", "plugin.dependencies", "orphan"),
                    jar(jars.resolve("chain.jar"), classes, "tp.chain", List.of("tp.chain.C"), Map.of()));
            zip(dir.resolve("versioned-1.0.0.zip"), descriptor("versioned", "1.0.0", "plugin.requires", ">=99.0.0"),
                    jar(jars.resolve("versioned.jar"), classes, "tp.versioned", List.of("tp.versioned.V"), Map.of()));
            zip(dir.resolve("wants-newer-good-1.0.0.zip"), descriptor("wants-newer-good", "1.0.0",
                            "plugin.dependencies", "good@>=2.0.0"),
                    jar(jars.resolve("wng.jar"), classes, "tp.noext", List.of(), Map.of()));
            zip(dir.resolve("dependent-1.0.0.zip"), descriptor("dependent", "1.0.0", "plugin.dependencies", "good@>=1.0.0"),
                    jar(jars.resolve("dependent.jar"), classes, "tp.dependent", List.of("tp.dependent.D"), Map.of()));
            zip(dir.resolve("iso-a-1.0.0.zip"), descriptor("iso-a", "1.0.0"),
                    jar(jars.resolve("iso-a.jar"), classes, "tp.isoa", List.of("tp.isoa.GreetA"), Map.of()), greeting1);
            zip(dir.resolve("iso-b-1.0.0.zip"), descriptor("iso-b", "1.0.0"),
                    jar(jars.resolve("iso-b.jar"), classes, "tp.isob", List.of("tp.isob.GreetB"), Map.of()), greeting2);
            zip(dir.resolve("disabledone-1.0.0.zip"), descriptor("disabledone", "1.0.0"),
                    jar(jars.resolve("disabled.jar"), classes, "tp.disabled", List.of("tp.disabled.X"), Map.of()));
            Files.writeString(dir.resolve("disabled.txt"), "# switched off by the operator\ndisabledone\n");
            zip(dir.resolve("nodescriptor.zip"), null, jar(jars.resolve("nod.jar"), classes, "tp.noext", List.of(), Map.of()));
            jar(dir.resolve("jarred-2.0.0.jar"), classes, "tp.jarred", List.of("tp.jarred.J"),
                    Map.of("Plugin-Id", "jarred", "Plugin-Version", "2.0.0", "Plugin-Requires", ">=0.1.0"));
            TestPlugins.write(dir.resolve("corrupt.zip"), "this is not a zip".getBytes(StandardCharsets.UTF_8));
            Files.writeString(dir.resolve("README.txt"), "not a plugin: ignored");
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
