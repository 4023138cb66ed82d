package io.decisionlog.blame.history;

/** A tracked file that has no blame, and why: binary, over the size limit, a symlink or a submodule. */
public record Skipped(String path, String reason) {
}
