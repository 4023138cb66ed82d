package io.decisionlog.graph.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.decisionlog.events.DecisionChain;

import java.util.ArrayList;
import java.util.List;

/**
 * A commit's chain as the API answers it: the chain's own fields, then its decisions' sign-offs in the repository.
 * Where the registration requires sign-off and one is not current, {@code missing} says so and the chain is not
 * complete; its {@code digest} stays the chain's, which those conclusions never enter.
 */
public record ChainAnswer(@JsonUnwrapped DecisionChain chain,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SignoffsView.Entry> signoffs) {

    public static ChainAnswer of(DecisionChain chain, Signoffs.ChainSignoffs signoffs) {
        if (signoffs.missing().isEmpty()) {
            return new ChainAnswer(chain, signoffs.signoffs());
        }
        List<String> missing = new ArrayList<>(chain.missing());
        missing.addAll(signoffs.missing());
        return new ChainAnswer(new DecisionChain(chain.commit(), chain.ciRuns(), chain.decisions(), false, missing),
                signoffs.signoffs());
    }
}
