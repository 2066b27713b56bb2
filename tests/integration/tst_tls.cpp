#include "proxyrig.h"
#include "support/testmain.h"
#include "support/testutil.h"
#include "upstream/upstreamattempt.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTemporaryDir>
#include <QtTest>

using namespace qcc;
using namespace qcc::test;
using namespace Qt::StringLiterals;

/*! Upstreams over TLS with certificates this test makes (openssl): a private CA trusted through
 *  tls.ca_file or an endpoint's ca_file, and every refusal named with its host and reason. */
class TestTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool openssl(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(QStringLiteral("openssl"), args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0) {
            qWarning().noquote() << "openssl" << args.join(u' ') << "failed:" << p.errorString()
                                 << p.readAllStandardError();
            return false;
        }
        return true;
    }
    //! A CA: NAME.pem and NAME.key.
    bool makeCa(const QString &name, const QString &commonName)
    {
        return openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                        u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s,
                        name + u".key"_s, u"-out"_s, name + u".pem"_s, u"-days"_s, u"30"_s,
                        u"-subj"_s, u"/CN="_s + commonName, u"-addext"_s,
                        u"basicConstraints=critical,CA:TRUE"_s, u"-addext"_s,
                        u"keyUsage=critical,keyCertSign,cRLSign"_s});
    }
    //! A server certificate NAME.pem/NAME.key for \a altName, issued by \a ca, valid \a days.
    bool makeLeaf(const QString &name, const QString &altName, const QString &ca, int days)
    {
        QFile ext(path(name + u".ext"_s));
        if (!ext.open(QIODevice::WriteOnly))
            return false;
        ext.write("basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=" +
                  altName.toUtf8() + '\n');
        ext.close();
        static int serial = 100;
        return openssl({u"req"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                        u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-keyout"_s,
                        name + u".key"_s, u"-out"_s, name + u".csr"_s, u"-subj"_s,
                        u"/CN="_s + name}) &&
               openssl({u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, ca + u".pem"_s,
                        u"-CAkey"_s, ca + u".key"_s, u"-set_serial"_s, QString::number(++serial),
                        u"-out"_s, name + u".pem"_s, u"-days"_s, QString::number(days),
                        u"-extfile"_s, name + u".ext"_s});
    }
    QSslConfiguration serverTls(const QString &leaf) const
    {
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        QFile cert(path(leaf + u".pem"_s)), key(path(leaf + u".key"_s));
        if (!cert.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
            qFatal("cannot read the test certificate %s", qPrintable(leaf));
        c.setLocalCertificate(QSslCertificate(&cert, QSsl::Pem));
        c.setPrivateKey(QSslKey(&key, QSsl::Ec, QSsl::Pem));
        return c;
    }
    //! The config text with \a global as tls.ca_file and \a own as the endpoint's ca_file.
    static QByteArray configWith(const QString &global, const QString &own)
    {
        QJsonObject ep{{QStringLiteral("base_url"), QStringLiteral("https://127.0.0.1:1")}};
        if (!own.isNull())
            ep.insert(QStringLiteral("ca_file"), own);
        QJsonObject root{
            {QStringLiteral("version"), 1},
            {QStringLiteral("clusters"),
             QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("default")},
                                    {QStringLiteral("endpoints"), QJsonArray{ep}}}}}};
        if (!global.isNull())
            root.insert(QStringLiteral("tls"), QJsonObject{{QStringLiteral("ca_file"), global}});
        return QJsonDocument(root).toJson();
    }

