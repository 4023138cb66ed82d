package io.decisionlog.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.decisionlog.events.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * A provider's real payload (a resource beside this class) made into the sample's: its repository, accounts and
 * people replaced in every field and URL that names them, then written as the exact bytes to send.
 */
final class PayloadTemplate {
    /** What the templates say, replaced everywhere (URLs included) by the sample's values. */
    private static final String TEMPLATE_REPO = "octo-org/octo-repo";
    private static final String TEMPLATE_OWNER = "octo-org";
    private static final String TEMPLATE_USER = "Codertocat";

    private PayloadTemplate() {
    }

    static ObjectNode load(String name) {
        try (InputStream in = PayloadTemplate.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the template " + name + " is missing from the jar");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Repository and account of the template become the sample's, in every field and URL that names them. */
    static void rename(ObjectNode root, String repo, String login) {
        String owner = repo.substring(0, repo.indexOf('/'));
        String name = repo.substring(repo.indexOf('/') + 1);
        replaceText(root, TEMPLATE_REPO, repo);
        replaceText(root, TEMPLATE_OWNER, owner);
        replaceText(root, TEMPLATE_USER, login);
        for (String field : new String[] {"repository", "head_repository"}) {
            for (JsonNode repository : new JsonNode[] {root.path(field), root.path("workflow_run").path(field)}) {
                if (repository instanceof ObjectNode object) {
                    object.put("name", name);
                    object.put("full_name", repo);
                    object.put("description", "Configuration of the payments service");
                    if (object.has("default_branch")) {
                        object.put("default_branch", "main");
                    }
                    if (object.get("owner") instanceof ObjectNode ownerNode) {
                        ownerNode.put("login", owner);
                    }
                }
            }
        }
        if (root.get("organization") instanceof ObjectNode organization) {
            organization.put("login", owner);
        }
        for (JsonNode account : new JsonNode[] {root.path("sender"), root.path("workflow_run").path("actor"),
                root.path("workflow_run").path("triggering_actor")}) {
            if (account instanceof ObjectNode object) {
                object.put("login", login);
            }
        }
    }

    /** Replaces {@code from} inside every string value of the tree. */
    static void replaceText(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                if (field.getValue().isTextual() && field.getValue().asText().contains(from)) {
                    field.setValue(new TextNode(field.getValue().asText().replace(from, to)));
                } else {
                    replaceText(field.getValue(), from, to);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual() && array.get(i).asText().contains(from)) {
                    array.set(i, new TextNode(array.get(i).asText().replace(from, to)));
                } else {
                    replaceText(array.get(i), from, to);
                }
            }
        }
    }

    static void person(ObjectNode node, SampleTeam.Member member) {
        node.put("name", member.name());
        node.put("email", member.email());
        if (node.has("username")) {
            node.put("username", member.login());
        }
    }

    static byte[] bytes(JsonNode root) {
        try {
            return Json.MAPPER.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String iso(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant);
    }
}
