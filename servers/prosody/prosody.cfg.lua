-- Prosody 0.12 configuration for the Stanzalab reference server prosody.test.
-- Template: servers/up replaces @STATE@ with the absolute servers/state path
-- and writes the result to servers/state/prosody/prosody.cfg.lua.
-- Nothing under /etc/prosody is read; Prosody runs as the 'prosody' user.

local state = "@STATE@"
local home  = state.."/prosody"
local certs = state.."/certs"
local function keypair(name)
  return { certificate = certs.."/"..name..".crt"; key = certs.."/"..name..".key" }
end

data_path = home.."/data"
log = {
  info  = home.."/log/prosody.log";
  error = home.."/log/prosody.err";
}
-- No 'pidfile': servers/up records the pid itself (prosody runs in the foreground).

-- Loopback only. 'interfaces' covers the public services; "private" ones
-- use local_interfaces, whose default also contains ::1. The http(s) lines
-- are redundant but make the intent obvious when grepping for a port.
interfaces            = { "127.0.0.1" }
local_interfaces      = { "127.0.0.1" }
http_interfaces       = { "127.0.0.1" }
https_interfaces      = { "127.0.0.1" }
c2s_ports             = { 5222 }        -- STARTTLS
c2s_direct_tls_ports  = { 5223 }        -- XEP-0368 direct TLS
s2s_ports             = { 5269 }
http_ports            = { 5280 }
https_ports           = { 5281 }
component_ports       = { 5347 }        -- XEP-0114 external components
component_interfaces  = { "127.0.0.1" }

admins = { "admin@prosody.test" }

-- Empty for the reference server; servers/up fills it from STANZALAB_PROSODY_DISABLE to break it on purpose.
modules_disabled = { @PROSODY_DISABLED@ }

modules_enabled = {
  -- core protocol
  "roster";          -- roster versioning is built in
  "saslauth"; "tls"; "dialback"; "disco";
  "ping"; "version"; "time"; "uptime"; "lastactivity";
  -- accounts
  "register";        -- XEP-0077 in-band registration
  "admin_adhoc";     -- XEP-0133 commands for the JIDs in 'admins'
  "announce";        -- XEP-0133 announcements to online users
  "adhoc";
  -- client features
  "carbons";         -- XEP-0280
  "smacks";          -- XEP-0198
  "csi_simple";      -- XEP-0352
  "mam";             -- XEP-0313
  "offline";         -- XEP-0160
  "blocklist";       -- XEP-0191
  "pep"; "private"; "bookmarks";
  "vcard4"; "vcard_legacy";   -- XEP-0054 vcard-temp on top of PEP
  "cloud_notify";    -- XEP-0357 push (from prosody-modules)
  -- web and mobile
  "bosh";            -- XEP-0206 at https://prosody.test:5281/http-bind
  "websocket";       -- RFC 7395 at wss://prosody.test:5281/xmpp-websocket
  "http_files";      -- serves the XEP-0156 host-meta files under /.well-known
  "external_services";  -- XEP-0215
  -- No SASL2 (XEP-0388), Bind 2 or FAST: Debian's prosody-modules has them, but its mod_sasl2
  -- needs a newer Prosody (it calls conn:ssl_info, absent in 0.12, and breaks every login).
  -- Empty for the reference server; STANZALAB_PROSODY_BREAK=no-admin-no-cancel loads registration without cancel.
  @PROSODY_EXTRA_MODULES@
}

-- Open registration without any throttling: test suites create many
-- accounts quickly and in parallel from the same address. Leaving
-- min_seconds_between_registrations unset is what disables the throttle
-- (0 still creates one, with a 1/0 rate that can turn into NaN and then
-- refuse that address forever).
allow_registration = true
registration_allowlist = { "127.0.0.0/8", "::1" }
-- mod_register pulls in mod_watchregistrations, which by default messages
-- every admin about every new account; that would fill admin's offline store.
registration_watchers = {}

default_archive_policy = true     -- archive every 1:1 chat
archive_expires_after = "1d"

-- XEP-0198: a cut session waits 30 s for resumption (mod_smacks grants this whatever 'max' the client asks),
-- short enough for the tests of what happens after the timeout to run within a test's time.
smacks_hibernation_time = 30

c2s_require_encryption = true
s2s_require_encryption = true
-- Empty for the reference server; servers/up fills it from STANZALAB_PROSODY_BREAK to break it on purpose.
@PROSODY_BREAKAGE@
s2s_secure_auth = true            -- peers must present a cert chaining to our CA

-- Default certificate for every port and for clients that send no SNI.
-- cafile = our private CA, used to verify s2s peers.
ssl = {
  certificate = certs.."/prosody.test.crt";
  key         = certs.."/prosody.test.key";
  cafile      = certs.."/ca.crt";
  -- Empty for the reference server; STANZALAB_PROSODY_BREAK=weak-tls fills it (what every TLS port accepts).
  @PROSODY_SSL_BREAKAGE@
}
-- Directory Prosody indexes for SNI on direct-TLS and HTTPS ports.
certificates = certs

-- Prosody resolves names through lua-unbound, which ignores /etc/hosts
-- unless told otherwise; our *.test names exist only there.
unbound = { hoststxt = true }

-- Lua 5.4's generational collector: far less time in garbage collection under the churn of a test run.
gc = { mode = "generational" }

authentication = "internal_hashed"
storage = "internal"

VirtualHost "prosody.test"
  -- XEP-0156: Prosody 0.12 has no host-meta module; like many deployments we serve
  -- static files, written by servers/up (https://prosody.test:5281/.well-known/host-meta).
  http_files_dir = home.."/well-known"
  http_paths = { files = "/.well-known" }
  -- XEP-0215: no STUN/TURN server runs here; the entries show what a client is told,
  -- and the TURN entry gets time-limited credentials made from the shared secret.
  external_services = {
    { type = "stun"; transport = "udp"; host = "turn.prosody.test"; port = 3478 };
    { type = "turn"; transport = "udp"; host = "turn.prosody.test"; port = 3478; secret = "@TURN_SECRET@" };
  }

-- XEP-0114: Stanzalab connects here as an external component (secret in target.properties).
Component "component.prosody.test"
  component_secret = "@COMPONENT_SECRET@"

Component "conference.prosody.test" "muc"
  modules_enabled = { "muc_mam" }
  restrict_room_creation = false

Component "pubsub.prosody.test" "pubsub"   -- XEP-0060 service
  pubsub_max_items = 256

Component "upload.prosody.test" "http_file_share"
  -- served as https://upload.prosody.test:5281/file_share/...
  http_file_share_size_limit  = 10 * 1024 * 1024
  http_file_share_daily_quota = 1024 * 1024 * 1024

-- Hosts with deliberately bad certificates, for TLS-verification tests.
-- Prosody picks the certificate from the stream 'to' (STARTTLS) or SNI
-- (direct TLS); a client trusting only ca.crt must refuse each of them.
-- The c2s_direct_tls_ssl copy is needed because SNI on port 5223 ignores
-- a host's plain 'ssl' option.
VirtualHost "expired.test"        -- CA-signed, validity ended in 2020
  ssl = keypair("expired.test")
  c2s_direct_tls_ssl = keypair("expired.test")
VirtualHost "wrongname.test"      -- CA-signed, but issued for other.test
  ssl = keypair("wrongname.test")
  c2s_direct_tls_ssl = keypair("wrongname.test")
VirtualHost "selfsigned.test"     -- right name, not chained to our CA
  ssl = keypair("selfsigned.test")
  c2s_direct_tls_ssl = keypair("selfsigned.test")
