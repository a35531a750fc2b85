package io.peerlab.core.content;

/**
 * The objects of a run (scenario keys {@code peerlab.objects.*}).
 *
 * @param count number of distinct objects
 * @param size bytes per object
 * @param chunkSize bytes per chunk (the last chunk of an object may be shorter)
 * @param popularity Zipf exponent of object popularity; 0 is uniform
 * @param keywordsPerObject distinct keywords attached to each object
 * @param vocabulary number of distinct keywords objects draw from
 * @param replicas initial copies of each object on peers, in topologies where peers hold objects
 *     (with a non-uniform {@code replication}: the mean number of copies per object)
 * @param replication how the {@code count * replicas} copies are spread over objects
 */
public record ObjectsSpec(
    int count,
    long size,
    int chunkSize,
    double popularity,
    int keywordsPerObject,
    int vocabulary,
    int replicas,
    Replication replication) {

  public ObjectsSpec {
    if (count <= 0 || size <= 0 || chunkSize <= 0 || keywordsPerObject < 0 || vocabulary <= 0
        || replicas <= 0 || popularity < 0 || replication == null) {
      throw new IllegalArgumentException("invalid objects spec: " + this);
    }
    if (keywordsPerObject > vocabulary) {
      throw new IllegalArgumentException("keywordsPerObject exceeds vocabulary");
    }
  }

  /** Uniform replication: exactly {@code replicas} copies of every object. */
  public ObjectsSpec(
      int count,
      long size,
      int chunkSize,
      double popularity,
      int keywordsPerObject,
      int vocabulary,
      int replicas) {
    this(count, size, chunkSize, popularity, keywordsPerObject, vocabulary, replicas,
        Replication.UNIFORM);
  }

  /** A copy with another replication policy. */
  public ObjectsSpec withReplication(Replication policy) {
    return new ObjectsSpec(
        count, size, chunkSize, popularity, keywordsPerObject, vocabulary, replicas, policy);
  }
}
