package io.decisionlog.kit.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every refusal's body: {@code {"error": "bad_request", "field": "url", "message": "…"}}; field only when one is to blame. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String error, String field, String message) {
}
