import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.vysper.mina.TCPEndpoint;
import org.apache.vysper.storage.StorageProviderRegistry;
import org.apache.vysper.storage.inmemory.MemoryStorageProviderRegistry;
import org.apache.vysper.xmpp.addressing.EntityImpl;
import org.apache.vysper.xmpp.authorization.AccountManagement;
import org.apache.vysper.xmpp.modules.extension.xep0049_privatedata.PrivateDataModule;
import org.apache.vysper.xmpp.modules.extension.xep0050_adhoc_commands.AdhocCommandsModule;
import org.apache.vysper.xmpp.modules.extension.xep0054_vcardtemp.VcardTempModule;
import org.apache.vysper.xmpp.modules.extension.xep0077_inbandreg.InBandRegistrationModule;
import org.apache.vysper.xmpp.modules.extension.xep0092_software_version.SoftwareVersionModule;
import org.apache.vysper.xmpp.modules.extension.xep0119_xmppping.XmppPingModule;
import org.apache.vysper.xmpp.modules.extension.xep0133_service_administration.ServiceAdministrationModule;
import org.apache.vysper.xmpp.modules.extension.xep0202_entity_time.EntityTimeModule;
import org.apache.vysper.xmpp.server.XMPPServer;

/**
 * Apache Vysper 0.7 as its own documentation sets it up, with the modules it ships: a server whose code Stanzalab
 * was never tuned for. Arguments: domain, port, JKS keystore (password "changeit"), file with the admin password.
 * Accounts live in memory and vanish with the process.
 */
public class Vysper {
    public static void main(String[] args) throws Exception {
        String domain = args[0];
        StorageProviderRegistry storage = new MemoryStorageProviderRegistry();
        AccountManagement accounts = (AccountManagement) storage.retrieve(AccountManagement.class);
        accounts.addUser(EntityImpl.parse("admin@" + domain), Files.readString(Path.of(args[3])).strip());

        XMPPServer server = new XMPPServer(domain);
        TCPEndpoint endpoint = new TCPEndpoint();
        endpoint.setPort(Integer.parseInt(args[1]));
        server.addEndpoint(endpoint);
        server.setStorageProviderRegistry(storage);
        server.setTLSCertificateInfo(new File(args[2]), "changeit");
        server.start();
        server.addModule(new SoftwareVersionModule());
        server.addModule(new EntityTimeModule());
        server.addModule(new VcardTempModule());
        server.addModule(new XmppPingModule());
        server.addModule(new PrivateDataModule());
        server.addModule(new InBandRegistrationModule());
        server.addModule(new AdhocCommandsModule());
        ServiceAdministrationModule admin = new ServiceAdministrationModule();
        admin.setAddAdmins(List.of("admin@" + domain));
        server.addModule(admin);
        System.out.println("vysper: serving " + domain);
    }
}
