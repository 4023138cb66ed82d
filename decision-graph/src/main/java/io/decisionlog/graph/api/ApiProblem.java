package io.decisionlog.graph.api;

import jakarta.ws.rs.core.Response;

/** A request the API refuses, with the status and a message a person can act on. */
public class ApiProblem extends RuntimeException {
    private final Response.Status status;

    private ApiProblem(Response.Status status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public static ApiProblem badRequest(String message) {
        return new ApiProblem(Response.Status.BAD_REQUEST, message);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(Response.Status.NOT_FOUND, message);
    }

    public Response.Status status() {
        return status;
    }
}
