package io.llmpolicy.plugin.host;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * No loaded plugin provides the named provider type, sink type, detector, scorer or function. The message lists
 * what is loaded and suggests a close name. Immutable.
 */
public final class UnknownExtensionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String name;

    UnknownExtensionException(String what, String name, Collection<String> known) {
        super(message(what, name, known));
        this.name = name;
    }

    /** The name that was asked for. */
    public String name() {
        return name;
    }

    private static String message(String what, String name, Collection<String> known) {
        List<String> sorted = known.stream().sorted().toList();
        String closest = sorted.stream().filter(k -> distance(k, name) <= 2)
                .min(Comparator.comparingInt(k -> distance(k, name))).orElse(null);
        return "no plugin provides " + what + " '" + name + "'"
                + (closest == null ? "" : "; did you mean '" + closest + "'?")
                + (sorted.isEmpty() ? "; none is loaded" : "; loaded: " + String.join(", ", sorted));
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
