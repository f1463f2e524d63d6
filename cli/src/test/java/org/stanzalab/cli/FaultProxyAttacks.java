package org.stanzalab.cli;

import static org.stanzalab.wire.XmppNamespaces.BIND;
import static org.stanzalab.wire.XmppNamespaces.CLIENT;
import static org.stanzalab.wire.XmppNamespaces.SASL;
import static org.stanzalab.wire.XmppNamespaces.STANZA_ERRORS;
import static org.stanzalab.wire.XmppNamespaces.STREAM_ERRORS;
import static org.stanzalab.wire.XmppNamespaces.TLS;
import static org.stanzalab.wire.proxy.FaultRule.delay;
import static org.stanzalab.wire.proxy.FaultRule.drop;
import static org.stanzalab.wire.proxy.FaultRule.removeChild;
import static org.stanzalab.wire.proxy.FaultRule.removeDescendant;
import static org.stanzalab.wire.proxy.FaultRule.reorder;
import static org.stanzalab.wire.proxy.FaultRule.replaceErrorCondition;
import static org.stanzalab.wire.proxy.FaultRule.setAttribute;
import static org.stanzalab.wire.proxy.Match.answerTo;
import static org.stanzalab.wire.proxy.Match.attribute;
import static org.stanzalab.wire.proxy.Match.child;
import static org.stanzalab.wire.proxy.Match.errorCondition;
import static org.stanzalab.wire.proxy.Match.iq;
import static org.stanzalab.wire.proxy.Match.stanza;
import static org.stanzalab.wire.proxy.Match.streamFeatures;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.proxy.ClientRewrite;
import org.stanzalab.wire.proxy.FaultRule;
import org.stanzalab.wire.proxy.FromServer;

/**
 * The faults {@link FaultProxyDemoTest} injects into what Prosody sends, one per requirement, grouped by the
 * specification the attacked test cites. Each models a server bug (a reply lost or late, a wrong error condition,
 * a wrong id or address, a push or a presence not sent, a roster item or a feature changed) that breaks exactly
 * what its test checks, so the test must fail under it.
 */
final class FaultProxyAttacks {
    private FaultProxyAttacks() {
    }

    /**
     * A rule and the test that must fail under it.
     *
     * @param hole null, or the hole in the suite this attack once found (no test failed under it); the attack now
     *             names the test added to close it, and shows the hole as closed when that test fails
     */
    record Attack(String test, FaultRule rule, String hole, ClientRewrite rewrite) {
        Attack(String test, FaultRule rule, String hole) {
            this(test, rule, hole, null);
        }

        /** The rule's name, or the client rewrite's for an attack on what the client sends. */
        String name() {
            return rule != null ? rule.name() : rewrite.name();
        }
    }

    private static final String ROSTER = "jabber:iq:roster";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    private static final String PING = "urn:xmpp:ping";
    private static final String OMEMO = "urn:xmpp:omemo:2";
    private static final String VERSION = "jabber:iq:version";
    private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    private static final String OPENPGP = "urn:xmpp:openpgp:0";
    private static final String CARBONS = "urn:xmpp:carbons:2";
    private static final String MAM = "urn:xmpp:mam:2";
    private static final Duration REPLY_TIMEOUT_AND_MORE = Duration.ofSeconds(7);
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(3);

    static final List<Attack> XEP_0199 = List.of(
            attack("xep0199.ClientToServerPing.serverAnswersPingWithResult",
                    drop("drop-ping-result", answerTo(PING))),
            // Smack's reply filter drops a reply from another address; the test must say so, not "no reply".
            attack("xep0199.ClientToServerPing.serverAnswersPingWithResult",
                    setAttribute("ping-result-from-someone-else", "from", "someone@prosody.test", answerTo(PING))),
            attack("xep0199.ClientToServerPing.pingWithoutAddressIsAnsweredByServer",
                    custom("ping-answered-service-unavailable", answerTo(PING, "result"), answerWithError("service-unavailable"))),
            attack("xep0199.ClientToServerPing.pingIsAnsweredWithResultOrServiceUnavailable",
                    custom("ping-answered-feature-not-implemented", answerTo(PING, "result"), answerWithError("feature-not-implemented"))));

    static final List<Attack> XEP_0092 = List.of(
            attack("xep0092.SoftwareVersion.resultCarriesVersionQuery",
                    removeChild("no-version-query", "query", VERSION, answerTo(VERSION, "result"))),
            attack("xep0092.SoftwareVersion.resultNamesSoftwareAndVersion",
                    delay("late-version-result", REPLY_TIMEOUT_AND_MORE, answerTo(VERSION, "result"))));

    static final List<Attack> XEP_0030 = List.of(
            attack("xep0030.ServiceDiscovery.serverInfoHasIdentityAndDiscoInfoFeature",
                    custom("disco-info-missing-from-disco", answerTo(DISCO_INFO, "result"), withoutFeature(DISCO_INFO))),
            attack("xep0030.ServiceDiscovery.serverIdentitiesAreWellFormedAndDistinct",
                    custom("identity-twice-with-another-name", answerTo(DISCO_INFO, "result"),
                            firstChildTwice("identity", DISCO_INFO, identity -> identity.withAttribute("name", "Another name")))),
            // Smack cannot parse a disco#info result with such a feature; the test sees the raw reply (issue 10).
            attack("xep0030.ServiceDiscovery.serverFeaturesCarryAVar",
                    custom("feature-without-var", answerTo(DISCO_INFO, "result"),
                            onDescendants("feature", DISCO_INFO, feature -> feature.attribute("var").filter(DISCO_INFO::equals).isPresent()
                                    ? feature.withoutAttribute("var") : feature))),
            attack("xep0030.ServiceDiscovery.infoForAbsentAccountIsServiceUnavailable",
                    replaceErrorCondition("item-not-found-for-absent-account", "item-not-found",
                            answerTo(DISCO_INFO).and(errorCondition("service-unavailable")))),
            attack("xep0030.ServiceDiscovery.infoResultMirrorsRequestedNode",
                    custom("node-missing-from-info-result", answerTo(DISCO_INFO, "result"),
                            onDescendants("query", DISCO_INFO, query -> query.withoutAttribute("node")))),
            attack("xep0030.ServiceDiscovery.serverAnswersInfoForLocalAccount",
                    drop("account-info-unanswered", answerTo(DISCO_INFO).and(fromAnAccount()))),
            attack("xep0030.ServiceDiscovery.ownAccountHasAccountIdentity",
                    custom("account-identity-category-client", answerTo(DISCO_INFO, "result").and(fromAnAccount()),
                            onDescendants("identity", DISCO_INFO, identity -> identity.withAttribute("category", "client")))),
            attack("xep0030.ServiceDiscovery.ownAccountItemsAreAResult",
                    custom("account-items-item-not-found", answerTo(DISCO_ITEMS, "result"), answerWithError("item-not-found"))));

