package io.decisionlog.deploy.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets a process listens on, with the address each is bound to, as the kernel reports them: the socket
 * inodes among the process's open files ({@code /proc/PID/fd}), looked up in {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} (state {@code 0A}, LISTEN). Linux only, as the local runtime's PostgreSQL binaries are.
 */
final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {
    }

    static List<InetSocketAddress> of(long pid) throws IOException {
        Path proc = Path.of("/proc");
        if (!Files.isReadable(proc.resolve("net/tcp"))) {
            throw new AssertionError("this test reads the bound addresses from /proc/net/tcp (Linux), and it is missing");
        }
        Set<String> inodes = socketInodes(proc.resolve(pid + "/fd"));
        List<InetSocketAddress> listening = new ArrayList<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = proc.resolve(table);
            if (!Files.isReadable(file)) {
                continue; // no IPv6 in this kernel: nothing can listen there
            }
            List<String> lines = Files.readAllLines(file);
            for (String line : lines.subList(1, lines.size())) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode ...
                String[] fields = line.trim().split("\\s+");
                if (fields[3].equals(LISTEN) && inodes.contains(fields[9])) {
                    listening.add(address(fields[1]));
                }
            }
        }
        return listening;
    }

    private static Set<String> socketInodes(Path fds) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(fds)) {
            for (Path fd : entries) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // a file the process closed while we listed them
                }
            }
        }
        return inodes;
    }

    /**
     * {@code 0100007F:1F90}: the address in the kernel's byte order, 32-bit word by word, then the port. An IPv4
     * address mapped into IPv6 (a Java socket bound to 127.0.0.1 on a dual-stack host) comes back as IPv4.
     */
    static InetSocketAddress address(String kernel) throws IOException {
        String[] parts = kernel.split(":");
        byte[] raw = HexFormat.of().parseHex(parts[0]);
        byte[] address = new byte[raw.length];
        for (int word = 0; word < raw.length; word += 4) {
            for (int i = 0; i < 4; i++) {
                address[word + i] = raw[word + 3 - i];
            }
        }
        return new InetSocketAddress(InetAddress.getByAddress(address), Integer.parseInt(parts[1], 16));
    }
}
