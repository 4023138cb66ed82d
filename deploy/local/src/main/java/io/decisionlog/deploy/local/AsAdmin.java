package io.decisionlog.deploy.local;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * For tests: RestAssured's {@code given()} with the test runtime's admin token, for tests about something else than
 * who may call ({@code import static io.decisionlog.deploy.local.AsAdmin.given;}). Tests of the door use
 * {@code RestAssured.given()} with the token they test.
 */
public final class AsAdmin {
    private AsAdmin() {
    }

    public static RequestSpecification given() {
        return RestAssured.given().header("Authorization", "Bearer " + TestTokens.ADMIN);
    }
}
