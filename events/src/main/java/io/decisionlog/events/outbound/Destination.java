package io.decisionlog.events.outbound;

import java.nio.file.Path;

/** Where a registered URL leads, once it passed the rules that need no network. */
public sealed interface Destination {

    /** The URL as it may be shown, stored and published: never with a password. */
    String display();

    /** A repository on another host, fetched over https, ssh or (allowed hosts only) http. */
    record Remote(String scheme, String host, int port, String display) implements Destination {
        public boolean cleartext() {
            return scheme.equals("http");
        }
    }

    /** A repository on this host, under one of the operator's local roots. */
    record Local(Path path, String display) implements Destination {
    }
}
