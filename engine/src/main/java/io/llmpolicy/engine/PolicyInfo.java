package io.llmpolicy.engine;

/** Which policy decided: its name, version and the SHA-256 of its text (main file and imports). */
public record PolicyInfo(String name, String version, String hash) {}
