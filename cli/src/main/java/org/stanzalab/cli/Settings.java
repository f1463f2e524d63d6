package org.stanzalab.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stanzalab.engine.accounts.AccountProvisioner;
import org.stanzalab.engine.accounts.AccountRecycler;
import org.stanzalab.engine.accounts.AdminCommands;
import org.stanzalab.engine.accounts.Credentials;
import org.stanzalab.engine.accounts.ExplicitAccounts;
import org.stanzalab.engine.accounts.InBandRegistration;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.target.ComponentLogin;
import org.stanzalab.engine.target.Federation;
import org.stanzalab.engine.target.SaslChoice;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Services;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.Transport;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Trust;

/**
 * Resolves the servers of a run and how to get accounts on each, from flags, environment, config file and --target,
 * in that order. One server is the plain case: flat keys. Several come from {@code --target a,b} (one reference server
 * each) or from {@code server.NAME.KEY} keys in the config file, where flat keys are defaults for every server and
 * {@code servers = a, b} gives the order (the first is the primary; default: --target order, then names sorted).
 */
final class Settings {
    private static final Set<String> KEYS = Set.of("domain", "host", "port", "tls", "ca-file", "pin-sha256", "insecure",
            "admin", "account", "accounts", "register", "sasl", "connect-timeout", "reply-timeout", "test-timeout",
            "transport", "https-base", "component", "component-port", "peer-ca", "tool-address", "s2s-port",
            "s2s-direct-tls-port");
    /** Keys that say where one server is: from a flag or the environment they cannot apply to several. */
    private static final Set<String> ONE_SERVER_KEYS = Set.of("domain", "host", "port");
    private static final Pattern NAMED_KEY = Pattern.compile("server\\.([a-z0-9-]+)\\.(.+)");

    private final TargetOptions flags;
    private final Map<String, String> env;
    private final Path home;
    /** Flat keys of the config file: the one server, or defaults for every named server. */
    private final Properties shared = new Properties();
    /** Per server named by --target, the keys of its reference server file. */
    private final Map<String, Properties> reference = new LinkedHashMap<>();
    /** Per server named in the config file, its server.NAME.* keys. */
    private final Map<String, Properties> named = new LinkedHashMap<>();
    private final List<String> order = new ArrayList<>();
    private List<Server> servers;
    private boolean accountsRequired = true;

    Settings(TargetOptions flags, Map<String, String> env) {
        this.flags = flags;
        this.env = env;
        this.home = Path.of(env.getOrDefault("STANZALAB_HOME", "."));
        if (flags.target != null) {
            for (String name : flags.target.split(",")) {
                String trimmed = name.trim();
                if (!reference.containsKey(trimmed)) {
                    reference.put(trimmed, load(referenceServerFile(trimmed), "--target " + trimmed));
                    order.add(trimmed);
                }
            }
        }
        if (flags.config != null) {
            loadConfig(flags.config);
        }
    }

    private Path referenceServerFile(String name) {
        if (!name.matches("[a-z0-9-]+")) {
            throw UserError.usage("--target takes names of local reference servers, e.g. prosody or prosody,ejabberd");
        }
        Path file = home.resolve("servers/state").resolve(name).resolve("target.properties");
        if (!Files.isReadable(file)) {
            throw UserError.usage("no local reference server '" + name + "' is set up (" + file + " is missing); start it with servers/up");
        }
        return file;
    }

