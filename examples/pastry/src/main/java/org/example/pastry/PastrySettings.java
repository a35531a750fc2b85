package org.example.pastry;

/**
 * {@code peerlab.pastry.*}.
 *
 * @param leafSet l, the peers with the numerically closest ids a peer keeps: l/2 on each side
 */
public record PastrySettings(int leafSet) {}
