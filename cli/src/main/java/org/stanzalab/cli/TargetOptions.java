package org.stanzalab.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Option;

/**
 * Where the server is and how to log in. Each option can also come from an environment variable
 * (STANZALAB_ plus the option name in capitals, dashes as underscores) or from a config file (-c), which in
 * turn can be seeded by --target NAME; the command line wins over the environment, which wins over files.
 */
final class TargetOptions {
    @Option(names = "--target", paramLabel = "NAME",
            description = "Local reference servers started by servers/up: prosody, ejabberd, or several (prosody,ejabberd; the first is the primary).")
    String target;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "A properties file with any of these options (key = option name without dashes); several servers as server.NAME.KEY keys, their order as servers = NAME, NAME.")
    Path config;

    @Option(names = "--domain", description = "The XMPP domain of the server under test.")
    String domain;

    @Option(names = "--host", description = "Host name or address to connect to (default: the domain).")
    String host;

    @Option(names = "--port", description = "Client port (default: 5222, or 5223 with --tls direct).")
    Integer port;

    @Option(names = "--tls", paramLabel = "MODE", description = "starttls (default), direct or none.")
    String tls;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "Trust only the CA certificates in this PEM file.")
    Path caFile;

    @Option(names = "--pin-sha256", paramLabel = "HEX", description = "Accept only the server certificate with this SHA-256 fingerprint.")
    String pinSha256;

    @Option(names = "--insecure", description = "Accept any certificate for any name. For diagnosis only.")
    Boolean insecure;

    @Option(names = "--admin", paramLabel = "USER:PASSWORD", description = "An admin account: tests get fresh accounts through XEP-0133 commands.")
    String admin;

    @Option(names = "--account", paramLabel = "USER:PASSWORD",
            description = "An existing account to test with (repeatable); tests running in parallel share them, each taking free ones.")
    List<String> accounts = new ArrayList<>();

    @Option(names = "--accounts", paramLabel = "FILE", description = "Existing accounts, one USER:PASSWORD per line (# comments), like --account.")
    String accountsFile;

    @Option(names = "--register", description = "Create fresh accounts by in-band registration (XEP-0077).")
    Boolean register;

    @Option(names = "--sasl", paramLabel = "MECH",
            description = "A SASL mechanism ordinary logins may use (repeatable, e.g. SCRAM-SHA-1, PLAIN); default: any the server offers. Tests about one mechanism keep theirs.")
    List<String> sasl = new ArrayList<>();

    @Option(names = "--transport", paramLabel = "KIND",
            description = "How client sessions reach the server: tcp (default), websocket (RFC 7395) or bosh (XEP-0206).")
    String transport;

    @Option(names = "--https-base", paramLabel = "URL",
            description = "Where the server serves BOSH, WebSocket and XEP-0156 host-meta, e.g. https://example.org:5443 (default: look at https://DOMAIN).")
    String httpsBase;

    @Option(names = "--component", paramLabel = "DOMAIN:SECRET", description = "An external component (XEP-0114) the server accepts, for the component tests.")
    String component;

    @Option(names = "--component-port", paramLabel = "PORT", description = "The server's component port (default: 5347).")
    Integer componentPort;

    @Option(names = "--peer-ca", paramLabel = "CERT.pem:KEY.pem",
            description = "The CA (certificate and private key) whose certificates the server trusts for peer servers: the tool issues good and known-bad certificates from it to play a remote server. Without it those tests are impossible.")
    String peerCa;

    @Option(names = "--tool-address", paramLabel = "ADDRESS",
            description = "Loopback address where the tool listens as a remote server (default: 127.0.0.3); the server under test must resolve the tool's domains (*.tool.test) there.")
    String toolAddress;

    @Option(names = "--s2s-port", paramLabel = "PORT", description = "The server's server-to-server port (default: 5269).")
    Integer s2sPort;

    @Option(names = "--s2s-direct-tls-port", paramLabel = "PORT",
            description = "The server's server-to-server direct TLS port (XEP-0368), if it has one; without it those tests are impossible.")
    Integer s2sDirectTlsPort;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "TCP and TLS set-up limit (default: 5).")
    Double connectTimeout;

    @Option(names = "--reply-timeout", paramLabel = "SECONDS", description = "How long to wait for an expected stanza (default: 5).")
    Double replyTimeout;

    @Option(names = "--test-timeout", paramLabel = "SECONDS", description = "Ceiling for one whole test (default: 60).")
    Double testTimeout;
}