    static final List<Attack> RFC_6120 = List.of(
            // The holes: the first two were recorded when these rules attacked tests that do not check the duty (a
            // binding test, a routing test); the tests that do check it now fail under them. The last two are
            // duties of §7.4 and §8.1.2.1 no test checked, closed by tests added for them.
            new Attack("rfc6120.SaslAuthentication.restartedStreamAfterSaslOffersResourceBinding",
                    removeChild("no-bind-feature", "bind", BIND, streamFeatures()),
                    "<bind/> missing from the stream features after SASL went unnoticed (RFC 6120 §7.4)"),
            new Attack("rfc6120.StanzaSemantics.routedStanzaCarriesSenderFullJid",
                    custom("wrong-from-on-delivered-message", deliveredMessage(), from -> from.withAttribute("from", "mallory@prosody.test/evil")),
                    "a wrong 'from' on a delivered message went unnoticed (RFC 6120 §8.1.2.1 stamping)"),
            new Attack("rfc6120.ResourceBinding.bindingIsNotOfferedBeforeAuthentication",
                    custom("bind-offered-before-authentication", streamFeatures().and(child("mechanisms", SASL)),
                            withChild(XmlElement.builder("bind", BIND).build())),
                    "no test checked that <bind/> is not offered before authentication (RFC 6120 §7.4)"),
            new Attack("rfc6120.StanzaSemantics.ownBareJidAsFromIsReplacedByTheFullJid",
                    custom("client-bare-from-kept", deliveredMessage(), withBareFrom()),
                    "no test checked that a client's own bare JID in 'from' is replaced by its full JID (RFC 6120 §8.1.2.1)"),
            attack("rfc6120.StanzaAttributes.messageWithoutToGoesToTheSendersBareJid",
                    custom("bare-from-on-delivered-message", deliveredMessage(), withBareFrom())),
            attack("rfc6120.IqSemantics.everyRequestGetsExactlyOneReply[disco-info]",
                    setAttribute("wrong-id-on-disco-result", "id", "not-the-request", answerTo(DISCO_INFO))),
            attack("rfc6120.StanzaAttributes.iqReplyCarriesTheRequestId[simple]",
                    setAttribute("wrong-id-on-ping-result", "id", "not-the-request", answerTo(PING))),
            attack("rfc6120.IqSemantics.unknownPayloadIsServiceUnavailable[get-without-to]",
                    replaceErrorCondition("feature-not-implemented-for-service-unavailable", "feature-not-implemented",
                            stanza("iq").and(errorCondition("service-unavailable")))),
            attack("rfc6120.StanzaSemantics.unknownIqPayloadIsAnsweredWithServiceUnavailable",
                    replaceErrorCondition("bad-request-for-unknown-payload", "bad-request",
                            stanza("iq").and(errorCondition("service-unavailable")))),
            attack("rfc6120.IqSemantics.iqSetWithoutExactlyOneChildGetsAnError[no-child]",
                    setAttribute("childless-set-answered-as-result", "type", "result",
                            stanza("iq").and(errorCondition("bad-request")))),
            attack("rfc6120.StanzaSemantics.iqGetWithoutExactlyOneChildGetsAnError",
                    custom("childless-get-answered-with-empty-result", stanza("iq").and(errorCondition("bad-request")),
                            iq -> XmlElement.builder("iq", CLIENT).attribute("id", iq.attribute("id").orElse(""))
                                    .attribute("type", "result").build())),
            attack("rfc6120.StanzaAttributes.iqWithoutAValidTypeIsABadRequest[missing]",
                    replaceErrorCondition("not-acceptable-for-bad-request", "not-acceptable",
                            stanza("iq").and(errorCondition("bad-request")))),
            attack("rfc6120.StanzaAttributes.iqWithoutToIsAnsweredOnBehalfOfTheAccount[roster]",
                    setAttribute("roster-result-from-the-domain", "from", "prosody.test", answerTo(ROSTER, "result"))),
            attack("rfc6120.StanzaErrors.errorStanzaKeepsKindAndId[message-to-unknown-user]",
                    setAttribute("wrong-id-on-message-error", "id", "not-the-message", stanza("message").and(attribute("type", "error")))),
            attack("rfc6120.StanzaErrors.errorStanzaSwapsTheAddresses[unknown-payload]",
                    setAttribute("error-from-another-domain", "from", "elsewhere.prosody.test", stanza("iq").and(attribute("type", "error")))),
            attack("rfc6120.StanzaErrors.errorElementHasAValidType[unknown-payload]",
                    custom("error-of-type-fatal", stanza("iq").and(attribute("type", "error")),
                            onDescendants("error", CLIENT, error -> error.withAttribute("type", "fatal")))),
            attack("rfc6120.StanzaErrors.errorHasExactlyOneDefinedCondition[unknown-payload]",
                    custom("two-error-conditions", stanza("iq").and(attribute("type", "error")), withSecondErrorCondition())),
            attack("rfc6120.ServerRules.messagesAreDeliveredInTheOrderSent[full-jid]",
                    reorder("messages-swapped", HOLD_LIMIT, deliveredMessage())),
            attack("rfc6120.ResourceBinding.boundJidIsTheClientsAddress",
                    setAttribute("ping-result-to-another-jid", "to", "someone-else@prosody.test/elsewhere", answerTo(PING))),
            attack("rfc6120.ServerRules.iqToTheDomainIsAnsweredByTheServer[ping]",
                    setAttribute("ping-result-from-a-user", "from", "someone@prosody.test", answerTo(PING))),
            attack("rfc6120.ServerRules.stanzaToAnUnreachableDomainIsBounced[iq-to-domain]",
                    replaceErrorCondition("item-not-found-for-unreachable-domain", "item-not-found",
                            stanza("iq").and(attribute("type", "error")))),
            attack("rfc6120.ExtendedContent.unknownExtensionIsRoutedUnchanged[message-child]",
                    custom("strip-extensions-from-messages", stanza("message"),
                            message -> message.withChildren(c -> c.namespace().equals(CLIENT) ? c : null))),
            attack("rfc6120.ExtendedContent.explicitLanguageIsKept[message]",
                    setAttribute("language-reset-to-default", "xml:lang", "en", deliveredMessage())),
            attack("rfc6120.ResourceBinding.serverGeneratesResourceWhenNoneIsRequested",
                    custom("the-same-generated-resource", bindResult(), boundJid(jid -> bare(jid) + "/generated"))),
            attack("rfc6120.ResourceBinding.requestedFreeResourceIsBound",
                    custom("another-resource-than-requested", bindResult(), boundJid(jid -> jid + "-other"))),
            attack("rfc6120.SaslAuthentication.wrongPasswordFailsAsNotAuthorized",
                    custom("temporary-auth-failure-for-not-authorized", saslFailure(), withSaslCondition("temporary-auth-failure"))),
            attack("rfc6120.SaslAuthentication.badBase64FailsAsIncorrectEncoding",
                    custom("malformed-request-for-incorrect-encoding", saslFailure(), withSaslCondition("malformed-request"))),
            attack("rfc6120.SaslAuthentication.unknownMechanismFailsAsInvalidMechanism",
                    custom("malformed-request-for-invalid-mechanism", saslFailure(), withSaslCondition("malformed-request"))),
            attack("rfc6120.SaslAuthentication.saslIsNotOfferedAgainAfterSuccess",
                    custom("sasl-offered-after-success", featuresAfterSasl(), withChild(mechanisms("PLAIN")))),
            attack("rfc6120.SaslAuthentication.plainIsNotOfferedBeforeTls",
                    custom("plain-offered-before-tls", featuresBeforeTls(), withChild(mechanisms("PLAIN")))),
            attack("rfc6120.SaslAuthentication.mechanismsAreListedInTheSaslNamespace",
                    custom("empty-mechanism-listed", streamFeatures().and(child("mechanisms", SASL)),
                            onDescendants("mechanisms", SASL, list -> withChild(XmlElement.builder("mechanism", SASL).build()).apply(list)))),
            attack("rfc6120.StartTls.starttlsIsOfferedBeforeTls",
                    removeChild("starttls-not-offered", "starttls", TLS, streamFeatures())),
            attack("rfc6120.StartTls.mandatoryStarttlsIsMarkedRequired",
                    removeDescendant("starttls-not-marked-required", "required", TLS, streamFeatures())),
            attack("rfc6120.StartTls.starttlsIsNotOfferedAfterTls",
                    custom("starttls-offered-again", streamFeatures().and(child("mechanisms", SASL)),
                            withChild(XmlElement.builder("starttls", TLS).build()))),
            attack("rfc6120.StreamNegotiation.featuresFollowEveryRestartedHeader",
                    drop("no-features-after-sasl", featuresAfterSasl())),
            attack("rfc6120.StreamErrors.malformedXmlGetsNotWellFormedAndTheStreamIsClosed",
                    custom("undefined-condition-for-not-well-formed", streamError(), withStreamErrorCondition("undefined-condition"))),
            attack("rfc6120.StreamErrors.streamToUnknownDomainGetsHostUnknown",
                    custom("host-gone-for-host-unknown", streamError(), withStreamErrorCondition("host-gone"))),
            attack("rfc6120.StreamErrorConditions.unknownFirstLevelElementThatEndsTheStreamGetsUnsupportedStanzaType[unknown-name]",
                    custom("undefined-condition-for-unsupported-stanza-type", streamError(), withStreamErrorCondition("undefined-condition"))),
            attack("rfc6120.MalformedStreams.malformedXmlEndsTheStreamWithNotWellFormed[mismatched-end-tag]",
                    custom("invalid-xml-for-not-well-formed", streamError(), withStreamErrorCondition("undefined-condition"))));