    private void loadConfig(Path path) {
        String what = "config file " + path;
        Properties p = load(path, what);
        List<String> fileOrder = new ArrayList<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            Matcher m = NAMED_KEY.matcher(key);
            if (key.equals("servers")) {
                continue;
            }
            if (m.matches()) {
                checkKey(m.group(2), what);
                named.computeIfAbsent(m.group(1), n -> new Properties()).setProperty(m.group(2), p.getProperty(key));
                if (!order.contains(m.group(1)) && !fileOrder.contains(m.group(1))) {
                    fileOrder.add(m.group(1));
                }
            } else {
                checkKey(key, what);
                shared.setProperty(key, p.getProperty(key));
            }
        }
        order.addAll(fileOrder);
        String servers = p.getProperty("servers");
        if (servers != null) {
            List<String> wanted = splitList(servers);
            for (String name : wanted) {
                if (!named.containsKey(name) && !reference.containsKey(name)) {
                    throw UserError.usage(what + ": 'servers' names " + name + ", which has no server." + name + ".* keys");
                }
            }
            order.removeAll(wanted);
            order.addAll(0, wanted);
        }
    }

    private static Properties load(Path path, String what) {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(path)) {
            p.load(reader);
        } catch (IOException e) {
            throw UserError.usage("cannot read " + what + ": " + e.getMessage());
        }
        for (String key : p.stringPropertyNames()) {
            if (!NAMED_KEY.matcher(key).matches() && !key.equals("servers")) {
                checkKey(key, what);
            }
        }
        return p;
    }

    private static void checkKey(String key, String what) {
        if (!KEYS.contains(key)) {
            throw UserError.usage(what + " has an unknown key '" + key + "'");
        }
    }

    /** The servers of the run, the primary first, each with its own way of getting accounts. */
    List<Server> servers() {
        if (servers == null) {
            servers = resolve();
        }
        return servers;
    }

    private List<Server> resolve() {
        if (order.isEmpty()) {
            return List.of(new One(null, shared).server());
        }
        if (order.size() > 1) {
            for (String key : ONE_SERVER_KEYS) {
                if (fromFlagOrEnv(flagFor(key), key) != null) {
                    throw UserError.usage("--" + key + " (or STANZALAB_" + key.toUpperCase(Locale.ROOT) + ") names one server, and this run has "
                            + order.size() + " (" + String.join(", ", order) + "); give it as server.NAME." + key + " in -c FILE");
                }
            }
        }
        List<Server> servers = new ArrayList<>();
        for (String name : order) {
            // A reference server's file, then the config file's flat keys (the user's own defaults), then its
            // server.NAME.* keys: the more specific the later.
            Properties merged = new Properties();
            merged.putAll(reference.getOrDefault(name, new Properties()));
            merged.putAll(shared);
            merged.putAll(named.getOrDefault(name, new Properties()));
            Server server = new One(name, merged).server();
            for (Server earlier : servers) {
                if (earlier.domain().equalsIgnoreCase(server.domain())) {
                    throw UserError.usage("servers " + earlier.name() + " and " + name + " have the same domain " + server.domain());
                }
            }
            servers.add(server);
        }
        return servers;
    }

    private Object flagFor(String key) {
        return switch (key) {
            case "domain" -> flags.domain;
            case "host" -> flags.host;
            case "port" -> flags.port;
            default -> null;
        };
    }

    private String fromFlagOrEnv(Object flag, String key) {
        if (flag != null) {
            return flag.toString();
        }
        String fromEnv = env.get("STANZALAB_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : null;
    }

    /** The admin account a server was given (--admin, or its reference server file), if any. */
    static java.util.Optional<Credentials> adminOf(Server server) {
        return server.provisioning() instanceof AdminProvisioning admin ? java.util.Optional.of(admin.admin()) : java.util.Optional.empty();
    }

    /** For commands that only look at a server: a server without any way of getting accounts is no usage error. */
    Settings withoutAccountsRequired() {
        accountsRequired = false;
        return this;
    }

    /** How the run's header names a server's way of getting accounts, before the run has made its provisioner. */
    static String accountsOf(Server server) {
        return server.provisioning() instanceof Provisioning p ? p.describe() : "a provisioner of the caller's";
    }

    /** A way of getting accounts that can say what it is before it exists. */
    private interface Provisioning extends Function<SmackConnector, AccountProvisioner> {
        String describe();
    }

    /** Configured accounts, a pool the parallel tests share; a test waits for free ones up to the test ceiling. */
    private record ExplicitProvisioning(List<Credentials> accounts) implements Provisioning {
        @Override
        public AccountProvisioner apply(SmackConnector connector) {
            return new ExplicitAccounts(accounts, connector.target().timeouts().testCeiling());
        }

        @Override
        public String describe() {
            return accounts.size() + " configured account" + (accounts.size() == 1 ? "" : "s");
        }
    }

    private record AdminProvisioning(Credentials admin) implements Provisioning {
        @Override
        public AccountProvisioner apply(SmackConnector connector) {
            return new AccountRecycler(new AdminCommands(connector, admin));
        }

        @Override
        public String describe() {
            return "admin commands (XEP-0133) as " + admin.username();
        }
    }

    private record RegistrationProvisioning() implements Provisioning {
        @Override
        public AccountProvisioner apply(SmackConnector connector) {
            return new AccountRecycler(new InBandRegistration(connector));
        }

        @Override
        public String describe() {
            return "in-band registration (XEP-0077)";
        }
    }

    /** No way of getting accounts: for commands that make none. */
    private record NoProvisioning() implements Provisioning {
        @Override
        public AccountProvisioner apply(SmackConnector connector) {
            throw new IllegalStateException("no way of getting accounts was configured");
        }

        @Override
        public String describe() {
            return "none";
        }
    }

    /** One server's settings: the flag if given, else STANZALAB_KEY from the environment, else its file keys. */
    private final class One {
        private final String name;
        private final Properties file;

        One(String name, Properties file) {
            this.name = name;
            this.file = file;
        }

        private String value(Object flag, String key) {
            String given = fromFlagOrEnv(flag, key);
            return given != null ? given : file.getProperty(key);
        }

        Server server() {
            return new Server(name, target(), provisioning());
        }

        private Target target() {
            String domain = value(flags.domain, "domain");
            if (domain == null || domain.isBlank()) {
                throw UserError.usage(name == null ? "no target: give --domain (and --host), --target NAME, or -c FILE"
                        : "server " + name + " has no domain (server." + name + ".domain)");
            }
            TlsMode tls = parse("tls", () -> TlsMode.parse(orDefault(value(flags.tls, "tls"), "starttls")));
            int port = parse("port", () -> Integer.parseInt(orDefault(value(flags.port, "port"), tls == TlsMode.DIRECT ? "5223" : "5222")));
            Trust trust = trust();
            Timeouts defaults = Timeouts.defaults();
            Timeouts timeouts = new Timeouts(
                    seconds("connect-timeout", flags.connectTimeout, defaults.connect()),
                    seconds("reply-timeout", flags.replyTimeout, defaults.reply()),
                    seconds("test-timeout", flags.testTimeout, defaults.testCeiling()),
                    defaults.quiet());
            List<String> mechanisms = !flags.sasl.isEmpty() ? flags.sasl : splitList(value(null, "sasl"));
            SaslChoice sasl = parse("sasl", () -> SaslChoice.of(mechanisms));
            Services services = services();
            return parse("target", () -> new Target(domain.trim(), value(flags.host, "host"), port, tls, trust, timeouts, sasl, services));
        }

        private Services services() {
            Transport transport = parse("transport", () -> Transport.parse(orDefault(value(flags.transport, "transport"), "tcp")));
            String base = value(flags.httpsBase, "https-base");
            Optional<URI> httpsBase = base == null ? Optional.empty() : Optional.of(parse("https-base", () -> httpsOrigin(base)));
            String component = value(flags.component, "component");
            int componentPort = parse("component-port", () -> Integer.parseInt(orDefault(value(flags.componentPort, "component-port"), "5347")));
            Optional<ComponentLogin> login = component == null ? Optional.empty()
                    : Optional.of(parse("component", () -> ComponentLogin.parse(component, componentPort)));
            return new Services(httpsBase, login, transport, federation());
        }

        /** How the tool plays a remote server towards this one (see Federation): peer CA, tool address, s2s ports. */
        private Federation federation() {
            Federation federation = Federation.defaults();
            String peerCa = value(flags.peerCa, "peer-ca");
            if (peerCa != null) {
                Federation base = federation;
                federation = parse("peer-ca", () -> base.withPeerCa(peerCa, home));
            }
            String toolAddress = value(flags.toolAddress, "tool-address");
            if (toolAddress != null) {
                String address = toolAddress.trim();
                Federation base = federation;
                federation = parse("tool-address", () -> loopbackOnly(address, base).withToolAddress(address));
            }
            int s2sPort = parse("s2s-port", () -> Integer.parseInt(orDefault(value(flags.s2sPort, "s2s-port"),
                    String.valueOf(Federation.DEFAULT_S2S_PORT))));
            String direct = value(flags.s2sDirectTlsPort, "s2s-direct-tls-port");
            OptionalInt directPort = direct == null ? OptionalInt.empty()
                    : OptionalInt.of(parse("s2s-direct-tls-port", () -> Integer.parseInt(direct.trim())));
            Federation withAddress = federation;
            return parse("s2s-port", () -> withAddress.withS2sPorts(s2sPort, directPort));
        }

        /** The tool listens on loopback only: it never serves a network. */
        private static Federation loopbackOnly(String address, Federation federation) {
            try {
                if (!java.net.InetAddress.getByName(address).isLoopbackAddress()) {
                    throw new IllegalArgumentException("tool-address must be a loopback address (127.x.x.x or ::1), not " + address);
                }
            } catch (java.net.UnknownHostException e) {
                throw new IllegalArgumentException("tool-address " + address + " is not an address");
            }
            return federation;
        }

        private static URI httpsOrigin(String text) {
            URI uri = URI.create(text.trim());
            if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("https-base must be an https:// URL, like https://example.org:5443");
            }
            return uri;
        }

        private Trust trust() {
            String ca = value(flags.caFile, "ca-file");
            String pin = value(flags.pinSha256, "pin-sha256");
            boolean insecure = Boolean.parseBoolean(value(flags.insecure, "insecure"));
            int chosen = (ca != null ? 1 : 0) + (pin != null ? 1 : 0) + (insecure ? 1 : 0);
            if (chosen > 1) {
                throw UserError.usage("choose one of --ca-file, --pin-sha256 and --insecure");
            }
            if (ca != null) {
                Path caPath = Path.of(ca);
                return parse("ca-file", () -> Trust.caFile(caPath.isAbsolute() ? caPath : home.resolve(caPath)));
            }
            if (pin != null) {
                return parse("pin-sha256", () -> Trust.pinned(pin));
            }
            return insecure ? Trust.insecure() : Trust.system();
        }

        private Provisioning provisioning() {
            String admin = value(flags.admin, "admin");
            boolean register = Boolean.parseBoolean(value(flags.register, "register"));
            List<Credentials> explicit = new ArrayList<>();
            List<String> given = !flags.accounts.isEmpty() ? flags.accounts : splitList(value(null, "account"));
            for (String a : given) {
                explicit.add(parse("account", () -> Credentials.parse(a)));
            }
            String file = value(flags.accountsFile, "accounts");
            if (file != null) {
                explicit.addAll(accountsFile(Path.of(file)));
            }
            // The most specific choice on the command line wins over one inherited from a file.
            if (register && flags.register != null) {
                return new RegistrationProvisioning();
            }
            if (!flags.accounts.isEmpty() || flags.accountsFile != null) {
                return new ExplicitProvisioning(explicit);
            }
            if (admin != null) {
                return new AdminProvisioning(parse("admin", () -> Credentials.parse(admin)));
            }
            if (register) {
                return new RegistrationProvisioning();
            }
            if (!explicit.isEmpty()) {
                return new ExplicitProvisioning(explicit);
            }
            if (!accountsRequired) {
                return new NoProvisioning();
            }
            throw UserError.usage("no accounts" + (name == null ? "" : " for server " + name)
                    + ": give --admin USER:PASSWORD, --account USER:PASSWORD or --register");
        }

        /** USER:PASSWORD per line; blank lines and lines starting with # are skipped. Errors name the line, never its text. */
        private List<Credentials> accountsFile(Path file) {
            Path path = file.isAbsolute() ? file : home.resolve(file);
            List<String> lines;
            try {
                lines = Files.readAllLines(path);
            } catch (IOException e) {
                throw UserError.usage("cannot read --accounts " + path + ": " + e.getMessage());
            }
            List<Credentials> accounts = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    accounts.add(Credentials.parse(line));
                } catch (IllegalArgumentException e) {
                    throw UserError.usage("--accounts " + path + " line " + (i + 1) + ": " + e.getMessage());
                }
            }
            if (accounts.isEmpty()) {
                throw UserError.usage("--accounts " + path + " lists no account (one USER:PASSWORD per line)");
            }
            return accounts;
        }

        private Duration seconds(String key, Double flag, Duration fallback) {
            String v = value(flag, key);
            if (v == null) {
                return fallback;
            }
            double s = parse(key, () -> Double.parseDouble(v));
            if (s <= 0 || s > 3600) {
                throw UserError.usage(key + " must be between 0 and 3600 seconds");
            }
            return Duration.ofMillis((long) (s * 1000));
        }
    }

    private static List<String> splitList(String value) {
        List<String> list = new ArrayList<>();
        if (value != null) {
            for (String part : value.split("[,\\s]+")) {
                if (!part.isBlank()) {
                    list.add(part.trim());
                }
            }
        }
        return list;
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    private interface Parser<T> {
        T parse();
    }

    private static <T> T parse(String key, Parser<T> parser) {
        try {
            return parser.parse();
        } catch (NumberFormatException e) {
            throw UserError.usage(key + " must be a number");
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
    }
}
