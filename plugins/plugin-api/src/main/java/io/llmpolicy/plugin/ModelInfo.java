package io.llmpolicy.plugin;

import java.util.Objects;

/**
 * A model an endpoint offers. Immutable.
 *
 * @param id          the id to put in {@link ChatRequest#model()}
 * @param displayName a human-readable name, or the id when the provider gives none
 */
public record ModelInfo(String id, String displayName) {
    public ModelInfo {
        Objects.requireNonNull(id, "id");
        displayName = displayName == null || displayName.isBlank() ? id : displayName;
    }
}