    static final List<Attack> RFC_6121 = List.of(
            attack("rfc6121.RosterManagement.rosterGetOfNewAccountIsAnEmptyResult",
                    drop("drop-roster-get-result", answerTo(ROSTER, "result"))),
            attack("rfc6121.RosterManagement.rosterSetIsPushedToEveryInterestedResource",
                    drop("drop-roster-push", rosterPush())),
            attack("rfc6121.RosterManagement.removingAnUnknownItemIsItemNotFound",
                    replaceErrorCondition("bad-request-for-item-not-found", "bad-request",
                            stanza("iq").and(errorCondition("item-not-found")))),
            attack("rfc6121.RosterManagement.rosterSetWithTwoItemsIsRefusedWithBadRequest",
                    replaceErrorCondition("not-acceptable-for-bad-request", "not-acceptable",
                            stanza("iq").and(errorCondition("bad-request")))),
            attack("rfc6121.RosterManagement.rosterResultShowsTheItemAsStored",
                    custom("roster-result-renames-the-item", answerTo(ROSTER, "result"), onRosterItems(item -> item.withAttribute("name", "Renamed")))),
            attack("rfc6121.RosterManagement.rosterSetAddsTheContact",
                    custom("roster-result-loses-the-items", answerTo(ROSTER, "result"), onRosterItems(item -> null))),
            attack("rfc6121.RosterManagement.rosterRemoveDeletesTheItemAndPushesTheRemoval",
                    drop("drop-removal-push", rosterPush().and(rosterItem("subscription", "remove")))),
            attack("rfc6121.RosterManagement.subscriptionStateInRosterSetIsIgnored",
                    custom("roster-grants-both", rosterPush().or(answerTo(ROSTER, "result")), onRosterItems(item -> item.withAttribute("subscription", "both")))),
            attack("rfc6121.RosterManagement.claimedSubscriptionInRosterSetIsIgnored[to]",
                    custom("roster-result-grants-to", answerTo(ROSTER, "result"), onRosterItems(item -> item.withAttribute("subscription", "to")))),
            attack("rfc6121.RosterManagement.rosterUpdateReplacesTheItemExactly[rename]",
                    custom("roster-result-keeps-the-old-name", answerTo(ROSTER, "result"), onRosterItems(item -> item.withoutAttribute("name")))),
            attack("rfc6121.RosterManagement.versionedRosterGetReturnsTheVersion",
                    custom("roster-result-without-version", answerTo(ROSTER, "result"),
                            onDescendants("query", ROSTER, query -> query.withoutAttribute("ver")))),
            attack("rfc6121.PresenceBroadcast.showValueReachesContactsUnchanged[away]",
                    removeChild("no-show-on-presence", "show", CLIENT, stanza("presence"))),
            attack("rfc6121.PresenceBroadcast.priorityAtTheEndsOfTheRangeReachesContactsUnchanged[min]",
                    removeChild("no-priority-on-presence-to-contacts", "priority", CLIENT,
                            stanza("presence").and(fromOwnAccount().negate()))),
            attack("rfc6121.PresenceBroadcast.initialPresenceIsReflectedToTheSender",
                    drop("own-presence-not-reflected", availablePresence().and(fromOwnAccount()))),
            attack("rfc6121.PresenceBroadcast.initialPresenceReachesTheUsersOtherResources",
                    drop("presence-not-sent-to-other-resources", availablePresence().and(fromOwnAccount()))),
            attack("rfc6121.PresenceBroadcast.initialPresenceReachesSubscribedContacts",
                    drop("presence-not-broadcast", availablePresence().and(fromOwnAccount().negate()))),
            attack("rfc6121.PresenceBroadcast.unavailablePresenceReachesSubscribedContacts",
                    drop("unavailable-not-broadcast", stanza("presence").and(attribute("type", "unavailable")))),
            attack("rfc6121.PresenceBroadcast.lostConnectionIsBroadcastAsUnavailable",
                    custom("unavailable-turned-available", stanza("presence").and(attribute("type", "unavailable")),
                            presence -> presence.withoutAttribute("type"))),
            attack("rfc6121.PresenceBroadcast.directedPresenceReachesANonContact",
                    drop("directed-presence-lost", availablePresence().and(fromOwnAccount().negate()))),
            attack("rfc6121.SubscriptionHandshake.subscriptionRequestIsStampedWithTheBareJid",
                    custom("subscribe-from-a-full-jid", stanza("presence").and(attribute("type", "subscribe")), withFullFrom())),
            attack("rfc6121.SubscriptionHandshake.approvalIsDeliveredFromTheContactsBareJid",
                    custom("subscribed-from-a-full-jid", stanza("presence").and(attribute("type", "subscribed")), withFullFrom())),
            attack("rfc6121.SubscriptionHandshake.subscriptionRequestReachesEveryAvailableResource",
                    drop("drop-subscribe", stanza("presence").and(attribute("type", "subscribe")))),
            attack("rfc6121.SubscriptionHandshake.subscriptionRequestIsPushedAsPending",
                    custom("push-without-ask", rosterPush(), onRosterItems(item -> item.withoutAttribute("ask")))),
            attack("rfc6121.SubscriptionHandshake.approvalIsPushedToTheUserAsTo",
                    custom("push-says-none-for-to", rosterPush().and(rosterItem("subscription", "to")),
                            onRosterItems(item -> item.withAttribute("subscription", "none")))),
            attack("rfc6121.SubscriptionHandshake.approvalIsPushedToTheContactAsFrom",
                    custom("push-says-none-for-from", rosterPush().and(rosterItem("subscription", "from")),
                            onRosterItems(item -> item.withAttribute("subscription", "none")))),
            attack("rfc6121.SubscriptionHandshake.refusalIsDeliveredAndEndsThePendingRequest",
                    drop("drop-unsubscribed", stanza("presence").and(attribute("type", "unsubscribed")))),
            attack("rfc6121.SubscriptionCancellation.cancellationIsDeliveredToTheUser",
                    custom("unsubscribed-from-a-full-jid", stanza("presence").and(attribute("type", "unsubscribed")), withFullFrom())),
            attack("rfc6121.SubscriptionCancellation.unsubscribeIsDeliveredToTheContact",
                    drop("drop-unsubscribe", stanza("presence").and(attribute("type", "unsubscribe")))),
            attack("rfc6121.SubscriptionCancellation.cancellationIsPushedToTheUser",
                    custom("cancellation-push-keeps-to", rosterPush().and(rosterItem("subscription", "none")),
                            onRosterItems(item -> item.withAttribute("subscription", "to")))),
            attack("rfc6121.MessageRouting.messageToFullJidReachesExactlyThatResource[chat-full-prio-pos]",
                    drop("drop-chat-message", deliveredMessage().and(attribute("type", "chat")))),
            attack("rfc6121.MessageRouting.messageToBareJidFollowsTypeAndPriority[normal-bare-prio-pos]",
                    drop("drop-normal-message", deliveredMessage().and(attribute("type", "normal")))),
            attack("rfc6121.IqRouting.iqToUnboundFullJidIsRefused[iq-get-unbound-none]",
                    replaceErrorCondition("item-not-found-for-unbound-resource", "item-not-found",
                            stanza("iq").and(errorCondition("service-unavailable")))),
            attack("rfc6121.IqRouting.iqToFullJidReachesExactlyThatResource[iq-get-full-connected]",
                    drop("drop-routed-iq-get", stanza("iq").and(attribute("type", "get")))),
            attack("rfc6121.NoSuchUserRouting.iqToNonexistentAccountIsRefused[iq-get-nobody-bare]",
                    replaceErrorCondition("item-not-found-for-no-such-user", "item-not-found",
                            stanza("iq").and(errorCondition("service-unavailable")))),
            // A hole, closed: the routing cases found a delivery by its id alone, whatever its type; they now compare types.
            new Attack("rfc6121.PresenceRouting.directedPresenceToBareJidReachesEveryAvailableResource[available-bare-prio-pos]",
                    setAttribute("directed-presence-as-unavailable", "type", "unavailable",
                            availablePresence().and(fromOwnAccount().negate())),
                    "available presence delivered as unavailable goes unnoticed: routing cases match deliveries by id, "
                            + "not type (RFC 6121 §8.5.2.1.2)"),
            attack("rfc6121.PresenceRouting.presenceToFullJidReachesExactlyThatResource[available-full-connected]",
                    drop("drop-directed-presence", availablePresence().and(fromOwnAccount().negate()))));

