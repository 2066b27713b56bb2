#include "proxy/accesspolicy.h"

#include <QtTest>

using namespace qcc;

Q_DECLARE_METATYPE(qcc::HeaderList)

//! Who may use the proxy, judged on a request's head, row by row without a socket (the same
//! refusals through the real proxy: tst_proxy refusals).
class TestAccessPolicy : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void accessRefusal_data()
    {
        QTest::addColumn<bool>("loopbackOnly");
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<HeaderList>("headers");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("reason");
        const QByteArray token = "qcc-0123456789abcdef";
        const Header host{"Host", "127.0.0.1:7860"};
        QTest::newRow("loopback, no token")
            << true << QByteArray() << HeaderList{host} << 0 << QString();
        QTest::newRow("localhost in capitals")
            << true << QByteArray() << HeaderList{{"HOST", "LocalHost:7860"}} << 0 << QString();
        QTest::newRow("another port")
            << true << QByteArray() << HeaderList{{"Host", "127.0.0.1:7861"}} << 403
            << QStringLiteral("Host header \"127.0.0.1:7861\" is not "
                              "allowed (DNS-rebinding protection)");
        QTest::newRow("a port with a sign")
            << true << QByteArray() << HeaderList{{"Host", "127.0.0.1:+7860"}} << 403
            << QStringLiteral("Host header \"127.0.0.1:+7860\" is not allowed (DNS-rebinding "
                              "protection)");
        QTest::newRow("a rebinding name")
            << true << QByteArray() << HeaderList{{"Host", "evil.example:7860"}} << 403
            << QStringLiteral("Host header \"evil.example:7860\" is not allowed (DNS-rebinding "
                              "protection)");
        QTest::newRow("no Host") << true << QByteArray() << HeaderList{} << 403
                                 << QStringLiteral("Host header \"\" is not allowed "
                                                   "(DNS-rebinding protection)");
        QTest::newRow("any Host off loopback")
            << false << token << HeaderList{{"Host", "qcc.lan:7860"}, {"x-api-key", token}} << 0
            << QString();
        QTest::newRow("a web page")
            << true << QByteArray() << HeaderList{host, {"Origin", "https://evil.example"}} << 403
            << QStringLiteral("requests from web pages (with an Origin "
                              "header) are refused");
        QTest::newRow("token as x-api-key")
            << true << token << HeaderList{host, {"X-Api-Key", token}} << 0 << QString();
        QTest::newRow("token as Bearer")
            << true << token << HeaderList{host, {"authorization", "Bearer " + token + " "}} << 0
            << QString();
        QTest::newRow("no token") << true << token << HeaderList{host} << 401
                                  << QStringLiteral("missing or wrong QCC access token");
        QTest::newRow("a prefix of the token")
            << true << token << HeaderList{host, {"x-api-key", token.left(10)}} << 401
            << QStringLiteral("missing or wrong QCC access token");
        QTest::newRow("the token and more")
            << true << token << HeaderList{host, {"x-api-key", token + "0"}} << 401
            << QStringLiteral("missing or wrong QCC access token");
        QTest::newRow("Basic is not Bearer")
            << true << token << HeaderList{host, {"Authorization", "Basic " + token}} << 401
            << QStringLiteral("missing or wrong QCC access token");
    }
    void accessRefusal()
    {
        QFETCH(bool, loopbackOnly);
        QFETCH(QByteArray, token);
        QFETCH(HeaderList, headers);
        QFETCH(int, status);
        QFETCH(QString, reason);
        ServerSettings settings;
        settings.loopbackOnly = loopbackOnly;
        settings.allowedHosts = {"127.0.0.1:7860", "localhost:7860"};
        settings.accessToken = token;
        HttpRequest head;
        head.method = "POST";
        head.path = head.target = "/v1/messages";
        head.headers = headers;
        const Refusal r = qcc::accessRefusal(head, settings);
        QCOMPARE(r.status, status);
        QCOMPARE(r.reason, reason);
    }
};

QTEST_APPLESS_MAIN(TestAccessPolicy)
#include "tst_accesspolicy.moc"
