package org.example.onehop;

/** @param replicas how many successors of a key a lookup returns ({@code peerlab.one-hop.replicas}) */
public record OneHopSettings(int replicas) {}
