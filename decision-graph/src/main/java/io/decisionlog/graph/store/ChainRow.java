package io.decisionlog.graph.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** A commit's decision chain as the topology last wrote it to {@code decisionlog.chains.v1} (JSON in {@code body}). */
@Entity
@Table(name = "chain")
@IdClass(CommitKey.class)
public class ChainRow extends PanacheEntityBase {
    @Id
    public String repo;
    @Id
    public String sha;
    public boolean complete;
    @Column(name = "decision_count")
    public int decisionCount;
    public String body;

    public static Optional<ChainRow> of(String repo, String sha) {
        return findByIdOptional(new CommitKey(repo, sha));
    }

    public static List<ChainRow> of(String repo, Collection<String> shas) {
        return shas.isEmpty() ? List.of() : list("repo = ?1 and sha in ?2", repo, shas);
    }

    /** Full shas of the repository's known commits that start with {@code prefix}; at most {@code limit}. */
    public static List<String> shasStartingWith(String repo, String prefix, int limit) {
        return getEntityManager()
                .createQuery("select c.sha from ChainRow c where c.repo = ?1 and c.sha like ?2 order by c.sha", String.class)
                .setParameter(1, repo).setParameter(2, prefix.toLowerCase() + "%").setMaxResults(limit).getResultList();
    }
}
