package io.decisionlog.graph.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.util.Optional;

/** A blamed file at the branch tip (from {@code decisionlog.git.blame.v1}); its lines are in {@link BlameRangeRow}s. */
@Entity
@Table(name = "blame_file")
@IdClass(FileKey.class)
public class BlameFileRow extends PanacheEntityBase {
    @Id
    public String repo;
    @Id
    public String path;
    public String rev;
    @Column(name = "line_count")
    public int lineCount;
    @Column(name = "has_text")
    public boolean hasText;

    public static Optional<BlameFileRow> of(String repo, String path) {
        return findByIdOptional(new FileKey(repo, path));
    }

    /** True when at least one file of the repository has been blamed. */
    public static boolean repoKnown(String repo) {
        return find("repo", repo).firstResultOptional().isPresent();
    }
}
