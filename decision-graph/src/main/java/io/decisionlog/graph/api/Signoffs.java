package io.decisionlog.graph.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.decisionlog.events.ChainDecision;
import io.decisionlog.events.DecisionChain;
import io.decisionlog.events.DecisionDigest;
import io.decisionlog.events.DecisionMinutes;
import io.decisionlog.events.evidence.EvidenceLine;
import io.decisionlog.events.SignoffEvent;
import io.decisionlog.events.TokenSecrets;
import io.decisionlog.events.Topics;
import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.errors.Conflict;
import io.decisionlog.events.errors.NotFound;
import io.decisionlog.events.errors.Unprocessable;
import io.decisionlog.events.kafka.AckedBatch;
import io.decisionlog.events.kafka.ReadYourWrite;
import io.decisionlog.events.signing.SshVerdict;
import io.decisionlog.graph.config.SignoffConfig;
import io.decisionlog.graph.store.RepoPolicies;
import io.decisionlog.graph.store.SignoffBook;
import io.decisionlog.graph.store.StoreQueries;
import io.decisionlog.kit.auth.RepoAccess;
import io.decisionlog.kit.kafka.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Stewards' sign-offs: what a decision's chain in a repository digests to now, sign-offs given and revoked as events on
 * {@code decisionlog.signoffs.v1}, and what a chain shows of them. A sign-off names the digest the steward reviewed;
 * it is taken only when that is the digest now, and shown stale as soon as the chain changes.
 */
@ApplicationScoped
public class Signoffs {
    /** The namespace a steward's SSH signature is made for: {@code ssh-keygen -Y sign -n decisionlog}. */
    public static final String NAMESPACE = SignoffEvent.StewardSignature.NAMESPACE;
    static final int MAX_TEXT = 2_000;
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(10);

    private final Decisions decisions;
    private final Chains chains;
    private final StoreQueries queries;
    private final SignoffBook book;
    private final RepoPolicies policies;
    private final RepoAccess access;
    private final StewardKeys keys;
    private final boolean requireSignature;
    private final KafkaProducer<String, byte[]> producer;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public Signoffs(Decisions decisions, Chains chains, StoreQueries queries, SignoffBook book, RepoPolicies policies,
                    RepoAccess access, StewardKeys keys, SignoffConfig config, KafkaClients clients) {
        this.decisions = decisions;
        this.chains = chains;
        this.queries = queries;
        this.book = book;
        this.policies = policies;
        this.access = access;
        this.keys = keys;
        this.requireSignature = config.requireSignature();
        this.producer = clients.durableProducer("signoff-desk", Map.of(ProducerConfig.LINGER_MS_CONFIG, 0));
    }

    void close(@Observes ShutdownEvent event) {
        producer.close(Duration.ofSeconds(5));
    }

    /** What a steward signs off with {@code POST}: the digest reviewed, why, and optionally an SSH signature over it. */
    public record Request(String repo, String digest, String comment, String signature) {
    }

    /**
     * The decision's chain in {@code repo} (null: the one repository the caller sees it in) and its sign-offs.
     *
     * @throws NotFound when the caller may not see the decision or it is on no commit of the repository
     */
    public SignoffsView view(String decisionId, String repo) {
        return view(decisions.decision(decisionId), repo);
    }

    /** The same, for a decision the caller has already read (its page shows every repository's at once). */
    public SignoffsView view(DecisionView decision, String repo) {
        String in = repoOf(decision, repo);
        List<DecisionChain> commits = chainsIn(decision.decisionId(), in);
        String digest = DecisionDigest.of(decision.decisionId(), in, decision.minutes(), commits);
        List<SignoffsView.Entry> entries = book.of(decision.decisionId(), in).stream()
                .map(signoff -> entry(signoff, digest)).toList();
        return new SignoffsView(decision.decisionId(), in, digest, commits.size(), policies.requiresSignoff(in), entries);
    }

    public SignoffsView.Entry signOff(String decisionId, Request request, String steward) {
        if (request == null || request.digest() == null || !DIGEST.matcher(request.digest()).matches()) {
            throw new BadRequest("digest", "digest must be the chain digest you reviewed: sha256: and 64 hex digits "
                    + "(GET /api/v1/decisions/" + decisionId + "/signoffs gives it)");
        }
        String comment = bounded("comment", request.comment());
        SignoffsView now = view(decisionId, request.repo());
        if (!now.digest().equals(request.digest())) {
            throw new Conflict("digest", "the chain of " + now.decisionId() + " in " + now.repo() + " changed after "
                    + "the digest you reviewed: it is " + now.digest() + " now; review it again");
        }
        SignoffEvent.StewardSignature signature = signature(request, steward);
        SignoffEvent.SignedOff given = new SignoffEvent.SignedOff(TokenSecrets.newId(), now.decisionId(), now.repo(),
                now.digest(), comment, steward, signature, clock.instant());
        publish(given);
        return entry(book.byId(given.signoffId()).orElseThrow(), now.digest());
    }

