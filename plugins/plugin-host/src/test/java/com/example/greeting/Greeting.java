package com.example.greeting;

/**
 * The host's own version of a library that two test plugins bundle in other versions: plugins must see theirs.
 */
public final class Greeting {
    private Greeting() {}

    public static String version() {
        return "host";
    }
}
