package io.decisionlog.graph.web;

/** Which requests are the web UI's pages: everything but the APIs, health and metrics, webhooks and static files. */
final class PagePaths {
    private PagePaths() {
    }

    static boolean isPage(String path) {
        return !(path.startsWith("/api/") || path.startsWith("/q/") || path.startsWith("/webhooks/")
                || path.startsWith("/static/") || path.startsWith("/webjars/"));
    }

    /**
     * Where to go after signing in: only a path on this site (one leading '/', not "//" nor "/\", which browsers
     * read as another host), else the repository list. An attacker's link cannot make sign-in a redirect elsewhere.
     */
    static String localOrHome(String next) {
        if (next == null || next.length() > 2_000 || !next.startsWith("/") || next.startsWith("//")
                || next.startsWith("/\\") || next.chars().anyMatch(c -> c < 0x20)) {
            return "/repos";
        }
        return next;
    }
}