    public SignoffsView.Entry revoke(String decisionId, String signoffId, String reason, String steward) {
        SignoffBook.Signoff signoff = book.byId(signoffId)
                .filter(found -> found.given().decisionId().equals(decisionId.trim()))
                .filter(found -> access.maySee(found.given().repo()))
                .orElseThrow(() -> new NotFound("no sign-off " + signoffId + " of " + decisionId));
        if (signoff.isRevoked()) {
            throw new Conflict("signoff", "sign-off " + signoffId + " was revoked at " + signoff.revoked().at()
                    + " by " + signoff.revoked().steward());
        }
        SignoffEvent.SignedOff given = signoff.given();
        publish(new SignoffEvent.Revoked(given.signoffId(), given.decisionId(), given.repo(),
                bounded("reason", reason), steward, clock.instant()));
        SignoffsView now = view(given.decisionId(), given.repo());
        return entry(book.byId(signoffId).orElseThrow(), now.digest());
    }

    /**
     * True when the repository's chains can show sign-offs: one was given there, or its registration requires them.
     * A trace of any other repository keeps its fast path.
     */
    public boolean concern(String repo) {
        return book.anyIn(repo) || policies.requiresSignoff(repo);
    }

    /**
     * What a chain shows of its decisions' sign-offs: each sign-off in the chain's repository with its state, and,
     * where the repository's registration requires sign-off, what is missing. Empty for most chains, cheaply: the
     * digests are computed only for decisions with sign-offs or a requirement.
     */
    public ChainSignoffs of(DecisionChain chain) {
        String repo = chain.commit() == null ? null : chain.commit().repo();
        if (repo == null || chain.decisions().isEmpty()) {
            return ChainSignoffs.NONE;
        }
        boolean required = policies.requiresSignoff(repo);
        List<SignoffsView.Entry> entries = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ChainDecision decision : chain.decisions()) {
            List<SignoffBook.Signoff> given = book.of(decision.decisionId(), repo);
            if (given.isEmpty() && !required) {
                continue;
            }
            String digest = given.isEmpty() ? null : DecisionDigest.of(decision.decisionId(), repo,
                    decisions.minutesOf(decision.decisionId()), chainsIn(decision.decisionId(), repo));
            given.forEach(signoff -> entries.add(entry(signoff, digest)));
            if (required && given.stream().noneMatch(signoff -> current(signoff, digest))) {
                missing.add("no steward sign-off of " + decision.decisionId() + " is current"
                        + (given.isEmpty() ? "" : " (the chain changed after it was signed off, or it was revoked)"));
            }
        }
        return new ChainSignoffs(required, entries, missing);
    }

    /**
     * A decision as an evidence bundle holds it: its minutes, the chain digest of every commit of the repository that
     * names it, the decision digest they make, and every sign-off with its state.
     *
     * @param known chain digests by sha the export already read (its range's commits): only the others are read
     */
    public EvidenceLine.Decision evidence(String decisionId, String repo, JsonNode revisions, Map<String, String> known) {
        DecisionMinutes minutes = decisions.minutesOf(decisionId);
        Map<String, String> digests = new TreeMap<>();
        List<String> unread = new ArrayList<>();
        for (String sha : shasIn(decisionId, repo)) {
            String digest = known.get(sha);
            if (digest == null) {
                unread.add(sha);
            } else {
                digests.put(sha, digest);
            }
        }
        chains.of(repo, unread).forEach(chain -> digests.put(chain.commit().sha(), chain.digest()));
        String digest = DecisionDigest.ofDigests(decisionId, repo, minutes, digests);
        List<EvidenceLine.ChainRef> refs = digests.entrySet().stream()
                .map(entry -> new EvidenceLine.ChainRef(entry.getKey(), entry.getValue())).toList();
        List<EvidenceLine.Signoff> given = book.of(decisionId, repo).stream()
                .map(signoff -> new EvidenceLine.Signoff(state(signoff, digest), signoff.given(), signoff.revoked()))
                .toList();
        return new EvidenceLine.Decision(decisionId, repo, digest, minutes, refs, given, revisions);
    }

    /** A chain's sign-offs and, where they are required, what is missing. */
    public record ChainSignoffs(boolean required, List<SignoffsView.Entry> signoffs, List<String> missing) {
        static final ChainSignoffs NONE = new ChainSignoffs(false, List.of(), List.of());
    }

    private SignoffEvent.StewardSignature signature(Request request, String steward) {
        if (request.signature() == null || request.signature().isBlank()) {
            if (requireSignature) {
                throw new Unprocessable("signature", "this decision-graph takes only signed sign-offs: sign the digest "
                        + "with ssh-keygen -Y sign -n " + NAMESPACE + " (./decisionlog signoff --sign-with KEY does)");
            }
            return null;
        }
        if (!keys.configured()) {
            throw new Unprocessable("signature", "no steward keys are configured (decisionlog.signoffs.allowed-signers), "
                    + "so nothing could say whose key made this signature");
        }
        SshVerdict verdict = SshVerdict.check(request.signature(), request.digest().getBytes(StandardCharsets.UTF_8),
                NAMESPACE, steward, keys.trust(), clock.instant());
        if (!verdict.verified()) {
            throw new Unprocessable("signature", "the signature is not " + steward + "'s over " + request.digest()
                    + ": " + verdict.reason());
        }
        return new SignoffEvent.StewardSignature("ssh", verdict.principal(), verdict.keyFingerprint(),
                request.signature().strip());
    }

    private void publish(SignoffEvent event) {
        AckedBatch.publish(producer, ACK_TIMEOUT, Topics.SIGNOFFS, event.signoffId(), event);
        boolean seen = ReadYourWrite.await(VISIBLE_WITHIN, () -> book.byId(event.signoffId())
                .filter(signoff -> !(event instanceof SignoffEvent.Revoked) || signoff.isRevoked()).isPresent());
        if (!seen) {
            throw new IllegalStateException("sign-off " + event.signoffId() + " was written but not read back within "
                    + VISIBLE_WITHIN.toSeconds() + " s");
        }
    }

    private String repoOf(DecisionView decision, String repo) {
        List<String> repos = decision.commits().stream().map(DecisionView.Commit::repo).distinct().toList();
        if (repo != null && !repo.isBlank()) {
            if (!repos.contains(repo.trim())) {
                throw new NotFound(decision.decisionId() + " is on no commit of " + repo.trim() + " known to decision-graph");
            }
            return repo.trim();
        }
        if (repos.size() != 1) {
            throw new BadRequest("repo", repos.isEmpty() ? decision.decisionId() + " is on no commit yet: there is no "
                    + "chain to sign off" : decision.decisionId() + " is on commits of " + String.join(", ", repos)
                    + "; say which repository's chain (repo=)");
        }
        return repos.get(0);
    }

    private List<DecisionChain> chainsIn(String decisionId, String repo) {
        return chains.of(repo, shasIn(decisionId, repo));
    }

    private List<String> shasIn(String decisionId, String repo) {
        return queries.commitsOf(decisionId).stream().filter(key -> key.repo.equals(repo)).map(key -> key.sha).toList();
    }

    private static boolean current(SignoffBook.Signoff signoff, String digest) {
        return !signoff.isRevoked() && signoff.given().digest().equals(digest);
    }

    /** current (it names the digest the chain has now), stale (the chain changed after it), or revoked. */
    private static String state(SignoffBook.Signoff signoff, String digest) {
        return signoff.isRevoked() ? "revoked" : signoff.given().digest().equals(digest) ? "current" : "stale";
    }

    private static SignoffsView.Entry entry(SignoffBook.Signoff signoff, String digest) {
        SignoffEvent.SignedOff given = signoff.given();
        SignoffEvent.Revoked revoked = signoff.revoked();
        return new SignoffsView.Entry(given.signoffId(), given.decisionId(), given.repo(), given.steward(),
                given.digest(), given.comment(), given.signature(), given.at(), state(signoff, digest),
                revoked == null ? null : revoked.steward(), revoked == null ? null : revoked.at(),
                revoked == null ? null : revoked.reason());
    }

    private static String bounded(String field, String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new BadRequest(field, field + " is at most " + MAX_TEXT + " characters");
        }
        return text == null || text.isBlank() ? null : text.strip();
    }
}
