package org.xdsi.registry.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A statement under construction: SQL text with {@code ?} markers and their values, never values in the text. */
final class Sql {
    private final StringBuilder text = new StringBuilder(256);
    private final List<Object> args = new ArrayList<>();

    Sql(String start) {
        text.append(start);
    }

    Sql sql(String s) {
        text.append(s);
        return this;
    }

    Sql arg(Object value) {
        text.append('?');
        args.add(value);
        return this;
    }

    /** {@code column = ?} for one value, {@code column IN (?, ...)} for several. */
    Sql in(String column, Collection<?> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("empty IN list for " + column);
        }
        text.append(column);
        if (values.size() == 1) {
            text.append(" = ");
            return arg(values.iterator().next());
        }
        text.append(" IN (");
        boolean first = true;
        for (Object v : values) {
            if (!first) {
                text.append(", ");
            }
            first = false;
            arg(v);
        }
        text.append(')');
        return this;
    }

    String text() {
        return text.toString();
    }

    int argCount() {
        return args.size();
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object v = args.get(i);
            if (v instanceof String s) {
                ps.setString(i + 1, s);
            } else if (v instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (v instanceof Long n) {
                ps.setLong(i + 1, n);
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + v);
            }
        }
    }

    @Override
    public String toString() {
        return text + " " + args;
    }
}
