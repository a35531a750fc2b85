package io.peerlab.core.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyTest {
  private static final BigInteger RING = BigInteger.ONE.shiftLeft(160);

  private static Key random(SplittableRandom r) {
    byte[] b = new byte[20];
    r.nextBytes(b);
    return Key.ofBytes(b);
  }

  @Test
  void sha1_matchesTheStandardTestVector() {
    assertThat(Key.sha1("abc").hex()).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
  }

  @Test
  void bytesAndBigInteger_roundTrip() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      Key k = random(r);
      assertThat(Key.ofBytes(k.toBytes())).isEqualTo(k);
      assertThat(Key.of(k.toBigInteger())).isEqualTo(k);
    }
  }

  @Test
  void addAndSubtract_agreeWithBigIntegerModulo2To160() {
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < 5000; i++) {
      Key a = random(r);
      Key b = i % 10 == 0 ? Key.MAX : random(r);
      assertThat(a.add(b).toBigInteger()).isEqualTo(a.toBigInteger().add(b.toBigInteger()).mod(RING));
      assertThat(a.subtract(b).toBigInteger())
          .isEqualTo(a.toBigInteger().subtract(b.toBigInteger()).mod(RING));
    }
    assertThat(Key.MAX.add(Key.of(1))).isEqualTo(Key.ZERO);
    assertThat(Key.ZERO.subtract(Key.of(1))).isEqualTo(Key.MAX);
  }

  @Test
  void carriesPropagateAcrossWords() {
    Key lowAllOnes = new Key(0, 0, -1L);
    assertThat(lowAllOnes.add(Key.of(1))).isEqualTo(new Key(0, 1, 0));
    Key midAllOnes = new Key(0, -1L, -1L);
    assertThat(midAllOnes.add(Key.of(1))).isEqualTo(new Key(1, 0, 0));
    assertThat(new Key(1, 0, 0).subtract(Key.of(1))).isEqualTo(midAllOnes);
  }

  @Test
  void compareTo_isUnsignedNumericOrder() {
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      Key a = random(r);
      Key b = random(r);
      assertThat(Integer.signum(a.compareTo(b)))
          .isEqualTo(a.toBigInteger().compareTo(b.toBigInteger()));
    }
  }

  @Test
  void powerOfTwo_andHighestBit() {
    for (int i = 0; i < 160; i++) {
      Key p = Key.powerOfTwo(i);
      assertThat(p.toBigInteger()).isEqualTo(BigInteger.ONE.shiftLeft(i));
      assertThat(p.highestBit()).isEqualTo(i);
      assertThat(p.testBit(i)).isTrue();
    }
    assertThat(Key.ZERO.highestBit()).isEqualTo(-1);
    assertThatThrownBy(() -> Key.powerOfTwo(160)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void xor_isTheKademliaDistance() {
    SplittableRandom r = new SplittableRandom(4);
    for (int i = 0; i < 1000; i++) {
      Key a = random(r);
      Key b = random(r);
      assertThat(a.xor(b).toBigInteger()).isEqualTo(a.toBigInteger().xor(b.toBigInteger()));
      assertThat(a.xor(a)).isEqualTo(Key.ZERO);
      assertThat(a.xor(b)).isEqualTo(b.xor(a));
    }
  }

  @Test
  void ringIntervals_wrapAroundZero() {
    Key a = Key.of(10);
    Key b = Key.of(20);
    assertThat(Key.of(15).inOpenClosed(a, b)).isTrue();
    assertThat(Key.of(20).inOpenClosed(a, b)).isTrue();
    assertThat(Key.of(10).inOpenClosed(a, b)).isFalse();
    assertThat(Key.of(20).inOpen(a, b)).isFalse();
    // (20, 10] wraps: contains MAX and 5, not 15.
    assertThat(Key.MAX.inOpenClosed(b, a)).isTrue();
    assertThat(Key.of(5).inOpenClosed(b, a)).isTrue();
    assertThat(Key.of(15).inOpenClosed(b, a)).isFalse();
    // (a, a] is the whole ring; (a, a) is the ring without a.
    assertThat(Key.of(3).inOpenClosed(a, a)).isTrue();
    assertThat(a.inOpen(a, a)).isFalse();
    assertThat(Key.of(3).inOpen(a, a)).isTrue();
  }

  @Test
  void ringDistance_isClockwise() {
    assertThat(Key.ringDistance(Key.of(10), Key.of(15))).isEqualTo(Key.of(5));
    assertThat(Key.ringDistance(Key.of(15), Key.of(10)).toBigInteger())
        .isEqualTo(RING.subtract(BigInteger.valueOf(5)));
  }

  @Test
  void fraction_isThePositionOnTheRing() {
    assertThat(Key.ZERO.fraction()).isEqualTo(0.0);
    assertThat(Key.powerOfTwo(159).fraction()).isEqualTo(0.5);
    assertThat(Key.MAX.fraction()).isLessThan(1.0).isGreaterThan(0.999999);
  }

  @Test
  void hiWordMustFitIn32Bits() {
    assertThatThrownBy(() -> new Key(1L << 32, 0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  /** A record with Key's components: its hashCode and equals are the ones the JDK generates. */
  private record Generated(long hi, long mid, long lo) {}

  @Test
  void hashCodeAndEquals_areWhatTheRecordWouldGenerate() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 10_000; i++) {
      Key k = new Key(r.nextLong() >>> 32, r.nextLong(), r.nextLong());
      assertThat(k.hashCode()).isEqualTo(new Generated(k.hi(), k.mid(), k.lo()).hashCode());
      assertThat(k).isEqualTo(new Key(k.hi(), k.mid(), k.lo()));
      assertThat(k).isNotEqualTo(new Key(k.hi(), k.mid(), k.lo() ^ 1));
      assertThat(k).isNotEqualTo(new Key(k.hi(), k.mid() ^ 1, k.lo()));
      assertThat(k).isNotEqualTo(new Key(k.hi() ^ 1, k.mid(), k.lo()));
    }
    assertThat(Key.ZERO.hashCode()).isEqualTo(new Generated(0, 0, 0).hashCode());
    assertThat(Key.MAX).isNotEqualTo(null).isNotEqualTo("x");
  }
}
