package io.decisionlog.graph.store;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.LocalDate;

/** A decision as the minutes record it ({@code decisionlog.minutes.v1}), with the columns search filters on. */
@Entity
@Table(name = "decision")
public class DecisionRow extends PanacheEntityBase {
    @Id
    @Column(name = "decision_id")
    public String decisionId;
    public String title;
    public String status;
    public String owner;
    public String topic;
    @Column(name = "decided_on")
    public LocalDate decidedOn;
    /** Lower-cased title, topic, decision text, owner and status: what {@code q} matches. */
    @Column(name = "search_text")
    public String searchText;
    public String body;
}
