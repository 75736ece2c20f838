package org.xdsi.registry.store;

/** The {@code object_value.attr} discriminator: which multi-valued attribute a row indexes. */
public enum ValueAttribute {
    DE_CONFIDENTIALITY_CODE(1),
    DE_EVENT_CODE(2),
    DE_AUTHOR_PERSON(3),
    DE_REFERENCE_ID(4),
    SS_AUTHOR_PERSON(5),
    FOLDER_CODE(6);

    private final int id;

    ValueAttribute(int id) {
        this.id = id;
    }

    public int id() {
        return id;
    }
}
