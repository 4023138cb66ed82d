package io.decisionlog.graph.web;

import io.quarkus.qute.TemplateGlobal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Where the pages find the libraries served from jars: the Mermaid bundle's path names the version on the classpath. */
public final class Assets {
    /** The self-contained Mermaid bundle of the webjar on the classpath (no CDN: the pages work offline). */
    @TemplateGlobal
    public static final String mermaidScript = "/webjars/mermaid/" + webjarVersion("org.webjars.npm", "mermaid")
            + "/dist/mermaid.min.js";

    private Assets() {
    }

    private static String webjarVersion(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath: is the " + artifact + " webjar?");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
