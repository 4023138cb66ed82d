package io.decisionlog.graph.web;

import java.util.Set;

/** What every page's header shows: who is signed in, as what, seeing which repositories, and the search box. */
public record Header(String name, String role, Set<String> scope, String query) {

    static Header of(Viewer viewer, String query) {
        return new Header(viewer.name(), viewer.role(), viewer.scope(), query == null ? "" : query);
    }

    /** "all repositories", or the ones the viewer is scoped to. */
    public String seeing() {
        return scope.isEmpty() ? "all repositories" : String.join(", ", scope);
    }
}
