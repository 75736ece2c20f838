package org.xdsi.metadata;

public enum Severity {
    ERROR(Vocabulary.SEVERITY_ERROR),
    WARNING(Vocabulary.SEVERITY_WARNING);

    private final String urn;

    Severity(String urn) {
        this.urn = urn;
    }

    public String urn() {
        return urn;
    }
}
