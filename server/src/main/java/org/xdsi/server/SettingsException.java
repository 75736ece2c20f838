package org.xdsi.server;

/** A setting that cannot be used; its message is meant for the operator, as is. */
public final class SettingsException extends RuntimeException {
    private final int exitCode;

    public SettingsException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** 2 for a bad command line flag (usage error), 1 for a bad config file or environment. */
    public int exitCode() {
        return exitCode;
    }
}
