package io.decisionlog.graph.api;

import io.decisionlog.events.errors.BadRequest;
import io.decisionlog.events.tlog.MerkleTree;
import io.decisionlog.graph.store.LogStore;
import io.decisionlog.kit.auth.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Base64;
import java.util.List;

/**
 * The transparency log of sign-offs and audit events (RFC 9162 Merkle tree, C2SP checkpoints): its signed
 * checkpoint, inclusion and consistency proofs (hashes only, any reader), and its entries (the audit trail: admin).
 */
@Path("/api/v1/log")
@RolesAllowed(Role.READER_NAME)
@Tag(name = "log")
public class LogResource {
    static final int MAX_ENTRIES = 1_000;

    private final LogStore log;
    private final CheckpointSigner signer;

    @Inject
    public LogResource(LogStore log, CheckpointSigner signer) {
        this.log = log;
        this.signer = signer;
    }

    @GET
    @Path("checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The log's current tree head, signed: a C2SP tlog-checkpoint (origin, size, base64 root hash) "
            + "as a signed note, readable by existing checkpoint verifiers")
    public String checkpoint() {
        return log.withTree((size, nodes) -> signer.sign(size, MerkleTree.root(nodes, size)));
    }

    @GET
    @Path("key")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "The verifier key of the checkpoints (<name>+<hash>+<key>); better handed out by the operator")
    public String key() {
        return signer.verifier().encoded() + "\n";
    }

    /** An inclusion proof: the entry's leaf hash and the path to the root of a tree of {@code size}. */
    public record InclusionProof(long entry, long size, String leafHash, List<String> proof, String rootHash) {
    }

    @GET
    @Path("proof")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An entry's inclusion proof (RFC 9162 2.1.3) in the tree of `size` entries (default: now)")
    @APIResponse(responseCode = "400", description = "entry or size outside the log")
    public InclusionProof proof(@QueryParam("entry") Long entry, @QueryParam("size") Long size) {
        if (entry == null) {
            throw new BadRequest("entry", "entry= is the index of the entry, from 0");
        }
        return log.withTree((now, nodes) -> {
            long treeSize = size == null ? now : size;
            if (treeSize > now || entry < 0 || entry >= treeSize) {
                throw new BadRequest("entry", "entry " + entry + " is not in a tree of " + treeSize
                        + " (the log has " + now + " entries)");
            }
            return new InclusionProof(entry, treeSize, base64(nodes.hash(0, entry)),
                    MerkleTree.inclusionProof(nodes, entry, treeSize).stream().map(LogResource::base64).toList(),
                    base64(MerkleTree.root(nodes, treeSize)));
        });
    }

    /** A consistency proof between the trees of {@code from} and {@code to} entries. */
    public record ConsistencyProof(long from, long to, List<String> proof) {
    }

    @GET
    @Path("consistency")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A consistency proof (RFC 9162 2.1.4): the tree of `from` entries is a prefix of the tree of "
            + "`to` (default: now)")
    @APIResponse(responseCode = "400", description = "from after to, or to beyond the log")
    public ConsistencyProof consistency(@QueryParam("from") Long from, @QueryParam("to") Long to) {
        if (from == null) {
            throw new BadRequest("from", "from= is the size of the earlier tree");
        }
        return log.withTree((now, nodes) -> {
            long toSize = to == null ? now : to;
            if (from < 0 || from > toSize || toSize > now) {
                throw new BadRequest("from", "no proof from " + from + " to " + toSize + " (the log has " + now
                        + " entries)");
            }
            return new ConsistencyProof(from, toSize, MerkleTree.consistencyProof(nodes, from, toSize).stream()
                    .map(LogResource::base64).toList());
        });
    }

    /** A page of entries, each as the log topic holds it: its bytes are the leaf. */
    public record EntryPage(List<Entry> entries, Long next) {
        public record Entry(long index, String body, String leafHash) {
        }
    }

    @GET
    @Path("entries")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.ADMIN_NAME)
    @Operation(summary = "The log's entries from `start`, at most `limit` (1,000), each with the leaf hash the tree holds "
            + "for it; what ./decisionlog verify recomputes the tree from (the audit trail: admin)")
    public EntryPage entries(@QueryParam("start") Long start, @QueryParam("limit") Integer limit) {
        long from = start == null ? 0 : start;
        int size = limit == null ? MAX_ENTRIES : limit;
        if (from < 0 || size < 1 || size > MAX_ENTRIES) {
            throw new BadRequest("limit", "start from 0, limit 1 to " + MAX_ENTRIES);
        }
        List<LogStore.Entry> entries = log.entries(from, size);
        return new EntryPage(entries.stream().map(entry -> new EntryPage.Entry(entry.index(), entry.body(),
                entry.leafHash() == null ? null : base64(entry.leafHash()))).toList(),
                entries.size() == size ? entries.get(entries.size() - 1).index() + 1 : null);
    }

    private static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
