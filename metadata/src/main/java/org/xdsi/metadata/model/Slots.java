package org.xdsi.metadata.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The slots of one registry object by name, in submission order. */
public record Slots(Map<String, List<String>> values) {

    public static final Slots EMPTY = new Slots(Map.of());

    public Slots {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The first value, or null. */
    public String first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }
}
