package io.peerlab.core.metrics;

/**
 * What one member of a cluster run hosted and carried (results.json {@code runs[].members}); the
 * single-JVM hosts report none. Message counts cover the measured phase, like the run's {@code
 * messages}; {@code events} covers the whole run, like the run's {@code events}.
 *
 * @param member the member's address, {@code host:port}
 * @param peers peers this member hosted
 * @param messagesSent peer messages this member sent to peers on other members
 * @param bytesSent their wire bytes (the network model's sizes, see Wire)
 * @param messagesReceived peer messages this member received from other members, counted when
 *     their sender sent them during the measured phase (so it matches the senders' messagesSent)
 * @param messagesLocal peer messages between two peers both on this member
 * @param messagesDropped messages this member could not send because their receiver's member was
 *     lost
 * @param flowControlWaits messages that waited for credit before they could leave (bulk traffic
 *     held back so Artery's outbound queues never overflow)
 * @param messagesLost messages the network model dropped on this member's uplinks (whole run)
 * @param events messages delivered plus timers fired on this member (whole run)
 * @param clockOffsetMs this member's clock minus the coordinator's, as estimated and applied (0 on
 *     one host, where every JVM reads the same monotonic clock)
 * @param lost true when the member became unreachable or left during the run; its peers' stats
 *     are then missing and their measured ops count as failed ("member-lost")
 */
public record MemberFigures(
    String member,
    int peers,
    long messagesSent,
    long bytesSent,
    long messagesReceived,
    long messagesLocal,
    long messagesDropped,
    long flowControlWaits,
    long messagesLost,
    long events,
    double clockOffsetMs,
    boolean lost) {}