    static final List<Attack> RFC_7622 = List.of(
            attack("rfc7622.RosterItems.rosterItemJidIsStoredInEnforcedForm[item-localpart-uppercase]",
                    custom("roster-item-jid-not-case-mapped", rosterPush().or(answerTo(ROSTER, "result")),
                            onRosterItems(item -> item.withAttribute("jid", item.attribute("jid").orElse("").toUpperCase(Locale.ROOT))))),
            attack("rfc7622.Localparts.localpartWithExcludedCharacterIsMalformed[localpart-quotation-mark]",
                    replaceErrorCondition("service-unavailable-for-jid-malformed", "service-unavailable",
                            stanza("message").or(stanza("iq")).and(errorCondition("jid-malformed")))),
            attack("rfc7622.AddressStructure.addressWithEmptyPartIsMalformed[empty-localpart]",
                    replaceErrorCondition("item-not-found-for-jid-malformed", "item-not-found", errorCondition("jid-malformed"))),
            attack("rfc7622.Domainparts.addressWithoutDomainpartIsMalformed[no-domain-after-at]",
                    replaceErrorCondition("remote-server-not-found-for-jid-malformed", "remote-server-not-found",
                            errorCondition("jid-malformed"))),
            attack("rfc7622.Resourceparts.senderResourceIsStampedExactly[from-mixedcase]",
                    custom("sender-resource-lower-cased", deliveredMessage(),
                            message -> message.withAttribute("from", message.attribute("from").orElse("").toLowerCase(Locale.ROOT)))),
            attack("rfc7622.Resourceparts.validResourceIsBoundInEnforcedForm[resource-mixedcase]",
                    custom("bound-resource-lower-cased", bindResult(), boundJid(jid -> jid.toLowerCase(Locale.ROOT)))),
            attack("rfc7622.Localparts.jidBoundAfterCaseVariantLoginIsInEnforcedForm[login-uppercase]",
                    custom("bound-localpart-as-typed", bindResult(), boundJid(jid -> jid.toUpperCase(Locale.ROOT)))));

