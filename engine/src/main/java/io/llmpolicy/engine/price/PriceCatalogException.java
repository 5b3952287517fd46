package io.llmpolicy.engine.price;

import java.io.IOException;

/**
 * A price catalog or price table could not be read: the message names the file, the JSON path (for example
 * {@code models."gpt-4o".input_pico_per_token}) and what was expected there.
 */
public final class PriceCatalogException extends IOException {

    private static final long serialVersionUID = 1L;

    public PriceCatalogException(String message) {
        super(message);
    }

    public PriceCatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
