package org.xdsi.metadata.model;

import java.util.List;

/** One author classification with its sub-slots (XCN person, XON institutions, roles, specialties, XTN). */
public record Author(String person, List<String> institutions, List<String> roles, List<String> specialties,
                     List<String> telecommunications) {
}