    /** Every attack, by specification. */
    private static final String SM = "urn:xmpp:sm:3";

    /** An element of XEP-0198 (urn:xmpp:sm:3) with this name: "a", "enabled", "failed", "resumed". */
    private static Predicate<FromServer> sm(String name) {
        return from -> from.element().is(name, SM);
    }

    /** A presence whose status starts with this text. */
    private static Predicate<FromServer> presenceWithStatus(String text) {
        return stanza("presence").and(from -> from.element().childText("status", CLIENT).orElse("").startsWith(text));
    }

    /** A XEP-0357 notification: a pubsub publish IQ-set to this node. */
    private static Predicate<FromServer> pushPublish(String node) {
        return iq("set", PUBSUB).and(from -> from.element().child("pubsub", PUBSUB).flatMap(p -> p.child("publish", PUBSUB))
                .flatMap(p -> p.attribute("node")).map(node::equals).orElse(false));
    }

    /** The element with every data form field 'message-count' set to 0. */
    private static XmlElement messageCountZero(XmlElement element) {
        if (element.name().equals("field") && "message-count".equals(element.attribute("var").orElse(null))) {
            XmlElement.Builder field = XmlElement.builder("field", element.namespace());
            element.attributes().forEach(field::attribute);
            return field.child(XmlElement.builder("value", element.namespace()).text("0").build()).build();
        }
        return element.withChildren(FaultProxyAttacks::messageCountZero);
    }

    /** A message whose body starts with this text. */
    private static Predicate<FromServer> messageStartingWith(String text) {
        return stanza("message").and(from -> from.element().childText("body", CLIENT).orElse("").startsWith(text));
    }

