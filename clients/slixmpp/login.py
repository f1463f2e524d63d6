"""Log in with slixmpp as an application would (its defaults: STARTTLS required, certificates verified),
then leave. Arguments: DOMAIN PORT starttls|direct-tls CA.pem; the account is $BAD_USER / $BAD_PASSWORD."""
import asyncio
import logging
import os
import sys

import slixmpp

domain, port, mode, ca = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
logging.basicConfig(level=logging.CRITICAL)  # slixmpp's debug log would show the SASL exchange


class Client(slixmpp.ClientXMPP):
    def __init__(self):
        super().__init__(os.environ["BAD_USER"] + "@" + domain + "/drive", os.environ["BAD_PASSWORD"])
        self.outcome = asyncio.get_event_loop().create_future()
        self.add_event_handler("session_start", self.started)
        for event in ("failed_all_auth", "connection_failed", "disconnected", "stream_error"):
            self.add_event_handler(event, lambda *_, name=event: self.finish(name))

    async def started(self, _):
        await self.get_roster()
        self.finish("logged in")
        self.disconnect()

    def finish(self, what):
        if not self.outcome.done():
            self.outcome.set_result(what)


client = Client()
client.ca_certs = ca
# slixmpp 1.8.3 resolves the host of `address` again and then takes its default port (5222), not the one given:
# without this, its direct TLS would go to the STARTTLS port.
client.default_port = port
client.connect(address=(domain, port), use_ssl=(mode == "direct-tls"))
try:
    print(client.loop.run_until_complete(asyncio.wait_for(client.outcome, 20)))
except asyncio.TimeoutError:
    print("no outcome within 20 s")
client.disconnect()
