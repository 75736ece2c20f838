package org.xdsi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine-readable start-up lines xdsi prints on stdout (README "start-up contract"). A process without the
 * registry actor ({@code --actors repository}) has no registry and mllp lines: {@link #registryUrl} and
 * {@link #mllpUrl} are then null; without the repository actor {@link #repositoryUrl} and
 * {@link #repositoryUniqueId} are null.
 */
record StartupLines(List<String> lines, String domain, String registryUrl, String mllpUrl, String repositoryUrl,
                    String repositoryUniqueId) {
    private static final Pattern REGISTRY = Pattern.compile("endpoint registry (http://127\\.0\\.0\\.1:(\\d+)/xdsi/registry)");
    private static final Pattern MLLP = Pattern.compile("endpoint mllp (mllp://127\\.0\\.0\\.1:(\\d+))");
    private static final Pattern REPOSITORY = Pattern.compile("endpoint repository (http://127\\.0\\.0\\.1:(\\d+)/xdsi/repository)");
    private static final Pattern REPOSITORY_ID = Pattern.compile("repository-unique-id ([0-2](\\.(0|[1-9][0-9]*))+)");

    /** Parses lines up to and including {@code xdsi ready}, checking their order. */
    static StartupLines parse(List<String> lines) {
        int ready = lines.indexOf("xdsi ready");
        assertTrue(ready >= 0, () -> "no 'xdsi ready' in " + lines);
        int domainAt = indexOfPrefix(lines, "domain ");
        int registryAt = indexOfPrefix(lines, "endpoint registry ");
        int mllpAt = indexOfPrefix(lines, "endpoint mllp ");
        int repositoryAt = indexOfPrefix(lines, "endpoint repository ");
        int repositoryIdAt = indexOfPrefix(lines, "repository-unique-id ");
        assertTrue(domainAt >= 0 && domainAt < ready, () -> "a domain line before xdsi ready: " + lines);
        assertTrue(indexOfPrefix(lines, "endpoint ") >= 0, () -> "no endpoint line: " + lines);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("domain ")).count(), () -> "one domain line: " + lines);

        String registryUrl = null;
        String mllpUrl = null;
        if (registryAt >= 0 || mllpAt >= 0) {
            assertTrue(registryAt > domainAt && mllpAt > registryAt && ready > mllpAt,
                    () -> "expected domain, endpoint registry, endpoint mllp, xdsi ready in that order: " + lines);
            Matcher r = REGISTRY.matcher(lines.get(registryAt));
            assertTrue(r.matches(), () -> "registry endpoint line: " + lines.get(registryAt));
            Matcher m = MLLP.matcher(lines.get(mllpAt));
            assertTrue(m.matches(), () -> "mllp endpoint line: " + lines.get(mllpAt));
            assertTrue(Integer.parseInt(r.group(2)) > 0 && Integer.parseInt(m.group(2)) > 0, "concrete ports, not 0");
            registryUrl = r.group(1);
            mllpUrl = m.group(1);
        }
        String repositoryUrl = null;
        String repositoryId = null;
        if (repositoryAt >= 0 || repositoryIdAt >= 0) {
            assertTrue(repositoryIdAt > domainAt && repositoryAt > repositoryIdAt && ready > repositoryAt,
                    () -> "expected domain, repository-unique-id, endpoint repository, xdsi ready in that order: "
                            + lines);
            Matcher p = REPOSITORY.matcher(lines.get(repositoryAt));
            assertTrue(p.matches(), () -> "repository endpoint line: " + lines.get(repositoryAt));
            assertTrue(Integer.parseInt(p.group(2)) > 0, "concrete port, not 0");
            Matcher id = REPOSITORY_ID.matcher(lines.get(repositoryIdAt));
            assertTrue(id.matches(), () -> "repository-unique-id line: " + lines.get(repositoryIdAt));
            repositoryUrl = p.group(1);
            repositoryId = id.group(1);
        }
        return new StartupLines(List.copyOf(lines), lines.get(domainAt).substring("domain ".length()),
                registryUrl, mllpUrl, repositoryUrl, repositoryId);
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
        assertNotNull(registryUrl, () -> "this process runs no registry: " + lines);
        return new Soap(registryUrl);
    }

    Mllp mllp() {
        assertNotNull(mllpUrl, () -> "this process runs no registry: " + lines);
        return new Mllp(mllpUrl);
    }

    /** ITI-41 / ITI-43 client of this process's repository. */
    Mtom repository() {
        assertNotNull(repositoryUrl, () -> "this process runs no repository: " + lines);
        return new Mtom(repositoryUrl, repositoryUniqueId);
    }
}