    /** A message the proxy has passed before with the same id and body: what a server sends again after resuming. */
    private static Predicate<FromServer> sentAgain() {
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        return stanza("message").and(from -> !seen.add(from.element().attribute("id").orElse("") + "\n"
                + from.element().childText("body", CLIENT).orElse("")));
    }

    /** The element turned into another XEP-0198 element, keeping its attributes ('h', 'previd'). */
    private static UnaryOperator<XmlElement> becomes(String name) {
        return element -> {
            XmlElement.Builder other = XmlElement.builder(name, SM);
            element.attributes().forEach(other::attribute);
            return other.build();
        };
    }

    static final List<Attack> XEP_0198 = List.of(
            attack("xep0198.Acks.firstRequestIsAnsweredWithZero",
                    setAttribute("first-ack-counts-one", "h", "1", sm("a"))),
            attack("xep0198.Acks.ackElementsAreNotCounted",
                    setAttribute("acks-stuck-at-one", "h", "1", sm("a"))),
            attack("xep0198.Enabling.enableBeforeBindingIsRefused",
                    custom("early-enable-enabled", sm("failed"), becomes("enabled"))),
            attack("xep0198.Resumption.droppedStreamIsResumedWithTheServersCount",
                    setAttribute("resumed-counts-one", "h", "1", sm("resumed"))),
            attack("xep0198.Resumption.unacknowledgedStanzasAreSentAgainOnceInOrder",
                    drop("unacknowledged-not-sent-again", sentAgain())),
            attack("xep0198.Resumption.acknowledgedStanzasAreNotSentAgain",
                    reorder("sent-again-out-of-order", HOLD_LIMIT, messageStartingWith("partly acknowledged 2"))),
            attack("xep0198.Resumption.resumedSessionKeepsItsFullJid",
                    drop("lost-after-resuming", messageStartingWith("after resuming"))),
            attack("xep0198.ResumptionRefusals.unknownSessionIsNotResumed",
                    custom("unknown-session-resumed", sm("failed"), becomes("resumed"))),
            attack("xep0198.ResumptionRefusals.resumptionByAnotherAccountIsRefused",
                    custom("foreign-session-resumed", sm("failed"), becomes("resumed"))),
            attack("xep0198.UnacknowledgedStanzas.unacknowledgedMessageIsNotLost[sent-after-cut]",
                    drop("unacknowledged-message-lost", messageStartingWith("not to be lost"))));

    /**
     * XEP-0384 needs the device list and bundle nodes readable by strangers: the client's publish-options ask for the
     * open access model, and this rewrite makes them ask for whitelist, so the server itself makes closed nodes (as a
     * server without access models, such as Prosody's mod_pep_simple, keeps PEP items from non-contacts) and refuses
     * the stranger's fetch. The key exchange must then fail, not end in error.
     */
    static final List<Attack> XEP_0384 = List.of(
            new Attack("xep0384.KeyExchange.strangersCompleteKeyExchangeAndDecryptEachOther[bare]", null, null,
                    new ClientRewrite("omemo-nodes-published-whitelist",
                            "<field var='pubsub#access_model'><value>open</value></field>",
                            "<field var='pubsub#access_model'><value>whitelist</value></field>")),
            // the device list is readable but the bundle is refused, as to a stranger without presence subscription
            attack("xep0384.KeyExchange.strangersCompleteKeyExchangeAndDecryptEachOther[full]",
                    custom("omemo-bundle-fetch-not-authorized", answerToItemsOf(OMEMO + ":bundles", "result"),
                            answerWithError("not-authorized"))),
            // a server that changes the encrypted payload on its way: the message no longer decrypts
            attack("xep0384.KeyExchange.strangersCompleteKeyExchangeAndDecryptEachOther[full]",
                    custom("omemo-payload-changed", stanza("message").and(child("encrypted", OMEMO)),
                            onDescendants("payload", OMEMO, payload -> XmlElement.builder("payload", OMEMO)
                                    .text(otherFirstBase64Character(payload.text().strip())).build()))));

    private static String otherFirstBase64Character(String base64) {
        return (base64.charAt(0) == 'A' ? "B" : "A") + base64.substring(1);
    }

    /** End-to-end encryption prerequisites (issue 12): keys in PEP and encrypted messages carried unchanged. */
    static final List<Attack> E2EE = List.of(
            attack("xep0384.EncryptedPayloads.omemoMessageIsRoutedUnchanged[message-to-full-jid]",
                    custom("omemo-payload-rewritten", stanza("message").and(child("encrypted", OMEMO)),
                            onDescendants("payload", OMEMO, payload -> XmlElement.builder("payload", OMEMO).text("AAAA").build()))),
            attack("xep0384.EncryptedPayloads.receivedCarbonHoldsTheEncryptedElementUnchanged",
                    custom("omemo-kex-dropped-in-carbon", stanza("message").and(child("received", CARBONS)),
                            onDescendants("key", OMEMO, key -> key.withoutAttribute("kex")))),
            attack("xep0384.EncryptedPayloads.archivedOmemoMessageIsReturnedUnchanged",
                    custom("omemo-sid-changed-in-archive", stanza("message").and(child("result", MAM)),
                            onDescendants("header", OMEMO, header -> header.withAttribute("sid", "1")))),
            attack("xep0384.DeviceLists.strangerRetrievesTheDeviceList",
                    custom("device-list-closed-to-strangers", answerToItemsOf(OMEMO + ":devices", "result"), answerWithError("forbidden"))),
            attack("xep0384.DeviceLists.strangerSubscribedToTheOpenDeviceListIsNotified",
                    drop("device-list-notification-dropped", stanza("message").and(child("event", PUBSUB + "#event")))),
            attack("xep0384.Bundles.bundlePublishedWithOptionsGetsAnOpenMultiItemNode",
                    custom("publish-option-not-applied", answerTo(PUBSUB + "#owner", "result"),
                            onDescendants("field", "jabber:x:data", field -> field.attribute("var").filter("pubsub#access_model"::equals).isPresent()
                                    ? XmlElement.builder("field", "jabber:x:data").attribute("var", "pubsub#access_model")
                                            .child(XmlElement.builder("value", "jabber:x:data").text("presence").build()).build()
                                    : field))),
            attack("xep0373.SecretKey.strangerCannotReadTheSecretKey",
                    custom("secret-key-served-to-stranger", answerToItemsOf(OPENPGP + ":secret-key", "error"), servedItem(OPENPGP + ":secret-key",
                            XmlElement.builder("secretkey", OPENPGP).text("QUJD").build()))),
            attack("xep0373.OpenPgpMessages.openPgpMessageIsKeptOfflineUnchanged",
                    custom("openpgp-ciphertext-cut", deliveredMessage().and(child("openpgp", OPENPGP)),
                            onDescendants("openpgp", OPENPGP, openpgp -> XmlElement.builder("openpgp", OPENPGP)
                                    .text(openpgp.text().substring(0, openpgp.text().length() / 2)).build()))));

