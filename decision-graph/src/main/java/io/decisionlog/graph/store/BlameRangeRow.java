package io.decisionlog.graph.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/** {@code lineCount} lines from {@code startLine} of a file, last written by commit {@code sha}, with their text. */
@Entity
@Table(name = "blame_range")
@IdClass(BlameRangeRow.Key.class)
public class BlameRangeRow extends PanacheEntityBase {
    @Id
    public String repo;
    @Id
    public String path;
    @Id
    @Column(name = "start_line")
    public int startLine;
    @Column(name = "line_count")
    public int lineCount;
    public String sha;
    @Column(name = "orig_path")
    public String origPath;
    @Column(name = "orig_start")
    public int origStart;
    /** The range's lines; null when the file was over the size limit and published without text. */
    public String[] lines;
    /** The commit is one the repository's blame ignores, and these lines it added match nothing in its parent. */
    @Column(name = "ignored_rev")
    public boolean ignoredRev;

    public static List<BlameRangeRow> ofFile(String repo, String path) {
        return list("repo = ?1 and path = ?2 order by startLine", repo, path);
    }

    /** The primary key: a range is identified by its file and first line. */
    public static class Key implements Serializable {
        public String repo;
        public String path;
        public int startLine;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && startLine == key.startLine && Objects.equals(repo, key.repo)
                    && Objects.equals(path, key.path);
        }

        @Override
        public int hashCode() {
            return Objects.hash(repo, path, startLine);
        }
    }
}
