package io.peerlab.runtime.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The key material of a cluster closed to strangers: Artery over TLS ({@code tls-tcp}) with mutual
 * authentication, through Pekko's {@code RotatingKeysSSLEngineProvider}, which reads PEM files and
 * re-reads them every {@code ssl-context-cache-ttl} (5 min), so a renewed node key takes effect
 * without a restart.
 *
 * <p>A TLS folder holds {@value #CA_CERT} (the cluster's own CA; a member trusts only
 * certificates it signed), {@value #NODE_CERT} and {@value #NODE_KEY} (the node certificate and
 * its RSA key, PKCS#8, unencrypted, as the provider requires) and, where it was made, {@value
 * #CA_KEY}, needed only to sign new node certificates. Every node certificate has the common name
 * {@value #SUBJECT}: after the handshake the provider also checks that the peer's certificate
 * shares a subject name with its own. Files are readable by their owner only.
 */
public final class ClusterTls {
  private ClusterTls() {}

  public static final String CA_CERT = "ca.crt";
  public static final String CA_KEY = "ca.key";
  public static final String NODE_CERT = "tls.crt";
  public static final String NODE_KEY = "tls.key";

  /** The subject name every node certificate of a peerlab cluster carries (CN and DNS SAN). */
  public static final String SUBJECT = "peerlab-cluster";

  /** How long a CA made by {@link #init} is valid. */
  public static final Duration CA_VALIDITY = Duration.ofDays(3650);

  /** How long a node certificate is valid. */
  public static final Duration NODE_VALIDITY = Duration.ofDays(825);

  private static final String PROVIDER = "org.apache.pekko.remote.artery.tcp.ssl.RotatingKeysSSLEngineProvider";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Makes a new cluster CA and a node certificate signed by it in {@code dir} (created, owner-only).
   *
   * @param force replace key material already there; without it, existing files are refused
   * @return the files written
   * @throws IllegalStateException if {@code dir} already holds key material and {@code force} is false
   */
  public static List<Path> init(Path dir, boolean force) {
    List<Path> all = List.of(dir.resolve(CA_CERT), dir.resolve(CA_KEY), dir.resolve(NODE_CERT), dir.resolve(NODE_KEY));
    if (!force) {
      for (Path p : all) {
        if (Files.exists(p)) {
          throw new IllegalStateException(dir + " already holds " + p.getFileName()
              + "; give --force to replace this cluster's keys (every node then needs the new files)");
        }
      }
    }
    createOwnerOnlyDir(dir);
    KeyPair caKeys = rsa();
    X500Name caName = new X500Name("CN=peerlab cluster CA " + HexFormat.of().formatHex(randomBytes(6)));
    X509Certificate ca = caCertificate(caName, caKeys);
    writeOwnerOnly(dir.resolve(CA_KEY), pemKey(caKeys.getPrivate()));
    writeOwnerOnly(dir.resolve(CA_CERT), pem(ca));
    writeNode(dir, ca, caKeys.getPrivate());
    return all;
  }

  /**
   * A new node key and certificate in {@code dir}, signed by the CA already there ({@value #CA_CERT}
   * and {@value #CA_KEY}): the rotation of a node key. Members keep trusting each other through it,
   * since they trust the CA, not the key.
   */
  public static List<Path> renew(Path dir) {
    if (!Files.isReadable(dir.resolve(CA_CERT)) || !Files.isReadable(dir.resolve(CA_KEY))) {
      throw new IllegalArgumentException(dir + " has no " + CA_CERT + " and " + CA_KEY
          + " to sign a new node key; 'peerlab tls-init " + dir + "' makes a new cluster CA");
    }
    X509Certificate ca = readCertificate(dir.resolve(CA_CERT));
    PrivateKey caKey = readKey(dir.resolve(CA_KEY));
    writeNode(dir, ca, caKey);
    return List.of(dir.resolve(NODE_CERT), dir.resolve(NODE_KEY));
  }

  /**
   * Checks that {@code dir} holds a usable node key and certificate and the CA that signed it, so a
   * bad folder is one line at start rather than a failed handshake later.
   *
   * @throws IllegalArgumentException whose message says what is wrong and how to make the files
   */
  public static void check(Path dir) {
    for (String f : List.of(CA_CERT, NODE_CERT, NODE_KEY)) {
      if (!Files.isReadable(dir.resolve(f))) {
        throw new IllegalArgumentException("TLS folder " + dir + " has no readable " + f
            + "; make one with 'peerlab tls-init " + dir + "' and copy it to every host (docs/cluster.md)");
      }
    }
    X509Certificate ca = readCertificate(dir.resolve(CA_CERT));
    X509Certificate node = readCertificate(dir.resolve(NODE_CERT));
    try {
      node.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(dir.resolve(NODE_CERT) + " was not signed by " + dir.resolve(CA_CERT));
    }
    Date now = new Date();
    if (now.after(node.getNotAfter()) || now.after(ca.getNotAfter())) {
      throw new IllegalArgumentException("the certificates in " + dir + " expired on "
          + (now.after(ca.getNotAfter()) ? ca : node).getNotAfter().toInstant()
          + "; renew them with 'peerlab tls-init " + dir + " --renew' (docs/cluster.md)");
    }
    readKey(dir.resolve(NODE_KEY));
  }

  /** Pekko settings for Artery over TLS with mutual authentication, with the files in {@code dir}. */
  public static Config pekkoConfig(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    String engine = "pekko.remote.artery.ssl.rotating-keys-engine.";
    return ConfigFactory.empty()
        .withValue("pekko.remote.artery.transport", ConfigValueFactory.fromAnyRef("tls-tcp"))
        .withValue("pekko.remote.artery.ssl.ssl-engine-provider", ConfigValueFactory.fromAnyRef(PROVIDER))
        .withValue(engine + "key-file", ConfigValueFactory.fromAnyRef(abs.resolve(NODE_KEY).toString()))
        .withValue(engine + "cert-file", ConfigValueFactory.fromAnyRef(abs.resolve(NODE_CERT).toString()))
        .withValue(engine + "ca-cert-file", ConfigValueFactory.fromAnyRef(abs.resolve(CA_CERT).toString()));
  }

  /** Deletes a throwaway TLS folder made for one set of nodes: its files, then the folder. */
  public static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static void writeNode(Path dir, X509Certificate ca, PrivateKey caKey) {
    KeyPair nodeKeys = rsa();
    X509Certificate node = nodeCertificate(ca, caKey, nodeKeys);
    // Key first, then certificate: a member re-reading in between fails one handshake at worst.
    writeOwnerOnly(dir.resolve(NODE_KEY), pemKey(nodeKeys.getPrivate()));
    writeOwnerOnly(dir.resolve(NODE_CERT), pem(node));
  }

  private static X509Certificate caCertificate(X500Name name, KeyPair keys) {
    try {
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
      return sign(b, keys.getPrivate());
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the cluster CA: " + e.getMessage(), e);
    }
  }

  private static X509Certificate nodeCertificate(X509Certificate ca, PrivateKey caKey, KeyPair keys) {
    try {
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(ca, serial(),
          Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(NODE_VALIDITY)),
          new X500Name("CN=" + SUBJECT), keys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
          .addExtension(Extension.extendedKeyUsage, false,
              new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
          .addExtension(Extension.subjectAlternativeName, false,
              new GeneralNames(new GeneralName(GeneralName.dNSName, SUBJECT)))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      return sign(b, caKey);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the node certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey key) throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(key)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e.getMessage(), e);
    }
  }

  /** RSA 2048: the provider's key loader reads RSA keys only. */
  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048, RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot make RSA keys: " + e.getMessage(), e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(1, randomBytes(16));
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  private static String pem(Object o) {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s.toString();
  }

  /** PKCS#8, unencrypted ({@code PRIVATE KEY}): what the provider's key loader reads. */
  private static String pemKey(PrivateKey key) {
    try {
      return pem(new JcaPKCS8Generator(key, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static X509Certificate readCertificate(Path f) {
    try (InputStream in = Files.newInputStream(f)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | GeneralSecurityException | ClassCastException e) {
      throw new IllegalArgumentException(f + " is not a PEM certificate (" + e.getMessage() + ")");
    }
  }

  private static PrivateKey readKey(Path f) {
    try (PEMParser p = new PEMParser(Files.newBufferedReader(f, StandardCharsets.US_ASCII))) {
      Object o = p.readObject();
      if (!(o instanceof PrivateKeyInfo info)) {
        throw new IllegalArgumentException(f + " is not an unencrypted PKCS#8 private key (PEM 'PRIVATE KEY')");
      }
      return new JcaPEMKeyConverter().getPrivateKey(info);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage());
    }
  }

  private static void createOwnerOnlyDir(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(dir);
      }
      if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(dir + " exists and is not a folder");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes to a temporary file created owner-only, then moves it over {@code f} in one step. */
  private static void writeOwnerOnly(Path f, String text) {
    try {
      Path tmp = Files.createTempFile(f.getParent(), "." + f.getFileName(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try {
          Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (UnsupportedOperationException e) {
      throw new IllegalStateException("cannot make owner-only files in " + f.getParent() + " (not a POSIX file system)");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
    }
  }
}
