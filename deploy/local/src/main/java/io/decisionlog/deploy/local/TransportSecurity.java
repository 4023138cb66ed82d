package io.decisionlog.deploy.local;

import io.decisionlog.events.TopicAccess;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a secured local broker and its clients need, made for one run under a directory of their own: a certificate
 * authority, the broker's key and certificate (for 127.0.0.1 and localhost) signed by it, a client's key and
 * certificate for mutual TLS, a truststore holding the authority, an operator's SCRAM-SHA-512 user and one user per
 * service ({@link TopicAccess}), each with a random password. Made with the JDK's keytool (PKCS12 stores, EC P-256
 * keys, valid 30 days); nothing leaves the directory.
 */
public record TransportSecurity(Path dir, String storePassword, String user, String password,
                                Map<String, String> servicePasswords) {
    static final String MECHANISM = "SCRAM-SHA-512";
    private static final SecureRandom RANDOM = new SecureRandom();

    public TransportSecurity {
        servicePasswords = Map.copyOf(servicePasswords);
    }

    /**
     * Makes the material under {@code dir} (created), or reads it back when a previous run made it; a service without
     * a password yet (one added since) gets one.
     */
    public static TransportSecurity under(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path secrets = dir.resolve("secrets.properties");
        Properties read = new Properties();
        if (Files.exists(secrets)) {
            try (var in = Files.newBufferedReader(secrets)) {
                read.load(in);
            }
        } else {
            read.setProperty("store", random());
            read.setProperty("password", random());
            make(dir, read.getProperty("store"));
        }
        Map<String, String> services = new TreeMap<>();
        for (TopicAccess access : TopicAccess.SERVICES) {
            String key = "password." + access.service();
            if (read.getProperty(key) == null) {
                read.setProperty(key, random());
            }
            services.put(access.service(), read.getProperty(key));
        }
        writeOwnerOnly(secrets, read);
        return new TransportSecurity(dir, read.getProperty("store"), "decisionlog", read.getProperty("password"),
                services);
    }

    private static void writeOwnerOnly(Path file, Properties properties) throws IOException {
        StringWriter text = new StringWriter();
        properties.store(text, "the local runtime's TLS store and SCRAM passwords");
        OwnerOnlyFile.write(file, text.toString());
    }

    /** Never the passwords: a record's own toString would print them into a log. */
    @Override
    public String toString() {
        return "TransportSecurity[" + dir + ", user " + user + ", service users " + servicePasswords.keySet() + "]";
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    public Path brokerKeystore() {
        return dir.resolve("broker.p12");
    }

    public Path clientKeystore() {
        return dir.resolve("client.p12");
    }

    /** The certificate authority, PEM: what a PostgreSQL client checks the server against ({@code sslrootcert}). */
    public Path caCertificate() {
        return dir.resolve("ca.crt");
    }

    /** The server's certificate (127.0.0.1, localhost), PEM: PostgreSQL's {@code ssl_cert_file}. */
    public Path serverCertificate() {
        return dir.resolve("broker.crt");
    }

    /**
     * The server's private key, PEM (PKCS #8), written from its keystore on first use with mode 600, as PostgreSQL
     * requires of its {@code ssl_key_file}.
     */
    public Path serverKey() throws IOException {
        Path pem = dir.resolve("broker.key");
        if (!Files.exists(pem)) {
            try (var in = Files.newInputStream(brokerKeystore())) {
                java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
                store.load(in, storePassword.toCharArray());
                byte[] key = store.getKey("broker", storePassword.toCharArray()).getEncoded();
                String body = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(key);
                OwnerOnlyFile.write(pem, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot read the server's key from " + brokerKeystore() + ": " + e.getMessage(), e);
            }
        }
        return pem;
    }

    /** The SCRAM credential to create at the broker's first start ({@code kafka-storage format --add-scram}). */
    String scramCredential() {
        return MECHANISM + "=[name=" + user + ",password=" + password + "]";
    }

    /** The operator's settings for the SASL_SSL listener: SCRAM-SHA-512 over TLS, the server checked against the CA. */
    public Map<String, Object> saslSsl(String bootstrapServers) {
        return scramOverTls(bootstrapServers, jaasConfig(user, password));
    }

    /** The settings of {@code service}'s own user (a name of {@link TopicAccess#SERVICES}) for the SASL_SSL listener. */
    public Map<String, Object> saslSsl(String bootstrapServers, String service) {
        return scramOverTls(bootstrapServers, jaasConfig(service));
    }

    /** {@code service}'s own SCRAM login, as a client's {@code sasl.jaas.config}. */
    public String jaasConfig(String service) {
        String servicePassword = servicePasswords.get(service);
        if (servicePassword == null) {
            throw new IllegalArgumentException("no Kafka user for " + service + "; the services are "
                    + servicePasswords.keySet());
        }
        return jaasConfig(service, servicePassword);
    }

    private static String jaasConfig(String name, String secret) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                + "\" password=\"" + secret + "\";";
    }

    private Map<String, Object> scramOverTls(String bootstrapServers, String jaasConfig) {
        return Map.of("bootstrap.servers", bootstrapServers,
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", MECHANISM,
                "sasl.jaas.config", jaasConfig,
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", truststore().toString(),
                "ssl.truststore.password", storePassword);
    }

    /** A client's settings for the mutual-TLS listener: its own certificate, the server checked against the CA. */
    public Map<String, Object> mutualTls(String bootstrapServers) {
        return Map.of("bootstrap.servers", bootstrapServers,
                "security.protocol", "SSL",
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", truststore().toString(),
                "ssl.truststore.password", storePassword,
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", clientKeystore().toString(),
                "ssl.keystore.password", storePassword,
                "ssl.key.password", storePassword);
    }

    private static void make(Path dir, String store) throws IOException {
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", "CN=decisionlog local CA", "-ext", "bc:c", "-keystore", "ca.p12", "-storetype", "PKCS12",
                "-storepass", store, "-keypass", store);
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", store, "-file", "ca.crt");
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "truststore.p12",
                "-storetype", "PKCS12", "-storepass", store);
        signed(dir, store, "broker", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        signed(dir, store, "client", "CN=decisionlog-client", "EKU=clientAuth");
    }

    /** A key pair in {@code <name>.p12}, its certificate signed by the CA, the chain imported back. */
    private static void signed(Path dir, String store, String name, String subject, String extension)
            throws IOException {
        String keystore = name + ".p12";
        keytool(dir, "-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                "-dname", subject, "-keystore", keystore, "-storetype", "PKCS12", "-storepass", store, "-keypass", store);
        keytool(dir, "-certreq", "-alias", name, "-keystore", keystore, "-storepass", store, "-file", name + ".csr");
        keytool(dir, "-gencert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", store, "-validity", "30",
                "-infile", name + ".csr", "-outfile", name + ".crt", "-ext", extension);
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", keystore,
                "-storepass", store);
        keytool(dir, "-importcert", "-alias", name, "-file", name + ".crt", "-keystore", keystore, "-storepass", store);
    }

    private static void keytool(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making the broker's certificates", e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
