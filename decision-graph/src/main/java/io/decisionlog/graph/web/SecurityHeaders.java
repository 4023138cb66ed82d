package io.decisionlog.graph.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What every page answers with besides its HTML: scripts only from this site (no inline script, so injected markup
 * cannot run), no framing (no clickjacking), no sniffing, no referrer leaving the site, and no caching of pages that
 * show private code. Mermaid styles its diagrams inline, hence {@code 'unsafe-inline'} for styles only. A page also
 * gets its CSRF cookie here, if the browser has none yet.
 */
public class SecurityHeaders {
    private final CsrfTokens csrf;

    @Inject
    public SecurityHeaders(CsrfTokens csrf) {
        this.csrf = csrf;
    }

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void pages(ContainerRequestContext request, ContainerResponseContext response) {
        if (!PagePaths.isPage(request.getUriInfo().getRequestUri().getRawPath())) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers.putSingle("Content-Security-Policy", POLICY);
        headers.putSingle("X-Content-Type-Options", "nosniff");
        headers.putSingle("Referrer-Policy", "same-origin");
        headers.putSingle("Cache-Control", "no-store");
        // before the template renders (after this filter): a form on the page gets the token this cookie carries
        if (MediaType.TEXT_HTML_TYPE.isCompatible(response.getMediaType())) {
            csrf.getToken();
            csrf.issuedCookie("https".equals(request.getUriInfo().getRequestUri().getScheme()))
                    .ifPresent(cookie -> headers.add(HttpHeaders.SET_COOKIE, cookie));
        }
    }
}
