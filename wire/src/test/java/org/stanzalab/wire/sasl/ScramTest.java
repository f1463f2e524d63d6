package org.stanzalab.wire.sasl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ScramTest {

    private static ScramServer serverKnowing(ScramMechanism mechanism, String user, String password) {
        ScramCredentials credentials = ScramCredentials.fromPassword(mechanism, password);
        return new ScramServer(mechanism, name -> name.equals(user) ? Optional.of(credentials) : Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void clientAndServerAgreeOnTheRightPassword(ScramMechanism mechanism) throws Exception {
        ScramClient client = new ScramClient(mechanism);
        ScramServer server = serverKnowing(mechanism, "al,ice=", "secret");

        Map<String, String> first = client.readServerFirst(server.serverFirst(client.clientFirst("al,ice=")));
        String serverFinal = server.serverFinal(client.clientFinal("secret"));

        assertEquals("al,ice=", server.username());
        assertTrue(first.get("r").startsWith(client.clientNonce()));
        assertEquals(client.expectedServerSignature(), client.serverSignatureIn(serverFinal));
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void wrongPasswordIsAnInvalidProof(ScramMechanism mechanism) throws Exception {
        ScramClient client = new ScramClient(mechanism);
        ScramServer server = serverKnowing(mechanism, "alice", "secret");
        client.readServerFirst(server.serverFirst(client.clientFirst("alice")));

        ScramException e = assertThrows(ScramException.class, () -> server.serverFinal(client.clientFinal("wrong")));
        assertEquals("invalid-proof", e.serverError());
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void anotherNonceUnknownUserAndMissingGs2HeaderAreRefused(ScramMechanism mechanism) throws Exception {
        ScramClient client = new ScramClient(mechanism);
        ScramServer server = serverKnowing(mechanism, "alice", "secret");
        String nonce = client.readServerFirst(server.serverFirst(client.clientFirst("alice"))).get("r");
        assertThrows(ScramException.class, () -> server.serverFinal(client.clientFinal("secret", nonce + "x")));

        assertEquals("unknown-user", assertThrows(ScramException.class,
                () -> serverKnowing(mechanism, "alice", "secret").serverFirst("n,,n=bob,r=abc")).serverError());
        assertThrows(ScramException.class, () -> serverKnowing(mechanism, "alice", "secret").serverFirst("n=alice,r=abc"));
    }

    @ParameterizedTest
    @EnumSource(ScramMechanism.class)
    void serverFirstWithoutSaltIsTheServersError(ScramMechanism mechanism) {
        ScramClient client = new ScramClient(mechanism);
        client.clientFirst("alice");
        assertThrows(ScramException.class, () -> client.readServerFirst("r=" + client.clientNonce() + "x,i=4096"));
    }
}