    /** XEP-0198 around sessions that wait (the Hibernation tests): what the waiting session keeps, stamps. */
    static final List<Attack> XEP_0198_HIBERNATION = List.of(
            attack("xep0198.Hibernation.unacknowledgedMessageKeptOfflineIsStamped",
                    removeChild("kept-message-unstamped", "delay", "urn:xmpp:delay", messageStartingWith("to be stamped"))),
            attack("xep0198.Hibernation.rosterPushSentWhileCutArrivesAfterResuming",
                    drop("roster-push-lost-while-cut", iq("set", ROSTER))),
            attack("xep0198.Hibernation.resumedSessionKeepsItsSubscriptions",
                    drop("contact-presence-lost-after-resuming", presenceWithStatus("after alice resumed"))));

    /** XEP-0352: held traffic let out after the answer it must precede; urgent messages and a resumed stream's traffic held (dropped: held past the test). */
    static final List<Attack> XEP_0352 = List.of(
            attack("xep0352.ClientStateIndication.heldPresenceIsFlushedBeforeTheNextAnswer",
                    reorder("held-presence-after-the-pong", HOLD_LIMIT, presenceWithStatus("latest update"))),
            attack("xep0352.ClientStateIndication.heldChatStatesAreFlushedOrDroppedBeforeTheNextAnswer",
                    reorder("held-chat-state-after-the-pong", HOLD_LIMIT, stanza("message")
                            .and(child("paused", "http://jabber.org/protocol/chatstates")))),
            attack("xep0352.ClientStateIndication.messageWithBodyReachesAnInactiveClient[full-jid]",
                    drop("urgent-message-held", messageStartingWith("urgent while inactive"))),
            attack("xep0352.ClientStateIndication.resumedStreamStartsActive",
                    drop("resumed-stream-still-inactive", presenceWithStatus("after resuming"))));

    /** XEP-0357: notifications the server publishes to the test's app server, lost or changed. */
    static final List<Attack> XEP_0357 = List.of(
            attack("xep0357.PushNotifications.notificationIsPublishedWhileTheUserIsAway[hibernated]",
                    drop("no-notification-while-hibernated", pushPublish("node-hibernated"))),
            attack("xep0357.PushNotifications.publishOptionsCarryTheSecret",
                    removeDescendant("secret-not-passed-on", "publish-options", PUBSUB, pushPublish("with-secret"))),
            attack("xep0357.PushNotifications.summaryDescribesTheMessage",
                    custom("message-count-zero", pushPublish("summary"), FaultProxyAttacks::messageCountZero)),
            attack("xep0357.PushNotifications.eachNodeOfAServiceIsNotified",
                    drop("second-node-not-notified", pushPublish("tablet"))),
            attack("xep0357.PushNotifications.disablingOneNodeKeepsTheOthers",
                    drop("remaining-node-not-notified", pushPublish("kept"))));

    static final List<Attack> ALL = Stream.of(RFC_6120, RFC_6121, RFC_7622, XEP_0030, XEP_0092, XEP_0199, XEP_0198,
                    XEP_0198_HIBERNATION, XEP_0352, XEP_0357, XEP_0384, E2EE)
            .flatMap(List::stream).toList();

    private static Attack attack(String test, FaultRule rule) {
        return new Attack(test, rule, null);
    }

    private static FaultRule custom(String name, Predicate<FromServer> when, UnaryOperator<XmlElement> change) {
        return new FaultRule(name, when, change);
    }

    // What the server sends

    /** A message delivered to a user (not an error the server returns). */
    private static Predicate<FromServer> deliveredMessage() {
        return stanza("message").and(attribute("type", "error").negate()).and(child("body", CLIENT));
    }

    private static Predicate<FromServer> availablePresence() {
        return stanza("presence").and(seen -> seen.element().attribute("type").isEmpty());
    }

    /**
     * A stanza from the account it is addressed to (one of the user's own resources, or the server for it); a
     * stanza without 'to' is addressed to the connection's own account.
     */
    private static Predicate<FromServer> fromOwnAccount() {
        return seen -> seen.element().attribute("to").map(FaultProxyAttacks::bare)
                .equals(seen.element().attribute("from").map(FaultProxyAttacks::bare))
                || seen.element().attribute("to").isEmpty();
    }

    private static Predicate<FromServer> fromAnAccount() {
        return seen -> seen.element().attribute("from").filter(from -> from.contains("@")).isPresent();
    }

    private static Predicate<FromServer> rosterPush() {
        return iq("set", ROSTER);
    }

