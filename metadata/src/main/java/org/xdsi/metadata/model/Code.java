package org.xdsi.metadata.model;

/** A coded value: code, coding scheme (the {@code codingScheme} slot) and display name. */
public record Code(String code, String codingScheme, String displayName) {

    /** The form stored-query parameters use: {@code code^^scheme}. */
    public String queryForm() {
        return code + "^^" + codingScheme;
    }
}
