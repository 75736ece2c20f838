package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The machine-readable start-up lines xdsi prints on stdout (README "start-up contract"). */
record StartupLines(List<String> lines, String domain, String registryUrl, String mllpUrl) {
    private static final Pattern REGISTRY = Pattern.compile("endpoint registry (http://127\\.0\\.0\\.1:(\\d+)/xdsi/registry)");
    private static final Pattern MLLP = Pattern.compile("endpoint mllp (mllp://127\\.0\\.0\\.1:(\\d+))");

    /** Parses lines up to and including {@code xdsi ready}, checking their order. */
    static StartupLines parse(List<String> lines) {
        int ready = lines.indexOf("xdsi ready");
        assertTrue(ready >= 0, () -> "no 'xdsi ready' in " + lines);
        int domainAt = indexOfPrefix(lines, "domain ");
        int registryAt = indexOfPrefix(lines, "endpoint registry ");
        int mllpAt = indexOfPrefix(lines, "endpoint mllp ");
        assertTrue(domainAt >= 0 && registryAt > domainAt && mllpAt > registryAt && ready > mllpAt,
                () -> "expected domain, endpoint registry, endpoint mllp, xdsi ready in that order: " + lines);
        Matcher r = REGISTRY.matcher(lines.get(registryAt));
        assertTrue(r.matches(), () -> "registry endpoint line: " + lines.get(registryAt));
        Matcher m = MLLP.matcher(lines.get(mllpAt));
        assertTrue(m.matches(), () -> "mllp endpoint line: " + lines.get(mllpAt));
        assertTrue(Integer.parseInt(r.group(2)) > 0 && Integer.parseInt(m.group(2)) > 0, "concrete ports, not 0");
        assertEquals(1, lines.stream().filter(l -> l.startsWith("domain ")).count(), () -> "one domain line: " + lines);
        return new StartupLines(List.copyOf(lines), lines.get(domainAt).substring("domain ".length()),
                r.group(1), m.group(1));
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    Soap soap() {
        return new Soap(registryUrl);
    }

    Mllp mllp() {
        return new Mllp(mllpUrl);
    }
}
