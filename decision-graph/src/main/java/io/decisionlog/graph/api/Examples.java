package io.decisionlog.graph.api;

/** Example answers for the OpenAPI document. */
final class Examples {
    static final String TRACE = """
            {"repo":"acme/payments","path":"config/payments.yaml","line":12,"text":"callback_retries: 5",
             "rev":"9c4e2b7d0a8f6e1c3b5d7f9a2c4e6b8d0f1a3c5e",
             "blame":{"sha":"3f2a9c1e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a","orig_path":"config/payments.yaml","orig_line":12,
                      "author":{"name":"Li Wei","email":null},"committer":{"name":"Li Wei","email":null},
                      "authored_at":"2024-04-11T09:30:00Z","committed_at":"2024-04-11T09:30:00Z",
                      "subject":"Raise callback retries for the P0 alerts"},
             "ci_runs":[{"provider":"github","repo":"acme/payments","run_id":"9001","attempt":1,"workflow":"Deploy",
                         "event":"workflow_dispatch","head_sha":"3f2a9c1e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a","status":"completed",
                         "conclusion":"success","title":"Deploy D-2024-087","decision_ids":[]}],
             "decisions":[{"decision_id":"D-2024-087","via":["trailer","ci_title"],
                           "minutes":{"decision_id":"D-2024-087","title":"Gray-release the downgrade switch","status":"accepted",
                                      "owner":"li.wei","decision":"enable the downgrade switch for 5% of traffic",
                                      "meeting":{"title":"Weekly architecture sync","date":"2024-04-10",
                                                 "source_repo":"acme/minutes","path":"minutes/2024/04-10.yaml"}}}],
             "complete":true,"missing":[]}""";

    private Examples() {
    }
}
