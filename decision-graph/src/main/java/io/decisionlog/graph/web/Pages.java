package io.decisionlog.graph.web;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The UI's templates ({@code templates/Pages/*.html}), checked against these parameters when the service is built. */
@CheckedTemplate(basePath = "Pages")
final class Pages {
    private Pages() {
    }

    static native TemplateInstance repos(Header header, RepoList page);

    static native TemplateInstance file(Header header, FilePage page);

    static native TemplateInstance directory(Header header, DirectoryPage page);

    /** The chain panel alone: what the file page loads beside the code when a line is clicked. */
    static native TemplateInstance chain(ChainView chain);

    static native TemplateInstance commit(Header header, ChainView chain);

    static native TemplateInstance decision(Header header, DecisionPageView page);

    static native TemplateInstance search(Header header, SearchResults page);

    static native TemplateInstance unlinked(Header header, Worklist page);

    static native TemplateInstance source(Header header, SourcePage page);

    static native TemplateInstance error(Header header, int status, String title, String message);

    static native TemplateInstance signIn(String next, String problem, String ssoHref);
}