private Q_SLOTS:
    void initTestCase()
    {
        installTestLogHandler(QStringLiteral("tst_tls"));
        QVERIFY(m_dir.isValid());
        QVERIFY(makeCa(QStringLiteral("ca"), QStringLiteral("QCC Test CA")));
        QVERIFY(makeCa(QStringLiteral("other"), QStringLiteral("QCC Other CA")));
        const QString ca = QStringLiteral("ca");
        QVERIFY(makeLeaf(QStringLiteral("good"), QStringLiteral("IP:127.0.0.1"), ca, 30));
        QVERIFY(makeLeaf(QStringLiteral("expired"), QStringLiteral("IP:127.0.0.1"), ca, 0));
        QVERIFY(
            makeLeaf(QStringLiteral("elsewhere"), QStringLiteral("DNS:relay.example.com"), ca, 30));
        QVERIFY(makeLeaf(QStringLiteral("foreign"), QStringLiteral("IP:127.0.0.1"),
                         QStringLiteral("other"), 30));
        QFile text(path(QStringLiteral("not-a-certificate.pem")));
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("-----BEGIN NOTHING-----\nabc\n-----END NOTHING-----\n");
        text.close();
        // "expired" ends the second it was made: make sure that second is over.
        const QDateTime end =
            QSslCertificate::fromPath(path(QStringLiteral("expired.pem"))).first().expiryDate();
        while (QDateTime::currentDateTimeUtc() <= end.addSecs(1))
            QTest::qWait(100);
    }

    void caFilesAreChecked_data()
    {
        QTest::addColumn<QString>("global");
        QTest::addColumn<QString>("own");
        QTest::addColumn<QString>("error");
        const QString ca = path(QStringLiteral("ca.pem")),
                      other = path(QStringLiteral("other.pem"));
        QTest::newRow("global") << ca << QString() << QString();
        QTest::newRow("own") << QString() << ca << QString();
        QTest::newRow("both") << ca << other << QString();
        QTest::newRow("relative") << QStringLiteral("ca.pem") << QString()
                                  << QStringLiteral("tls.ca_file: must be an absolute path");
        QTest::newRow("missing") << QString() << path(QStringLiteral("nowhere.pem"))
                                 << QStringLiteral(
                                        "clusters[0].endpoints[0].ca_file: cannot read ") +
                                        path(QStringLiteral("nowhere.pem"));
        QTest::newRow("no certificate")
            << path(QStringLiteral("not-a-certificate.pem")) << QString()
            << QStringLiteral("tls.ca_file: ") + path(QStringLiteral("not-a-certificate.pem")) +
                   QStringLiteral(" holds no PEM certificate");
    }
    void caFilesAreChecked()
    {
        QFETCH(QString, global);
        QFETCH(QString, own);
        QFETCH(QString, error);
        const ConfigResult r = parseConfig(configWith(global, own), QProcessEnvironment());
        if (!error.isEmpty()) {
            QVERIFY(!r.config);
            QVERIFY2(r.errors.first().english().startsWith(error),
                     qPrintable(r.errors.first().english()));
            return;
        }
        QVERIFY2(r.config, qPrintable(UiText::lines(r.errors).english()));
        const EndpointConfig ep = r.config->activeEndpoints().first();
        // What the endpoint trusts: the global file's certificates, then its own.
        const QList<QSslCertificate> trusted = QSslCertificate::fromData(ep.trustedPem);
        QList<QSslCertificate> want;
        for (const QString &file : {global, own})
            if (!file.isNull())
                want += QSslCertificate::fromPath(file);
        QCOMPARE(trusted, want);
        // written back as it was, and only where it was set
        const QJsonObject back = r.config->toJson();
        QCOMPARE(back.contains(QStringLiteral("tls")), !global.isNull());
        QCOMPARE(back.value(QStringLiteral("tls"))
                     .toObject()
                     .value(QStringLiteral("ca_file"))
                     .toString(),
                 global.isNull() ? QString() : global);
    }

    void certificates_data()
    {
        QTest::addColumn<QString>("leaf");
        QTest::addColumn<int>("where"); // 0: no CA file, 1: tls.ca_file, 2: the endpoint's ca_file
        QTest::addColumn<QString>("refusal");
        QTest::newRow("private CA in tls.ca_file") << QStringLiteral("good") << 1 << QString();
        QTest::newRow("private CA in the endpoint's ca_file")
            << QStringLiteral("good") << 2 << QString();
        QTest::newRow("private CA not given")
            << QStringLiteral("good") << 0
            << QStringLiteral("its issuer QCC Test CA is not a trusted authority");
        QTest::newRow("expired") << QStringLiteral("expired") << 1
                                 << QStringLiteral("it expired on ");
        QTest::newRow("wrong name")
            << QStringLiteral("elsewhere") << 1
            << QStringLiteral("it is for relay.example.com, not for this host");
        QTest::newRow("unknown CA") << QStringLiteral("foreign") << 1
                                    << QStringLiteral("its issuer QCC Other CA is not a trusted "
                                                      "authority");
    }
    void certificates()
    {
        QFETCH(QString, leaf);
        QFETCH(int, where);
        QFETCH(QString, refusal);
        FakeUpstream relay;
        relay.setTls(serverTls(leaf));
        FakeUpstream fallback; // plain HTTP, behind it
        ProxyRig rig;
        rig.config.failover.isolateAfter = 1;
        EndpointConfig &ep = rig.add(relay, QStringLiteral("relay"));
        const QString ca = path(QStringLiteral("ca.pem"));
        if (where == 2)
            ep.caFile = ca;
        if (where > 0) // what loading the config makes of tls.ca_file and ca_file
            ep.trustedPem = QSslCertificate::fromPath(ca).first().toPem();
        rig.add(fallback, QStringLiteral("fallback"), Tier::Secondary);
        rig.start();
        HttpClient *c = rig.post(this);
        QVERIFY(waitFor(c, 20000));
        QCOMPARE(c->status, 200); // served by one or the other, never refused to the client
        if (refusal.isEmpty()) {
            QCOMPARE(relay.requestCount(), 1);
            QCOMPARE(fallback.requestCount(), 0);
            QCOMPARE(statusName(rig.endpoint(QStringLiteral("relay")).status),
                     QStringLiteral("healthy"));
            return;
        }
        QCOMPARE(relay.requestCount(), 0);
        QCOMPARE(fallback.requestCount(), 1);
        // The reason, with the host, where people look: the failure queue and the stats.
        const EndpointSnapshot e = rig.endpoint(QStringLiteral("relay"));
        QCOMPARE(statusName(e.status), QStringLiteral("isolated"));
        const QString why = e.lastErrorText.english();
        QVERIFY2(why.contains(QStringLiteral("the TLS certificate of 127.0.0.1 was refused: ") +
                              refusal),
                 qPrintable(why));
        HttpClient stats;
        stats.send(rig.port(), "GET", "/__qcc__/stats");
        QVERIFY(waitFor(&stats));
        QVERIFY2(stats.body.contains(refusal.toUtf8()), stats.body.constData());
    }

    // Qt trusts the system store by loading it on demand, and a CA list of our own turns that
    // off: the list an endpoint's connections get is the system's certificates and then the
    // files' (a ca_file must never cost the endpoint the public CAs).
    void aCaFileAddsToTheSystemStore()
    {
        const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
        QVERIFY2(!system.isEmpty(), "no system CA certificates (ca-certificates not installed?)");
        const QSslCertificate ours =
            QSslCertificate::fromPath(path(QStringLiteral("ca.pem"))).first();
        const auto target = UpstreamTarget::get(QStringLiteral("https://relay.example:8443"),
                                                QStringLiteral("none"), ours.toPem());
        QCOMPARE(target->caCertificates.size(), system.size() + 1);
        QCOMPARE(target->caCertificates.mid(0, system.size()), system);
        QCOMPARE(target->caCertificates.last(), ours);
        // without a CA file the socket keeps Qt's own (on-demand) system store
        QVERIFY(UpstreamTarget::get(QStringLiteral("https://relay.example:8443"),
                                    QStringLiteral("none"))
                    ->caCertificates.isEmpty());
    }

    void aConnectionIsNeverSharedAcrossTrust()
    {
        // Two endpoints on one host, one trusting the private CA: the other must make its own
        // connection (and be refused), never reuse one verified with a CA it does not trust.
        FakeUpstream relay;
        relay.setTls(serverTls(QStringLiteral("good")));
        ProxyRig rig;
        rig.config.failover.isolateAfter = 1;
        rig.config.failover.maxAttempts = 1;
        // (Each reference is used before the next add(), which may move the list.)
        rig.add(relay, QStringLiteral("trusting")).trustedPem =
            QSslCertificate::fromPath(path(QStringLiteral("ca.pem"))).first().toPem();
        EndpointConfig &plain = rig.add(relay, QStringLiteral("plain"));
        plain.baseUrl += QStringLiteral("/"); // another endpoint, same origin
        plain.apiKey = plain.key = QStringLiteral("sk-fake-test-plain-111111111111");
        plain.effectiveId = deriveEndpointId(plain.baseUrl, plain.keySource());
        rig.start();
        rig.engine.registry()->setPicked(rig.idOf(QStringLiteral("trusting")));
        HttpClient *first = rig.post(this);
        QVERIFY(waitFor(first, 20000));
        QCOMPARE(first->status, 200);
        QCOMPARE(relay.requestCount(), 1);
        rig.engine.registry()->setPicked(rig.idOf(QStringLiteral("plain")));
        HttpClient *second = rig.post(this);
        QVERIFY(waitFor(second, 20000));
        QVERIFY(second->status >= 500);
        QCOMPARE(relay.requestCount(), 1);
        QVERIFY(rig.endpoint(QStringLiteral("plain"))
                    .lastErrorText.english()
                    .contains(QStringLiteral("is not a trusted authority")));
    }
};

QCC_TEST_MAIN(TestTls)
#include "tst_tls.moc"
