package io.llmpolicy.engine.budget;

import java.io.IOException;

/** A budget snapshot could not be read; the message names the file, the entry and the field. */
public final class BudgetSnapshotException extends IOException {

    private static final long serialVersionUID = 1L;

    public BudgetSnapshotException(String message) {
        super(message);
    }

    public BudgetSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