    /** A roster stanza with an item whose {@code key} is {@code value}. */
    private static Predicate<FromServer> rosterItem(String key, String value) {
        return seen -> seen.element().children().stream().filter(c -> c.is("query", ROSTER))
                .flatMap(query -> query.children("item", ROSTER).stream())
                .anyMatch(item -> item.attribute(key).filter(value::equals).isPresent());
    }

    /** The answer of this type to a client's request for the items of this pubsub node. */
    private static Predicate<FromServer> answerToItemsOf(String node, String type) {
        return attribute("type", type).and(seen -> seen.request().flatMap(r -> r.child("pubsub", PUBSUB)).flatMap(p -> p.child("items", PUBSUB))
                .flatMap(i -> i.attribute("node")).filter(node::equals).isPresent());
    }

    private static Predicate<FromServer> bindResult() {
        return stanza("iq").and(attribute("type", "result")).and(child("bind", BIND));
    }

    private static Predicate<FromServer> saslFailure() {
        return seen -> seen.element().is("failure", SASL);
    }

    private static Predicate<FromServer> streamError() {
        return seen -> seen.element().is("error", XmppNamespaces.STREAMS);
    }

    private static Predicate<FromServer> featuresBeforeTls() {
        return streamFeatures().and(child("starttls", TLS));
    }

    private static Predicate<FromServer> featuresAfterSasl() {
        return streamFeatures().and(child("bind", BIND));
    }

    // How it is changed

    /** Every descendant named {@code localName} in {@code namespace}, at any depth, changed (null: removed). */
    private static UnaryOperator<XmlElement> onDescendants(String localName, String namespace, UnaryOperator<XmlElement> change) {
        return element -> element.withChildren(c -> c.is(localName, namespace) ? change.apply(c)
                : onDescendants(localName, namespace, change).apply(c));
    }

    private static UnaryOperator<XmlElement> onRosterItems(UnaryOperator<XmlElement> change) {
        return onDescendants("item", ROSTER, change);
    }

    private static UnaryOperator<XmlElement> withoutFeature(String var) {
        return onDescendants("feature", DISCO_INFO, feature -> feature.attribute("var").filter(var::equals).isPresent() ? null : feature);
    }

    /** The query's first such child is listed once more, changed by the edit. */
    private static UnaryOperator<XmlElement> firstChildTwice(String localName, String namespace, UnaryOperator<XmlElement> edit) {
        return onDescendants("query", namespace, query -> query.children(localName, namespace).stream().findFirst()
                .map(first -> withChild(edit.apply(first)).apply(query)).orElse(query));
    }

    private static UnaryOperator<XmlElement> withChild(XmlElement child) {
        return element -> {
            XmlElement.Builder copy = XmlElement.builder(element.name(), element.namespace()).prefix(element.prefix());
            element.attributes().forEach(copy::attribute);
            element.children().forEach(copy::child);
            return copy.child(child).build();
        };
    }

    private static XmlElement mechanisms(String... names) {
        XmlElement.Builder list = XmlElement.builder("mechanisms", SASL);
        for (String name : names) {
            list.child(XmlElement.builder("mechanism", SASL).text(name).build());
        }
        return list.build();
    }

    /** The IQ answered with an error of this condition instead of its result. */
    private static UnaryOperator<XmlElement> answerWithError(String condition) {
        return result -> {
            XmlElement.Builder error = XmlElement.builder("iq", CLIENT);
            result.attributes().forEach(error::attribute);
            return error.attribute("type", "error")
                    .child(XmlElement.builder("error", CLIENT).attribute("type", "cancel")
                            .child(XmlElement.builder(condition, STANZA_ERRORS).build()).build())
                    .build();
        };
    }

    /** The IQ answered with a result that serves one item with this payload from the node. */
    private static UnaryOperator<XmlElement> servedItem(String node, XmlElement payload) {
        return reply -> {
            XmlElement.Builder result = XmlElement.builder("iq", CLIENT);
            reply.attributes().forEach(result::attribute);
            return result.attribute("type", "result").child(XmlElement.builder("pubsub", PUBSUB).child(XmlElement.builder("items", PUBSUB)
                    .attribute("node", node).child(XmlElement.builder("item", PUBSUB).attribute("id", "current").child(payload).build())
                    .build()).build()).build();
        };
    }

    private static UnaryOperator<XmlElement> withSecondErrorCondition() {
        return onDescendants("error", CLIENT, withChild(XmlElement.builder("undefined-condition", STANZA_ERRORS).build()));
    }

    private static UnaryOperator<XmlElement> withSaslCondition(String condition) {
        return failure -> XmlElement.builder("failure", SASL).child(XmlElement.builder(condition, SASL).build()).build();
    }

    private static UnaryOperator<XmlElement> withStreamErrorCondition(String condition) {
        return error -> {
            XmlElement.Builder copy = XmlElement.builder(error.name(), error.namespace()).prefix(error.prefix());
            copy.child(XmlElement.builder(condition, STREAM_ERRORS).build());
            error.children().stream().filter(c -> c.name().equals("text")).forEach(copy::child);
            return copy.build();
        };
    }

    private static UnaryOperator<XmlElement> boundJid(UnaryOperator<String> change) {
        return onDescendants("jid", BIND, jid -> XmlElement.builder("jid", BIND).text(change.apply(jid.text().strip())).build());
    }

    private static UnaryOperator<XmlElement> withBareFrom() {
        return stanza -> stanza.withAttribute("from", bare(stanza.attribute("from").orElse("")));
    }

    private static UnaryOperator<XmlElement> withFullFrom() {
        return stanza -> stanza.withAttribute("from", bare(stanza.attribute("from").orElse("")) + "/stanzalab-proxy");
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }

}
